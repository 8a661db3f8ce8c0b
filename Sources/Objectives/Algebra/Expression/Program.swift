/// An expression compiled to postfix instructions, evaluated on a stack buffer without allocation.
///
/// The program computes exactly what ``Expression/evaluate(_:)`` computes, in the same order, so
/// the two agree bit for bit; the tree is kept for rendering and gradients, the program for speed.
@usableFromInline struct Program: Sendable, Equatable {
  @usableFromInline enum Instruction: Sendable, Equatable {
    case leaf(Int)
    case constant(Double)
    case add, subtract, multiply, divide
    /// Replaces the top `x` with `1 / x`.
    case reciprocal
    /// Replaces the top `x` with `x.raised(to: p)`, `p ≥ 0`.
    case power(Double)
    case negate
    /// Replaces the top `arity` values with the function of them (the first pushed is the first
    /// argument).
    case function(ElementaryFunction)
    // Fused forms of the most common shapes, with exactly the same arithmetic in the same order:
    /// Pushes `c × leaf(k)`.
    case scaledLeaf(Double, Int)
    /// Replaces the top `x` with `x + leaf(k)` (or `x - leaf(k)`).
    case addLeaf(Int), subtractLeaf(Int)
    /// Replaces the top `x` with `x + c × leaf(k)` (or `x - c × leaf(k)`).
    case addScaledLeaf(Double, Int), subtractScaledLeaf(Double, Int)
  }

  @usableFromInline var instructions: [Instruction] = []
  @usableFromInline var stackDepth = 0

  /// Parameter values, written into the program as constants.
  let parameters: [String: Double]

  /// Compiles `expression`, with each parameter's value from `parameters` (NaN when missing).
  init(_ expression: Expression, parameters: [String: Double] = [:]) {
    self.parameters = parameters
    var depth = 0
    emit(expression, depth: &depth)
  }

  mutating func push(_ i: Instruction, _ depth: inout Int, _ change: Int) {
    instructions.append(i)
    depth += change
    stackDepth = max(stackDepth, depth)
  }

  mutating func emit(_ e: Expression, depth: inout Int) {
    switch e {
    case .leaf(let k): push(.leaf(k), &depth, 1)
    case .constant(let c): push(.constant(c), &depth, 1)
    case .sum(let terms):
      emit(terms[0].expression, depth: &depth)
      if terms[0].subtracted { push(.negate, &depth, 0) }
      for t in terms.dropFirst() {
        if case .leaf(let k) = t.expression {
          push(t.subtracted ? .subtractLeaf(k) : .addLeaf(k), &depth, 0)
        } else if let (c, k) = Self.scaledLeaf(t.expression) {
          push(t.subtracted ? .subtractScaledLeaf(c, k) : .addScaledLeaf(c, k), &depth, 0)
        } else {
          emit(t.expression, depth: &depth)
          push(t.subtracted ? .subtract : .add, &depth, -1)
        }
      }
    case .product where Self.scaledLeaf(e) != nil:
      guard let (scale, leaf) = Self.scaledLeaf(e) else { break }
      push(.scaledLeaf(scale, leaf), &depth, 1)
    case .product(let factors):
      emit(factors[0].expression, depth: &depth)
      if factors[0].divides { push(.reciprocal, &depth, 0) }
      for f in factors.dropFirst() {
        emit(f.expression, depth: &depth)
        push(f.divides ? .divide : .multiply, &depth, -1)
      }
    case .power(let base, let p):
      emit(base, depth: &depth)
      push(.power(abs(p)), &depth, 0)
      if p < 0 { push(.reciprocal, &depth, 0) }
    case .negation(let inner):
      emit(inner, depth: &depth)
      push(.negate, &depth, 0)
    case .parameter(let name):
      push(.constant(parameters[name] ?? .nan), &depth, 1)
    case .function(let f, let arguments):
      for a in arguments { emit(a, depth: &depth) }
      push(.function(f), &depth, 1 - arguments.count)
    }
  }

  /// `c × [leaf k]`, the product of a constant and a leaf.
  static func scaledLeaf(_ e: Expression) -> (Double, Int)? {
    guard case .product(let f) = e, f.count == 2, !f[0].divides, !f[1].divides,
      case .constant(let c) = f[0].expression, case .leaf(let k) = f[1].expression
    else { return nil }
    return (c, k)
  }

  /// Evaluates the program, reading leaf `k` from `leaf(k)`.
  /// - Complexity: O(number of instructions), no allocation.
  @inlinable func evaluate<V: ObjectiveValue>(_ leaf: (Int) -> V) -> V {
    withUnsafeTemporaryAllocation(of: V.self, capacity: stackDepth) { stack in
      // swift-format-ignore: NeverForceUnwrap
      // A temporary allocation of `stackDepth` values has a base address (a broken invariant otherwise).
      let base = stack.baseAddress!
      var top = 0
      for instruction in instructions {
        switch instruction {
        case .leaf(let k):
          (base + top).initialize(to: leaf(k))
          top += 1
        case .constant(let c):
          (base + top).initialize(to: V(objectiveConstant: c))
          top += 1
        case .add:
          top -= 1
          let b = (base + top).move()
          (base + top - 1).pointee = (base + top - 1).pointee + b
        case .subtract:
          top -= 1
          let b = (base + top).move()
          (base + top - 1).pointee = (base + top - 1).pointee - b
        case .multiply:
          top -= 1
          let b = (base + top).move()
          (base + top - 1).pointee = (base + top - 1).pointee * b
        case .divide:
          top -= 1
          let b = (base + top).move()
          (base + top - 1).pointee = (base + top - 1).pointee / b
        case .reciprocal:
          (base + top - 1).pointee = V(objectiveConstant: 1) / (base + top - 1).pointee
        case .power(let p):
          (base + top - 1).pointee = (base + top - 1).pointee.raised(to: p)
        case .negate:
          (base + top - 1).pointee = -(base + top - 1).pointee
        case .function(let f):
          let arity = f.arity
          var arguments: [V] = []
          arguments.reserveCapacity(arity)
          for j in 0..<arity { arguments.append((base + top - arity + j).move()) }
          top -= arity
          (base + top).initialize(to: V.applyingElementary(f, arguments))
          top += 1
        case .scaledLeaf(let c, let k):
          (base + top).initialize(to: V(objectiveConstant: c) * leaf(k))
          top += 1
        case .addLeaf(let k):
          (base + top - 1).pointee = (base + top - 1).pointee + leaf(k)
        case .subtractLeaf(let k):
          (base + top - 1).pointee = (base + top - 1).pointee - leaf(k)
        case .addScaledLeaf(let c, let k):
          (base + top - 1).pointee = (base + top - 1).pointee + V(objectiveConstant: c) * leaf(k)
        case .subtractScaledLeaf(let c, let k):
          (base + top - 1).pointee = (base + top - 1).pointee - V(objectiveConstant: c) * leaf(k)
        }
      }
      return base.move()
    }
  }
}
