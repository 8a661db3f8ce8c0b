// Directions of compositions, worked out on the canonical tree, and the strict check.
//
// A loss's direction is a function of its tree and its leaves' directions, never of the order in
// which the operators were applied, so a formula read back from its rendering has the same
// direction as the loss it came from.

/// How strictly a composition is checked.
///
/// Operators always compose leniently: they never stop the program. The strict check is for those
/// who want a contradiction reported, for example when a loss comes from a configuration file.
public enum CompositionChecking: Sendable, Equatable {
  /// Sides that pull in opposite directions make a minimised composite; constants may be infinite,
  /// NaN or zero divisors (IEEE arithmetic). Only refusals that make a loss unusable (two
  /// different leaves under one name, a tree deeper than the limit) are errors.
  case lenient
  /// Also refuses contradictory directions, constants that are not finite, and division by a
  /// constant zero, each as a ``CompositionError``.
  case strict
}

/// The direction of a subtree: pulled by no leaf (constants only), agreed, or contradictory.
enum TreeDirection: Equatable {
  case neutral
  case agreed(Direction)
  case mixed

  var flipped: TreeDirection {
    if case .agreed(let d) = self { return .agreed(d.opposite) }
    return self
  }

  func flipped(if condition: Bool) -> TreeDirection { condition ? flipped : self }
}

extension Expression {
  /// The direction of the tree (see ``firstContradiction(names:leafDirection:)`` for the rules).
  func direction(_ leafDirection: (Int) -> Direction) -> TreeDirection {
    switch self {
    case .leaf(let k): return .agreed(leafDirection(k))
    case .constant, .parameter: return .neutral
    case .function(_, let arguments): return Self.combine(arguments.map { $0.direction(leafDirection) })
    case .negation(let e): return e.direction(leafDirection).flipped
    case .power(let b, let p): return b.direction(leafDirection).flipped(if: p < 0)
    case .sum(let terms):
      return Self.combine(terms.map { $0.expression.direction(leafDirection).flipped(if: $0.subtracted) })
    case .product(let factors):
      var negative = false
      var directions: [TreeDirection] = []
      for f in factors {
        if case .constant(let c) = f.expression {
          if Expression.isNegative(c) { negative.toggle() }
        } else {
          directions.append(f.expression.direction(leafDirection).flipped(if: f.divides))
        }
      }
      return Self.combine(directions).flipped(if: negative)
    }
  }

  /// Whether a constant flips the direction of a product: its sign bit is set (`-0` included,
  /// so folding `-2 x 0` into `-0` keeps the direction) and it is not NaN (whose sign is not
  /// written).
  static func isNegative(_ c: Double) -> Bool { c.sign == .minus && !c.isNaN }

  static func combine(_ directions: [TreeDirection]) -> TreeDirection {
    var result = TreeDirection.neutral
    for d in directions {
      switch (result, d) {
      case (.mixed, _), (_, .mixed): return .mixed
      case (_, .neutral): continue
      case (.neutral, _): result = d
      case (.agreed(let a), .agreed(let b)): if a != b { return .mixed }
      }
    }
    return result
  }

  /// The first place, depth first and left to right, where two sides pull in opposite directions.
  ///
  /// Rules: a leaf has its own direction; constants and parameters have none; unary minus, a
  /// subtracted term, a divisor and a negative exponent flip; the terms of a sum, the non-constant
  /// factors of a product and the arguments of a function must agree; a product with an odd number
  /// of negative constants (`-0` included) flips; an elementary function keeps its arguments'
  /// direction (each is non-decreasing in every argument).
  func firstContradiction(names: [String], leafDirection: (Int) -> Direction) -> CompositionError? {
    switch self {
    case .leaf, .constant, .parameter: return nil
    case .negation(let e), .power(let e, _):
      return e.firstContradiction(names: names, leafDirection: leafDirection)
    case .function(let f, let arguments):
      for a in arguments {
        if let c = a.firstContradiction(names: names, leafDirection: leafDirection) { return c }
      }
      let renderer = FormulaRenderer(names: names, style: .plain)
      return Self.contradiction(
        among: arguments.map { ($0, false) }, names: names, leafDirection: leafDirection,
        symbols: (f.rawValue, f.rawValue), whole: self
      ) { $0.map { renderer.render($0.0) }.joined(separator: ", ") }
    case .sum(let terms):
      let renderer = FormulaRenderer(names: names, style: .plain)
      for t in terms {
        if let c = t.expression.firstContradiction(names: names, leafDirection: leafDirection) { return c }
      }
      return Self.contradiction(
        among: terms.map { ($0.expression, $0.subtracted) }, names: names, leafDirection: leafDirection,
        symbols: ("+", "-"), whole: self
      ) { renderer.render(.canonicalSum($0.map { Term(subtracted: $0.1, expression: $0.0) })) }
    case .product(let factors):
      let renderer = FormulaRenderer(names: names, style: .plain)
      for f in factors {
        if let c = f.expression.firstContradiction(names: names, leafDirection: leafDirection) { return c }
      }
      let nonConstant = factors.filter {
        if case .constant = $0.expression { return false }
        return true
      }
      return Self.contradiction(
        among: nonConstant.map { ($0.expression, $0.divides) }, names: names, leafDirection: leafDirection,
        symbols: ("x", "/"), whole: self
      ) { renderer.render(.canonicalProduct($0.map { Factor(divides: $0.1, expression: $0.0) })) }
    }
  }

  /// The first operand (flipped when `inverted`) whose direction disagrees with the operands
  /// before it, as a refusal naming both sides.
  static func contradiction(
    among operands: [(Expression, Bool)], names: [String], leafDirection: (Int) -> Direction,
    symbols: (String, String), whole: Expression, renderLeft: ([(Expression, Bool)]) -> String
  ) -> CompositionError? {
    let renderer = FormulaRenderer(names: names, style: .plain)
    var agreed: Direction? = nil
    for (i, (e, inverted)) in operands.enumerated() {
      guard case .agreed(let own) = e.direction(leafDirection) else { continue }
      let effective = inverted ? own.opposite : own
      guard let before = agreed else {
        agreed = effective
        continue
      }
      if effective != before {
        return .contradictoryDirections(
          composition: renderer.render(whole), operation: inverted ? symbols.1 : symbols.0,
          left: renderLeft(Array(operands[..<i])), leftDirection: before,
          right: renderer.render(e), rightDirection: own)
      }
    }
    return nil
  }

  /// The first constant that is not finite, or the first division by a constant zero.
  func firstInvalidConstant(names: [String]) -> CompositionError? {
    switch self {
    case .leaf, .parameter: return nil
    case .constant(let c): return c.isFinite ? nil : .nonFiniteConstant(c)
    case .function(_, let arguments):
      for a in arguments {
        if let c = a.firstInvalidConstant(names: names) { return c }
      }
      return nil
    case .negation(let e): return e.firstInvalidConstant(names: names)
    case .power(let b, let p):
      return p.isFinite ? b.firstInvalidConstant(names: names) : .nonFiniteConstant(p)
    case .sum(let terms):
      for t in terms {
        if let c = t.expression.firstInvalidConstant(names: names) { return c }
      }
      return nil
    case .product(let factors):
      for f in factors {
        if let c = f.expression.firstInvalidConstant(names: names) { return c }
        if f.divides, case .constant(0) = f.expression {
          return .zeroDivisor(composition: FormulaRenderer(names: names, style: .plain).render(self))
        }
      }
      return nil
    }
  }
}

extension Loss {
  /// Returns `self` when it passes the check, or throws the first refusal.
  ///
  /// - `.lenient` throws only a refusal recorded by an operator: two different leaves under one
  ///   name, a leaf or joined metric reporting under the composite's name, a tree deeper than the
  ///   limit. Such a loss also refuses every batch.
  /// - `.strict` also throws `.contradictoryDirections` where two sides of the composition pull in
  ///   opposite directions (`mse - mae` with both minimised), `.nonFiniteConstant` and
  ///   `.zeroDivisor`.
  ///
  /// ```swift
  /// let adversarial = try (mse - 0.1 * critic).checked(.lenient)  // accepted, minimised
  /// ```
  public func checked(_ checking: CompositionChecking = .strict) throws(CompositionError) -> Loss {
    if let refusal { throw refusal }
    guard checking == .strict else { return self }
    if let c = expression.firstContradiction(
      names: componentNames, leafDirection: { leaves[$0].direction })
    {
      throw c
    }
    if let c = expression.firstInvalidConstant(names: componentNames) { throw c }
    return self
  }

  /// Whether two sides of the composition pull in opposite directions (which makes it minimised).
  public var hasContradictoryDirections: Bool {
    expression.direction { leaves[$0].direction } == .mixed
  }
}
