/// How a benchmark drives one library on one workload: update with a batch (views into contiguous
/// buffers, never copied by the harness), then compute the values under the reference's keys.
/// Labels are widened to `Int` once, before timing, as the reference does (`astype(np.int64)`).

/// Accumulation modes a runner is built for.
enum Mode: String, CaseIterable {
  case exact
  case streaming
}

protocol BinaryRunner {
  mutating func update(scores: UnsafeBufferPointer<Float>, labels: UnsafeBufferPointer<Int>) throws
  /// `auroc`, `auprc`, `acc`, `f1`, `mcc`.
  func compute() -> [(String, Double)]
}

protocol MulticlassRunner {
  /// `logits` is row-major `labels.count × classes`.
  mutating func update(logits: UnsafeBufferPointer<Float>, classes: Int, labels: UnsafeBufferPointer<Int>)
    throws
  /// `acc` (micro), `f1` (macro), `auroc` (macro one-vs-rest), `mcc`.
  func compute() -> [(String, Double)]
}

protocol RegressionRunner {
  mutating func update(predictions: UnsafeBufferPointer<Float>, targets: UnsafeBufferPointer<Float>) throws
  /// `pearson`, `spearman`, `r2`, `mse`, `rmse`.
  func compute() -> [(String, Double)]
}

/// The library's runners, by workload and mode; `nil` while the metric is not on main.
enum LibraryRunners {
  static func binary(_ mode: Mode) -> (any BinaryRunner)? { nil }
  static func multiclass(_ mode: Mode, classes: Int) -> (any MulticlassRunner)? { nil }
  static func regression(_ mode: Mode) -> (any RegressionRunner)? { nil }
}
