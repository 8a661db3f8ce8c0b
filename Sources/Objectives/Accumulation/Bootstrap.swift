/// Bootstrap confidence intervals for any objective whose batches are rows of flat arrays
/// (TorchMetrics' `BootStrapper` with Poisson sampling): every classification and regression
/// objective, `Aggregator`, and any other `Objective` with `[E]` outputs and `[T]` targets.
///
/// Beside the objective on all rows, `replicates` copies see each row as many times as
/// `BootstrapSampling.count(seed:row:replicate:)` says, a Poisson(1) draw fixed by the seed, the
/// row's global index and the replicate. The intervals are therefore the same for the same seed
/// whatever the batching, and shards merge exactly when each starts at its first row's global index
/// (`nextRow`). `merge(_:)` merges the objectives and the replicates pairwise and keeps the larger
/// `nextRow`, so shards merged in order give the single pass's replicates.
///
/// `compute()` reports the objective's results, then `<name>/low` and `<name>/high` for each
/// scalar and vector entry at `level`; `intervals()` gives them as `BootstrapInterval`s.
/// - Complexity: `replicates + 1` states; an update costs about `replicates + 1` updates of the base.
public struct Bootstrap<Base: Objective, OutputElement, TargetElement>: Objective
where Base.Output == [OutputElement], Base.Target == [TargetElement] {
  /// The outputs it reads.
  public typealias Output = Base.Output
  /// The targets it reads.
  public typealias Target = Base.Target

  /// The objective on every row.
  public private(set) var base: Base
  /// The objectives of the resampled rows.
  public private(set) var replicates: [Base]
  /// The seed of the resampling.
  public let seed: UInt64
  /// The confidence level of the reported intervals.
  public let level: Double
  /// Output values per row.
  public let outputsPerRow: Int
  /// Target values per row.
  public let targetsPerRow: Int
  /// The global index of the next row. Set it on an empty shard to the index of its first row.
  public var nextRow: Int = 0

  /// `replicates` (≥ 2) resamplings of `base`'s rows at confidence `level` (in (0, 1)).
  public init(
    _ base: Base, replicates: Int, seed: UInt64, level: Double = 0.95, outputsPerRow: Int = 1,
    targetsPerRow: Int = 1
  ) throws(ObjectiveError) {
    guard replicates >= 2 else {
      throw .invalidArgument("a bootstrap needs at least 2 replicates, got \(replicates)")
    }
    guard level > 0, level < 1 else {
      throw .invalidArgument("confidence level must be in (0, 1), got \(level)")
    }
    guard outputsPerRow >= 1, targetsPerRow >= 0 else {
      throw .invalidArgument(
        "rows need at least one output (got \(outputsPerRow)) and no negative target width")
    }
    self.base = base.emptied()
    self.replicates = Array(repeating: base.emptied(), count: replicates)
    self.seed = seed
    self.level = level
    self.outputsPerRow = outputsPerRow
    self.targetsPerRow = targetsPerRow
  }

  /// Accumulates one batch.
  public mutating func update(_ outputs: Output, _ targets: Target) throws(ObjectiveError) {
    let rows = outputs.count / outputsPerRow
    guard rows * outputsPerRow == outputs.count else {
      throw .lengthMismatch(
        what: "outputs (a multiple of \(outputsPerRow))", expected: rows * outputsPerRow,
        actual: outputs.count)
    }
    guard targets.count == rows * targetsPerRow else {
      throw .lengthMismatch(what: "targets", expected: rows * targetsPerRow, actual: targets.count)
    }
    var point = base
    try point.update(outputs, targets)
    var resampled = replicates
    var o: [OutputElement] = []
    var t: [TargetElement] = []
    for r in resampled.indices {
      o.removeAll(keepingCapacity: true)
      t.removeAll(keepingCapacity: true)
      for row in 0..<rows {
        let copies = BootstrapSampling.count(seed: seed, row: nextRow + row, replicate: r)
        for _ in 0..<copies {
          o.append(contentsOf: outputs[(row * outputsPerRow)..<((row + 1) * outputsPerRow)])
          t.append(contentsOf: targets[(row * targetsPerRow)..<((row + 1) * targetsPerRow)])
        }
      }
      if !o.isEmpty { try resampled[r].update(o, t) }
    }
    base = point
    replicates = resampled
    nextRow += rows
  }

  /// The percentile intervals of every scalar and vector result.
  public func intervals() -> [BootstrapInterval] {
    BootstrapInterval.intervals(
      point: base.compute(), replicates: replicates.map { $0.compute() }, level: level)
  }

  /// The values accumulated so far.
  public func compute() -> Results {
    var results = base.compute()
    let point = results
    let all = intervals()
    for entry in point {
      let own = all.filter { $0.name == entry.name || $0.name.hasPrefix(entry.name + "[") }
      guard !own.isEmpty else { continue }
      let low = own.map(\.low)
      let high = own.map(\.high)
      let scalar = entry.value.scalar != nil
      results.append(Results.Entry(name: entry.name + "/low", value: scalar ? .scalar(low[0]) : .vector(low)))
      results.append(
        Results.Entry(name: entry.name + "/high", value: scalar ? .scalar(high[0]) : .vector(high)))
    }
    return results
  }

  /// Empties the accumulated state; the configuration is kept.
  public mutating func reset() {
    base.reset()
    for i in replicates.indices { replicates[i].reset() }
    nextRow = 0
  }

  /// Merges a shard of the same configuration (see the type's discussion).
  public mutating func merge(_ other: Bootstrap) throws(ObjectiveError) {
    guard other.seed == seed, other.level == level, other.replicates.count == replicates.count,
      other.outputsPerRow == outputsPerRow, other.targetsPerRow == targetsPerRow
    else {
      throw .incompatibleState("bootstraps of different seeds, levels, replicate counts or row widths")
    }
    var merged = self
    try merged.base.merge(other.base)
    for i in replicates.indices { try merged.replicates[i].merge(other.replicates[i]) }
    merged.nextRow = Swift.max(nextRow, other.nextRow)
    self = merged
  }

  /// The configuration check, the next row and the states of the objective and the replicates.
  public struct State: Codable, Sendable {
    /// The seed of the resampling.
    public var seed: UInt64
    /// The confidence level of the intervals.
    public var level: Double
    /// The index of the next row, which seeds its resampling counts.
    public var nextRow: Int
    /// The objective's state on the data itself.
    public var base: Base.State
    /// The states of the resampled replicates.
    public var replicates: [Base.State]
  }

  /// The accumulated state, a `Codable` snapshot for checkpoints.
  public var state: State {
    State(seed: seed, level: level, nextRow: nextRow, base: base.state, replicates: replicates.map(\.state))
  }

  /// Replaces the state with a snapshot of the same shape; throws `incompatibleState` otherwise.
  public mutating func restore(_ state: State) throws(ObjectiveError) {
    guard state.seed == seed, state.level == level, state.replicates.count == replicates.count,
      state.nextRow >= 0
    else {
      throw .incompatibleState("a bootstrap snapshot of another seed, level or replicate count")
    }
    var copy = self
    try copy.base.restore(state.base)
    for i in replicates.indices { try copy.replicates[i].restore(state.replicates[i]) }
    copy.nextRow = state.nextRow
    self = copy
  }
}
