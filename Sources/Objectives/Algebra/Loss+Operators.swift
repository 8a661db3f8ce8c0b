// Operators on losses. Each stops the program with a message naming both sides when the
// composition is refused (contradictory directions, two different components under one name, a
// non-finite constant): a composition is code, and such a mistake must not be silently accepted.
// The throwing forms (`adding(_:)`, `raised(to:)`, …) return the same refusals as typed errors.

extension Loss {
  @usableFromInline static func refuse(_ error: CompositionError) -> Never {
    fatalError("Objectives: \(error)")
  }

  @inlinable static func composing(_ make: () throws(CompositionError) -> Loss) -> Loss {
    do {
      return try make()
    } catch {
      refuse(error)
    }
  }

  /// The sum of two losses (same direction required).
  public static func + (lhs: Loss, rhs: Loss) -> Loss {
    composing { () throws(CompositionError) in try lhs.adding(rhs) }
  }
  /// The difference of two losses (the right side's direction must be the opposite of the left's).
  public static func - (lhs: Loss, rhs: Loss) -> Loss {
    composing { () throws(CompositionError) in try lhs.subtracting(rhs) }
  }
  /// The product of two losses (same direction required).
  public static func * (lhs: Loss, rhs: Loss) -> Loss {
    composing { () throws(CompositionError) in try lhs.multiplying(by: rhs) }
  }
  /// The quotient of two losses (the divisor's direction must be the opposite of the dividend's).
  public static func / (lhs: Loss, rhs: Loss) -> Loss {
    composing { () throws(CompositionError) in try lhs.dividing(by: rhs) }
  }

  /// `loss + c`.
  public static func + (lhs: Loss, rhs: Double) -> Loss {
    composing { () throws(CompositionError) in try lhs.adding(rhs) }
  }
  /// `c + loss`.
  public static func + (lhs: Double, rhs: Loss) -> Loss {
    composing { () throws(CompositionError) in try rhs.adding(lhs, constantFirst: true) }
  }
  /// `loss - c`.
  public static func - (lhs: Loss, rhs: Double) -> Loss {
    composing { () throws(CompositionError) in try lhs.subtracting(rhs) }
  }
  /// `c - loss` (flips the direction).
  public static func - (lhs: Double, rhs: Loss) -> Loss {
    composing { () throws(CompositionError) in try rhs.subtracted(from: lhs) }
  }
  /// `loss * c`, written `c x [loss]`.
  public static func * (lhs: Loss, rhs: Double) -> Loss {
    composing { () throws(CompositionError) in try lhs.scaled(by: rhs) }
  }
  /// `c * loss`.
  public static func * (lhs: Double, rhs: Loss) -> Loss {
    composing { () throws(CompositionError) in try rhs.scaled(by: lhs) }
  }
  /// `loss / c`.
  public static func / (lhs: Loss, rhs: Double) -> Loss {
    composing { () throws(CompositionError) in try lhs.divided(by: rhs) }
  }
  /// `c / loss` (flips the direction).
  public static func / (lhs: Double, rhs: Loss) -> Loss {
    composing { () throws(CompositionError) in try rhs.dividing(lhs) }
  }
  /// `loss ** p` for a finite scalar exponent (a negative exponent flips the direction).
  public static func ** (lhs: Loss, rhs: Double) -> Loss {
    composing { () throws(CompositionError) in try lhs.raised(to: rhs) }
  }
  /// `-loss`, named `Negative <name>` (flips the direction).
  public static prefix func - (operand: Loss) -> Loss { operand.negated() }
}

extension Sequence {
  /// The sum of a sequence of losses, or `nil` when it is empty: `[mse, mae, ce].sum()`.
  public func sum<O, T, V>() -> Loss<O, T, V>? where Element == Loss<O, T, V> {
    var iterator = makeIterator()
    guard var total = iterator.next() else { return nil }
    while let next = iterator.next() { total = total + next }
    return total
  }
}
