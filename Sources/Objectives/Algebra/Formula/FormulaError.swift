/// Why a formula string could not be turned into a loss. Every case carries the 0-based character
/// position where the problem was found.
public enum FormulaError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The text does not follow the grammar.
  case syntax(String, position: Int)
  /// A `[name]` that is not among the given leaves.
  case unknownName(String, position: Int)
  /// The composition is refused (a name clash; with strict checking also contradictory
  /// directions, a non-finite constant or a zero divisor); `position` is the operator's.
  case composition(CompositionError, position: Int)
  /// The formula contains numbers only.
  case noLeaf(position: Int)
  /// The formula is longer than the limit.
  case tooLong(length: Int, limit: Int)
  /// Parentheses or unary minus nest deeper than the limit, or the composition would (see
  /// `Loss.maximumDepth`).
  case tooDeep(limit: Int, position: Int)

  /// The 0-based character position of the problem.
  public var position: Int {
    switch self {
    case .syntax(_, let p), .unknownName(_, let p), .composition(_, let p), .noLeaf(let p),
      .tooDeep(_, let p):
      return p
    case .tooLong(_, let limit): return limit
    }
  }

  /// The message, with the position.
  public var description: String {
    switch self {
    case .syntax(let m, let p): return "syntax error at position \(p): \(m)"
    case .unknownName(let n, let p): return "unknown name [\(n)] at position \(p)"
    case .composition(let e, let p): return "at position \(p): \(e)"
    case .noLeaf: return "the formula has no [name]: a loss needs at least one leaf"
    case .tooLong(let n, let limit): return "the formula has \(n) characters; the limit is \(limit)"
    case .tooDeep(let limit, let p): return "nesting deeper than \(limit) at position \(p)"
    }
  }

  /// The formula with a caret under the position of the problem, for terminals.
  public func pointing(at formula: String) -> String {
    let p = min(max(position, 0), formula.count)
    return formula + "\n" + String(repeating: " ", count: p) + "^"
  }
}
