#if MPI
  import Objectives

  /// The typed error of a distributed reduction.
  ///
  /// A reduction decides its error from what every rank contributed, after the gather, so every rank
  /// of the communicator throws the *same* error: the first failing rank in rank order wins, and a
  /// configuration that differs from rank 0's is named by the first rank that differs.
  public enum MPIError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An MPI call returned an error code.
    case call(function: String, code: Int32, message: String)
    /// MPI is not initialised (or already finalised) where a communicator is needed.
    case notInitialized(String)
    /// A rank contributed an error instead of a state (its `update` threw): the first such rank.
    case rankFailed(rank: Int, error: ObjectiveError)
    /// A rank's objective is configured differently from rank 0's (other metrics, classes, formula).
    case configurationMismatch(rank: Int, expected: String, actual: String)
    /// The gathered states could not be decoded or merged.
    case objective(ObjectiveError)
    /// An argument is invalid (a root outside the communicator, a payload over 2 GiB).
    case invalidArgument(String)

    /// A message naming the rank and the cause.
    public var description: String {
      switch self {
      case .call(let function, let code, let message):
        return "\(function) failed with error \(code): \(message)"
      case .notInitialized(let reason):
        return "MPI is not available: \(reason)"
      case .rankFailed(let rank, let error):
        return "rank \(rank) failed: \(error)"
      case .configurationMismatch(let rank, let expected, let actual):
        return
          "rank \(rank) is configured differently from rank 0: rank 0 has \(expected), rank \(rank) has \(actual)"
      case .objective(let error):
        return "cannot merge the gathered states: \(error)"
      case .invalidArgument(let reason):
        return "invalid argument: \(reason)"
      }
    }

    /// The `ObjectiveError` of a failed rank, or of a failed merge; `nil` for MPI failures.
    public var objectiveError: ObjectiveError? {
      switch self {
      case .rankFailed(_, let error), .objective(let error): return error
      default: return nil
      }
    }
  }
#endif
