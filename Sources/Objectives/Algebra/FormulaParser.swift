/// Reads a formula back into a loss, using the same composition functions as the operators, so
/// that `Loss(parsing: loss.formula, leaves: …)` renders and evaluates exactly like `loss`.
///
/// Grammar (whitespace is ignored):
/// ```
/// formula := sum end
/// sum     := signed (("+" | "-") product)*
/// signed  := "-" signed | product        // "-" followed by a number is a negative number
/// product := power (("x" | "/") power)*
/// power   := atom ("^" ["-"] number)?
/// atom    := "[" name "]" | number | "(" sum ")"
/// ```
/// Input is bounded: at most ``maximumLength`` characters and ``maximumDepth`` levels of
/// parentheses and unary minus, so hostile input cannot exhaust the stack.
struct FormulaParser<Output, Target, Value: ObjectiveValue> {
  typealias L = Loss<Output, Target, Value>

  static var maximumLength: Int { 10_000 }
  static var maximumDepth: Int { 64 }

  enum Operand {
    case number(Double)
    case loss(L)
  }

  let tokens: [FormulaToken]
  let leaves: [String: L]
  var index = 0
  var depth = 0

  init(tokens: [FormulaToken], leaves: [String: L]) {
    self.tokens = tokens
    self.leaves = leaves
  }

  var current: FormulaToken { tokens[index] }

  mutating func parseFormula() throws(FormulaError) -> L {
    let result = try parseSum()
    guard current.kind == .end else {
      throw .syntax("unexpected \(Self.describe(current.kind))", position: current.position)
    }
    guard case .loss(let loss) = result else { throw .noLeaf(position: 0) }
    return loss
  }

  mutating func enter(at position: Int) throws(FormulaError) {
    depth += 1
    if depth > Self.maximumDepth { throw .tooDeep(limit: Self.maximumDepth, position: position) }
  }

  mutating func parseSum() throws(FormulaError) -> Operand {
    var left = try parseSigned()
    while current.kind == .plus || current.kind == .minus {
      let op = current
      index += 1
      let right = try parseProduct()
      left = try Self.apply(op, left, right)
    }
    return left
  }

  mutating func parseSigned() throws(FormulaError) -> Operand {
    guard current.kind == .minus else { return try parseProduct() }
    let minus = current
    index += 1
    if case .number(let n) = current.kind {
      // A negative number literal starts the product: `-2 x [A]` is (-2) x [A].
      index += 1
      return try parseProductTail(startingWith: try parsePowerTail(of: .number(-n)))
    }
    try enter(at: minus.position)
    defer { depth -= 1 }
    switch try parseSigned() {
    case .number(let n): return .number(-n)
    case .loss(let l): return .loss(l.negated())
    }
  }

  mutating func parseProduct() throws(FormulaError) -> Operand {
    try parseProductTail(startingWith: try parsePower())
  }

  mutating func parseProductTail(startingWith first: Operand) throws(FormulaError) -> Operand {
    var left = first
    while current.kind == .times || current.kind == .divide {
      let op = current
      index += 1
      let right = try parsePower()
      left = try Self.apply(op, left, right)
    }
    return left
  }

  mutating func parsePower() throws(FormulaError) -> Operand {
    try parsePowerTail(of: try parseAtom())
  }

  mutating func parsePowerTail(of base: Operand) throws(FormulaError) -> Operand {
    guard current.kind == .caret else { return base }
    let caret = current
    index += 1
    var sign = 1.0
    if current.kind == .minus {
      sign = -1
      index += 1
    }
    guard case .number(let p) = current.kind else {
      throw .syntax("an exponent must be a number", position: current.position)
    }
    index += 1
    if current.kind == .caret {
      throw .syntax("write (a^p)^q with parentheses", position: current.position)
    }
    switch base {
    case .number(let b):
      let v = Double(objectiveConstant: b).raised(to: sign * p)
      guard v.isFinite else { throw .composition(.nonFiniteConstant(v), position: caret.position) }
      return .number(v)
    case .loss(let l):
      do {
        return .loss(try l.raised(to: sign * p))
      } catch {
        throw .composition(error, position: caret.position)
      }
    }
  }

  mutating func parseAtom() throws(FormulaError) -> Operand {
    let token = current
    switch token.kind {
    case .leaf(let name):
      index += 1
      guard let leaf = leaves[name] else { throw .unknownName(name, position: token.position) }
      return .loss(leaf)
    case .number(let n):
      index += 1
      return .number(n)
    case .open:
      index += 1
      try enter(at: token.position)
      defer { depth -= 1 }
      let inner = try parseSum()
      guard current.kind == .close else {
        throw .syntax(
          "expected ')' to close the '(' at position \(token.position)", position: current.position)
      }
      index += 1
      return inner
    default:
      throw .syntax(
        "expected [name], a number or '(' but found \(Self.describe(token.kind))", position: token.position)
    }
  }

  static func apply(_ op: FormulaToken, _ a: Operand, _ b: Operand) throws(FormulaError) -> Operand {
    do {
      switch (op.kind, a, b) {
      case (.plus, .number(let x), .number(let y)): return try number(x + y, op)
      case (.minus, .number(let x), .number(let y)): return try number(x - y, op)
      case (.times, .number(let x), .number(let y)): return try number(x * y, op)
      case (.divide, .number(let x), .number(let y)): return try number(x / y, op)
      case (.plus, .loss(let l), .number(let y)): return .loss(try l.adding(y))
      case (.plus, .number(let x), .loss(let l)): return .loss(try l.adding(x, constantFirst: true))
      case (.minus, .loss(let l), .number(let y)): return .loss(try l.subtracting(y))
      case (.minus, .number(let x), .loss(let l)): return .loss(try l.subtracted(from: x))
      case (.times, .loss(let l), .number(let y)): return .loss(try l.scaled(by: y))
      case (.times, .number(let x), .loss(let l)): return .loss(try l.scaled(by: x))
      case (.divide, .loss(let l), .number(let y)): return .loss(try l.divided(by: y))
      case (.divide, .number(let x), .loss(let l)): return .loss(try l.dividing(x))
      case (.plus, .loss(let l), .loss(let r)): return .loss(try l.adding(r))
      case (.minus, .loss(let l), .loss(let r)): return .loss(try l.subtracting(r))
      case (.times, .loss(let l), .loss(let r)): return .loss(try l.multiplying(by: r))
      case (.divide, .loss(let l), .loss(let r)): return .loss(try l.dividing(by: r))
      default: throw FormulaError.syntax("unexpected operator", position: op.position)
      }
    } catch let error as FormulaError {
      throw error
    } catch let error as CompositionError {
      throw .composition(error, position: op.position)
    } catch {
      throw .syntax("\(error)", position: op.position)
    }
  }

  static func number(_ v: Double, _ op: FormulaToken) throws(FormulaError) -> Operand {
    guard v.isFinite else { throw .composition(.nonFiniteConstant(v), position: op.position) }
    return .number(v)
  }

  static func describe(_ kind: FormulaToken.Kind) -> String {
    switch kind {
    case .leaf(let n): return "[\(n)]"
    case .number(let v): return NumberFormatting.shortest(v)
    case .plus: return "'+'"
    case .minus: return "'-'"
    case .times: return "'x'"
    case .divide: return "'/'"
    case .caret: return "'^'"
    case .open: return "'('"
    case .close: return "')'"
    case .end: return "the end of the formula"
    }
  }
}

extension Loss {
  /// Builds a loss from a formula in DRYTorch's notation and the losses its `[names]` refer to.
  ///
  /// ```swift
  /// let loss = try Loss(parsing: "[MSE]^2 + 0.5 x [MAE]", leaves: [mse, mae])
  /// ```
  /// - Parameters:
  ///   - formula: The formula; at most 10,000 characters and 64 levels of nesting.
  ///   - leaves: The losses named in the formula, each under its `name`.
  /// - Throws: `FormulaError` with the position of a syntax error, an unknown name, a refused
  ///   composition (such as a leaf used with the wrong direction) or a limit.
  /// - Complexity: O(length of the formula × depth of its tree).
  public init(parsing formula: String, leaves: [Loss]) throws(FormulaError) {
    var table: [String: Loss] = [:]
    for leaf in leaves {
      if let existing = table[leaf.name] {
        throw .composition(
          .duplicateName(name: leaf.name, first: existing.description, second: leaf.description), position: 0)
      }
      table[leaf.name] = leaf
    }
    try self.init(parsing: formula, named: table)
  }

  /// Builds a loss from a formula and a table from names to losses (a name may stand for a
  /// composite).
  public init(parsing formula: String, named leaves: [String: Loss]) throws(FormulaError) {
    let characters = Array(formula)
    let limit = FormulaParser<Output, Target, Value>.maximumLength
    guard characters.count <= limit else { throw .tooLong(length: characters.count, limit: limit) }
    var parser = FormulaParser<Output, Target, Value>(
      tokens: try FormulaTokenizer.tokenize(characters), leaves: leaves)
    self = try parser.parseFormula()
  }
}
