import Objectives

/// The library's streaming MSE over batches (filled in when the regression metrics land on main).
enum LibraryStreamingMSE {
  static func run(_ p: [Float], _ t: [Float], batch: Int, repetitions: Int) throws -> (
    runs: [Double], mse: Double
  )? {
    nil
  }
}
