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
public struct BinaryClassification<Score: ClassificationScore>: ClassificationObjective {
  /// Scores, read as `options.inputKind` says.
  public typealias Output = [Score]
  /// Integer targets.
  public typealias Target = [Int]
  /// Counts, stored scores or histograms, or streamed means.
  public typealias State = ClassificationState<Score>

  /// The configuration, metric list and state (opaque; see `ClassificationObjective`).
  public var core: ClassificationCore<Score>
  /// `nil`: a binary objective reports scalars, with no per-class names.
  public var classNames: [String]? { nil }

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

  /// Upper bounds on `|binned − exact|` of AUROC and average precision with binned estimation
  /// (see `ScoreHistogram`), or `nil` when the objective does not bin.
  public var binnedErrorBounds: (auroc: Double, averagePrecision: Double)? {
    core.state.histograms.first?.errorBounds
  }
}
