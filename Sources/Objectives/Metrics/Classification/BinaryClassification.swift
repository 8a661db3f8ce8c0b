/// Binary classification metrics over scores for the positive class and 0/1 targets.
///
/// One objective reports a chosen list of metrics (DanLing's `auroc, auprc, acc, f1, mcc` by
/// default) and computes their common state once per batch: one 2×2 confusion matrix for the
/// threshold metrics, one score store for AUROC and average precision. `Score` is `Float` or
/// `Double`; everything is accumulated in `Double` and integer counts.
///
/// ```swift
/// var metrics = try BinaryClassification<Float>(inputKind: .logits)
/// try metrics.update(logits, labels)
/// metrics.compute()   // {auroc: …, auprc: …, acc: …, f1: …, mcc: …}
/// ```
///
/// - Exact mode: the values on all the data. Threshold metrics cost O(1) memory; AUROC and AP keep
///   4 bytes per `Float` sample (8 per `Double`) and sort with an O(N) radix sort at `compute()`,
///   or O(T) memory with `rankEstimation: .binned(thresholds: T)`.
/// - Streaming mode: each batch's values, averaged by sample count, in O(1) memory.
///
/// The laws of `MergeableState` hold; in exact mode any batching or sharding of the data, merged,
/// gives exactly the same counts and rank results.
/// - Complexity: `update` O(n); `compute` O(1), plus O(N) for exact AUROC/AP.
public struct BinaryClassification<Score: ClassificationScore>: Objective, StateSharing {
  /// Scores, read as `options.inputKind` says.
  public typealias Output = [Score]
  /// Integer targets.
  public typealias Target = [Int]
  /// Counts, stored scores or histograms, or streamed means.
  public typealias State = ClassificationState<Score>

  var core: ClassificationCore<Score>

  /// A binary objective reporting `metrics` (a later metric with the same key replaces an earlier
  /// one).
  /// - Throws: `ObjectiveError.invalidArgument` for a threshold outside [0, 1], fewer than 2
  ///   binned thresholds, or a metric a binary objective cannot report (top-k accuracy, exact
  ///   match, F-β with β ≤ 0), naming the value.
  public init(metrics: [ClassificationMetric] = ClassificationMetric.defaults, options: ClassificationOptions)
    throws(ObjectiveError)
  {
    core = try ClassificationCore(task: .binary, options: options, metrics: metrics)
  }

  /// A binary objective reporting `metrics`, with the options spelled out (see
  /// `ClassificationOptions`; `average` does not apply to binary metrics). Throws as
  /// `init(metrics:options:)` does.
  public init(
    inputKind: InputKind = .probabilities, metrics: [ClassificationMetric] = ClassificationMetric.defaults,
    threshold: Double = 0.5, ignoreIndex: Int? = nil, nanPolicy: NaNPolicy = .propagate,
    mode: AccumulationMode = .exact, rankEstimation: RankEstimation = .exact
  ) throws(ObjectiveError) {
    try self.init(
      metrics: metrics,
      options: ClassificationOptions(
        inputKind: inputKind, threshold: threshold, ignoreIndex: ignoreIndex, nanPolicy: nanPolicy,
        mode: mode, rankEstimation: rankEstimation))
  }

  /// The reported metrics, in report order.
  public var metrics: [ClassificationMetric] { core.metrics }
  /// The options.
  public var options: ClassificationOptions { core.options }

  /// Accumulates one batch of scores and 0/1 targets (see `update(scores:targets:)`).
  @_specialize(where Score == Float)
  @_specialize(where Score == Double)
  public mutating func update(_ outputs: [Score], _ targets: [Int]) throws(ObjectiveError) {
    let result: Result<Void, ObjectiveError> = outputs.withUnsafeBufferPointer { s in
      targets.withUnsafeBufferPointer { t in
        do throws(ObjectiveError) {
          try update(scores: s, targets: t)
          return .success(())
        } catch { return .failure(error) }
      }
    }
    try result.get()
  }

  /// Every metric in list order, with its direction. Does not change the state.
  /// - Complexity: O(counts), plus a radix sort of the stored scores for exact AUROC/AP.
  @_specialize(where Score == Float)
  @_specialize(where Score == Double)
  public func compute() -> Results { core.compute() }

  /// Returns to the empty state (stored scores are released), keeping the configuration.
  public mutating func reset() { core.reset() }

  /// Merges another objective's state. Throws `.incompatibleState` unless options and metric lists
  /// are equal.
  @_specialize(where Score == Float)
  @_specialize(where Score == Double)
  public mutating func merge(_ other: BinaryClassification) throws(ObjectiveError) {
    try core.merge(other.core)
  }

  /// A `Codable` snapshot of the accumulated state.
  public var state: ClassificationState<Score> { core.exportedState }

  /// Replaces the state with a snapshot from an objective of the same configuration; throws
  /// `.incompatibleState` when its shape differs.
  public mutating func restore(_ state: ClassificationState<Score>) throws(ObjectiveError) {
    try core.restore(state)
  }

  /// One objective reporting the metrics of both when their options are equal (and their states
  /// both empty, or equal); `nil` otherwise.
  public func sharingState(with other: BinaryClassification) -> BinaryClassification? {
    core.sharingState(with: other.core).map { BinaryClassification(core: $0) }
  }

  init(core: ClassificationCore<Score>) { self.core = core }

  /// The same configuration and metrics in `mode`, with an empty state. Converting back gives an
  /// objective equal to an emptied original. (Accumulated data cannot be carried over: a streaming
  /// state holds only averages.)
  public func converted(to mode: AccumulationMode) -> BinaryClassification {
    BinaryClassification(core: core.converted(to: mode))
  }

  /// The same configuration with `metrics` added; a metric whose key is already reported replaces
  /// it in place. The state is empty.
  public func adding(_ metrics: [ClassificationMetric]) throws(ObjectiveError) -> BinaryClassification {
    BinaryClassification(core: try core.withMetrics(core.metrics + metrics))
  }

  /// The same configuration reporting exactly `metrics`, with an empty state.
  public func replacingMetrics(with metrics: [ClassificationMetric]) throws(ObjectiveError)
    -> BinaryClassification
  {
    BinaryClassification(core: try core.withMetrics(metrics))
  }

  /// The ROC curve: a first point `(0, 0)` at threshold `+∞`, then one point per distinct score
  /// from the highest down (scikit-learn's `roc_curve(drop_intermediate=False)`). Thresholds are
  /// probabilities (the sigmoid of the logit for `.logits`). Empty unless the objective stores
  /// scores: exact mode with `.auroc` or `.averagePrecision` among its metrics (with binned
  /// estimation, one point per threshold).
  /// - Complexity: O(N) time and memory.
  ///
  /// The same accessor as on the multiclass and multilabel objectives: a binary objective has one
  /// curve, of the positive class, at `class` 0 (the default); another index gives an empty curve.
  public func rocCurve(class index: Int = 0) -> [ROCPoint] { core.curves(ofClass: index)?.roc ?? [] }

  /// The precision–recall curve: a first point (precision 1, recall 0) at `+∞`, then one point per
  /// distinct score from the highest down (scikit-learn's `precision_recall_curve` in reverse
  /// order). Same availability and thresholds as `rocCurve(class:)`.
  /// The curve is of the positive class, at `class` 0 (the default), as for `rocCurve(class:)`.
  /// - Complexity: O(N) time and memory.
  public func precisionRecallCurve(class index: Int = 0) -> [PrecisionRecallPoint] {
    core.curves(ofClass: index)?.precisionRecall ?? []
  }

  /// Upper bounds on `|binned − exact|` of AUROC and average precision with binned estimation
  /// (see `ScoreHistogram`), or `nil` when the objective does not bin.
  public var binnedErrorBounds: (auroc: Double, averagePrecision: Double)? {
    core.state.histograms.first?.errorBounds
  }
}
