/// Several tasks evaluated together: one objective (a metric collection, regression metrics, …)
/// per task, one `update` for every task, results flattened as `task.metric`.
///
/// Each task is registered with its objective and two closures that take the task's outputs and
/// targets out of a batch value; a closure pair returning `nil` skips the task for that batch (for
/// batches drawn from one data set at a time).
///
/// ```swift
/// struct Batch { var price: [Double]; var rating: [Double] }
/// var tasks = MultiTaskMetrics<Batch, Batch>(aggregate: .macro, prefix: "val/")
/// try tasks.register("price", regressionMetrics(), outputs: { $0.price }, targets: { $0.price })
/// try tasks.register("rating", regressionMetrics(), outputs: { $0.rating }, targets: { $0.rating })
/// try tasks.update(predicted, observed)
/// tasks.compute()  // val/price.pearson, …, val/rating.rmse, val/aggregate.pearson, …
/// ```
///
/// With `aggregate` set, `aggregate.<metric>` entries average each metric across the tasks that
/// report it under the exact same name, skipping NaN: `.macro` weighs tasks equally, `.micro` by
/// their sample counts, `.weighted` by the weights given at registration (see `MultiTaskAggregate`).
/// Every key gets `prefix` before it and `postfix` after it.
///
/// **Errors.** When a task's closure or update throws, no task is changed by the batch: every task's
/// part is first accumulated into an emptied copy, and the copies are merged only when all
/// succeeded.
///
/// The state is the tuple of the task states, merged task by task, so the laws of
/// `MergeableState` hold whenever they hold for every task.
/// - Complexity: one update of each task per batch, plus merging its batch state.
public struct MultiTaskMetrics<Outputs, Targets>: Objective, Sendable {
  /// The batch value the task outputs are taken from.
  public typealias Output = Outputs
  /// The batch value the task targets are taken from.
  public typealias Target = Targets
  /// Every task's state as a snapshot.
  public typealias State = MultiTaskState

  /// The cross-task aggregate, if any.
  public let aggregate: MultiTaskAggregate?
  /// Put before every result key (for example `val/`).
  public var prefix: String
  /// Put after every result key.
  public var postfix: String
  var members: [any MultiTaskMember<Outputs, Targets>] = []

  /// The key under which cross-task averages are reported (`aggregate.<metric>`); no task may use it.
  public static var aggregateName: String { "aggregate" }

  /// An empty container.
  public init(aggregate: MultiTaskAggregate? = nil, prefix: String = "", postfix: String = "") {
    self.aggregate = aggregate
    self.prefix = prefix
    self.postfix = postfix
  }

  /// The task names, in registration order.
  public var taskNames: [String] { members.map(\.name) }

  /// The number of samples task `name` has accumulated (`nil` for an unknown task).
  ///
  /// Counted by the task's objective when it is `SampleCounting`, otherwise by `countSamples`
  /// given at registration, otherwise as the number of elements of its outputs when they are a
  /// collection, otherwise one per batch.
  public func samples(of name: String) -> Int? {
    members.first { $0.name == name }?.samples
  }

  /// Registers a task.
  ///
  /// - Parameters:
  ///   - name: the task's key prefix; unique, non-empty, and not `aggregate`.
  ///   - objective: what to compute for the task (its state is kept).
  ///   - weight: the task's weight in a `.weighted` aggregate (finite, ≥ 0).
  ///   - outputs: the task's outputs in a batch, or `nil` when the batch has none.
  ///   - targets: the task's targets in a batch, or `nil` when the batch has none.
  ///   - countSamples: the number of samples in the task's outputs, for objectives that are not
  ///     `SampleCounting`.
  /// - Throws: `ObjectiveError.invalidArgument` for a duplicate or reserved name or an invalid
  ///   weight.
  public mutating func register<O: Objective>(
    _ name: String, _ objective: O, weight: Double = 1,
    outputs: @escaping @Sendable (Outputs) throws(ObjectiveError) -> O.Output?,
    targets: @escaping @Sendable (Targets) throws(ObjectiveError) -> O.Target?,
    countSamples: (@Sendable (O.Output) -> Int)? = nil
  ) throws(ObjectiveError) {
    guard !name.isEmpty, name != Self.aggregateName else {
      throw .invalidArgument("task name \"\(name)\" is empty or reserved")
    }
    guard !taskNames.contains(name) else { throw .invalidArgument("task \(name) is registered twice") }
    guard weight.isFinite, weight >= 0 else {
      throw .invalidArgument("task \(name): weight \(weight) must be finite and ≥ 0")
    }
    members.append(
      MultiTaskSlot<O, Outputs, Targets>(
        name: name, weight: weight, objective: objective, outputs: outputs, targets: targets,
        countSamples: countSamples))
  }

  /// A copy with one more task (see `register(_:_:weight:outputs:targets:countSamples:)`).
  public func registering<O: Objective>(
    _ name: String, _ objective: O, weight: Double = 1,
    outputs: @escaping @Sendable (Outputs) throws(ObjectiveError) -> O.Output?,
    targets: @escaping @Sendable (Targets) throws(ObjectiveError) -> O.Target?,
    countSamples: (@Sendable (O.Output) -> Int)? = nil
  ) throws(ObjectiveError) -> MultiTaskMetrics {
    var copy = self
    try copy.register(
      name, objective, weight: weight, outputs: outputs, targets: targets, countSamples: countSamples)
    return copy
  }

  /// Registers a task whose outputs and targets are the entries under `name` of dictionary batches;
  /// a batch without that key skips the task.
  public mutating func register<O: Objective>(
    _ name: String, _ objective: O, weight: Double = 1
  ) throws(ObjectiveError) where Outputs == [String: O.Output], Targets == [String: O.Target] {
    try register(name, objective, weight: weight, outputs: { $0[name] }, targets: { $0[name] })
  }

  /// Updates every task with its part of the batch; on an error no task changes.
  public mutating func update(_ outputs: Outputs, _ targets: Targets) throws(ObjectiveError) {
    var batches: [(Int, any MultiTaskMember<Outputs, Targets>)] = []
    for (i, m) in members.enumerated() {
      if let b = try m.batch(outputs, targets) { batches.append((i, b)) }
    }
    for (i, b) in batches { try members[i].absorb(b) }
  }

  /// Every task's results as `task.metric`, then the aggregates as `aggregate.metric`, each key
  /// wrapped in `prefix` and `postfix`.
  public func compute() -> Results {
    var out = Results()
    var perTask: [(results: Results, weight: Double)] = []
    for m in members {
      let r = m.compute()
      out.append(contentsOf: r.renamed(prefix: m.name + "."))
      switch aggregate {
      case .macro: perTask.append((r, 1))
      case .micro: perTask.append((r, Double(m.samples)))
      case .weighted: perTask.append((r, m.weight))
      case nil: break
      }
    }
    if aggregate != nil {
      out.append(contentsOf: MultiTaskAggregate.average(perTask).renamed(prefix: Self.aggregateName + "."))
    }
    return out.renamed(prefix: prefix, postfix: postfix)
  }

  /// Empties every task, keeping the registrations.
  public mutating func reset() {
    for i in members.indices { members[i].reset() }
  }

  /// Merges a container with the same tasks, task by task (the monoid operation).
  public mutating func merge(_ other: MultiTaskMetrics) throws(ObjectiveError) {
    guard taskNames == other.taskNames else {
      throw .incompatibleState("multi-task containers with tasks \(taskNames) and \(other.taskNames)")
    }
    var merged = members
    for i in merged.indices { try merged[i].absorb(other.members[i]) }
    members = merged
  }

  /// Every task's state as a snapshot (a task whose state cannot be encoded appears as `null`).
  public var state: MultiTaskState {
    MultiTaskState(
      tasks: members.map { m in
        MultiTaskState.Task(name: m.name, samples: m.samples, state: (try? m.snapshot()) ?? .null)
      }, configuration: configuration)
  }

  /// The task names and weights and the aggregate, as recorded in a state.
  var configuration: String {
    "tasks [" + members.map { "\($0.name) (weight \($0.weight))" }.joined(separator: ", ") + "], aggregate "
      + (aggregate?.rawValue ?? "none")
  }

  /// Restores every task from a snapshot of a container with the same tasks; on an error no task
  /// changes. Throws `ObjectiveError.incompatibleState`, naming the expected and the given
  /// configuration, for a snapshot of other tasks, weights or aggregate, or when a task's own
  /// objective refuses its state (another configuration of that task).
  public mutating func restore(_ state: MultiTaskState) throws(ObjectiveError) {
    guard state.tasks.map(\.name) == taskNames else {
      throw .incompatibleState("snapshot of tasks \(state.tasks.map(\.name)), expected \(taskNames)")
    }
    if let theirs = state.configuration, theirs != configuration {
      throw .incompatibleState("expected the state of \(configuration), got the state of \(theirs)")
    }
    var restored = members
    for i in restored.indices {
      try restored[i].restore(state.tasks[i].state, samples: state.tasks[i].samples)
    }
    members = restored
  }
}
