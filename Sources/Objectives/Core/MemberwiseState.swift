/// A container objective whose state is its own small state plus the states of member objectives.
///
/// For transports inside this package (the MPI reduction in `ObjectivesMPI`): they move each
/// member's typed `state` in a binary form instead of the JSON-shaped ``StateSnapshot``s that the
/// container's public `state` holds, which would cost a JSON round trip per member (slow for a
/// million stored scores). Rebuilding goes through each member's `restore(_:)` and the container's
/// `merge(_:)`, so the public laws still decide what is valid.
package protocol MemberwiseState: Objective {
  /// The container's own accumulated state, without its members' states.
  associatedtype OwnState: Codable & Sendable

  /// The container's own accumulated state.
  var ownState: OwnState { get }

  /// The members whose states complete `state`, in order.
  var stateMembers: [any Objective] { get }

  /// The container's own configuration (formula, task names, affixes), equal on two containers
  /// that can merge.
  var configurationSummary: String { get }

  /// A copy holding `own` and `members`: the members must have the concrete types, configurations
  /// and order of `stateMembers`. Throws `.incompatibleState` when they do not fit.
  func replacingState(own: OwnState, members: [any Objective]) throws(ObjectiveError) -> Self
}

extension MetricCollection: MemberwiseState {
  /// The number of members.
  package var ownState: Int { members.count }

  /// The members, in order.
  package var stateMembers: [any Objective] { members.map { $0 } }

  /// The affixes and the reported names.
  package var configurationSummary: String {
    "collection prefix=\(prefix) postfix=\(postfix) names=\(reportedNames)"
  }

  /// A copy with the given members.
  package func replacingState(own: Int, members replacements: [any Objective]) throws(ObjectiveError)
    -> MetricCollection
  {
    try checkNotRefused()
    guard own == members.count, replacements.count == members.count else {
      throw .incompatibleState(
        "collection of \(members.count) members, state of \(own) members (\(replacements.count) given)")
    }
    var copy = self
    for (i, member) in replacements.enumerated() {
      guard let typed = member as? any Objective<Output, Target>,
        type(of: typed) == type(of: members[i])
      else {
        throw .incompatibleState("member \(i): \(type(of: member)) instead of \(type(of: members[i]))")
      }
      copy.members[i] = typed
    }
    return copy
  }
}

extension Loss: MemberwiseState {
  /// The combined and component accumulators and the batch count (the metrics' part left empty).
  package var ownState: LossState { accumulated }

  /// The joined metrics, as one collection.
  package var stateMembers: [any Objective] { [metrics] }

  /// The name, the formula and the component names.
  package var configurationSummary: String {
    "loss \(name) = \(formula) components=\(componentNames) direction=\(direction)"
  }

  /// A copy with the given accumulators and joined metrics.
  package func replacingState(own: LossState, members: [any Objective]) throws(ObjectiveError) -> Loss {
    try checkNotRefused()
    guard own.formula == formula, own.componentNames == componentNames else {
      throw .incompatibleState("cannot rebuild \(formula) from the state of \(own.formula)")
    }
    guard own.components.count == leaves.count, own.batches >= 0 else {
      throw .incompatibleState(
        "\(formula) has \(leaves.count) components, the state has \(own.components.count)")
    }
    guard members.count == 1, let joined = members[0] as? MetricCollection<Output, Target> else {
      throw .incompatibleState("\(formula): the joined metrics are missing from the state")
    }
    var copy = self
    copy.accumulated = own
    copy.accumulated.metrics = MetricCollectionState(members: [], memberNames: [])
    copy.metrics = joined
    return copy
  }
}

extension MultiTaskMetrics: MemberwiseState {
  /// The sample count of every task, in registration order.
  package var ownState: [Int] { members.map(\.samples) }

  /// Every task's objective, in registration order.
  package var stateMembers: [any Objective] { members.map(\.erasedObjective) }

  /// The task names and weights, the aggregate and the affixes.
  package var configurationSummary: String {
    let tasks = members.map { "\($0.name)*\($0.weight)" }
    return
      "multitask tasks=\(tasks) aggregate=\(String(describing: aggregate)) prefix=\(prefix) postfix=\(postfix)"
  }

  /// A copy with the given task objectives and sample counts.
  package func replacingState(own: [Int], members replacements: [any Objective]) throws(ObjectiveError)
    -> MultiTaskMetrics
  {
    guard own.count == members.count, replacements.count == members.count else {
      throw .incompatibleState("\(members.count) tasks, a state of \(own.count)")
    }
    var copy = self
    for i in members.indices {
      try copy.members[i].replaceObjective(replacements[i], samples: own[i])
    }
    return copy
  }
}

extension MultiTaskSlot {
  /// The task's objective, type-erased.
  var erasedObjective: any Objective { objective }

  /// Replaces the objective (of the same concrete type) and the sample count.
  mutating func replaceObjective(_ replacement: any Objective, samples: Int) throws(ObjectiveError) {
    guard let same = replacement as? O, samples >= 0 else {
      throw .incompatibleState("task \(name): \(type(of: replacement)) or \(samples) samples do not fit")
    }
    objective = same
    self.samples = samples
  }
}
