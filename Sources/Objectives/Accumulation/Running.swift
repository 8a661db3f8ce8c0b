/// Any objective over its last `window` batches, beside its lifetime value (TorchMetrics'
/// `Running`, torcheval's windowed metrics): a smoothed training curve with exact values.
///
/// Each `update` makes a state of the batch alone, merges it into the lifetime objective and keeps
/// it in a ring of the last `window` batch states. The windowed value is the merge of the ring,
/// oldest first, so it is exactly the objective's value on those batches (the monoid makes it
/// exact: an AUROC over the last 10 batches is the AUROC of their rows, not a mean of 10 AUROCs).
///
/// `compute()` reports the lifetime results, then the windowed ones with the suffix `_last<N>`
/// (`mse`, `mse_last10`); `windowResults()` gives the windowed ones under their own names.
///
/// **Merging a window.** `merge(_:)` treats `other` as the batches that came *after* this one's
/// (a checkpoint continued elsewhere, shards of one stream in order): lifetimes merge and the window
/// keeps the last `window` batches of the two sequences concatenated. Concatenation followed by
/// truncation is associative with the empty window as identity, so the laws of `MergeableState`
/// hold exactly as for the base objective. For data-parallel ranks that each see a slice of the
/// *same* steps, use `mergeStepwise(_:)`: batch `k` from the end of one window merges with batch
/// `k` from the end of the other.
/// - Complexity: memory of `window + 1` base states; per update, the base's update plus one merge.
///   `compute()` merges `window` states.
public struct Running<Base: Objective>: Objective {
  /// The outputs it reads.
  public typealias Output = Base.Output
  /// The targets it reads.
  public typealias Target = Base.Target

  /// The objective over every batch.
  public private(set) var lifetime: Base
  /// The number of most recent batches the windowed value covers.
  public let window: Int
  /// The ring of batch states; `ring[(start + i) % ring.count]` is the `i`-th oldest.
  private var ring: [Base] = []
  private var start = 0

  /// A running window of `window` batches (at least 1) over `base`, which is emptied.
  public init(_ base: Base, window: Int) throws(ObjectiveError) {
    guard window >= 1 else {
      throw .invalidArgument("a running window needs at least 1 batch, got \(window)")
    }
    lifetime = base.emptied()
    self.window = window
  }

  /// The suffix of the windowed results' names.
  public var suffix: String { "_last\(window)" }

  /// The batch states in the window, oldest first.
  public var batches: [Base] {
    ring.indices.map { ring[(start + $0) % ring.count] }
  }

  /// Adds one batch state to the ring, dropping the oldest when it is full.
  private mutating func push(_ batch: Base) {
    if ring.count < window {
      ring.append(batch)
    } else {
      ring[start] = batch
      start = (start + 1) % window
    }
  }

  /// Accumulates one batch.
  public mutating func update(_ outputs: Output, _ targets: Target) throws(ObjectiveError) {
    var batch = lifetime.emptied()
    try batch.update(outputs, targets)
    try lifetime.merge(batch)
    push(batch)
  }

  /// The objective over the batches in the window (an emptied objective before any batch).
  public func windowObjective() -> Base {
    var merged = lifetime.emptied()
    // Every batch was made from `lifetime.emptied()`, so the shapes agree.
    for b in batches { try? merged.merge(b) }
    return merged
  }

  /// The results over the window, under the base's names.
  public func windowResults() -> Results { windowObjective().compute() }

  /// The values accumulated so far.
  public func compute() -> Results {
    var results = lifetime.compute()
    results.append(contentsOf: windowResults().renamed(postfix: suffix))
    return results
  }

  /// Empties the accumulated state; the configuration is kept.
  public mutating func reset() {
    lifetime.reset()
    ring = []
    start = 0
  }

  /// Appends `other`'s batches after this one's (see the type's discussion).
  public mutating func merge(_ other: Running) throws(ObjectiveError) {
    guard other.window == window else {
      throw .incompatibleState("a window of \(other.window) batches cannot merge into one of \(window)")
    }
    try lifetime.merge(other.lifetime)
    for b in other.batches { push(b) }
  }

  /// Merges the windows of ranks that processed slices of the same steps: batch `k` from the end of
  /// `other` is merged into batch `k` from the end of this window (a missing one counts as empty).
  public mutating func mergeStepwise(_ other: Running) throws(ObjectiveError) {
    guard other.window == window else {
      throw .incompatibleState("a window of \(other.window) batches cannot merge into one of \(window)")
    }
    var mine = batches
    let theirs = other.batches
    var merged = lifetime
    try merged.merge(other.lifetime)
    if theirs.count > mine.count {
      mine = Array(repeating: lifetime.emptied(), count: theirs.count - mine.count) + mine
    }
    let offset = mine.count - theirs.count
    for (k, b) in theirs.enumerated() { try mine[offset + k].merge(b) }
    lifetime = merged
    ring = mine
    start = 0
  }

  /// The lifetime state and the window's batch states, oldest first.
  public struct State: Codable, Sendable {
    /// The number of batches in the window.
    public var window: Int
    /// The state over every batch.
    public var lifetime: Base.State
    /// The window's batch states, oldest first.
    public var batches: [Base.State]
  }

  /// The accumulated state, a `Codable` snapshot for checkpoints.
  public var state: State { State(window: window, lifetime: lifetime.state, batches: batches.map(\.state)) }

  /// Restores a snapshot of a window of the same length over the same kind of objective.
  public mutating func restore(_ state: State) throws(ObjectiveError) {
    guard state.window == window, state.batches.count <= window else {
      throw .incompatibleState(
        "a snapshot of \(state.batches.count) batches in a window of \(state.window) cannot restore into a window of \(window)"
      )
    }
    var copy = self
    copy.reset()
    try copy.lifetime.restore(state.lifetime)
    for s in state.batches {
      var b = lifetime.emptied()
      try b.restore(s)
      copy.push(b)
    }
    self = copy
  }
}
