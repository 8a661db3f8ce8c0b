/// The state of a `MultiTaskMetrics`: each task's state as a `StateSnapshot` with its sample count,
/// in registration order.
public struct MultiTaskState: Sendable, Codable, Equatable {
  /// The state of one task.
  public struct Task: Sendable, Codable, Equatable {
    /// The task's name.
    public var name: String
    /// The number of samples the task has accumulated.
    public var samples: Int
    /// The task objective's state.
    public var state: StateSnapshot

    /// A task state.
    public init(name: String, samples: Int, state: StateSnapshot) {
      self.name = name
      self.samples = samples
      self.state = state
    }
  }

  /// The tasks, in registration order.
  public var tasks: [Task]
  /// The container's configuration (task names and weights, aggregate), written by the container's
  /// `state`; `restore` refuses a state of another configuration. `nil` when unknown (a state made
  /// by hand or from an older checkpoint), which is then checked by its task names only.
  public var configuration: String?

  /// A state with the given tasks.
  public init(tasks: [Task], configuration: String? = nil) {
    self.tasks = tasks
    self.configuration = configuration
  }
}
