// The composition primitives: joining leaf tables, checking names and directions, and building
// canonical sums, products, powers and negations. Operators and the formula parser both use these.

/// A binary operator between two losses.
enum LossOperation: Sendable {
  case add, subtract, multiply, divide

  /// The canonical tree of `a ∘ b`, shared by the loss and the metric algebra.
  func applied(to a: Expression, _ b: Expression) -> Expression {
    switch self {
    case .add: return .summing(a, b, subtractingRight: false)
    case .subtract: return .summing(a, b, subtractingRight: true)
    case .multiply: return .multiplying(a, b, dividingByRight: false)
    case .divide: return .multiplying(a, b, dividingByRight: true)
    }
  }
}

/// An operator between a loss and a constant.
enum ScalarOperation: Sendable {
  /// `loss + c`, or `c + loss` when `constantFirst`.
  case add(constantFirst: Bool)
  /// `loss - c`.
  case subtract
  /// `c - loss`.
  case subtractFrom
  /// `c x loss` (either side).
  case scale
  /// `loss / c`.
  case divide
  /// `c / loss`.
  case divideInto
  /// `loss ** c`.
  case power

  /// What `x ∘ c` becomes, shared by the loss and the metric algebra: `x` itself for the identity
  /// shortcuts (`+ 0`, `- 0`, `x 1`, `/ 1`, `** 1`), `-x` for `0 - x` and `-1 x x`, otherwise a
  /// new tree, `combined` unless it is a reciprocal or a power (named `Loss`, not `Combined Loss`).
  func applied(to e: Expression, _ c: Double) -> ScalarComposition {
    let k = Expression.constant(c)
    switch self {
    case .add(let constantFirst):
      if c == 0 { return .unchanged }
      return .tree(
        constantFirst ? .summing(k, e, subtractingRight: false) : .summing(e, k, subtractingRight: false),
        combined: true)
    case .subtract:
      return c == 0 ? .unchanged : .tree(.summing(e, k, subtractingRight: true), combined: true)
    case .subtractFrom:
      return c == 0 ? .negated : .tree(.summing(k, e, subtractingRight: true), combined: true)
    case .scale:
      if c == 1 { return .unchanged }
      return c == -1 ? .negated : .tree(.multiplying(k, e, dividingByRight: false), combined: true)
    case .divide:
      return c == 1 ? .unchanged : .tree(.multiplying(e, k, dividingByRight: true), combined: true)
    case .divideInto:
      if c == 1 { return .tree(.reciprocal(of: e), combined: false) }
      return .tree(.multiplying(k, e, dividingByRight: true), combined: true)
    case .power:
      if c == 1 { return .unchanged }
      // `(x^p)^-1` is written `1 / x^p`, which reads back as `x^-p`: build that.
      return .tree(c == -1 ? .reciprocal(of: e) : .power(e, c), combined: false)
    }
  }
}

/// The result of ``ScalarOperation/applied(to:_:)``.
enum ScalarComposition {
  /// The composite itself (emptied).
  case unchanged
  /// Its negation.
  case negated
  /// A new tree; `combined` names a loss `Combined Loss`, otherwise `Loss`.
  case tree(Expression, combined: Bool)
}

extension Loss {
  /// The leaf table of `self` followed by the leaves of `other` that `self` lacks, the map from
  /// `other`'s leaf indices into the joined table, and the clash when two different leaves share a
  /// name (the second is kept as a separate leaf, so the result can still be described).
  func joinedLeaves(with other: Loss) -> (
    leaves: [Leaf<Output, Target, Value>], map: [Int], clash: CompositionError?
  ) {
    var leaves = self.leaves
    var map: [Int] = []
    var clash: CompositionError? = nil
    for leaf in other.leaves {
      if let i = leaves.firstIndex(where: { $0.identity === leaf.identity }) {
        map.append(i)
        continue
      }
      if clash == nil, let first = leaves.first(where: { $0.name == leaf.name }) {
        clash = .duplicateName(
          name: leaf.name, first: first.diagnosticDescription, second: leaf.diagnosticDescription)
      }
      map.append(leaves.count)
      leaves.append(leaf)
    }
    return (leaves, map, clash)
  }

  /// Makes a composite with an empty state, recording (not throwing) a refusal: an earlier one, a
  /// result name that a component or joined metric already uses, or a tree deeper than the limit.
  func composite(
    name: String, expression: Expression, leaves: [Leaf<Output, Target, Value>],
    metrics: MetricCollection<Output, Target>, refusal: CompositionError?, parameters: [String: Double]
  ) -> Loss {
    var refusal = refusal
    let isLeaf = leaves.count == 1 && expression == .leaf(0)
    if refusal == nil, !isLeaf, let clash = leaves.first(where: { $0.name == name }) {
      refusal = .duplicateName(
        name: name, first: clash.diagnosticDescription, second: "the composite's own result")
    }
    let joinedNames = Set(leaves.map(\.name) + (isLeaf ? [] : [name]))
    if refusal == nil, let clash = metrics.reportedNames.first(where: joinedNames.contains) {
      refusal = .duplicateName(
        name: clash, first: "a component of the composition", second: "a joined metric")
    }
    return Loss(
      name: name, expression: expression, leaves: leaves, metrics: metrics, refusal: refusal,
      parameters: parameters)
  }

  /// `self ∘ other`, leniently: directions are not checked (the tree decides the result's), and a
  /// clash is recorded in the result. Composing a refused loss gives that refused loss, emptied.
  func composed(_ operation: LossOperation, _ other: Loss) -> Loss {
    if refusal != nil { return emptied() }
    if other.refusal != nil { return other.emptied() }
    let (leaves, map, clash) = joinedLeaves(with: other)
    var metrics = self.metrics
    var refusal = clash
    do {
      try metrics.join(other.metrics)
    } catch {
      refusal = refusal ?? error
    }
    let (parameters, conflict) = Self.joinedParameters(self.parameters, other.parameters)
    refusal = refusal ?? conflict
    let expression = operation.applied(to: self.expression, other.expression.remappingLeaves(map))
    return composite(
      name: "Combined Loss", expression: expression, leaves: leaves, metrics: metrics, refusal: refusal,
      parameters: parameters)
  }

  /// `self ∘ c`, leniently: any `Double` is accepted (IEEE arithmetic). The identity shortcuts
  /// (`+ 0`, `- 0`, `x 1`, `/ 1`, `** 1`) return `self` emptied, and `0 - self` and `-1 x self`
  /// are `-self`.
  func composed(_ operation: ScalarOperation, _ c: Double) -> Loss {
    if refusal != nil { return emptied() }
    switch operation.applied(to: expression, c) {
    case .unchanged: return emptied()
    case .negated: return negated()
    case .tree(let e, let combined): return transformed(combined ? "Combined Loss" : "Loss", e)
    }
  }

  /// The same leaves and metrics under a new expression, with an empty state.
  func transformed(_ name: String, _ expression: Expression) -> Loss {
    composite(
      name: name, expression: expression, leaves: leaves, metrics: metrics, refusal: refusal,
      parameters: parameters)
  }

  /// The parameters of both sides; a parameter named on both sides with different values is a
  /// conflict (the left value is kept).
  static func joinedParameters(_ a: [String: Double], _ b: [String: Double]) -> (
    [String: Double], CompositionError?
  ) {
    var joined = a
    var conflict: CompositionError? = nil
    for (name, value) in b.sorted(by: { $0.key < $1.key }) {
      if let existing = joined[name] {
        if conflict == nil, !Expression.sameConstant(existing, value) {
          conflict = .parameterConflict(name: name, first: existing, second: value)
        }
      } else {
        joined[name] = value
      }
    }
    return (joined, conflict)
  }

  // MARK: Throwing composition (the strict check)

  /// `self + other`, checked strictly (see ``checked(_:)``).
  public func adding(_ other: Loss) throws(CompositionError) -> Loss { try composed(.add, other).checked() }

  /// `self - other`, checked strictly: refused when both are minimised, as subtracting `other`
  /// would maximise it. The operator `-` accepts it.
  public func subtracting(_ other: Loss) throws(CompositionError) -> Loss {
    try composed(.subtract, other).checked()
  }

  /// `self * other`, checked strictly.
  public func multiplying(by other: Loss) throws(CompositionError) -> Loss {
    try composed(.multiply, other).checked()
  }

  /// `self / other`, checked strictly: refused when both are minimised.
  public func dividing(by other: Loss) throws(CompositionError) -> Loss {
    try composed(.divide, other).checked()
  }

  /// `self + c` (or `c + self` with `constantFirst`), checked strictly. Adding 0 returns `self`,
  /// emptied.
  public func adding(_ c: Double, constantFirst: Bool = false) throws(CompositionError) -> Loss {
    try composed(.add(constantFirst: constantFirst), c).checked()
  }

  /// `self - c`, checked strictly.
  public func subtracting(_ c: Double) throws(CompositionError) -> Loss {
    try composed(.subtract, c).checked()
  }

  /// `c - self`, which flips the direction, checked strictly. `0 - self` is `-self`.
  public func subtracted(from c: Double) throws(CompositionError) -> Loss {
    try composed(.subtractFrom, c).checked()
  }

  /// `c × self`, written with the scalar first, checked strictly. A negative scalar flips the
  /// direction; `1 × self` is `self` and `-1 × self` is `-self`.
  public func scaled(by c: Double) throws(CompositionError) -> Loss { try composed(.scale, c).checked() }

  /// `self / c`, checked strictly (a zero divisor is refused). A negative divisor flips the
  /// direction.
  public func divided(by c: Double) throws(CompositionError) -> Loss { try composed(.divide, c).checked() }

  /// `c / self`, which flips the direction (twice for a negative `c`), checked strictly.
  /// `1 / self` is `self ** -1`.
  public func dividing(_ c: Double) throws(CompositionError) -> Loss {
    try composed(.divideInto, c).checked()
  }

  /// `self ** p`, checked strictly (the exponent must be finite). A negative exponent flips the
  /// direction; `self ** 1` is `self`.
  public func raised(to p: Double) throws(CompositionError) -> Loss { try composed(.power, p).checked() }

  /// `-self`, named `Negative <name>`, with the direction flipped and an empty state.
  public func negated() -> Loss {
    if refusal != nil { return emptied() }
    return transformed("Negative " + name, .negation(expression))
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
