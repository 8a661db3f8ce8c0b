import Testing

@testable import Objectives

/// The formula grammar: unary minus after binary operators and its precedence, and the fixed
/// points of rendering and parsing at the edges (issue 10, item 6).
@Suite struct FormulaGrammarTests {
  typealias L = Loss<Double, Double, Double>
  let a = Leaves.squared("A")
  let b = Leaves.absolute("B")
  let h = Leaves.constant("H", 2, direction: .maximize)
  var leaves: [L] { [a, b, h] }

  func parse(_ formula: String, _ checking: CompositionChecking = .lenient) throws(FormulaError) -> L {
    try L(parsing: formula, leaves: leaves, checking: checking)
  }

  /// Each of these was a syntax error.
  @Test(
    arguments: [
      ("[A] + -[B]", "[A] - [B]"), ("[A] x -2", "-2 x [A]"), ("[A] + -0.5 x [B]", "[A] - 0.5 x [B]"),
      ("[A] / -(2 x [B])", "[A] / (-(2 x [B]))"), ("[A] - -[B]", "[A] + [B]"), ("[A] x -[B]", "[A] x (-[B])"),
      ("[A]^-2 x --[B]", "1 / [A]^2 x (-(-[B]))"),
    ])
  func unaryMinusAfterAnOperator(_ input: String, _ rendering: String) throws {
    let loss = try parse(input)
    #expect(loss.formula == rendering)
    #expect(try parse(rendering).expression == loss.expression)
  }

  @Test func unaryMinusBindsLooserThanPowerAndTighterThanProducts() throws {
    #expect(try parse("-[A]^2").expression == (-(a ** 2)).expression)
    #expect(try parse("-[A] x [B]").expression == ((-a) * b).expression)
    #expect(try parse("-[A] / [B]").expression == ((-a) / b).expression)
    #expect(try parse("-2^2 x [A]").formula == "-4 x [A]")
    #expect(try parse("(-2)^2 x [A]").formula == "4 x [A]")
    // A negated product renders with parentheses, so it reads back as a negated product.
    #expect((-(a * b)).formula == "-([A] x [B])")
    #expect(try parse("-([A] x [B])").expression == (-(a * b)).expression)
  }

  @Test func crlfIsWhitespace() throws {
    #expect(try parse("[A]\r\n+ 2\r\nx [B]").formula == "[A] + 2 x [B]")
  }

  /// `[A] x 1e308 x 10` printed `inf x [A]`, which did not parse.
  @Test func overflowingConstantsReadBack() throws {
    let loss = a * 1e308 * 10
    #expect(loss.formula == "inf x [A]")
    let parsed = try parse(loss.formula)
    #expect(parsed.expression == loss.expression)
    #expect(try parse("[A] x 1e308 x 10").formula == "inf x [A]")
    #expect((a * -1e308 * 10).formula == "-inf x [A]")
    #expect(try parse("-inf x [A]").expression == (a * -1e308 * 10).expression)
    #expect(throws: FormulaError.composition(.nonFiniteConstant(.infinity), position: 12)) {
      try parse("[A] x 1e308 x 10", .strict)
    }
  }

  /// 33 minuses printed a formula that was then refused as too deep.
  @Test func deepUnaryMinusReadsBack() throws {
    var loss = a
    for _ in 0..<33 { loss = -loss }
    #expect(loss.refusal == nil)
    let parsed = try parse(loss.formula)
    #expect(parsed.expression == loss.expression)
    #expect(parsed.direction == loss.direction)
    // The deepest loss the operators make still reads back.
    var deepest = a
    while true {
      let next = -deepest
      if next.refusal != nil { break }
      deepest = next
    }
    #expect(deepest.depth == L.maximumDepth)
    #expect(try parse(deepest.formula).expression == deepest.expression)
    #expect(throws: FormulaError.self) { try parse("-" + deepest.formula) }
  }

  /// `-2 / [A] x 0` printed `-0 / [A]`, which read back with the other direction.
  @Test func negativeZeroReadsBackWithTheSameDirection() throws {
    let loss = -2 / a * 0
    #expect(loss.formula == "-0 / [A]")
    let parsed = try parse(loss.formula)
    #expect(parsed.expression == loss.expression)
    #expect(parsed.direction == loss.direction)
    // Folding `-2 x 0` into `-0` keeps the direction of `-2 / [A]`.
    #expect(loss.direction == (-2 / a).direction)
    #expect((a * -0.0).formula == "-0 x [A]")
    #expect((b + a * -0.0).formula == "[B] + (-0 x [A])")
    #expect(try parse("-0 x [A]").direction == (a * -0.0).direction)
  }

  /// `[A] / 0` was accepted and `1 / 0` refused; now both follow the same rule in each mode.
  @Test func divisionByZeroIsOneRule() throws {
    #expect(try parse("[A] / 0").formula == "[A] / 0")
    #expect(try parse("[A] + 1 / 0").formula == "[A] + inf")
    #expect(throws: FormulaError.self) { try parse("[A] / 0", .strict) }
    #expect(throws: FormulaError.self) { try parse("[A] + 1 / 0", .strict) }
    var divided = try parse("[A] / 0")
    #expect(try divided.forward(2, 1) == .infinity)
  }

  /// DRYTorch renders `mse + (-1) * mae` as `[MSE] - 1 x [MAE]`: it means MSE minus MAE,
  /// minimised; the strict check refuses it.
  @Test func dryTorchSubtractionParses() throws {
    var loss = try parse("[A] - 1 x [B]")
    #expect(loss.formula == "[A] - [B]")
    #expect(loss.direction == .minimize)
    #expect(try loss.forward(3, 1) == 2)
    #expect(throws: FormulaError.self) { try parse("[A] - 1 x [B]", .strict) }
    #expect(try parse("inf x [A] + nan").formula == "inf x [A] + nan")
    #expect(try parse("([A]^2)").formula == "[A]^2")
  }

  @Test func strictParsingPointsAtTheOperator() throws {
    do {
      _ = try parse("[A] x 2 + -[B] x [H]", .strict)
      Issue.record("must be refused")
    } catch {
      guard case .composition(.contradictoryDirections(let composition, _, _, _, _, _), let p) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(p == 8)
      #expect(composition == "2 x [A] + (-[B]) x [H]")
    }
    #expect(
      throws: FormulaError.composition(
        .contradictoryDirections(
          composition: "(-[B]) / [H]", operation: "/", left: "-[B]", leftDirection: .maximize, right: "[H]",
          rightDirection: .maximize), position: 15)
    ) {
      try parse("[A] x 2 + -[B] / [H]", .strict)
    }
    #expect(try parse("[A] - [H]", .strict).formula == "[A] - [H]")
  }

  /// Every balanced formula in DRYTorch's rendering table (drytorch.md, rc11) parses, and its
  /// reading is a fixed point of rendering and parsing.
  @Test func dryTorchRenderingsParse() throws {
    let leaves = [
      Leaves.squared("MSE"), Leaves.absolute("MAE"), Leaves.squared("CE"),
      Leaves.constant("Acc", 0.5, direction: .maximize),
    ]
    let renderings = [
      "[MSE]", "(-[MSE])", "(-(-[MSE]))", "[MSE] + [MAE]", "[MSE] + [MAE] + [CE]", "(-[MSE] + [MAE])",
      "[MSE] x [MAE] x [CE]", "[MSE] + [MAE] x [CE]", "[CE] x [MSE] + [MAE]", "(1 + [MSE])", "(-1 + [MSE])",
      "(1 - [MSE])", "(2 x [MSE])", "(0.5 x [MAE])", "(3.0 x [MSE])", "(0 x [MSE])", "(-1 x [MSE])",
      "(2 x (-[MSE]))", "(0.3333333333333333 x [MSE])", "(2.0 x [MSE])", "(-0.5 x [MSE])",
      "(2 x (1 / [MSE]))", "(1 / [MSE])", "([MSE]^2)", "([MSE]^2.0)", "([MSE]^0.5)", "([MSE]^0)",
      "(1 / [MSE]^2)", "(1 / [MSE]^0.5)", "([MSE]^9)", "(1 / [MSE]^nan)", "([MSE] + [MAE]^2)",
      "(([MSE]^2)^3)", "(-([MSE]^2))", "((-[MSE])^2)", "(1 / (1 / [MSE]))", "[MSE]^2 + 0.5 x [MAE]",
      "([MSE]^2 + [MAE]^2)", "(2 x [MSE] + 3 x [MAE])", "(2 x [MSE]) x (3 x [MAE])",
      "(2 x [MSE]) x (1 / (-(3 x [MAE])))", "(2 x [MSE] - (-(3 x [MAE])))", "([MSE] - (-[MAE]))",
      "(-[MSE] - [MAE])", "[MSE] - 2 x [MAE]", "[MSE] - 1 x [MSE]", "[MSE] - [Acc]", "([MSE] x (1 / [Acc]))",
      "(-[Acc])", "(1 / [Acc])", "(-[MSE]) x (-[MAE])", "([MSE] x (1 / (-[MAE])))", "(2 x [MSE] + [MAE])",
      "(0.5 x [MSE] + [MAE])", "(-(2 x [MSE]))", "(-[MSE] x [MAE])", "([MSE]^2) x ([MAE]^2)",
      "(1 + [MSE]^2)", "(2 x (1 + [MSE]))", "(2 + 1 + [MSE])", "(1 + 2 + [MSE])",
      "(2 + [MSE]) x (3 + [MAE])", "(1 - (2 x [MSE]))", "(1 - [MSE] + [MAE])",
      "(2 x [MSE]) x (3 x [MAE] + [CE])", "((2 x [MSE]) x (3 x [MAE]) x [CE])", "(1e-08 + [MSE])",
      "(1e+20 x [MSE])", "(inf + [MSE])", "(True + [MSE])", "(2.5 + [MSE])",
    ]
    for text in renderings {
      let loss = try L(parsing: text, leaves: leaves)
      let again = try L(parsing: loss.formula, leaves: leaves)
      #expect(again.expression == loss.expression, "\(text)")
      #expect(again.direction == loss.direction, "\(text)")
    }
    #expect(try L(parsing: "(True + [MSE])", leaves: leaves).formula == "1 + [MSE]")
    #expect(try L(parsing: "False x [CE] + [MSE]", leaves: leaves).formula == "0 x [CE] + [MSE]")
    // Precedence-losing renderings read with this grammar's precedence.
    #expect(try L(parsing: "[MSE] + [MAE] x [CE]", leaves: leaves).formula == "[MSE] + [MAE] x [CE]")
  }
}
