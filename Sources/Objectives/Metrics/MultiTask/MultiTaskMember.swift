/// One task of a `MultiTaskMetrics`, with its objective's type erased.
protocol MultiTaskMember<Outputs, Targets>: Sendable {
  associatedtype Outputs
  associatedtype Targets

  /// The task's name.
  var name: String { get }
  /// The weight of the task in a `.weighted` aggregate.
  var weight: Double { get }
  /// The number of samples accumulated.
  var samples: Int { get }

  /// An emptied copy updated with this task's part of a batch, or `nil` when the batch has no
  /// part for this task. Does not change `self`.
  func batch(_ outputs: Outputs, _ targets: Targets) throws(ObjectiveError) -> Self?
  /// Merges a member of the same task and concrete type.
  mutating func absorb(_ other: any MultiTaskMember<Outputs, Targets>) throws(ObjectiveError)
  /// The task's results, unprefixed.
  func compute() -> Results
  /// Returns to the empty state.
  mutating func reset()
  /// The objective's state as a snapshot.
  func snapshot() throws(ObjectiveError) -> StateSnapshot
  /// Restores the objective's state and sample count.
  mutating func restore(_ snapshot: StateSnapshot, samples: Int) throws(ObjectiveError)
  /// The task's objective, type-erased (for ``MemberwiseState``).
  var erasedObjective: any Objective { get }
  /// Replaces the objective (of the same concrete type) and the sample count.
  mutating func replaceObjective(_ replacement: any Objective, samples: Int) throws(ObjectiveError)
}

/// A task: an objective and the closures that take its outputs and targets out of a batch.
struct MultiTaskSlot<O: Objective, Outputs, Targets>: MultiTaskMember {
  let name: String
  let weight: Double
  var objective: O
  var samples = 0
  let outputs: @Sendable (Outputs) throws(ObjectiveError) -> O.Output?
  let targets: @Sendable (Targets) throws(ObjectiveError) -> O.Target?
  let countSamples: (@Sendable (O.Output) -> Int)?

  func batch(_ outputs: Outputs, _ targets: Targets) throws(ObjectiveError) -> Self? {
    let o = try self.outputs(outputs)
    let t = try self.targets(targets)
    switch (o, t) {
    case (nil, nil): return nil
    case (let o?, let t?):
      var copy = self
      copy.objective.reset()
      try copy.objective.update(o, t)
      if let counting = copy.objective as? any SampleCounting {
        copy.samples = counting.sampleCount
      } else if let countSamples {
        copy.samples = countSamples(o)
      } else if let collection = o as? any Collection {
        copy.samples = collection.count
      } else {
        copy.samples = 1
      }
      return copy
    case (nil, _?): throw .invalidArgument("task \(name) has targets but no outputs in this batch")
    case (_?, nil): throw .invalidArgument("task \(name) has outputs but no targets in this batch")
    }
  }

  mutating func absorb(_ other: any MultiTaskMember<Outputs, Targets>) throws(ObjectiveError) {
    guard let same = other as? Self, same.name == name else {
      throw .incompatibleState("task \(name) cannot merge task \(other.name) of type \(type(of: other))")
    }
    try objective.merge(same.objective)
    samples += same.samples
  }

  func compute() -> Results { objective.compute() }

  mutating func reset() {
    objective.reset()
    samples = 0
  }

  func snapshot() throws(ObjectiveError) -> StateSnapshot {
    try StateSnapshot(of: objective.state)
  }

  mutating func restore(_ snapshot: StateSnapshot, samples: Int) throws(ObjectiveError) {
    guard samples >= 0 else { throw .incompatibleState("task \(name): negative sample count") }
    do {
      try objective.restore(try snapshot.decode(O.State.self))
    } catch {
      if case .incompatibleState(let reason) = error { throw .incompatibleState("task \(name): \(reason)") }
      throw error
    }
    self.samples = samples
  }
}
