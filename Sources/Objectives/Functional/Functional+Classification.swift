// The named classification forms of `Functional`: one function per metric kind, each the scalar
// value of `Functional.classification(_:_:_:task:options:)` for that metric.

extension Functional {
  /// The options of a named form.
  static func options(
    _ inputKind: InputKind, _ threshold: Double, _ average: Averaging, _ ignoreIndex: Int?
  ) -> ClassificationOptions {
    ClassificationOptions(
      inputKind: inputKind, threshold: threshold, ignoreIndex: ignoreIndex, average: average)
  }

  /// Accuracy (`acc`): binary and multilabel (TP + TN) / total; multiclass, recall per class, so micro accuracy is the share of correct rows.
  ///
  /// `average` applies to multiclass and multilabel tasks.
  /// - Throws: the objective's `ObjectiveError`s.
  public static func accuracy<Score: ClassificationScore>(
    _ scores: [Score], _ targets: [Int], task: ClassificationTask, inputKind: InputKind = .probabilities,
    threshold: Double = 0.5, average: Averaging = .macro, ignoreIndex: Int? = nil
  ) throws(ObjectiveError) -> Double {
    try classificationScalar(
      .accuracy, scores, targets, task: task, options: options(inputKind, threshold, average, ignoreIndex))
  }

  /// Precision, TP / (TP + FP) (`precision`).
  ///
  /// `average` applies to multiclass and multilabel tasks.
  /// - Throws: the objective's `ObjectiveError`s.
  public static func precision<Score: ClassificationScore>(
    _ scores: [Score], _ targets: [Int], task: ClassificationTask, inputKind: InputKind = .probabilities,
    threshold: Double = 0.5, average: Averaging = .macro, ignoreIndex: Int? = nil
  ) throws(ObjectiveError) -> Double {
    try classificationScalar(
      .precision, scores, targets, task: task, options: options(inputKind, threshold, average, ignoreIndex))
  }

  /// Recall, sensitivity, TP / (TP + FN) (`recall`).
  ///
  /// `average` applies to multiclass and multilabel tasks.
  /// - Throws: the objective's `ObjectiveError`s.
  public static func recall<Score: ClassificationScore>(
    _ scores: [Score], _ targets: [Int], task: ClassificationTask, inputKind: InputKind = .probabilities,
    threshold: Double = 0.5, average: Averaging = .macro, ignoreIndex: Int? = nil
  ) throws(ObjectiveError) -> Double {
    try classificationScalar(
      .recall, scores, targets, task: task, options: options(inputKind, threshold, average, ignoreIndex))
  }

  /// F1, the harmonic mean of precision and recall (`f1`).
  ///
  /// `average` applies to multiclass and multilabel tasks.
  /// - Throws: the objective's `ObjectiveError`s.
  public static func f1<Score: ClassificationScore>(
    _ scores: [Score], _ targets: [Int], task: ClassificationTask, inputKind: InputKind = .probabilities,
    threshold: Double = 0.5, average: Averaging = .macro, ignoreIndex: Int? = nil
  ) throws(ObjectiveError) -> Double {
    try classificationScalar(
      .f1, scores, targets, task: task, options: options(inputKind, threshold, average, ignoreIndex))
  }

  /// Specificity, TN / (TN + FP) (`specificity`).
  ///
  /// `average` applies to multiclass and multilabel tasks.
  /// - Throws: the objective's `ObjectiveError`s.
  public static func specificity<Score: ClassificationScore>(
    _ scores: [Score], _ targets: [Int], task: ClassificationTask, inputKind: InputKind = .probabilities,
    threshold: Double = 0.5, average: Averaging = .macro, ignoreIndex: Int? = nil
  ) throws(ObjectiveError) -> Double {
    try classificationScalar(
      .specificity, scores, targets, task: task, options: options(inputKind, threshold, average, ignoreIndex))
  }

  /// Balanced accuracy, the mean recall over the classes present (`balanced_accuracy`).
  ///
  /// `average` applies to multiclass and multilabel tasks.
  /// - Throws: the objective's `ObjectiveError`s.
  public static func balancedAccuracy<Score: ClassificationScore>(
    _ scores: [Score], _ targets: [Int], task: ClassificationTask, inputKind: InputKind = .probabilities,
    threshold: Double = 0.5, average: Averaging = .macro, ignoreIndex: Int? = nil
  ) throws(ObjectiveError) -> Double {
    try classificationScalar(
      .balancedAccuracy, scores, targets, task: task,
      options: options(inputKind, threshold, average, ignoreIndex))
  }

  /// Matthews correlation coefficient (`mcc`; multiclass: Gorodkin's R_K).
  ///
  /// `average` applies to multiclass and multilabel tasks.
  /// - Throws: the objective's `ObjectiveError`s.
  public static func mcc<Score: ClassificationScore>(
    _ scores: [Score], _ targets: [Int], task: ClassificationTask, inputKind: InputKind = .probabilities,
    threshold: Double = 0.5, average: Averaging = .macro, ignoreIndex: Int? = nil
  ) throws(ObjectiveError) -> Double {
    try classificationScalar(
      .mcc, scores, targets, task: task, options: options(inputKind, threshold, average, ignoreIndex))
  }

  /// Cohen's κ between predictions and targets (`kappa`).
  ///
  /// `average` applies to multiclass and multilabel tasks.
  /// - Throws: the objective's `ObjectiveError`s.
  public static func cohenKappa<Score: ClassificationScore>(
    _ scores: [Score], _ targets: [Int], task: ClassificationTask, inputKind: InputKind = .probabilities,
    threshold: Double = 0.5, average: Averaging = .macro, ignoreIndex: Int? = nil
  ) throws(ObjectiveError) -> Double {
    try classificationScalar(
      .cohenKappa, scores, targets, task: task, options: options(inputKind, threshold, average, ignoreIndex))
  }

  /// Area under the ROC curve (`auroc`; one-vs-rest for multiclass), ties given half credit.
  ///
  /// `average` applies to multiclass and multilabel tasks.
  /// - Throws: the objective's `ObjectiveError`s.
  public static func auroc<Score: ClassificationScore>(
    _ scores: [Score], _ targets: [Int], task: ClassificationTask, inputKind: InputKind = .probabilities,
    threshold: Double = 0.5, average: Averaging = .macro, ignoreIndex: Int? = nil
  ) throws(ObjectiveError) -> Double {
    try classificationScalar(
      .auroc, scores, targets, task: task, options: options(inputKind, threshold, average, ignoreIndex))
  }

  /// Average precision, the step-wise area under the precision–recall curve (`auprc`).
  ///
  /// `average` applies to multiclass and multilabel tasks.
  /// - Throws: the objective's `ObjectiveError`s.
  public static func averagePrecision<Score: ClassificationScore>(
    _ scores: [Score], _ targets: [Int], task: ClassificationTask, inputKind: InputKind = .probabilities,
    threshold: Double = 0.5, average: Averaging = .macro, ignoreIndex: Int? = nil
  ) throws(ObjectiveError) -> Double {
    try classificationScalar(
      .averagePrecision, scores, targets, task: task,
      options: options(inputKind, threshold, average, ignoreIndex))
  }

  /// Log loss, the mean negative log-likelihood (`log_loss`; multiclass: cross-entropy).
  ///
  /// `average` applies to multiclass and multilabel tasks.
  /// - Throws: the objective's `ObjectiveError`s.
  public static func logLoss<Score: ClassificationScore>(
    _ scores: [Score], _ targets: [Int], task: ClassificationTask, inputKind: InputKind = .probabilities,
    threshold: Double = 0.5, average: Averaging = .macro, ignoreIndex: Int? = nil
  ) throws(ObjectiveError) -> Double {
    try classificationScalar(
      .logLoss, scores, targets, task: task, options: options(inputKind, threshold, average, ignoreIndex))
  }

  /// Multilabel exact match, the share of rows whose labels are all right (`exact_match`).
  ///
  /// `average` applies to multiclass and multilabel tasks.
  /// - Throws: the objective's `ObjectiveError`s.
  public static func exactMatch<Score: ClassificationScore>(
    _ scores: [Score], _ targets: [Int], task: ClassificationTask, inputKind: InputKind = .probabilities,
    threshold: Double = 0.5, average: Averaging = .macro, ignoreIndex: Int? = nil
  ) throws(ObjectiveError) -> Double {
    try classificationScalar(
      .exactMatch, scores, targets, task: task, options: options(inputKind, threshold, average, ignoreIndex))
  }

  /// Multilabel Hamming loss, the share of wrong label decisions (`hamming_loss`).
  ///
  /// `average` applies to multiclass and multilabel tasks.
  /// - Throws: the objective's `ObjectiveError`s.
  public static func hammingLoss<Score: ClassificationScore>(
    _ scores: [Score], _ targets: [Int], task: ClassificationTask, inputKind: InputKind = .probabilities,
    threshold: Double = 0.5, average: Averaging = .macro, ignoreIndex: Int? = nil
  ) throws(ObjectiveError) -> Double {
    try classificationScalar(
      .hammingLoss, scores, targets, task: task, options: options(inputKind, threshold, average, ignoreIndex))
  }

  /// F-β, `(1 + β²)·TP / ((1 + β²)·TP + β²·FN + FP)` (`f2` for β = 2).
  ///
  /// - Throws: `ObjectiveError.invalidArgument` for β that is not finite and positive, and the
  ///   objective's errors.
  public static func fBeta<Score: ClassificationScore>(
    _ scores: [Score], _ targets: [Int], beta: Double, task: ClassificationTask,
    inputKind: InputKind = .probabilities, threshold: Double = 0.5, average: Averaging = .macro,
    ignoreIndex: Int? = nil
  ) throws(ObjectiveError) -> Double {
    guard beta > 0, beta.isFinite else { throw .invalidArgument("F-beta needs a finite β > 0, got \(beta)") }
    return try classificationScalar(
      .fBeta(beta), scores, targets, task: task, options: options(inputKind, threshold, average, ignoreIndex))
  }

  /// Multiclass top-k accuracy: the target is among the `k` highest scores (`acc@k`).
  ///
  /// - Throws: `ObjectiveError.invalidArgument` for `k < 1`, and the objective's errors.
  public static func topKAccuracy<Score: ClassificationScore>(
    _ scores: [Score], _ targets: [Int], k: Int, numClasses: Int, inputKind: InputKind = .probabilities,
    average: Averaging = .micro, ignoreIndex: Int? = nil
  ) throws(ObjectiveError) -> Double {
    guard k >= 1 else { throw .invalidArgument("top-k accuracy needs k ≥ 1, got \(k)") }
    return try classificationScalar(
      .topKAccuracy(k), scores, targets, task: .multiclass(numClasses: numClasses),
      options: options(inputKind, 0.5, average, ignoreIndex))
  }

  /// Jaccard index, intersection over union TP / (TP + FP + FN) (`jaccard`); 0/0 → 0. O(n·C).
  ///
  /// `average` applies to multiclass and multilabel tasks.
  /// - Throws: the objective's `ObjectiveError`s.
  public static func jaccard<Score: ClassificationScore>(
    _ scores: [Score], _ targets: [Int], task: ClassificationTask, inputKind: InputKind = .probabilities,
    threshold: Double = 0.5, average: Averaging = .macro, ignoreIndex: Int? = nil
  ) throws(ObjectiveError) -> Double {
    try classificationScalar(
      .jaccard, scores, targets, task: task, options: options(inputKind, threshold, average, ignoreIndex))
  }

  /// Dice coefficient 2·TP / (2·TP + FP + FN) (`dice`); 0/0 → 0. O(n·C).
  ///
  /// `average` applies to multiclass and multilabel tasks.
  /// - Throws: the objective's `ObjectiveError`s.
  public static func dice<Score: ClassificationScore>(
    _ scores: [Score], _ targets: [Int], task: ClassificationTask, inputKind: InputKind = .probabilities,
    threshold: Double = 0.5, average: Averaging = .macro, ignoreIndex: Int? = nil
  ) throws(ObjectiveError) -> Double {
    try classificationScalar(
      .dice, scores, targets, task: task, options: options(inputKind, threshold, average, ignoreIndex))
  }

  /// Cohen's κ with linear weights |i − j| (`kappa_linear`; = κ for binary and per label). O(n + C²).
  ///
  /// `average` applies to multiclass and multilabel tasks.
  /// - Throws: the objective's `ObjectiveError`s.
  public static func linearKappa<Score: ClassificationScore>(
    _ scores: [Score], _ targets: [Int], task: ClassificationTask, inputKind: InputKind = .probabilities,
    threshold: Double = 0.5, average: Averaging = .macro, ignoreIndex: Int? = nil
  ) throws(ObjectiveError) -> Double {
    try classificationScalar(
      .linearKappa, scores, targets, task: task, options: options(inputKind, threshold, average, ignoreIndex))
  }

  /// Cohen's κ with quadratic weights (i − j)² (`kappa_quadratic`; = κ for binary and per label). O(n + C²).
  ///
  /// `average` applies to multiclass and multilabel tasks.
  /// - Throws: the objective's `ObjectiveError`s.
  public static func quadraticKappa<Score: ClassificationScore>(
    _ scores: [Score], _ targets: [Int], task: ClassificationTask, inputKind: InputKind = .probabilities,
    threshold: Double = 0.5, average: Averaging = .macro, ignoreIndex: Int? = nil
  ) throws(ObjectiveError) -> Double {
    try classificationScalar(
      .quadraticKappa, scores, targets, task: task,
      options: options(inputKind, threshold, average, ignoreIndex))
  }

  /// Mean IoU (`mean_iou`): the Jaccard index macro-averaged over the classes present in targets or
  /// predictions (every label for multilabel; the positive class's Jaccard for binary). O(n·C).
  ///
  /// - Throws: the objective's `ObjectiveError`s.
  public static func meanIoU<Score: ClassificationScore>(
    _ scores: [Score], _ targets: [Int], task: ClassificationTask, inputKind: InputKind = .probabilities,
    threshold: Double = 0.5, ignoreIndex: Int? = nil
  ) throws(ObjectiveError) -> Double {
    try classificationScalar(
      .meanIoU, scores, targets, task: task, options: options(inputKind, threshold, .macro, ignoreIndex))
  }
}
