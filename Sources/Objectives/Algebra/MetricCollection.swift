/// An ordered set of objectives updated together and reported together: metrics, catalogue metric
/// groups, and losses watched for reporting. Built with `|` or by adding members.
///
/// - A member joined twice (the same metric) is kept once, so it is evaluated once per batch.
/// - Members that can share state (``StateSharing``, equal configuration) are fused into one.
/// - Two different members reporting under one name are refused, naming both.
///
/// `update` is atomic: each member's batch is evaluated on an emptied copy first and merged only
/// when every member accepted the batch, so a thrown error leaves every member as it was.
///
/// A clash met where nothing can throw (`|`, ``init(_:prefix:postfix:)``) never stops the program:
/// the clashing member is left out, the clash is kept in ``refusal``, and the collection refuses
/// every update, merge and restore with `ObjectiveError.invalidArgument` until it is fixed;
/// ``checked()`` reports it as a ``CompositionError``.
public struct MetricCollection<Output, Target>: Objective {
  /// The accumulated state, `Codable` for checkpoints.
  public typealias State = MetricCollectionState

  var members: [any Objective<Output, Target>] = []
  /// The clash that kept a member out of the collection, or `nil`.
  public internal(set) var refusal: CompositionError?
  /// Prepended to every reported name (for example `val/`).
  public var prefix = ""
  /// Appended to every reported name.
  public var postfix = ""

  /// An empty collection.
  public init() {}

  /// A collection of the given members, in order, with empty states. A member that reports a name
  /// another member already reports is left out and recorded in ``refusal``.
  public init(_ members: [any Objective<Output, Target>], prefix: String = "", postfix: String = "") {
    self.prefix = prefix
    self.postfix = postfix
    for m in members { addEmptiedRecordingRefusal(m) }
  }

  /// Adds an emptied copy of `member` (opens an existential member for `addRecordingRefusal`).
  private mutating func addEmptiedRecordingRefusal<M: Objective>(_ member: M)
  where M.Output == Output, M.Target == Target {
    addRecordingRefusal(member.emptied())
  }

  /// Adds a member, or records the clash in ``refusal`` (keeping the first) and leaves it out.
  mutating func addRecordingRefusal<M: Objective>(_ member: M) where M.Output == Output, M.Target == Target {
    do {
      try add(member)
    } catch {
      refusal = refusal ?? error
    }
  }

  /// Returns `self`, or throws the clash recorded in ``refusal``.
  public func checked() throws(CompositionError) -> MetricCollection {
    if let refusal { throw refusal }
    return self
  }

  func checkNotRefused() throws(ObjectiveError) {
    if let refusal { throw .invalidArgument("cannot use a collection that was refused: \(refusal)") }
  }

  /// Whether the collection has no members.
  public var isEmpty: Bool { members.isEmpty }

  /// The number of members (after fusing duplicates).
  public var count: Int { members.count }

  /// Adds a member, fusing it with an identical or state-sharing member.
  public mutating func add<M: Objective>(_ member: M) throws(CompositionError)
  where M.Output == Output, M.Target == Target {
    if let collection = member as? MetricCollection<Output, Target> {
      try join(collection)
    } else {
      try addErased(member)
    }
  }

  /// Adds every member of another collection, in order.
  public mutating func join(_ other: MetricCollection) throws(CompositionError) {
    if let refusal = other.refusal { throw refusal }
    for m in other.members { try addErased(m) }
  }

  mutating func addErased(_ member: any Objective<Output, Target>) throws(CompositionError) {
    if let identified = member as? any IdentifiedObjective,
      members.contains(where: { ($0 as? any IdentifiedObjective)?.identity === identified.identity })
    {
      return
    }
    if member is any StateSharing {
      for i in members.indices {
        // The existing member goes first, so reported names keep their order of first appearance.
        if let existing = members[i] as? any StateSharing,
          let fused = existing.sharingStateErased(with: member) as? any Objective<Output, Target>
        {
          members[i] = fused
          return
        }
      }
    }
    let names = Set(member.reportedNames)
    for existing in members {
      if let clash = existing.reportedNames.first(where: names.contains) {
        throw .duplicateName(name: clash, first: Self.describe(existing), second: Self.describe(member))
      }
    }
    members.append(member)
  }

  static func describe(_ member: any Objective) -> String {
    if let m = member as? any DiagnosticallyDescribed { return m.diagnosticDescription }
    return "a \(type(of: member)) reporting \(member.reportedNames)"
  }

  /// Updates every member with the batch, atomically: each member evaluates the batch on an emptied
  /// copy, and the copies are merged only when every member accepted it.
  public mutating func update(_ outputs: Output, _ targets: Target) throws(ObjectiveError) {
    try checkNotRefused()
    if members.count == 1 {
      try members[0].update(outputs, targets)
      return
    }
    var batches: [any Objective<Output, Target>] = []
    batches.reserveCapacity(members.count)
    for m in members { batches.append(try Self.batchState(of: m, outputs, targets)) }
    for i in members.indices { try members[i].mergeErased(batches[i]) }
  }

  static func batchState<M: Objective>(of member: M, _ outputs: M.Output, _ targets: M.Target)
    throws(ObjectiveError) -> M
  {
    var batch = member.emptied()
    try batch.update(outputs, targets)
    return batch
  }

  /// Every member's results in order, with `prefix` and `postfix` applied.
  public func compute() -> Results {
    var results = Results()
    for m in members { results.append(contentsOf: m.compute()) }
    return prefix.isEmpty && postfix.isEmpty ? results : results.renamed(prefix: prefix, postfix: postfix)
  }

  /// Every member's names in order, with `prefix` and `postfix`.
  public var reportedNames: [String] { members.flatMap(\.reportedNames).map { prefix + $0 + postfix } }

  /// Empties every member.
  public mutating func reset() {
    for i in members.indices { members[i].reset() }
  }

  /// Merges a collection with the same members in the same order.
  public mutating func merge(_ other: MetricCollection) throws(ObjectiveError) {
    try checkNotRefused()
    try other.checkNotRefused()
    guard other.members.count == members.count else {
      throw .incompatibleState("collections of \(members.count) and \(other.members.count) members")
    }
    for i in members.indices { try members[i].mergeErased(other.members[i]) }
  }

  /// One JSON-shaped snapshot per member, in member order, with each member's reported names.
  public var state: MetricCollectionState {
    MetricCollectionState(
      members: members.map { m in (try? StateSnapshot(of: m.state)) ?? .null },
      memberNames: members.map(\.reportedNames))
  }

  /// Restores every member from a snapshot of a collection with the same members; throws
  /// `.incompatibleState` (and changes nothing) when the snapshot's members report other names or
  /// a member's snapshot does not fit.
  public mutating func restore(_ state: MetricCollectionState) throws(ObjectiveError) {
    try checkNotRefused()
    guard state.members.count == members.count else {
      throw .incompatibleState("collection of \(members.count) members, snapshot of \(state.members.count)")
    }
    let names = members.map(\.reportedNames)
    guard state.memberNames == names else {
      throw .incompatibleState(
        "cannot restore the state of a collection reporting \(state.memberNames) into one reporting \(names)")
    }
    var restored = members
    for i in restored.indices { try restored[i].restoreSnapshot(state.members[i]) }
    members = restored
  }
}

/// The state of a ``MetricCollection``: one JSON-shaped snapshot per member, in member order, and
/// the names each member reports, so that `restore` refuses the state of another collection.
public struct MetricCollectionState: Sendable, Codable, Equatable {
  /// The members' snapshots, in member order.
  public var members: [StateSnapshot]
  /// The names each member reports, in member order.
  public var memberNames: [[String]]
  /// A state made of the given member snapshots and the names each member reports.
  public init(members: [StateSnapshot], memberNames: [[String]]) {
    self.members = members
    self.memberNames = memberNames
  }
}

/// Objectives that can describe themselves in composition messages.
protocol DiagnosticallyDescribed {
  var diagnosticDescription: String { get }
}

extension Metric: DiagnosticallyDescribed {}

extension Objective {
  /// Restores from a snapshot of this objective's state.
  mutating func restoreSnapshot(_ snapshot: StateSnapshot) throws(ObjectiveError) {
    try restore(try snapshot.decode(State.self))
  }
}

extension StateSharing {
  func sharingStateErased(with other: any Objective) -> (any Objective)? {
    guard let same = other as? Self else { return nil }
    return sharingState(with: same)
  }
}
