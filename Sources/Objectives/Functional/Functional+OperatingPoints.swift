// The operating-point forms of `Functional`: a value read off the ROC or precision–recall curve,
// with the threshold that reaches it.

extension Functional {
  /// An operating point: the value of `metric` (`.recallAtPrecision(p)`, `.precisionAtRecall(r)`,
  /// `.sensitivityAtSpecificity(s)`, `.specificityAtSensitivity(s)`, `.bestF1`, `.youden`) and the
  /// probability threshold reaching it (scores ≥ threshold are called positive; `+∞`: nothing is;
  /// NaN when the best value is 0 or the curve is undefined). Binary: two scalars. Multiclass
  /// (one-vs-rest) and multilabel: the value averaged as `average` says and one threshold per
  /// class, or two scalars from the pooled curve for `.micro`. Exact (stored scores): O(n log n)
  /// per class through the objective's radix sort.
  ///
  /// - Throws: `ObjectiveError.invalidArgument` for a metric that reports no threshold or a level
  ///   outside [0, 1], and the objective's errors.
  public static func operatingPoint<Score: ClassificationScore>(
    _ metric: ClassificationMetric, _ scores: [Score], _ targets: [Int], task: ClassificationTask,
    inputKind: InputKind = .probabilities, average: Averaging = .macro, ignoreIndex: Int? = nil
  ) throws(ObjectiveError) -> (value: MetricValue, threshold: MetricValue) {
    guard metric.reportsThreshold else {
      throw .invalidArgument("\(metric.name) is not an operating point with a threshold")
    }
    let results = try classificationResults(
      metric, scores, targets, task: task, options: options(inputKind, 0.5, average, ignoreIndex))
    guard let value = results[metric.resultKeys[0]], let threshold = results[metric.resultKeys[1]] else {
      throw .invalidArgument("\(metric.name) is not reported for a \(task) task")
    }
    return (value, threshold)
  }

  /// Standardised partial AUROC up to the false positive rate `maxFPR` (scikit-learn's
  /// `roc_auc_score(max_fpr=…)`, McClish's correction; `maxFPR` = 1 gives the AUROC). NaN with one
  /// class present. `average` applies to multiclass (one-vs-rest) and multilabel tasks.
  /// O(n log n) per class.
  ///
  /// - Throws: `ObjectiveError.invalidArgument` for `maxFPR` outside (0, 1], and the objective's
  ///   errors.
  public static func partialAUROC<Score: ClassificationScore>(
    _ scores: [Score], _ targets: [Int], maxFPR: Double, task: ClassificationTask,
    inputKind: InputKind = .probabilities, average: Averaging = .macro, ignoreIndex: Int? = nil
  ) throws(ObjectiveError) -> Double {
    try classificationScalar(
      .partialAUROC(maxFPR: maxFPR), scores, targets, task: task,
      options: options(inputKind, 0.5, average, ignoreIndex))
  }
}
