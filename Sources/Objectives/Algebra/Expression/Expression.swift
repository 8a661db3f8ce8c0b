/// The expression tree shared by evaluation, gradients, formula rendering and parsing.
///
/// Leaves are indices into the owning loss's leaf table, so a leaf that appears several times is
/// one entry there and is evaluated once per batch. Sums and products are n-ary and flattened as
/// they are built, which is what lets `a + (b + c)` render as `a + b + c` and parse back to the
/// same tree.
@usableFromInline indirect enum Expression: Sendable, Equatable {
  /// A named leaf, by its index in the leaf table.
  case leaf(Int)
  /// A finite constant.
  case constant(Double)
  /// A sum of at least two terms; a term may be subtracted.
  case sum([Term])
  /// A product of at least two factors; a factor may divide.
  case product([Factor])
  /// A base raised to a finite constant exponent. A negative exponent `-q` means `1 / base^q`.
  case power(Expression, Double)
  /// Unary minus.
  case negation(Expression)
  /// An elementary function of `function.arity` arguments.
  case function(ElementaryFunction, [Expression])
  /// A named parameter, written `{name}`: its value is set (or learned) outside the data.
  case parameter(String)

  /// One term of a sum.
  @usableFromInline struct Term: Sendable, Equatable {
    @usableFromInline var subtracted: Bool
    @usableFromInline var expression: Expression
  }

  /// One factor of a product.
  @usableFromInline struct Factor: Sendable, Equatable {
    @usableFromInline var divides: Bool
    @usableFromInline var expression: Expression
  }
}

extension Expression {
  /// Structural equality in which constants are equal when they render alike: bit for bit, or
  /// both NaN (so `-0` and `0` differ, and a tree holding NaN equals itself).
  @usableFromInline static func == (a: Expression, b: Expression) -> Bool {
    switch (a, b) {
    case (.leaf(let x), .leaf(let y)): return x == y
    case (.constant(let x), .constant(let y)): return sameConstant(x, y)
    case (.sum(let x), .sum(let y)):
      return x.count == y.count
        && zip(x, y).allSatisfy { $0.subtracted == $1.subtracted && $0.expression == $1.expression }
    case (.product(let x), .product(let y)):
      return x.count == y.count
        && zip(x, y).allSatisfy { $0.divides == $1.divides && $0.expression == $1.expression }
    case (.power(let x, let p), .power(let y, let q)): return sameConstant(p, q) && x == y
    case (.negation(let x), .negation(let y)): return x == y
    case (.function(let f, let x), .function(let g, let y)): return f == g && x == y
    case (.parameter(let x), .parameter(let y)): return x == y
    default: return false
    }
  }

  static func sameConstant(_ x: Double, _ y: Double) -> Bool {
    (x.isNaN && y.isNaN) || x.bitPattern == y.bitPattern
  }
}

// MARK: - Evaluation

extension Expression {
  /// Evaluates the tree on any `ObjectiveValue`, reading leaf `k` from `leaf(k)` and parameter
  /// `name` from `parameter(name)` (NaN when not given).
  /// - Complexity: O(size of the tree).
  @inlinable func evaluate<V: ObjectiveValue>(
    _ leaf: (Int) -> V, parameter: (String) -> Double = { _ in .nan }
  ) -> V {
    switch self {
    case .parameter(let name):
      return V(objectiveConstant: parameter(name))
    case .function(let f, let arguments):
      return V.applyingElementary(f, arguments.map { $0.evaluate(leaf, parameter: parameter) })
    case .leaf(let k):
      return leaf(k)
    case .constant(let c):
      return V(objectiveConstant: c)
    case .sum(let terms):
      var total = terms[0].expression.evaluate(leaf, parameter: parameter)
      if terms[0].subtracted { total = -total }
      for t in terms.dropFirst() {
        let v = t.expression.evaluate(leaf, parameter: parameter)
        total = t.subtracted ? total - v : total + v
      }
      return total
    case .product(let factors):
      var total = factors[0].expression.evaluate(leaf, parameter: parameter)
      if factors[0].divides { total = V(objectiveConstant: 1) / total }
      for f in factors.dropFirst() {
        let v = f.expression.evaluate(leaf, parameter: parameter)
        total = f.divides ? total / v : total * v
      }
      return total
    case .power(let base, let p):
      let b = base.evaluate(leaf, parameter: parameter)
      return p < 0 ? V(objectiveConstant: 1) / b.raised(to: -p) : b.raised(to: p)
    case .negation(let e):
      return -e.evaluate(leaf, parameter: parameter)
    }
  }

  /// Adds `adjoint × ∂self/∂leaf(k)` to `gradient[k]` for every leaf, and `adjoint × ∂self/∂p` to
  /// `parameterGradient[p]` for every parameter (reverse mode on `Double`).
  /// - Complexity: O(size × depth) of the tree.
  func backpropagate(
    adjoint: Double, leaf: (Int) -> Double, parameter: (String) -> Double = { _ in .nan },
    into gradient: inout [Double], parameterGradient: inout [String: Double]
  ) {
    switch self {
    case .parameter(let name):
      parameterGradient[name, default: 0] += adjoint
    case .function(let f, let arguments):
      let values = arguments.map { $0.evaluate(leaf, parameter: parameter) }
      for (argument, partial) in zip(arguments, f.partials(values)) where partial != 0 {
        argument.backpropagate(
          adjoint: adjoint * partial, leaf: leaf, parameter: parameter, into: &gradient,
          parameterGradient: &parameterGradient)
      }
    case .leaf(let k):
      gradient[k] += adjoint
    case .constant:
      return
    case .sum(let terms):
      for t in terms {
        t.expression.backpropagate(
          adjoint: t.subtracted ? -adjoint : adjoint, leaf: leaf, parameter: parameter, into: &gradient,
          parameterGradient: &parameterGradient)
      }
    case .product(let factors):
      // g_j = v_j or 1/v_j; ∂P/∂g_j = product of the other g_i (prefix × suffix, no division).
      let g = factors.map { f -> Double in
        let v = f.expression.evaluate(leaf, parameter: parameter)
        return f.divides ? 1 / v : v
      }
      var suffix = [Double](repeating: 1, count: g.count + 1)
      for j in stride(from: g.count - 1, through: 0, by: -1) { suffix[j] = suffix[j + 1] * g[j] }
      var prefix = 1.0
      for (j, f) in factors.enumerated() {
        let others = prefix * suffix[j + 1]
        // d(1/v)/dv = -1/v² = -g².
        let local = f.divides ? -g[j] * g[j] : 1
        f.expression.backpropagate(
          adjoint: adjoint * others * local, leaf: leaf, parameter: parameter, into: &gradient,
          parameterGradient: &parameterGradient)
        prefix *= g[j]
      }
    case .power(let base, let p):
      let b = base.evaluate(leaf, parameter: parameter)
      let derivative: Double
      if p == 0 {
        derivative = 0
      } else if p < 0 {
        // d/db (1 / b^q) = -q b^(q-1) / b^(2q)
        let q = -p
        let bq = b.raised(to: q)
        derivative = -q * b.raised(to: q - 1) / (bq * bq)
      } else {
        derivative = p * b.raised(to: p - 1)
      }
      base.backpropagate(
        adjoint: adjoint * derivative, leaf: leaf, parameter: parameter, into: &gradient,
        parameterGradient: &parameterGradient)
    case .negation(let e):
      e.backpropagate(
        adjoint: -adjoint, leaf: leaf, parameter: parameter, into: &gradient,
        parameterGradient: &parameterGradient)
    }
  }

  /// Leaf indices in order of first appearance (left to right).
  func leafOrder(into order: inout [Int]) {
    switch self {
    case .leaf(let k): if !order.contains(k) { order.append(k) }
    case .constant: return
    case .sum(let terms): for t in terms { t.expression.leafOrder(into: &order) }
    case .product(let factors): for f in factors { f.expression.leafOrder(into: &order) }
    case .power(let b, _): b.leafOrder(into: &order)
    case .negation(let e): e.leafOrder(into: &order)
    case .function(_, let arguments): for a in arguments { a.leafOrder(into: &order) }
    case .parameter: return
    }
  }

  /// The same tree with every leaf index mapped through `map`.
  func remappingLeaves(_ map: [Int]) -> Expression {
    switch self {
    case .leaf(let k): return .leaf(map[k])
    case .constant: return self
    case .sum(let terms):
      return .sum(
        terms.map { Term(subtracted: $0.subtracted, expression: $0.expression.remappingLeaves(map)) })
    case .product(let factors):
      return .product(
        factors.map { Factor(divides: $0.divides, expression: $0.expression.remappingLeaves(map)) })
    case .power(let b, let p): return .power(b.remappingLeaves(map), p)
    case .negation(let e): return .negation(e.remappingLeaves(map))
    case .function(let f, let arguments): return .function(f, arguments.map { $0.remappingLeaves(map) })
    case .parameter: return self
    }
  }

  /// The depth of the tree (a leaf or constant has depth 1).
  var depth: Int {
    switch self {
    case .leaf, .constant, .parameter: return 1
    case .function(_, let arguments): return 1 + (arguments.map(\.depth).max() ?? 0)
    case .sum(let terms): return 1 + (terms.map(\.expression.depth).max() ?? 0)
    case .product(let factors): return 1 + (factors.map(\.expression.depth).max() ?? 0)
    case .power(let b, _): return 1 + b.depth
    case .negation(let e): return 1 + e.depth
    }
  }
}

extension Expression {
  /// The parameter names in order of first appearance (left to right).
  func parameterOrder(into order: inout [String]) {
    switch self {
    case .parameter(let name): if !order.contains(name) { order.append(name) }
    case .leaf, .constant: return
    case .sum(let terms): for t in terms { t.expression.parameterOrder(into: &order) }
    case .product(let factors): for f in factors { f.expression.parameterOrder(into: &order) }
    case .power(let b, _), .negation(let b): b.parameterOrder(into: &order)
    case .function(_, let arguments): for a in arguments { a.parameterOrder(into: &order) }
    }
  }

  /// Whether the tree applies an elementary function.
  var usesFunctions: Bool {
    switch self {
    case .function: return true
    case .leaf, .constant, .parameter: return false
    case .sum(let terms): return terms.contains { $0.expression.usesFunctions }
    case .product(let factors): return factors.contains { $0.expression.usesFunctions }
    case .power(let b, _), .negation(let b): return b.usesFunctions
    }
  }
}
