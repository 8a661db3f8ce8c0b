/// One call, one value: the functional form of every catalogue metric and built-in loss.
///
/// ```swift
/// let auroc = try Functional.auroc([0.9, 0.2, 0.7, 0.4], [1, 0, 0, 1], task: .binary)   // 0.75
/// let f1 = try Functional.f1(logits, labels, task: .multiclass(numClasses: 3), inputKind: .logits)
/// let r2 = try Functional.r2(predictions, targets)
/// let ce = try Functional.crossEntropyLoss(logits, labels, numClasses: 3)
/// ```
///
/// Each metric function builds the objective of its task with the same options, updates it once
/// with the whole data and computes it, so it runs the objective's kernels (there is no second
/// implementation), takes the objective's options and throws the objective's typed errors. Use the
/// stateful objectives (`BinaryClassification`, `Regression`, …) to accumulate over batches,
/// merge shards or report several metrics from one pass; use these functions for a one-off value.
///
/// The named functions return one `Double`. A value that is a vector or a matrix (per-class
/// averaging, `multioutput: .rawValues`, the confusion matrix) comes from the general forms
/// `classification(_:_:_:task:options:)` and `regression(_:_:_:numOutputs:multioutput:nanPolicy:)`,
/// which return a `MetricValue`, or from `confusionMatrix(_:_:task:inputKind:threshold:ignoreIndex:)`.
///
/// - Complexity: that of one `update` and one `compute` of the objective: O(n) for counting
///   metrics, O(n log n) (radix sorts: O(n)) for AUROC, average precision and Spearman.
public enum Functional {}

/// The task of a classification metric computed in one call.
public enum ClassificationTask: Sendable, Hashable, CustomStringConvertible {
  /// One score per sample; targets 0 or 1.
  case binary
  /// `numClasses` scores per sample (row-major), or one class index per sample for `.labels`;
  /// targets in `0..<numClasses`.
  case multiclass(numClasses: Int)
  /// `numLabels` scores and `numLabels` targets (0 or 1) per sample, row-major.
  case multilabel(numLabels: Int)

  /// `binary`, `multiclass(3)` or `multilabel(4)`.
  public var description: String {
    switch self {
    case .binary: return "binary"
    case .multiclass(let c): return "multiclass(\(c))"
    case .multilabel(let l): return "multilabel(\(l))"
    }
  }
}

extension Functional {
  /// The value of any classification metric over `scores` and `targets`: a scalar, a per-class
  /// vector (per-class averaging) or a matrix (the confusion matrix).
  ///
  /// Equal to the `compute()` of the task's objective (`BinaryClassification`,
  /// `MulticlassClassification` or `MultilabelClassification`) with `metrics: [metric]` and
  /// `options`, updated once with the same data.
  ///
  /// - Throws: the objective's `ObjectiveError`s: mismatched lengths, a target out of range, a
  ///   label outside the classes, a NaN under `NaNPolicy.error`, invalid options.
  public static func classification<Score: ClassificationScore>(
    _ metric: ClassificationMetric, _ scores: [Score], _ targets: [Int], task: ClassificationTask,
    options: ClassificationOptions = ClassificationOptions()
  ) throws(ObjectiveError) -> MetricValue {
    let results = try classificationResults(metric, scores, targets, task: task, options: options)
    guard let value = results[metric.name] else {
      throw .invalidArgument("\(metric.name) is not reported for a \(task) task")
    }
    return value
  }

  /// Every result of one objective reporting `metric` (its value, and an operating point's
  /// threshold), updated once with the data in exact mode.
  static func classificationResults<Score: ClassificationScore>(
    _ metric: ClassificationMetric, _ scores: [Score], _ targets: [Int], task: ClassificationTask,
    options: ClassificationOptions
  ) throws(ObjectiveError) -> Results {
    var options = options
    options.mode = .exact
    let results: Results
    switch task {
    case .binary:
      var objective = try BinaryClassification<Score>(metrics: [metric], options: options)
      try objective.update(scores, targets)
      results = objective.compute()
    case .multiclass(let classes):
      var objective = try MulticlassClassification<Score>(
        numClasses: classes, metrics: [metric], options: options)
      try objective.update(scores, targets)
      results = objective.compute()
    case .multilabel(let labels):
      var objective = try MultilabelClassification<Score>(
        numLabels: labels, metrics: [metric], options: options)
      try objective.update(scores, targets)
      results = objective.compute()
    }
    return results
  }

  /// The confusion matrix of counts, `[true class][predicted class]` (binary: 2 × 2, negatives
  /// first; multilabel: one 2 × 2 block per label, stacked).
  public static func confusionMatrix<Score: ClassificationScore>(
    _ scores: [Score], _ targets: [Int], task: ClassificationTask, inputKind: InputKind = .probabilities,
    threshold: Double = 0.5, ignoreIndex: Int? = nil
  ) throws(ObjectiveError) -> [[Int]] {
    let options = ClassificationOptions(inputKind: inputKind, threshold: threshold, ignoreIndex: ignoreIndex)
    let value = try classification(.confusionMatrix, scores, targets, task: task, options: options)
    guard case .matrix(let rows, let columns, let counts) = value else { return [] }
    return (0..<rows).map { r in counts[(r * columns)..<(r * columns + columns)].map { Int($0) } }
  }

  /// The scalar value of `metric`; per-class averaging, which gives a vector, is refused with a
  /// pointer to `classification(_:_:_:task:options:)`.
  static func classificationScalar<Score: ClassificationScore>(
    _ metric: ClassificationMetric, _ scores: [Score], _ targets: [Int], task: ClassificationTask,
    options: ClassificationOptions
  ) throws(ObjectiveError) -> Double {
    let value = try classification(metric, scores, targets, task: task, options: options)
    guard let scalar = value.scalar else {
      throw .invalidArgument(
        "\(metric.name) of a \(task) task is a vector here; use Functional.classification(_:_:_:task:options:) "
          + "for per-class values")
    }
    return scalar
  }
}
