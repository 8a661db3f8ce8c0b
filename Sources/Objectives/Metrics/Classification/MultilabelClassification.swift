/// Multilabel classification metrics: `numLabels` independent binary decisions per row, each with
/// a score and a 0/1 target (or the ignore index, which skips that label of that row).
///
/// One objective reports a chosen list of metrics (DanLing's `auroc, auprc, acc, f1, mcc` by
/// default, macro-averaged over labels) and computes their common state once per batch: per-label
/// confusion counts `[tn, fp, fn, tp]`, exact-match counts, and one score store per label for
/// AUROC and average precision. Per-label values are binary metrics; micro averaging pools the
/// counts (or the scores) of every label; macro and weighted averaging include every label.
///
/// - Exact mode: O(L) memory for the counts; AUROC and AP keep 4 bytes per `Float` score (or O(L·T)
///   binned), labels sorted in parallel at `compute()` (on the calling thread under
///   `Parallelism.serial`, with bit-identical results).
/// - Streaming mode: each batch's values, averaged by row count, in O(L) memory.
///
/// The laws of `MergeableState` hold; in exact mode any batching or sharding of the data, merged,
/// gives exactly the same counts and rank results.
/// - Complexity: `update` O(n·L); `compute` O(L), plus O(N·L) for exact AUROC/AP.
public struct MultilabelClassification<Score: ClassificationScore>: ClassificationObjective {
  /// Scores, read as `options.inputKind` says.
  public typealias Output = [Score]
  /// Integer targets.
  public typealias Target = [Int]
  /// Counts, stored scores or histograms, or streamed means.
  public typealias State = ClassificationState<Score>

  /// The configuration, metric list and state (opaque; see `ClassificationObjective`).
  public var core: ClassificationCore<Score>
  /// The names per-class results are reported under (`namingClasses(_:)`); `nil`: vectors.
  public internal(set) var classNames: [String]?

  /// A multilabel objective over `numLabels` (at least 1) labels reporting `metrics`.
  /// - Throws: `ObjectiveError.invalidArgument` for `numLabels < 1`, a threshold outside [0, 1],
  ///   fewer than 2 binned thresholds, or a metric a multilabel objective cannot report (top-k
  ///   accuracy, F-β with β ≤ 0), naming the value.
  public init(
    numLabels: Int, metrics: [ClassificationMetric] = ClassificationMetric.defaults,
    options: ClassificationOptions
  ) throws(ObjectiveError) {
    core = try ClassificationCore(task: .multilabel(numLabels), options: options, metrics: metrics)
  }

  /// A multilabel objective with the options spelled out (see `ClassificationOptions`). Throws as
  /// `init(numLabels:metrics:options:)` does.
  public init(
    numLabels: Int, inputKind: InputKind = .probabilities,
    metrics: [ClassificationMetric] = ClassificationMetric.defaults, threshold: Double = 0.5,
    ignoreIndex: Int? = nil,
    nanPolicy: NaNPolicy = .propagate, average: Averaging = .macro, mode: AccumulationMode = .exact,
    rankEstimation: RankEstimation = .exact
  ) throws(ObjectiveError) {
    try self.init(
      numLabels: numLabels, metrics: metrics,
      options: ClassificationOptions(
        inputKind: inputKind, threshold: threshold, ignoreIndex: ignoreIndex, nanPolicy: nanPolicy,
        average: average, mode: mode, rankEstimation: rankEstimation))
  }

  /// The number of labels.
  public var numLabels: Int { core.task.classes }

  /// Accumulates one batch read in place from flat row-major buffers of equal length, a multiple
  /// of `numLabels`.
  ///
  /// Throws, leaving the state unchanged, on a length mismatch, a target other than 0, 1 or the
  /// ignore index (`.labelOutOfRange`), a NaN under `.error` (`.nonFinite`), a probability outside
  /// [0, 1] or a prediction other than 0 or 1 (`.invalidValue`); positions are flat indices
  /// `row × numLabels + label`.
  /// - Complexity: O(n·L); one batch-sized buffer when storing scores.
  @_specialize(where Score == Float)
  @_specialize(where Score == Double)
  public mutating func update(
    scores: UnsafeBufferPointer<Score>, targets: UnsafeBufferPointer<Int>
  ) throws(ObjectiveError) {
    let l = numLabels
    guard targets.count % l == 0 else {
      throw .lengthMismatch(
        what: "targets (a multiple of \(l) labels)", expected: (targets.count / l + 1) * l,
        actual: targets.count)
    }
    guard scores.count == targets.count else {
      throw .lengthMismatch(what: "scores and targets", expected: targets.count, actual: scores.count)
    }
    try process(FlatRows(base: scores, width: l), .flat(targets, width: l))
  }

  /// Accumulates one batch given as nested rows of `numLabels` scores and targets each.
  @_specialize(where Score == Float)
  @_specialize(where Score == Double)
  public mutating func update(rows: [[Score]], targets: [[Int]]) throws(ObjectiveError) {
    guard rows.count == targets.count else {
      throw .lengthMismatch(what: "rows and target rows", expected: targets.count, actual: rows.count)
    }
    for i in rows.indices {
      guard rows[i].count == numLabels else {
        throw .lengthMismatch(what: "scores of row \(i)", expected: numLabels, actual: rows[i].count)
      }
      guard targets[i].count == numLabels else {
        throw .lengthMismatch(what: "targets of row \(i)", expected: numLabels, actual: targets[i].count)
      }
    }
    try process(NestedRows(rows: rows), .nested(targets))
  }

  private mutating func process<Rows: ClassificationRows>(
    _ rows: Rows, _ targets: MultilabelTargets
  ) throws(ObjectiveError) where Rows.Score == Score {
    let l = numLabels
    let options = core.options
    let summary = try MultilabelInput.validate(rows, targets, labels: l, options)
    let logLoss = core.needsLogLoss
    core.accumulate { state in
      MultilabelInput.accumulate(
        rows, targets, labels: l, options, logLoss: logLoss, summary: summary, into: &state)
    }
  }

  /// Per-label upper bounds on `|binned − exact|` of AUROC and average precision with binned
  /// estimation (see `ScoreHistogram`), or `nil` when the objective does not bin.
  public var binnedErrorBounds: [(auroc: Double, averagePrecision: Double)]? {
    core.state.histograms.isEmpty ? nil : core.state.histograms.map(\.errorBounds)
  }
}
