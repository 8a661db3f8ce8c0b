/// Anything that accumulates evidence batch by batch and reports named values: a loss, a metric,
/// a collection of them.
///
/// Objectives are value types, and every objective is a `MergeableState`: a freshly made or
/// `reset()` objective (`emptied()`) is the identity of `merge`, and the laws stated there
/// (identity, associativity, split invariance, refusal of other shapes, with its tolerances) hold
/// for the values `compute()` reports.
///
/// `forward` follows from these laws: it computes the value of the batch on its own, then merges
/// the batch state into the running state. The state is `Codable`, so it can be checkpointed with
/// `state` and `restore(_:)` or sent to another process and merged there.
public protocol Objective<Output, Target>: MergeableState {
  /// What the model produced for a batch (scores, logits, predictions, …).
  associatedtype Output
  /// What the batch should have produced (labels, regression targets, …).
  associatedtype Target
  /// The accumulated state as an opaque `Codable` snapshot (for checkpoints and transport); the
  /// objective itself is the `MergeableState`.
  associatedtype State: Codable & Sendable

  /// Accumulates one batch. On a thrown error the state is left exactly as it was.
  mutating func update(_ outputs: Output, _ targets: Target) throws(ObjectiveError)

  /// The values accumulated so far. Does not change the state.
  func compute() -> Results

  /// Returns to the empty state, keeping the configuration.
  mutating func reset()

  /// Merges the state of another objective of the same shape (the monoid operation).
  /// Throws `ObjectiveError.incompatibleState` when the shapes or configurations differ.
  mutating func merge(_ other: Self) throws(ObjectiveError)

  /// A snapshot of the accumulated state, for checkpoints and for sending across processes.
  var state: State { get }

  /// Replaces the accumulated state with a snapshot taken from an objective of the same shape.
  mutating func restore(_ state: State) throws(ObjectiveError)

  /// The names `compute()` reports, in order, known before any data is seen. Containers use them
  /// to refuse two different members that would report under one name. The default computes an
  /// emptied copy and reads its names.
  var reportedNames: [String] { get }
}

extension Objective {
  /// The names an emptied copy reports.
  public var reportedNames: [String] { emptied().compute().names }

  /// Computes the results of this batch on its own, then merges it into the running state.
  ///
  /// Equivalent to updating an emptied copy with the batch, computing it, and merging the copy,
  /// so a metric is updated exactly once per batch.
  @discardableResult
  public mutating func forwardResults(_ outputs: Output, _ targets: Target) throws(ObjectiveError) -> Results
  {
    var batch = self
    batch.reset()
    try batch.update(outputs, targets)
    let results = batch.compute()
    try merge(batch)
    return results
  }

  /// A copy with the same configuration and an empty state: the identity of `merge`.
  public func emptied() -> Self {
    var copy = self
    copy.reset()
    return copy
  }

  /// Merges `other` if it has the same concrete type; used by type-erased containers.
  mutating func mergeErased(_ other: any Objective) throws(ObjectiveError) {
    guard let same = other as? Self else {
      throw .incompatibleState("cannot merge \(type(of: other)) into \(Self.self)")
    }
    try merge(same)
  }
}
