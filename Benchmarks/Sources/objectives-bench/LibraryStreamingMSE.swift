import Objectives

/// The library's streaming MSE over the regression pairs: `regressionMetrics(of: Float.self,
/// mode: .streaming, metrics: [.mse])`, updated in place with every batch, then computed.
enum LibraryStreamingMSE {
  static func run(_ p: [Float], _ t: [Float], batch: Int, repetitions: Int) throws -> (
    runs: [Double], mse: Double
  )? {
    let timing = try timed(repetitions: repetitions) { () throws -> Double in
      var metric = try regressionMetrics(of: Float.self, mode: .streaming, metrics: [.mse])
      try p.withUnsafeBufferPointer { p in
        try t.withUnsafeBufferPointer { t in
          var start = 0
          while start < p.count {
            let end = min(start + batch, p.count)
            try metric.update(
              outputs: UnsafeBufferPointer(rebasing: p[start..<end]),
              targets: UnsafeBufferPointer(rebasing: t[start..<end]))
            start = end
          }
        }
      }
      return metric.compute().scalar("mse") ?? .nan
    }
    return (timing.seconds, timing.result)
  }
}
