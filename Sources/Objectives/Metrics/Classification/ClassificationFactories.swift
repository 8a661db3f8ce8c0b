// Task factories with DanLing's defaults (`binary_metrics`, `multiclass_metrics`,
// `multilabel_metrics`): the metric list `auroc, auprc, acc, f1, mcc`, macro averaging, exact mode.
// `metrics:` replaces the default list; `adding:` adds metrics or replaces those with the same key.

/// Binary classification metrics with DanLing's defaults (`auroc, auprc, acc, f1, mcc`).
///
/// ```swift
/// var m = binaryMetrics(Float.self, inputKind: .logits, adding: [.logLoss])
/// ```
/// - Parameters:
///   - scores: the score type, `Float` or `Double` (inferred from context when omitted).
///   - metrics: the metric list, replacing the defaults.
///   - adding: metrics added to the list; one with an existing key replaces it.
///   - mode: `.exact` (whole data set) or `.streaming` (per-batch values averaged by sample count).
public func binaryMetrics<Score: ClassificationScore>(
  _ scores: Score.Type = Score.self, metrics: [ClassificationMetric] = ClassificationMetric.defaults,
  adding: [ClassificationMetric] = [], inputKind: InputKind = .probabilities, threshold: Double = 0.5,
  ignoreIndex: Int? = nil, nanPolicy: NaNPolicy = .propagate, mode: AccumulationMode = .exact,
  rankEstimation: RankEstimation = .exact
) -> BinaryClassification<Score> {
  BinaryClassification(
    metrics: metrics + adding, inputKind: inputKind, threshold: threshold, ignoreIndex: ignoreIndex,
    nanPolicy: nanPolicy, mode: mode, rankEstimation: rankEstimation)
}

/// Multiclass classification metrics over `numClasses` classes with DanLing's defaults
/// (`auroc, auprc, acc, f1, mcc`, macro-averaged).
///
/// ```swift
/// var m = multiclassMetrics(Float.self, numClasses: 10, inputKind: .logits, adding: [.topKAccuracy(5)])
/// ```
public func multiclassMetrics<Score: ClassificationScore>(
  _ scores: Score.Type = Score.self, numClasses: Int,
  metrics: [ClassificationMetric] = ClassificationMetric.defaults, adding: [ClassificationMetric] = [],
  inputKind: InputKind = .probabilities, ignoreIndex: Int? = nil, nanPolicy: NaNPolicy = .propagate,
  average: Averaging = .macro, mode: AccumulationMode = .exact, rankEstimation: RankEstimation = .exact
) -> MulticlassClassification<Score> {
  MulticlassClassification(
    numClasses: numClasses, metrics: metrics + adding, inputKind: inputKind, ignoreIndex: ignoreIndex,
    nanPolicy: nanPolicy, average: average, mode: mode, rankEstimation: rankEstimation)
}

/// Multilabel classification metrics over `numLabels` labels with DanLing's defaults
/// (`auroc, auprc, acc, f1, mcc`, macro-averaged over labels).
public func multilabelMetrics<Score: ClassificationScore>(
  _ scores: Score.Type = Score.self, numLabels: Int,
  metrics: [ClassificationMetric] = ClassificationMetric.defaults, adding: [ClassificationMetric] = [],
  inputKind: InputKind = .probabilities, threshold: Double = 0.5, ignoreIndex: Int? = nil,
  nanPolicy: NaNPolicy = .propagate, average: Averaging = .macro, mode: AccumulationMode = .exact,
  rankEstimation: RankEstimation = .exact
) -> MultilabelClassification<Score> {
  MultilabelClassification(
    numLabels: numLabels, metrics: metrics + adding, inputKind: inputKind, threshold: threshold,
    ignoreIndex: ignoreIndex, nanPolicy: nanPolicy, average: average, mode: mode,
    rankEstimation: rankEstimation)
}
