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
  ]

  /// The metrics whose name takes no parameter, by name.
  static let plainNames: [String: ClassificationMetric] = [
    "acc": .accuracy, "precision": .precision, "recall": .recall, "f1": .f1, "specificity": .specificity,
    "balanced_accuracy": .balancedAccuracy, "mcc": .mcc, "kappa": .cohenKappa, "confmat": .confusionMatrix,
    "auroc": .auroc, "auprc": .averagePrecision, "log_loss": .logLoss, "cross_entropy": .crossEntropy,
    "exact_match": .exactMatch, "hamming_loss": .hammingLoss,
  ]

  /// Every base name, sorted, with the parameterised `acc@K` and `fB` last (for messages). Each may
  /// take an averaging suffix `_micro`, `_macro`, `_weighted` or `_none` (per class).
  public static var knownNames: [String] { plainNames.keys.sorted() + ["acc@K", "fB"] }

  /// The metric called `name`, or `nil` for an unknown name.
  ///
  /// Accepts the base names of `knownNames` (`acc@5` for top-5 accuracy, `f2` or `f0_5` for F-β),
  /// the `aliases`, and either with an averaging suffix: `f1_macro` is `.f1.averaged(.macro)`.
  public init?(named name: String) {
    let resolved = Self.aliases[name] ?? name
    for average in Averaging.allCases where resolved.hasSuffix("_" + average.rawValue) {
      let base = String(resolved.dropLast(average.rawValue.count + 1))
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
  ]

  /// Every base name, sorted (for messages). Each may take the suffix `_raw` (one value per
  /// output) or `_variance_weighted`.
  public static var knownNames: [String] { plainNames.keys.sorted() }

  /// The metric called `name`, or `nil` for an unknown name: a base name of `knownNames`, or one
  /// with the suffix `_raw` (`.rawValues` aggregation) or `_variance_weighted`, reported under `name`.
  public init?(named name: String) {
    if let metric = Self.plainNames[name] {
      self = metric
      return
    }
    for (suffix, aggregation) in [
      ("_raw", MultiOutputAggregation.rawValues), ("_variance_weighted", .varianceWeighted),
    ]
    where name.hasSuffix(suffix) {
      if let metric = Self.plainNames[String(name.dropLast(suffix.count))] {
        self = metric.aggregated(aggregation).named(name)
        return
      }
    }
    return nil
  }
}
