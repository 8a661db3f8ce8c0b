/// The smallest and largest per-batch value of one scalar result of any objective, beside the
/// objective's lifetime results (TorchMetrics' `MinMaxMetric` fed with `forward`).
///
/// Each `update` computes the batch's own value of `key` (as `forwardResults` does) and adds it to
/// a `.min` and a `.max` `Aggregator` under `nanPolicy`, then merges the batch into the lifetime
/// objective. Because the extremes are over batch values, merging shards in order gives the same
/// extremes as one pass, and `merge` is lawful: lifetime objectives merge, extremes take the
/// smaller minimum and the larger maximum.
///
/// `compute()` reports the objective's results, then `<key>/min` and `<key>/max` (and the
/// aggregators' `nan_warnings` under `.warn`).
public struct ExtremesSoFar<Base: Objective>: Objective {
  /// The outputs it reads.
  public typealias Output = Base.Output
  /// The targets it reads.
  public typealias Target = Base.Target

  /// The objective whose lifetime results are reported.
  public private(set) var base: Base
  /// The scalar result whose batch values are tracked.
  public let key: String
  /// The smallest batch value so far.
  public private(set) var minimum: Aggregator
  /// The largest batch value so far.
  public private(set) var maximum: Aggregator

  /// Tracks `key` of `base`; throws `.invalidArgument` when `base` does not report `key`.
  public init(_ base: Base, key: String, nanPolicy: AggregationNaNPolicy = .warn) throws(ObjectiveError) {
    guard base.reportedNames.contains(key) else {
      throw .invalidArgument(
        "\(key) is not among the reported names \(base.reportedNames.joined(separator: ", "))")
    }
    self.base = base
    self.key = key
    minimum = Aggregator(.min, nanPolicy: nanPolicy, name: key + "/min")
    maximum = Aggregator(.max, nanPolicy: nanPolicy, name: key + "/max")
  }

  /// The smallest and the largest batch value so far (`+∞`, `−∞` before the first batch).
  public var extremes: (min: Double, max: Double) { (minimum.extreme, maximum.extreme) }

  /// Accumulates one batch.
  public mutating func update(_ outputs: Output, _ targets: Target) throws(ObjectiveError) {
    var batch = base.emptied()
    try batch.update(outputs, targets)
    guard let value = batch.compute().scalar(key) else {
      throw .invalidArgument("\(key) is not a scalar result")
    }
    var (low, high) = (minimum, maximum)
    try low.add(value)
    try high.add(value)
    try base.merge(batch)
    (minimum, maximum) = (low, high)
  }

  /// The values accumulated so far.
  public func compute() -> Results {
    var results = base.compute()
    results.append(contentsOf: minimum.compute())
    results.append(contentsOf: maximum.compute())
    return results
  }

  /// Empties the accumulated state; the configuration is kept.
  public mutating func reset() {
    base.reset()
    minimum.reset()
    maximum.reset()
  }

  /// Merges another value of the same shape into this one (the monoid operation of `MergeableState`).
  public mutating func merge(_ other: ExtremesSoFar) throws(ObjectiveError) {
    guard other.key == key else {
      throw .incompatibleState("extremes of \(other.key) cannot merge into \(key)")
    }
    var (low, high) = (minimum, maximum)
    try low.merge(other.minimum)
    try high.merge(other.maximum)
    try base.merge(other.base)
    (minimum, maximum) = (low, high)
  }

  /// The lifetime state and the two aggregators.
  public struct State: Codable, Sendable {
    /// The wrapped objective's lifetime state.
    public var base: Base.State
    /// The smallest value so far.
    public var minimum: Aggregator
    /// The largest value so far.
    public var maximum: Aggregator
  }

  /// The accumulated state, a `Codable` snapshot for checkpoints.
  public var state: State { State(base: base.state, minimum: minimum, maximum: maximum) }

  /// Replaces the state with a snapshot of the same shape; throws `incompatibleState` otherwise.
  public mutating func restore(_ state: State) throws(ObjectiveError) {
    var copy = self
    try copy.base.restore(state.base)
    try copy.minimum.restore(state.minimum)
    try copy.maximum.restore(state.maximum)
    self = copy
  }
}
