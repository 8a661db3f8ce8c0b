// Task factories with DanLing's defaults (`binary_metrics`, `multiclass_metrics`,
// `multilabel_metrics`): the metric list `auroc, auprc, acc, f1, mcc`, macro averaging, exact mode.
// `metrics:` replaces the default list; `adding:` adds metrics or replaces those with the same key.
// Without a score type the scores are `Double`; pass `Float.self` first for `Float` scores.

/// Binary classification metrics over `Double` scores with DanLing's defaults
/// (`auroc, auprc, acc, f1, mcc`).
///
/// ```swift
/// var m = try binaryMetrics(inputKind: .logits, adding: [.logLoss])
/// ```
/// - Parameters:
///   - inputKind: what the scores are: `.probabilities`, `.logits` or `.labels`.
///   - metrics: the metric list, replacing the defaults.
///   - adding: metrics added to the list; one with an existing key replaces it.
///   - threshold: a probability in [0, 1]; a sample is positive when its probability is above it.
///   - nanPolicy: what a NaN score does: `.propagate`, `.omit` or `.error`.
///   - mode: `.exact` (whole data set) or `.streaming` (per-batch values averaged by sample count).
/// - Throws: `ObjectiveError.invalidArgument` for a threshold outside [0, 1], fewer than 2 binned
///   thresholds, or a metric the task cannot report (top-k accuracy, exact match, β ≤ 0).
public func binaryMetrics(
  inputKind: InputKind = .probabilities, metrics: [ClassificationMetric] = ClassificationMetric.defaults,
  adding: [ClassificationMetric] = [], threshold: Double = 0.5, ignoreIndex: Int? = nil,
  nanPolicy: NaNPolicy = .propagate, mode: AccumulationMode = .exact, rankEstimation: RankEstimation = .exact
) throws(ObjectiveError) -> BinaryClassification<Double> {
  try binaryMetrics(
    Double.self, inputKind: inputKind, metrics: metrics, adding: adding, threshold: threshold,
    ignoreIndex: ignoreIndex, nanPolicy: nanPolicy, mode: mode, rankEstimation: rankEstimation)
}

/// Binary classification metrics over `Score` (`Float` or `Double`) scores; see
/// `binaryMetrics(inputKind:metrics:adding:threshold:ignoreIndex:nanPolicy:mode:rankEstimation:)`.
///
/// ```swift
/// var m = try binaryMetrics(Float.self, inputKind: .logits, adding: [.logLoss])
/// ```
public func binaryMetrics<Score: ClassificationScore>(
  _ scores: Score.Type = Score.self, inputKind: InputKind = .probabilities,
  metrics: [ClassificationMetric] = ClassificationMetric.defaults, adding: [ClassificationMetric] = [],
  threshold: Double = 0.5, ignoreIndex: Int? = nil, nanPolicy: NaNPolicy = .propagate,
  mode: AccumulationMode = .exact, rankEstimation: RankEstimation = .exact
) throws(ObjectiveError) -> BinaryClassification<Score> {
  try BinaryClassification(
    inputKind: inputKind, metrics: metrics + adding, threshold: threshold, ignoreIndex: ignoreIndex,
    nanPolicy: nanPolicy, mode: mode, rankEstimation: rankEstimation)
}

/// Multiclass classification metrics over `numClasses` classes and `Double` scores with DanLing's
/// defaults (`auroc, auprc, acc, f1, mcc`, macro-averaged).
///
/// ```swift
/// var m = try multiclassMetrics(numClasses: 10, inputKind: .logits, adding: [.topKAccuracy(5)])
/// ```
/// - Throws: `ObjectiveError.invalidArgument` for `numClasses < 2`, fewer than 2 binned
///   thresholds, or a metric the task cannot report (exact match, k < 1, β ≤ 0).
public func multiclassMetrics(
  numClasses: Int, inputKind: InputKind = .probabilities,
  metrics: [ClassificationMetric] = ClassificationMetric.defaults, adding: [ClassificationMetric] = [],
  ignoreIndex: Int? = nil, nanPolicy: NaNPolicy = .propagate, average: Averaging = .macro,
  mode: AccumulationMode = .exact, rankEstimation: RankEstimation = .exact
) throws(ObjectiveError) -> MulticlassClassification<Double> {
  try multiclassMetrics(
    Double.self, numClasses: numClasses, inputKind: inputKind, metrics: metrics, adding: adding,
    ignoreIndex: ignoreIndex, nanPolicy: nanPolicy, average: average, mode: mode,
    rankEstimation: rankEstimation)
}

/// Multiclass classification metrics over `Score` (`Float` or `Double`) scores; see
/// `multiclassMetrics(numClasses:inputKind:metrics:adding:ignoreIndex:nanPolicy:average:mode:rankEstimation:)`.
///
/// ```swift
/// var m = try multiclassMetrics(Float.self, numClasses: 10, inputKind: .logits, adding: [.topKAccuracy(5)])
/// ```
public func multiclassMetrics<Score: ClassificationScore>(
  _ scores: Score.Type = Score.self, numClasses: Int, inputKind: InputKind = .probabilities,
  metrics: [ClassificationMetric] = ClassificationMetric.defaults, adding: [ClassificationMetric] = [],
  ignoreIndex: Int? = nil, nanPolicy: NaNPolicy = .propagate, average: Averaging = .macro,
  mode: AccumulationMode = .exact, rankEstimation: RankEstimation = .exact
) throws(ObjectiveError) -> MulticlassClassification<Score> {
  try MulticlassClassification(
    numClasses: numClasses, inputKind: inputKind, metrics: metrics + adding, ignoreIndex: ignoreIndex,
    nanPolicy: nanPolicy, average: average, mode: mode, rankEstimation: rankEstimation)
}

/// Multilabel classification metrics over `numLabels` labels and `Double` scores with DanLing's
/// defaults (`auroc, auprc, acc, f1, mcc`, macro-averaged over labels).
///
/// ```swift
/// var m = try multilabelMetrics(numLabels: 4, inputKind: .logits, adding: [.exactMatch])
/// ```
/// - Throws: `ObjectiveError.invalidArgument` for `numLabels < 1`, a threshold outside [0, 1],
///   fewer than 2 binned thresholds, or a metric the task cannot report (top-k accuracy, β ≤ 0).
public func multilabelMetrics(
  numLabels: Int, inputKind: InputKind = .probabilities,
  metrics: [ClassificationMetric] = ClassificationMetric.defaults, adding: [ClassificationMetric] = [],
  threshold: Double = 0.5, ignoreIndex: Int? = nil, nanPolicy: NaNPolicy = .propagate,
  average: Averaging = .macro, mode: AccumulationMode = .exact, rankEstimation: RankEstimation = .exact
) throws(ObjectiveError) -> MultilabelClassification<Double> {
  try multilabelMetrics(
    Double.self, numLabels: numLabels, inputKind: inputKind, metrics: metrics, adding: adding,
    threshold: threshold, ignoreIndex: ignoreIndex, nanPolicy: nanPolicy, average: average, mode: mode,
    rankEstimation: rankEstimation)
}

/// Multilabel classification metrics over `Score` (`Float` or `Double`) scores; see
/// `multilabelMetrics(numLabels:inputKind:metrics:adding:threshold:ignoreIndex:nanPolicy:average:mode:rankEstimation:)`.
public func multilabelMetrics<Score: ClassificationScore>(
  _ scores: Score.Type = Score.self, numLabels: Int, inputKind: InputKind = .probabilities,
  metrics: [ClassificationMetric] = ClassificationMetric.defaults, adding: [ClassificationMetric] = [],
  threshold: Double = 0.5, ignoreIndex: Int? = nil, nanPolicy: NaNPolicy = .propagate,
  average: Averaging = .macro, mode: AccumulationMode = .exact, rankEstimation: RankEstimation = .exact
) throws(ObjectiveError) -> MultilabelClassification<Score> {
  try MultilabelClassification(
    numLabels: numLabels, inputKind: inputKind, metrics: metrics + adding, threshold: threshold,
    ignoreIndex: ignoreIndex, nanPolicy: nanPolicy, average: average, mode: mode,
    rankEstimation: rankEstimation)
}
