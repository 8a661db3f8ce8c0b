import Objectives

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

/// The library's runners, by workload and mode.
enum LibraryRunners {
  static func binary(_ mode: Mode) -> (any BinaryRunner)? {
    do {
      return try Binary(mode: mode)
    } catch {
      fatalError("objectives-bench: binaryMetrics refused the benchmark's configuration: \(error)")
    }
  }
  static func multiclass(_ mode: Mode, classes: Int) -> (any MulticlassRunner)? {
    do {
      return try Multiclass(mode: mode, classes: classes)
    } catch {
      fatalError("objectives-bench: multiclassMetrics refused the benchmark's configuration: \(error)")
    }
  }
  static func regression(_ mode: Mode) -> (any RegressionRunner)? {
    do {
      return try Regression(mode: mode)
    } catch {
      fatalError("objectives-bench: regressionMetrics refused the benchmark's configuration: \(error)")
    }
  }

  static func accumulation(_ mode: Mode) -> AccumulationMode { mode == .exact ? .exact : .streaming }

  /// The scalar values of `results` under `keys` (NaN for a missing key).
  static func values(_ results: Results, _ keys: [String]) -> [(String, Double)] {
    keys.map { ($0, results.scalar($0) ?? .nan) }
  }

  /// `binaryMetrics` with its defaults (`auroc, auprc, acc, f1, mcc`), probabilities, threshold 0.5.
  struct Binary: BinaryRunner {
    var metrics: BinaryClassification<Float>
    init(mode: Mode) throws {
      metrics = try binaryMetrics(Float.self, inputKind: .probabilities, threshold: 0.5, mode: accumulation(mode))
    }
    mutating func update(scores: UnsafeBufferPointer<Float>, labels: UnsafeBufferPointer<Int>) throws {
      try metrics.update(scores: scores, targets: labels)
    }
    func compute() -> [(String, Double)] {
      values(metrics.compute(), ["auroc", "auprc", "acc", "f1", "mcc"])
    }
  }

  /// `multiclassMetrics` on logits: micro accuracy, macro F1, macro one-vs-rest AUROC, MCC.
  struct Multiclass: MulticlassRunner {
    var metrics: MulticlassClassification<Float>
    init(mode: Mode, classes: Int) throws {
      metrics = try multiclassMetrics(
        Float.self, numClasses: classes,
        inputKind: .logits, metrics: [.accuracy.averaged(.micro).named("acc"), .f1, .auroc, .mcc],
        average: .macro, mode: accumulation(mode))
    }
    mutating func update(logits: UnsafeBufferPointer<Float>, classes: Int, labels: UnsafeBufferPointer<Int>)
      throws
    {
      try metrics.update(scores: logits, targets: labels)
    }
    func compute() -> [(String, Double)] { values(metrics.compute(), ["acc", "f1", "auroc", "mcc"]) }
  }

  /// `regressionMetrics` with its defaults (`pearson, spearman, r2, mse, rmse`) on `Float` inputs.
  struct Regression: RegressionRunner {
    var metrics: Regression<Float>
    init(mode: Mode) throws {
      metrics = try regressionMetrics(of: Float.self, mode: accumulation(mode))
    }
    mutating func update(predictions: UnsafeBufferPointer<Float>, targets: UnsafeBufferPointer<Float>) throws
    {
      try metrics.update(outputs: predictions, targets: targets)
    }
    func compute() -> [(String, Double)] {
      values(metrics.compute(), ["pearson", "spearman", "r2", "mse", "rmse"])
    }
  }
}
