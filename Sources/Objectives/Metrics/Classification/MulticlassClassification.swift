/// Multiclass classification metrics over score rows (one score per class) and class-index targets.
///
/// One objective reports a chosen list of metrics (DanLing's `auroc, auprc, acc, f1, mcc` by
/// default, macro-averaged) and computes their common state once per batch: one C×C confusion
/// matrix (rows = target, columns = arg-max prediction, ties to the lower index) for the count
/// metrics, top-k hit counts, and one score store per class for one-vs-rest AUROC and average
/// precision. Scores are a flat row-major buffer of `numClasses` columns, or nested rows; with
/// `.labels` they are predicted class indices, one per row.
///
/// - Exact mode: O(C²) memory for the counts; AUROC and AP keep 4 bytes per `Float` score and
///   class and sort each class with an O(N) radix sort at `compute()`, classes in parallel (or
///   O(C·T) with binned estimation). With `.logits`, the store keeps log-softmax values, which rank
///   exactly as the softmax probabilities.
/// - Streaming mode: each batch's values, averaged by sample count, in O(C²) memory.
/// - Parallelism: classes are ranked in parallel at `compute()` when the stores hold ≥ 2¹⁵ scores,
///   and a batch of ≥ 2¹⁸ scores is accumulated as two halves on two cores; the split depends only
///   on the data, so results are bit-identical under `Parallelism.serial`, which turns both off.
///
/// The laws of `MergeableState` hold; in exact mode any batching or sharding of the data, merged,
/// gives exactly the same counts and rank results.
/// - Complexity: `update` O(n·C); `compute` O(C²), plus O(N·C) for exact AUROC/AP.
public struct MulticlassClassification<Score: ClassificationScore>: ClassificationObjective {
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

  /// A multiclass objective over `numClasses` (at least 2) classes reporting `metrics`.
  /// - Throws: `ObjectiveError.invalidArgument` for `numClasses < 2`, fewer than 2 binned
  ///   thresholds, or a metric a multiclass objective cannot report (exact match, top-k with
  ///   k < 1, F-β with β ≤ 0), naming the value.
  public init(
    numClasses: Int, metrics: [ClassificationMetric] = ClassificationMetric.defaults,
    options: ClassificationOptions
  ) throws(ObjectiveError) {
    core = try ClassificationCore(task: .multiclass(numClasses), options: options, metrics: metrics)
  }

  /// A multiclass objective with the options spelled out (see `ClassificationOptions`;
  /// `threshold` does not apply). Throws as `init(numClasses:metrics:options:)` does.
  public init(
    numClasses: Int, inputKind: InputKind = .probabilities,
    metrics: [ClassificationMetric] = ClassificationMetric.defaults, ignoreIndex: Int? = nil,
    nanPolicy: NaNPolicy = .propagate,
    average: Averaging = .macro, mode: AccumulationMode = .exact, rankEstimation: RankEstimation = .exact
  ) throws(ObjectiveError) {
    try self.init(
      numClasses: numClasses, metrics: metrics,
      options: ClassificationOptions(
        inputKind: inputKind, ignoreIndex: ignoreIndex, nanPolicy: nanPolicy, average: average,
        mode: mode, rankEstimation: rankEstimation))
  }

  /// The number of classes.
  public var numClasses: Int { core.task.classes }

  /// Accumulates one batch read in place from a flat row-major buffer.
  ///
  /// Throws, leaving the state unchanged, when `scores.count` is not `targets.count × numClasses`
  /// (`targets.count` for `.labels`), for a target outside `0..<numClasses` that is not the ignore
  /// index (`.labelOutOfRange` at the target's index), a NaN under `.error` (`.nonFinite` at the
  /// score's flat index), a probability outside [0, 1] or a predicted class that is not an index
  /// (`.invalidValue`).
  /// - Complexity: O(n·C); one batch-sized transposition buffer when storing scores.
  @_specialize(where Score == Float)
  @_specialize(where Score == Double)
  public mutating func update(
    scores: UnsafeBufferPointer<Score>, targets: UnsafeBufferPointer<Int>
  ) throws(ObjectiveError) {
    let k = numClasses
    if core.options.inputKind == .labels {
      guard scores.count == targets.count else {
        throw .lengthMismatch(
          what: "predicted classes and targets", expected: targets.count, actual: scores.count)
      }
      try MulticlassInput.validateLabels(scores, targets, classes: k, core.options)
      let scratch = UnsafeMutableBufferPointer<Score>.allocate(capacity: k)
      defer { scratch.deallocate() }
      scratch.initialize(repeating: 0)
      try process(OneHotRows(labels: scores, scratch: scratch), targets)
      return
    }
    guard scores.count == targets.count * k else {
      throw .lengthMismatch(
        what: "scores (rows × classes)", expected: targets.count * k, actual: scores.count)
    }
    if scores.count >= Self.splitThreshold && targets.count >= 2 {
      try processInHalves(scores, targets)
    } else {
      try process(FlatRows(base: scores, width: k), targets)
    }
  }

  /// Batches of at least this many scores are accumulated as two halves on two cores.
  static var splitThreshold: Int { 1 << 18 }

  /// Validates the whole batch (so that an error names its position in the batch and nothing is
  /// accumulated), then accumulates its two halves concurrently on emptied copies and merges them
  /// in order. The split depends only on the batch size, so the result does not depend on the
  /// number of threads.
  private mutating func processInHalves(
    _ scores: UnsafeBufferPointer<Score>, _ targets: UnsafeBufferPointer<Int>
  ) throws(ObjectiveError) {
    let k = numClasses
    _ = try MulticlassInput.validate(FlatRows(base: scores, width: k), targets, classes: k, core.options)
    let half = targets.count / 2
    let input = SharedInput(scores: scores, targets: targets)
    let empty = emptied()
    let parts = ClassificationParallel.map(count: 2) {
      part -> Result<MulticlassClassification, ObjectiveError> in
      let rows = part == 0 ? 0..<half : half..<input.targets.count
      var copy = empty
      do throws(ObjectiveError) {
        try copy.process(
          FlatRows(
            base: UnsafeBufferPointer(rebasing: input.scores[(rows.lowerBound * k)..<(rows.upperBound * k)]),
            width: k),
          UnsafeBufferPointer(rebasing: input.targets[rows]))
        return .success(copy)
      } catch {
        return .failure(error)
      }
    }
    var halves: [MulticlassClassification] = []
    for part in parts { halves.append(try part.get()) }
    // Merging emptied copies of `self` cannot fail; merge in place so the stores grow, not copy.
    for half in halves { try merge(half) }
  }

  /// A batch's buffers, read (never written) by the worker threads while the caller waits.
  private struct SharedInput: @unchecked Sendable {
    let scores: UnsafeBufferPointer<Score>
    let targets: UnsafeBufferPointer<Int>
  }

  /// Accumulates one batch given as nested rows of `numClasses` scores each.
  /// Throws `.lengthMismatch` for a row of the wrong width; otherwise as `update(scores:targets:)`,
  /// with positions counted as if the rows were flattened.
  @_specialize(where Score == Float)
  @_specialize(where Score == Double)
  public mutating func update(rows: [[Score]], targets: [Int]) throws(ObjectiveError) {
    guard rows.count == targets.count else {
      throw .lengthMismatch(what: "rows and targets", expected: targets.count, actual: rows.count)
    }
    if core.options.inputKind == .labels {
      throw .invalidArgument("nested rows are scores; pass predicted classes as a flat array")
    }
    for (i, row) in rows.enumerated() where row.count != numClasses {
      throw .lengthMismatch(what: "scores of row \(i)", expected: numClasses, actual: row.count)
    }
    let result: Result<Void, ObjectiveError> = targets.withUnsafeBufferPointer { t in
      do throws(ObjectiveError) {
        try process(NestedRows(rows: rows), t)
        return .success(())
      } catch { return .failure(error) }
    }
    try result.get()
  }

  private mutating func process<Rows: ClassificationRows>(
    _ rows: Rows, _ targets: UnsafeBufferPointer<Int>
  ) throws(ObjectiveError) where Rows.Score == Score {
    let k = numClasses
    let options = core.options
    let summary = try MulticlassInput.validate(rows, targets, classes: k, options)
    let needs = MulticlassInput.Needs(logLoss: core.needsLogLoss, topK: core.topKs)
    core.accumulate { state in
      MulticlassInput.accumulate(
        rows, targets, classes: k, options, needs: needs, summary: summary, into: &state)
    }
  }

  /// Per-class upper bounds on `|binned − exact|` of AUROC and average precision with binned
  /// estimation (see `ScoreHistogram`), or `nil` when the objective does not bin.
  public var binnedErrorBounds: [(auroc: Double, averagePrecision: Double)]? {
    core.state.histograms.isEmpty ? nil : core.state.histograms.map(\.errorBounds)
  }
}
