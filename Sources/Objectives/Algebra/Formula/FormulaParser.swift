/// Reads a formula back into a loss or a metric expression, using the same composition functions
/// as the operators, so that `Loss(parsing: loss.formula, leaves: …)` renders, evaluates and is
/// directed exactly like `loss`.
///
/// Grammar (whitespace, CR LF included, is ignored):
/// ```
/// formula := sum end
/// sum     := product (("+" | "-") product)*
/// product := unary (("x" | "/") unary)*
/// unary   := "-" unary | power             // looser than "^", tighter than "x" and "/"
/// power   := atom ("^" ["-"] number)?
/// atom    := "[" name "]" | "{" parameter "}" | number | "(" sum ")" | function "(" sum ("," sum)* ")"
/// function := "exp" | "log" | "sqrt" | "abs" | "min" | "max" | "clamp"
/// number  := digits ["." digits] [("e" | "E") ["+" | "-"] digits] | "inf" | "nan" | "True" | "False"
/// ```
/// Input is bounded: at most ``maximumLength`` characters and ``maximumDepth`` levels of
/// parentheses and unary minus (`-(` counts once), so hostile input cannot exhaust the stack; the
/// tree it builds is bounded by ``Loss/maximumDepth``, the same limit.
struct FormulaParser<L: FormulaComposable> {
  static var maximumLength: Int { 10_000 }
  static var maximumDepth: Int { L.maximumDepth }

  enum Operand {
    case number(Double)
    case loss(L)
  }

  let tokens: [FormulaToken]
  let leaves: [String: L]
  /// The values of the `{parameters}`; a parameter not listed starts at 0.
  let parameters: [String: Double]
  let checking: CompositionChecking
  var index = 0
  var depth = 0

  init(
    tokens: [FormulaToken], leaves: [String: L], parameters: [String: Double] = [:],
    checking: CompositionChecking
  ) {
    self.tokens = tokens
    self.leaves = leaves
    self.parameters = parameters
    self.checking = checking
  }

  var current: FormulaToken { tokens[index] }

  mutating func parseFormula() throws(FormulaError) -> L {
    let result = try parseSum()
    guard current.kind == .end else {
      throw .syntax("unexpected \(Self.describe(current.kind))", position: current.position)
    }
    guard case .loss(let loss) = result, case .loss(let checked) = try checkedResult(loss.emptied(), at: 0)
    else { throw .noLeaf(position: 0) }
    return checked
  }

  mutating func enter(at position: Int) throws(FormulaError) {
    depth += 1
    if depth > Self.maximumDepth { throw .tooDeep(limit: Self.maximumDepth, position: position) }
  }

  mutating func parseSum() throws(FormulaError) -> Operand {
    var left = try parseProduct()
    while current.kind == .plus || current.kind == .minus {
      let op = current
      index += 1
      let right = try parseProduct()
      left = try apply(op, left, right)
    }
    return left
  }

  mutating func parseUnary() throws(FormulaError) -> Operand {
    guard current.kind == .minus else { return try parsePower() }
    let minus = current
    index += 1
    // `-(` is one level: the parenthesis counts it.
    let counts = current.kind != .open
    if counts { try enter(at: minus.position) }
    defer { if counts { depth -= 1 } }
    switch try parseUnary() {
    case .number(let n): return .number(-n)
    case .loss(let l): return try checkedResult(l.negated(), at: minus.position)
    }
  }

  mutating func parseProduct() throws(FormulaError) -> Operand {
    var left = try parseUnary()
    while current.kind == .times || current.kind == .divide {
      let op = current
      index += 1
      let right = try parseUnary()
      left = try apply(op, left, right)
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
    case .number(let b): return try number(b.raised(to: sign * p), at: caret.position)
    case .loss(let l): return try checkedResult(l.composed(.power, sign * p), at: caret.position)
    }
  }

  mutating func parseAtom() throws(FormulaError) -> Operand {
    let token = current
    switch token.kind {
    case .leaf(let name):
      index += 1
      guard let leaf = leaves[name] else { throw .unknownName(name, position: token.position) }
      return .loss(leaf)
    case .parameter(let name):
      index += 1
      return try checkedResult(L.parameter(name, value: parameters[name] ?? 0), at: token.position)
    case .function(let f):
      index += 1
      return try parseArguments(of: f, at: token.position)
    case .number(let n):
      index += 1
      if checking == .strict && !n.isFinite {
        throw .composition(.nonFiniteConstant(n), position: token.position)
      }
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

  /// `(a, b, …)` after a function name: exactly `f.arity` formulas. Numbers only fold to a number.
  mutating func parseArguments(of f: ElementaryFunction, at position: Int) throws(FormulaError) -> Operand {
    guard current.kind == .open else {
      throw .syntax("expected '(' after \(f.rawValue)", position: current.position)
    }
    try enter(at: current.position)
    defer { depth -= 1 }
    index += 1
    var arguments: [Operand] = [try parseSum()]
    while current.kind == .comma {
      index += 1
      arguments.append(try parseSum())
    }
    guard current.kind == .close else {
      throw .syntax("expected ',' or ')' in the arguments of \(f.rawValue)", position: current.position)
    }
    guard arguments.count == f.arity else {
      throw .syntax(
        "\(f.rawValue) takes \(f.arity) argument\(f.arity == 1 ? "" : "s"), found \(arguments.count)",
        position: current.position)
    }
    index += 1
    var numbers: [Double] = []
    var mixed: [FunctionArgument<L>] = []
    for a in arguments {
      switch a {
      case .number(let n):
        numbers.append(n)
        mixed.append(.constant(n))
      case .loss(let l): mixed.append(.composite(l))
      }
    }
    if numbers.count == arguments.count { return try number(f(numbers), at: position) }
    return try checkedResult(L.applying(f, mixed), at: position)
  }

  /// Applies a binary operator with the composition functions the operators use, then checks the
  /// result as `checking` asks, reporting a refusal at the operator's position.
  func apply(_ op: FormulaToken, _ a: Operand, _ b: Operand) throws(FormulaError) -> Operand {
    let p = op.position
    switch (op.kind, a, b) {
    case (.plus, .number(let x), .number(let y)): return try number(x + y, at: p)
    case (.minus, .number(let x), .number(let y)): return try number(x - y, at: p)
    case (.times, .number(let x), .number(let y)): return try number(x * y, at: p)
    case (.divide, .number(let x), .number(let y)):
      if checking == .strict && y == 0 {
        throw .composition(.zeroDivisor(composition: Self.describe(.number(x)) + " / 0"), position: p)
      }
      return try number(x / y, at: p)
    case (.plus, .loss(let l), .number(let y)):
      return try checkedResult(l.composed(.add(constantFirst: false), y), at: p)
    case (.plus, .number(let x), .loss(let l)):
      return try checkedResult(l.composed(.add(constantFirst: true), x), at: p)
    case (.minus, .loss(let l), .number(let y)): return try checkedResult(l.composed(.subtract, y), at: p)
    case (.minus, .number(let x), .loss(let l)): return try checkedResult(l.composed(.subtractFrom, x), at: p)
    case (.times, .loss(let l), .number(let y)), (.times, .number(let y), .loss(let l)):
      return try checkedResult(l.composed(.scale, y), at: p)
    case (.divide, .loss(let l), .number(let y)): return try checkedResult(l.composed(.divide, y), at: p)
    case (.divide, .number(let x), .loss(let l)): return try checkedResult(l.composed(.divideInto, x), at: p)
    case (.plus, .loss(let l), .loss(let r)): return try checkedResult(l.composed(.add, r), at: p)
    case (.minus, .loss(let l), .loss(let r)): return try checkedResult(l.composed(.subtract, r), at: p)
    case (.times, .loss(let l), .loss(let r)): return try checkedResult(l.composed(.multiply, r), at: p)
    case (.divide, .loss(let l), .loss(let r)): return try checkedResult(l.composed(.divide, r), at: p)
    default: throw .syntax("unexpected operator", position: p)
    }
  }

  /// The loss, or its refusal at `position`: always a recorded refusal, and with `.strict` also
  /// contradictory directions and invalid constants.
  func checkedResult(_ loss: L, at position: Int) throws(FormulaError) -> Operand {
    do {
      return .loss(try loss.checked(checking))
    } catch .tooDeep(let limit) {
      throw .tooDeep(limit: limit, position: position)
    } catch {
      throw .composition(error, position: position)
    }
  }

  /// A constant computed from constants; with `.strict` it must be finite.
  func number(_ v: Double, at position: Int) throws(FormulaError) -> Operand {
    if checking == .strict && !v.isFinite { throw .composition(.nonFiniteConstant(v), position: position) }
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
    case .comma: return "','"
    case .function(let f): return f.rawValue
    case .parameter(let name): return "{\(name)}"
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
  ///   - checking: `.lenient` (the default) composes as the operators do; `.strict` also refuses
  ///     contradictory directions (`[MSE] - [MAE]` with both minimised), constants that are not
  ///     finite and division by a constant zero, at the operator's position.
  /// - Throws: `FormulaError` with the position of a syntax error, an unknown name, a refused
  ///   composition or a limit.
  /// - Complexity: O(length of the formula × size of its tree).
  ///   - parameters: The values of the formula's `{parameters}`; a parameter not listed starts at 0.
  public init(
    parsing formula: String, leaves: [Loss], parameters: [String: Double] = [:],
    checking: CompositionChecking = .lenient
  ) throws(FormulaError) {
    var table: [String: Loss] = [:]
    for leaf in leaves {
      if let existing = table[leaf.name] {
        throw .composition(
          .duplicateName(name: leaf.name, first: existing.description, second: leaf.description), position: 0)
      }
      table[leaf.name] = leaf
    }
    try self.init(parsing: formula, named: table, parameters: parameters, checking: checking)
  }

  /// Builds a loss from a formula and a table from names to losses (a name may stand for a
  /// composite), checked as `checking` asks (see ``init(parsing:leaves:parameters:checking:)``).
  public init(
    parsing formula: String, named leaves: [String: Loss], parameters: [String: Double] = [:],
    checking: CompositionChecking = .lenient
  ) throws(FormulaError) {
    self = try FormulaParser<Loss>.parse(formula, leaves: leaves, parameters: parameters, checking: checking)
  }
}

extension FormulaParser {
  /// Parses `formula` (at most ``maximumLength`` characters).
  static func parse(
    _ formula: String, leaves: [String: L], parameters: [String: Double], checking: CompositionChecking
  ) throws(FormulaError) -> L {
    let characters = Array(formula)
    guard characters.count <= maximumLength else {
      throw .tooLong(length: characters.count, limit: maximumLength)
    }
    var parser = FormulaParser(
      tokens: try FormulaTokenizer.tokenize(characters), leaves: leaves, parameters: parameters,
      checking: checking)
    return try parser.parseFormula()
  }
}
