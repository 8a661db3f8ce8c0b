/// The typed error for bad data and bad input.
///
/// Every failure that user *data* can cause (a length mismatch, a label out of range, a NaN under the
/// `error` policy, a malformed file, an incompatible checkpoint) is reported as an `ObjectiveError`
/// through a typed `throws`. An objective that throws from `update` leaves its state exactly as it
/// was before the call. Composing objectives never stops the program: a composition an operator
/// cannot make sound (two different components under one name) is recorded in the result, which
/// throws `.invalidArgument` naming both sides from every update; the strict check (`checked()`)
/// reports it, and contradictory directions, as a `CompositionError`.
public enum ObjectiveError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Two sequences that must have the same length do not.
  case lengthMismatch(what: String, expected: Int, actual: Int)
  /// A class label or label index is outside `0..<count` (and is not the ignore index).
  case labelOutOfRange(label: Int, count: Int, position: Int)
  /// A NaN or infinite value was found under the `error` NaN policy.
  case nonFinite(what: String, position: Int)
  /// A value is outside the domain the metric accepts (for example a probability above 1).
  case invalidValue(what: String, value: Double, position: Int)
  /// Two states cannot be merged or restored because their shapes or configurations differ.
  case incompatibleState(String)
  /// An input file or stream is malformed. `line` and `column` are 1-based; 0 means unknown.
  case malformedInput(line: Int, column: Int, reason: String)
  /// An option or argument is invalid.
  case invalidArgument(String)

  /// A readable description, as `print` shows it.
  public var description: String {
    switch self {
    case .lengthMismatch(let what, let expected, let actual):
      return "length mismatch in \(what): expected \(expected), got \(actual)"
    case .labelOutOfRange(let label, let count, let position):
      return "label \(label) at position \(position) is outside 0..<\(count)"
    case .nonFinite(let what, let position):
      return "non-finite \(what) at position \(position)"
    case .invalidValue(let what, let value, let position):
      return "invalid \(what) \(value) at position \(position)"
    case .incompatibleState(let reason):
      return "incompatible state: \(reason)"
    case .malformedInput(let line, let column, let reason):
      if line == 0 { return "malformed input: \(reason)" }
      if column == 0 { return "line \(line): \(reason)" }
      return "line \(line), column \(column): \(reason)"
    case .invalidArgument(let reason):
      return "invalid argument: \(reason)"
    }
  }
}
