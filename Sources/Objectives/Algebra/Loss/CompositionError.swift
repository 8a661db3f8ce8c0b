/// Why a composition is refused.
///
/// Operators never stop the program: a composition they cannot make sound (two different leaves
/// under one name, a tree deeper than the limit) is recorded in the result, which then refuses
/// every batch, and `checked()` reports it. Contradictory directions, constants that are not
/// finite and division by a constant zero are refused only by the strict check (``Loss/checked(_:)``
/// with `.strict`, the throwing composition functions, or parsing with `checking: .strict`).
public enum CompositionError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Two sides of an operator pull in opposite directions. `composition` is the rendered formula
  /// where they meet, `left` and `right` the two sides, each with its own direction (the right
  /// side's before `-` or `/` flips it).
  case contradictoryDirections(
    composition: String, operation: String, left: String, leftDirection: Direction, right: String,
    rightDirection: Direction)
  /// Two different components (or members) report under one name.
  case duplicateName(name: String, first: String, second: String)
  /// A constant or exponent is not finite.
  case nonFiniteConstant(Double)
  /// A composition divides by a constant zero.
  case zeroDivisor(composition: String)
  /// The composition would nest deeper than the limit (the formula parser's limit, so that every
  /// rendering can be read back).
  case tooDeep(limit: Int)
  /// An elementary function (`exp`, `min`, …) applied to a loss whose value type does not
  /// implement them (see ``ElementaryObjectiveValue``).
  case unsupportedFunction(valueType: String)
  /// One `{parameter}` given two different values on the two sides of a composition.
  case parameterConflict(name: String, first: Double, second: Double)
  /// A metric reference names a key its objective does not report (`available` lists those it
  /// does).
  case unknownKey(key: String, available: [String])

  /// The message, naming both sides (or the constant, or the limit).
  public var description: String {
    switch self {
    case .contradictoryDirections(let composition, let op, let l, let lh, let r, let rh):
      let flips = op == "-" || op == "/"
      let note =
        flips
        ? " ('\(op)' flips the direction of its right side, so it would be \(rh.opposite.words))" : ""
      return """
        cannot compose \(composition): the left side \(l) is \(lh.words), \
        the right side \(r) is \(rh.words)\(note). \
        Both sides must be optimised in the same direction.
        """
    case .duplicateName(let name, let first, let second):
      return "two different components are named '\(name)': \(first) and \(second). Give them distinct names."
    case .nonFiniteConstant(let c):
      return "constants and exponents in a composition must be finite, got \(NumberFormatting.shortest(c))"
    case .zeroDivisor(let composition):
      return "\(composition) divides by the constant 0"
    case .tooDeep(let limit):
      return "the composition would nest deeper than \(limit) levels"
    case .unsupportedFunction(let type):
      return "elementary functions (exp, log, sqrt, abs, min, max, clamp) need a value type conforming to "
        + "ElementaryObjectiveValue; \(type) does not"
    case .parameterConflict(let name, let first, let second):
      return "the parameter {\(name)} has the value \(NumberFormatting.shortest(first)) on the left side and "
        + "\(NumberFormatting.shortest(second)) on the right side. Give it one value."
    case .unknownKey(let key, let available):
      return "the objective reports no value named '\(key)'; it reports \(available.joined(separator: ", "))"
    }
  }
}
