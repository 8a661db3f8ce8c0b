/// The metric names of the library: the one place where a string becomes a metric.
///
/// The names are the metrics' result keys (`ClassificationMetric.name`, `RegressionMetric.name`)
/// and a few common aliases, so `ClassificationMetric(named: m.name) == m` for every metric with
/// its default key. `objectives evaluate --metrics` reads its list through this registry.
extension ClassificationMetric {
  /// Common aliases and the names they stand for (`accuracy` → `acc`, `roc_auc` → `auroc`, …).
  public static let aliases: [String: String] = [
    "accuracy": "acc", "ap": "auprc", "average_precision": "auprc", "roc_auc": "auroc",
    "confusion_matrix": "confmat", "top_k_accuracy": "acc@5", "cohen_kappa": "kappa",
    "calibration_error": "ece", "max_calibration_error": "mce",
    "iou": "jaccard", "jaccard_index": "jaccard", "miou": "mean_iou", "dice_score": "dice",
  ]

  /// The metrics whose name takes no parameter, by name.
  static let plainNames: [String: ClassificationMetric] = [
    "acc": .accuracy, "precision": .precision, "recall": .recall, "f1": .f1, "specificity": .specificity,
    "balanced_accuracy": .balancedAccuracy, "mcc": .mcc, "kappa": .cohenKappa, "confmat": .confusionMatrix,
    "auroc": .auroc, "auprc": .averagePrecision, "log_loss": .logLoss, "cross_entropy": .crossEntropy,
    "exact_match": .exactMatch, "hamming_loss": .hammingLoss, "jaccard": .jaccard, "dice": .dice,
    "mean_iou": .meanIoU, "kappa_linear": .linearKappa, "kappa_quadratic": .quadraticKappa,
    "ece": .calibrationError, "mce": .maxCalibrationError, "best_f1": .bestF1, "youden": .youden,
  ]

  /// Operating points written `name=level` (`recall_at_precision=0.9`).
  static let levelledNames: [(String, ClassificationMetric.Kind)] = [
    ("recall_at_precision=", .recallAtPrecision), ("precision_at_recall=", .precisionAtRecall),
    ("sensitivity_at_specificity=", .sensitivityAtSpecificity),
    ("specificity_at_sensitivity=", .specificityAtSensitivity), ("auroc_max_fpr=", .partialAUROC),
  ]

  /// Names that carry their own averaging and take no suffix.
  static let fixedAveraging: Set<String> = ["mean_iou", "ece", "mce"]

  /// Every base name, sorted, with the parameterised ones last (`acc@K`, `fB`, `ece@N`, `mce@N` and
  /// the operating points `recall_at_precision=X`, …), for messages. Each may take an averaging
  /// suffix `_micro`, `_macro`, `_weighted` or `_none` (per class), except `mean_iou`, `ece` and
  /// `mce`, which carry their own averaging.
  public static var knownNames: [String] {
    plainNames.keys.sorted() + ["acc@K", "fB", "ece@N", "mce@N"] + levelledNames.map { $0.0 + "X" }
  }

  /// The metric called `name`, or `nil` for an unknown name.
  ///
  /// Accepts the base names of `knownNames` (`acc@5` for top-5 accuracy, `f2` or `f0_5` for F-β),
  /// the `aliases`, and either with an averaging suffix: `f1_macro` is `.f1.averaged(.macro)`.
  public init?(named name: String) {
    let resolved = Self.aliases[name] ?? name
    for average in Averaging.allCases where resolved.hasSuffix("_" + average.rawValue) {
      let base = String(resolved.dropLast(average.rawValue.count + 1))
      let plainBase = Self.aliases[base] ?? base
      guard !Self.fixedAveraging.contains(plainBase), !plainBase.hasPrefix("ece@"),
        !plainBase.hasPrefix("mce@")
      else { return nil }
      if let metric = Self.base(named: base) {
        self = metric.averaged(average)
        return
      }
    }
    guard let metric = Self.base(named: resolved) else { return nil }
    self = metric
  }

  private static func base(named name: String) -> ClassificationMetric? {
    if let metric = plainNames[aliases[name] ?? name] { return metric }
    if name.hasPrefix("acc@"), let k = Int(name.dropFirst(4)), k >= 1 { return .topKAccuracy(k) }
    for (prefix, kind) in levelledNames where name.hasPrefix(prefix) {
      guard let level = Double(name.dropFirst(prefix.count)), level.isFinite else { return nil }
      return ClassificationMetric(kind, level: level)
    }
    if name.hasPrefix("ece@"), let n = Int(name.dropFirst(4)), n >= 1 { return .calibrationError(bins: n) }
    if name.hasPrefix("mce@"), let n = Int(name.dropFirst(4)), n >= 1 { return .maxCalibrationError(bins: n) }
    if name.hasPrefix("f"), name.count > 1, let beta = Double(name.dropFirst().replacing("_", with: ".")),
      beta > 0, beta.isFinite
    {
      return .fBeta(beta)
    }
    return nil
  }
}

extension RegressionMetric {
  /// The metrics whose name takes no suffix, by name.
  static let plainNames: [String: RegressionMetric] = [
    "mse": .mse, "rmse": .rmse, "mae": .mae, "r2": .r2, "pearson": .pearson, "spearman": .spearman,
    "explained_variance": .explainedVariance, "mape": .mape, "cosine_similarity": .cosineSimilarity,
    "msle": .msle, "log_cosh": .logCosh, "smape": .smape, "wmape": .wmape, "kendall": .kendall,
    "ccc": .ccc, "nrmse": .nrmse, "nrmse_mean": RegressionMetric.nrmse.named("nrmse_mean"),
    "nrmse_range": .nrmseRange, "nrmse_std": .nrmseStd, "nrmse_l2": .nrmseL2,
    "kl_divergence": .klDivergence, "kl_divergence_log_prob": .klDivergenceLogProb,
    "js_divergence": .jsDivergence, "js_divergence_log_prob": .jsDivergenceLogProb,
  ]

  /// Every base name, sorted, then `tweedie_deviance=P` (for messages). Each may take the suffix
  /// `_raw` (one value per output) or `_variance_weighted`.
  public static var knownNames: [String] { plainNames.keys.sorted() + ["tweedie_deviance=P"] }

  /// The metric of a base name: a plain name or `tweedie_deviance=P` for a number P (whose range
  /// `Regression` checks), reported under `name`.
  private static func base(named name: String) -> RegressionMetric? {
    if let metric = plainNames[name] { return metric }
    let prefix = "tweedie_deviance="
    guard name.hasPrefix(prefix), let power = Double(name.dropFirst(prefix.count)) else { return nil }
    return RegressionMetric.tweedieDeviance(power: power).named(name)
  }

  /// The metric called `name`, or `nil` for an unknown name: a base name of `knownNames`, or one
  /// with the suffix `_raw` (`.rawValues` aggregation) or `_variance_weighted`, reported under `name`.
  public init?(named name: String) {
    if let metric = Self.base(named: name) {
      self = metric
      return
    }
    for (suffix, aggregation) in [
      ("_raw", MultiOutputAggregation.rawValues), ("_variance_weighted", .varianceWeighted),
    ]
    where name.hasSuffix(suffix) {
      if let metric = Self.base(named: String(name.dropLast(suffix.count))) {
        self = metric.aggregated(aggregation).named(name)
        return
      }
    }
    return nil
  }
}
