/// Why a loss configuration was refused: the JSON path of the problem and what is wrong there;
/// for a formula, also its position.
///
/// `description` reads `$.leaves.Huber.delta: expected a number, got "x"`, or for a formula
/// `$.formula: unknown name [CE2] at position 0`.
public struct LossConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Where: a JSON path (`$` for the whole file, `$.leaves.Huber.delta`, `$[1].weight`).
  public var path: String
  /// What is wrong there.
  public var message: String
  /// The formula the problem is in, when it is in a formula (EDSR strings included).
  public var formula: String?
  /// The 0-based character position of the problem in `formula`.
  public var position: Int?

  /// A problem at `path`.
  public init(path: String, _ message: String) {
    self.path = path
    self.message = message
  }

  /// A problem at `position` of the formula at `path`.
  public init(path: String, formula: String, position: Int, _ message: String) {
    self.path = path
    self.message = message
    self.formula = formula
    self.position = position
  }

  /// A formula the parser refused, with the parser's position and an optional hint.
  public init(path: String, formula: String, error: FormulaError, hint: String? = nil) {
    self.init(
      path: path, formula: formula, position: error.position,
      error.description + (hint.map { "; " + $0 } ?? ""))
  }

  /// `<path>: <message>`.
  public var description: String { path + ": " + message }

  /// The description, then the formula with a caret under the position when there is one.
  public var pointed: String {
    guard let formula, let position else { return description }
    let p = min(max(position, 0), formula.count)
    return description + "\n  " + formula + "\n  " + String(repeating: " ", count: p) + "^"
  }
}
