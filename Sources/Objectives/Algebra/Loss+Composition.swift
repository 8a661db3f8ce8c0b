// The composition primitives: joining leaf tables, checking names and directions, and building
// canonical sums, products, powers and negations. Operators and the formula parser both use these.

extension Loss {
  /// The leaf table of `self` followed by the leaves of `other` that `self` lacks, and the map from
  /// `other`'s leaf indices into the joined table. Two different leaves under one name are refused.
  func joinedLeaves(with other: Loss) throws(CompositionError) -> (
    leaves: [Leaf<Output, Target, Value>], map: [Int]
  ) {
    var leaves = self.leaves
    var map: [Int] = []
    for leaf in other.leaves {
      if let i = leaves.firstIndex(where: { $0.identity === leaf.identity }) {
        map.append(i)
      } else if let clash = leaves.first(where: { $0.name == leaf.name }) {
        throw .duplicateName(
          name: leaf.name, first: clash.diagnosticDescription, second: leaf.diagnosticDescription)
      } else {
        map.append(leaves.count)
        leaves.append(leaf)
      }
    }
    return (leaves, map)
  }

  /// Makes a composite, refusing a result name that a component already uses.
  func composite(
    name: String, higherIsBetter: Bool, expression: Expression, leaves: [Leaf<Output, Target, Value>],
    metrics: MetricCollection<Output, Target>
  ) throws(CompositionError) -> Loss {
    if let clash = leaves.first(where: { $0.name == name }), leaves.count > 1 || expression != .leaf(0) {
      throw .duplicateName(
        name: name, first: clash.diagnosticDescription, second: "the composite \(formula)'s own result")
    }
    let joinedNames = Set(leaves.map(\.name) + [name])
    if let clash = metrics.reportedNames.first(where: joinedNames.contains) {
      throw .duplicateName(name: clash, first: "a component of \(formula)", second: "a joined metric")
    }
    return Loss(
      name: name, higherIsBetter: higherIsBetter, expression: expression, leaves: leaves, metrics: metrics)
  }

  /// `self ∘ other` for a binary operator, with the direction check.
  /// - Parameter flipsRight: whether the operator flips the right side's direction (`-` and `/`).
  func combined(
    with other: Loss, symbol: String, flipsRight: Bool,
    build: (Expression, Expression) -> Expression
  ) throws(CompositionError) -> Loss {
    let rightDirection = flipsRight ? !other.higherIsBetter : other.higherIsBetter
    guard rightDirection == higherIsBetter else {
      throw .contradictoryDirections(
        operation: symbol, left: formula, leftHigherIsBetter: higherIsBetter, right: other.formula,
        rightHigherIsBetter: other.higherIsBetter)
    }
    let (leaves, map) = try joinedLeaves(with: other)
    var metrics = self.metrics
    try metrics.join(other.metrics)
    let expression = build(self.expression, other.expression.remappingLeaves(map))
    return try composite(
      name: "Combined Loss", higherIsBetter: higherIsBetter, expression: expression, leaves: leaves,
      metrics: metrics)
  }

  /// The same leaves and metrics under a new expression.
  func transformed(name: String, higherIsBetter: Bool, _ expression: Expression) throws(CompositionError)
    -> Loss
  {
    try composite(
      name: name, higherIsBetter: higherIsBetter, expression: expression, leaves: leaves, metrics: metrics)
  }

  // MARK: Throwing composition (used by operators and the parser)

  /// `self + other`.
  public func adding(_ other: Loss) throws(CompositionError) -> Loss {
    try combined(with: other, symbol: "+", flipsRight: false) { .summing($0, $1, subtractingRight: false) }
  }

  /// `self - other`.
  public func subtracting(_ other: Loss) throws(CompositionError) -> Loss {
    try combined(with: other, symbol: "-", flipsRight: true) { .summing($0, $1, subtractingRight: true) }
  }

  /// `self * other`.
  public func multiplying(by other: Loss) throws(CompositionError) -> Loss {
    try combined(with: other, symbol: "x", flipsRight: false) { .multiplying($0, $1, dividingByRight: false) }
  }

  /// `self / other`.
  public func dividing(by other: Loss) throws(CompositionError) -> Loss {
    try combined(with: other, symbol: "/", flipsRight: true) { .multiplying($0, $1, dividingByRight: true) }
  }

  /// `self + c` (or `c + self` with `constantFirst`). Adding 0 returns `self`.
  public func adding(_ c: Double, constantFirst: Bool = false) throws(CompositionError) -> Loss {
    guard c.isFinite else { throw .nonFiniteConstant(c) }
    if c == 0 { return self }
    let e: Expression =
      constantFirst
      ? .summing(.constant(c), expression, subtractingRight: false)
      : .summing(expression, .constant(c), subtractingRight: false)
    return try transformed(name: "Combined Loss", higherIsBetter: higherIsBetter, e)
  }

  /// `self - c`. Subtracting 0 returns `self`.
  public func subtracting(_ c: Double) throws(CompositionError) -> Loss {
    guard c.isFinite else { throw .nonFiniteConstant(c) }
    if c == 0 { return self }
    return try transformed(
      name: "Combined Loss", higherIsBetter: higherIsBetter,
      .summing(expression, .constant(c), subtractingRight: true))
  }

  /// `c - self`, which flips the direction. `0 - self` is `-self`.
  public func subtracted(from c: Double) throws(CompositionError) -> Loss {
    guard c.isFinite else { throw .nonFiniteConstant(c) }
    if c == 0 { return negated() }
    return try transformed(
      name: "Combined Loss", higherIsBetter: !higherIsBetter,
      .summing(.constant(c), expression, subtractingRight: true))
  }

  /// `c × self`, written with the scalar first. A negative scalar flips the direction; `1 × self`
  /// is `self` and `-1 × self` is `-self`.
  public func scaled(by c: Double) throws(CompositionError) -> Loss {
    guard c.isFinite else { throw .nonFiniteConstant(c) }
    if c == 1 { return self }
    if c == -1 { return negated() }
    return try transformed(
      name: "Combined Loss", higherIsBetter: c < 0 ? !higherIsBetter : higherIsBetter,
      .multiplying(.constant(c), expression, dividingByRight: false))
  }

  /// `self / c`. A negative divisor flips the direction; dividing by 1 returns `self`.
  public func divided(by c: Double) throws(CompositionError) -> Loss {
    guard c.isFinite else { throw .nonFiniteConstant(c) }
    if c == 1 { return self }
    return try transformed(
      name: "Combined Loss", higherIsBetter: c < 0 ? !higherIsBetter : higherIsBetter,
      .multiplying(expression, .constant(c), dividingByRight: true))
  }

  /// `c / self`, which flips the direction (twice for a negative `c`). `1 / self` is `self ** -1`.
  public func dividing(_ c: Double) throws(CompositionError) -> Loss {
    guard c.isFinite else { throw .nonFiniteConstant(c) }
    if c == 1 {
      return try transformed(name: "Loss", higherIsBetter: !higherIsBetter, .reciprocal(of: expression))
    }
    let flipped = c < 0 ? higherIsBetter : !higherIsBetter
    return try transformed(
      name: "Combined Loss", higherIsBetter: flipped,
      .multiplying(.constant(c), expression, dividingByRight: true))
  }

  /// `self ** p` for a finite exponent. A negative exponent flips the direction; `self ** 1` is
  /// `self`.
  public func raised(to p: Double) throws(CompositionError) -> Loss {
    guard p.isFinite else { throw .nonFiniteConstant(p) }
    if p == 1 { return self }
    return try transformed(
      name: "Loss", higherIsBetter: p < 0 ? !higherIsBetter : higherIsBetter, .power(expression, p))
  }

  /// `-self`, named `Negative <name>`, with the direction flipped.
  public func negated() -> Loss {
    Loss(
      name: "Negative " + name, higherIsBetter: !higherIsBetter, expression: .negation(expression),
      leaves: leaves,
      metrics: metrics)
  }
}

extension Expression {
  /// `a ± b` as a canonical n-ary sum (see ``canonicalSum(_:)``).
  static func summing(_ a: Expression, _ b: Expression, subtractingRight: Bool) -> Expression {
    var terms = a.sumTerms
    if subtractingRight {
      terms.append(Term(subtracted: true, expression: b))
    } else {
      terms.append(contentsOf: b.sumTerms)
    }
    return canonicalSum(terms)
  }

  /// A sum in canonical form, so that rendering and parsing agree:
  /// - a term that is a negation, a negative constant or a product led by a negative constant
  ///   moves its sign into the term's sign (`a + (-b)` is `a - b`), except the first term;
  /// - constant terms are folded into one, at the place of the first, and dropped when zero.
  static func canonicalSum(_ input: [Term]) -> Expression {
    var terms: [Term] = []
    var constantIndex: Int? = nil
    var constant = 0.0
    // A worklist, so that a sum uncovered by removing signs is spliced in term by term.
    var pending = Array(input.reversed())
    while var t = pending.popLast() {
      if !terms.isEmpty || t.subtracted {
        while true {
          if case .negation(let inner) = t.expression {
            t = Term(subtracted: !t.subtracted, expression: inner)
          } else if let (c, rest) = t.expression.negativeLeadingFactor {
            t = Term(
              subtracted: !t.subtracted,
              expression: canonicalProduct([Factor(divides: false, expression: .constant(-c))] + rest))
          } else {
            break
          }
        }
      }
      if !t.subtracted, !terms.isEmpty, case .sum(let inner) = t.expression {
        pending.append(contentsOf: inner.reversed())
        continue
      }
      if case .constant(let c) = t.expression {
        constant += t.subtracted ? -c : c
        if constantIndex == nil {
          constantIndex = terms.count
          terms.append(t)
        }
        continue
      }
      terms.append(t)
    }
    if let i = constantIndex {
      if constant == 0 {
        terms.remove(at: i)
      } else {
        terms[i] = Term(
          subtracted: i > 0 && constant < 0, expression: .constant(i > 0 ? abs(constant) : constant))
      }
    }
    if terms.isEmpty { return .constant(0) }
    if terms.count == 1 {
      return terms[0].subtracted ? .negation(terms[0].expression) : terms[0].expression
    }
    // A first term that ended up subtracted is written as a negation.
    if terms[0].subtracted { terms[0] = Term(subtracted: false, expression: .negation(terms[0].expression)) }
    return .sum(terms)
  }

  /// `a × b` or `a / b` as a canonical n-ary product (see ``canonicalProduct(_:)``).
  static func multiplying(_ a: Expression, _ b: Expression, dividingByRight: Bool) -> Expression {
    var factors = a.productFactors
    if dividingByRight {
      factors.append(Factor(divides: true, expression: b))
    } else {
      factors.append(contentsOf: b.productFactors)
    }
    return canonicalProduct(factors)
  }

  /// A product in canonical form: multiplying constants are folded into one scalar written first
  /// (dropped when it is 1; a scalar of -1 becomes a negation of the rest); dividing factors stay
  /// where they are.
  static func canonicalProduct(_ factors: [Factor]) -> Expression {
    var scalar = 1.0
    var hasScalar = false
    var rest: [Factor] = []
    for f in factors {
      if !f.divides, case .constant(let c) = f.expression {
        scalar *= c
        hasScalar = true
      } else {
        rest.append(f)
      }
    }
    if rest.isEmpty { return .constant(scalar) }
    if hasScalar && scalar == -1 { return .negation(canonicalProduct(rest)) }
    var all =
      (hasScalar && scalar != 1) ? [Factor(divides: false, expression: .constant(scalar))] + rest : rest
    // A product never starts by dividing: `1 / x` is the power `x^-1`, as the parser reads it.
    if all[0].divides { all[0] = Factor(divides: false, expression: .reciprocal(of: all[0].expression)) }
    return all.count == 1 ? all[0].expression : .product(all)
  }

  /// `1 / x` in canonical form: `base^-p` for a positive power `base^p`, otherwise `x^-1`.
  static func reciprocal(of x: Expression) -> Expression {
    if case .power(let base, let p) = x, p > 0 { return .power(base, -p) }
    return .power(x, -1)
  }

  /// For a negative constant, or a product led by a negative constant: that constant and the
  /// remaining factors.
  var negativeLeadingFactor: (Double, [Factor])? {
    switch self {
    case .constant(let c) where c < 0:
      return (c, [])
    case .product(let factors):
      if case .constant(let c) = factors[0].expression, c < 0, !factors[0].divides {
        return (c, Array(factors.dropFirst()))
      }
      return nil
    default:
      return nil
    }
  }

  var sumTerms: [Term] {
    if case .sum(let t) = self { return t }
    return [Term(subtracted: false, expression: self)]
  }

  var productFactors: [Factor] {
    if case .product(let f) = self { return f }
    return [Factor(divides: false, expression: self)]
  }
}
