/// Why two objectives cannot be composed. Operators stop the program with this message (a
/// composition is written by a programmer, not read from data); the formula parser and the
/// throwing composition functions return it as a typed error.
public enum CompositionError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The two sides of an operator would be optimised in opposite directions.
  case contradictoryDirections(
    operation: String, left: String, leftHigherIsBetter: Bool, right: String, rightHigherIsBetter: Bool)
  /// Two different components (or members) report under one name.
  case duplicateName(name: String, first: String, second: String)
  /// A constant or exponent is not finite.
  case nonFiniteConstant(Double)

  public var description: String {
    switch self {
    case .contradictoryDirections(let op, let l, let lh, let r, let rh):
      let effective = (op == "-" || op == "/") ? !rh : rh
      let note =
        (op == "-" || op == "/")
        ? " ('\(op)' flips the direction of its right side, so it would be \(Direction.describe(effective)))"
        : ""
      return """
        cannot compose \(l) \(op) \(r): the left side \(l) is \(Direction.describe(lh)), \
        the right side \(r) is \(Direction.describe(rh))\(note). \
        Both sides must be optimised in the same direction.
        """
    case .duplicateName(let name, let first, let second):
      return "two different components are named '\(name)': \(first) and \(second). Give them distinct names."
    case .nonFiniteConstant(let c):
      return "constants and exponents in a composition must be finite, got \(c)"
    }
  }
}
