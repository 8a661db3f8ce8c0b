import Objectives

/// The names `--metrics` accepts: the library's result keys and a few common aliases.
///
/// Classification: `acc`, `acc@K`, `precision`, `recall`, `f1`, `fB` (`f2`, `f0_5`), `specificity`,
/// `balanced_accuracy`, `mcc`, `kappa`, `confmat`, `auroc`, `auprc`, `log_loss`, `cross_entropy`,
/// `exact_match`, `hamming_loss`, `jaccard` (alias `iou`), `dice`, `mean_iou` (macro Jaccard, no
/// suffix), `kappa_linear`, `kappa_quadratic`, `ece`, `mce` (`ece@N`, `mce@N` for N bins; no suffix), `recall_at_precision=P`,
/// `precision_at_recall=R`, `sensitivity_at_specificity=S`, `specificity_at_sensitivity=S`,
/// `auroc_max_fpr=F`, `best_f1`, `youden` (each also reporting `<name>_threshold`), with an
/// optional averaging suffix `_micro`, `_macro`,
/// `_weighted` or `_none` (per class). Regression: `mse`, `rmse`, `mae`, `r2`, `pearson`,
/// `spearman`, `explained_variance`, `mape`, `cosine_similarity`, with an optional `_raw` suffix
/// (one value per output) or `_variance_weighted`.
enum MetricNames {
  static let aliases: [String: String] = [
    "calibration_error": "ece", "max_calibration_error": "mce",
    "accuracy": "acc", "ap": "auprc", "average_precision": "auprc", "roc_auc": "auroc",
    "confusion_matrix": "confmat", "top_k_accuracy": "acc@5", "cohen_kappa": "kappa",
    "iou": "jaccard", "jaccard_index": "jaccard", "miou": "mean_iou", "dice_score": "dice",
  ]

  static let plain: [String: ClassificationMetric] = [
    "acc": .accuracy, "precision": .precision, "recall": .recall, "f1": .f1, "specificity": .specificity,
    "balanced_accuracy": .balancedAccuracy, "mcc": .mcc, "kappa": .cohenKappa, "confmat": .confusionMatrix,
    "auroc": .auroc, "auprc": .averagePrecision, "log_loss": .logLoss, "cross_entropy": .crossEntropy,
    "exact_match": .exactMatch, "hamming_loss": .hammingLoss, "jaccard": .jaccard, "dice": .dice,
    "mean_iou": .meanIoU, "kappa_linear": .linearKappa, "kappa_quadratic": .quadraticKappa,
    "ece": .calibrationError, "mce": .maxCalibrationError, "best_f1": .bestF1, "youden": .youden,
  ]

  /// Operating points written `name=level`.
  static let levelled: [(String, ClassificationMetric.Kind)] = [
    ("recall_at_precision=", .recallAtPrecision), ("precision_at_recall=", .precisionAtRecall),
    ("sensitivity_at_specificity=", .sensitivityAtSpecificity),
    ("specificity_at_sensitivity=", .specificityAtSensitivity), ("auroc_max_fpr=", .partialAUROC),
  ]

  /// Names that carry their own averaging and take no suffix.
  static let fixedAveraging: Set<String> = ["mean_iou", "ece", "mce"]

  /// Every accepted base name, for messages.
  static var known: String {
    (plain.keys.sorted() + ["acc@K", "fB", "ece@N", "mce@N"] + levelled.map { $0.0 + "X" }).joined(
      separator: ", ")
  }

  /// The metric called `text`.
  static func classification(_ text: String) -> ClassificationMetric? {
    let name = aliases[text] ?? text
    for average in Averaging.allCases where name.hasSuffix("_" + average.rawValue) {
      let base = String(name.dropLast(average.rawValue.count + 1))
      let plainBase = aliases[base] ?? base
      guard !fixedAveraging.contains(plainBase), !plainBase.hasPrefix("ece@"), !plainBase.hasPrefix("mce@")
      else { return nil }
      if let metric = classificationBase(base) { return metric.averaged(average) }
    }
    return classificationBase(name)
  }

  static func classificationBase(_ name: String) -> ClassificationMetric? {
    if let metric = plain[aliases[name] ?? name] { return metric }
    if name.hasPrefix("acc@"), let k = Int(name.dropFirst(4)), k >= 1 { return .topKAccuracy(k) }
    for (prefix, kind) in levelled where name.hasPrefix(prefix) {
      guard let level = Double(name.dropFirst(prefix.count)), level.isFinite else { return nil }
      return ClassificationMetric(kind, level: level)
    }
    if name.hasPrefix("ece@"), let n = Int(name.dropFirst(4)), n >= 1 { return .calibrationError(bins: n) }
    if name.hasPrefix("mce@"), let n = Int(name.dropFirst(4)), n >= 1 { return .maxCalibrationError(bins: n) }
    if name.hasPrefix("f"), name.count > 1 {
      let beta = Double(name.dropFirst().replacing("_", with: "."))
      if let beta, beta > 0, beta.isFinite { return .fBeta(beta) }
    }
    return nil
  }

  static let regressionPlain: [String: RegressionMetric] = [
    "mse": .mse, "rmse": .rmse, "mae": .mae, "r2": .r2, "pearson": .pearson, "spearman": .spearman,
    "explained_variance": .explainedVariance, "mape": .mape, "cosine_similarity": .cosineSimilarity,
  ]

  /// Every accepted regression base name, for messages.
  static var knownRegression: String { regressionPlain.keys.sorted().joined(separator: ", ") }

  /// The regression metric called `text`.
  static func regression(_ text: String) -> RegressionMetric? {
    if let metric = regressionPlain[text] { return metric }
    for (suffix, aggregation) in [
      ("_raw", MultiOutputAggregation.rawValues), ("_variance_weighted", .varianceWeighted),
    ]
    where text.hasSuffix(suffix) {
      if let metric = regressionPlain[String(text.dropLast(suffix.count))] {
        return metric.aggregated(aggregation).named(text)
      }
    }
    return nil
  }
}
