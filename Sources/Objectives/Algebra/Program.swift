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
  }

  @usableFromInline var instructions: [Instruction] = []
  @usableFromInline var stackDepth = 0

  init(_ expression: Expression) {
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
        emit(t.expression, depth: &depth)
        push(t.subtracted ? .subtract : .add, &depth, -1)
      }
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
    }
  }

  /// Evaluates the program, reading leaf `k` from `leaf(k)`.
  /// - Complexity: O(number of instructions), no allocation.
  @inlinable func evaluate<V: ObjectiveValue>(_ leaf: (Int) -> V) -> V {
    withUnsafeTemporaryAllocation(of: V.self, capacity: stackDepth) { stack in
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
        }
      }
      return base.move()
    }
  }
}
