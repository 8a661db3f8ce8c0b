// Operators on losses. They never stop the program and never check directions: where two sides
// pull in opposite directions (`mse - mae`, adversarial terms, ratios) the composite is minimised,
// as a loss is what the optimiser minimises, and each leaf keeps its own direction. Constants are
// `Double`s with IEEE arithmetic. A composition that cannot be made sound (two different leaves
// under one name, a tree deeper than the limit) is recorded in the result's `refusal`, which then
// refuses every batch. `checked()` and the throwing forms (`adding(_:)`, `raised(to:)`, …) are the
// strict check, with typed errors.
//
// Every result starts with an empty state, shortcuts (`x + 0`, `x * 1`, …) included.

extension Loss {
  /// The sum of two losses.
  public static func + (lhs: Loss, rhs: Loss) -> Loss { lhs.composed(.add, rhs) }
  /// The difference of two losses; minimised when both sides are (see ``checked(_:)``).
  public static func - (lhs: Loss, rhs: Loss) -> Loss { lhs.composed(.subtract, rhs) }
  /// The product of two losses.
  public static func * (lhs: Loss, rhs: Loss) -> Loss { lhs.composed(.multiply, rhs) }
  /// The quotient of two losses; minimised when both sides are (see ``checked(_:)``).
  public static func / (lhs: Loss, rhs: Loss) -> Loss { lhs.composed(.divide, rhs) }

  /// `loss + c`.
  public static func + (lhs: Loss, rhs: Double) -> Loss { lhs.composed(.add(constantFirst: false), rhs) }
  /// `c + loss`.
  public static func + (lhs: Double, rhs: Loss) -> Loss { rhs.composed(.add(constantFirst: true), lhs) }
  /// `loss - c`.
  public static func - (lhs: Loss, rhs: Double) -> Loss { lhs.composed(.subtract, rhs) }
  /// `c - loss` (flips the direction).
  public static func - (lhs: Double, rhs: Loss) -> Loss { rhs.composed(.subtractFrom, lhs) }
  /// `loss * c`, written `c x [loss]`.
  public static func * (lhs: Loss, rhs: Double) -> Loss { lhs.composed(.scale, rhs) }
  /// `c * loss`.
  public static func * (lhs: Double, rhs: Loss) -> Loss { rhs.composed(.scale, lhs) }
  /// `loss / c`.
  public static func / (lhs: Loss, rhs: Double) -> Loss { lhs.composed(.divide, rhs) }
  /// `c / loss` (flips the direction).
  public static func / (lhs: Double, rhs: Loss) -> Loss { rhs.composed(.divideInto, lhs) }
  /// `loss ** p` for a scalar exponent (a negative exponent flips the direction).
  public static func ** (lhs: Loss, rhs: Double) -> Loss { lhs.composed(.power, rhs) }
  /// `-loss`, named `Negative <name>` (flips the direction).
  public static prefix func - (operand: Loss) -> Loss { operand.negated() }

  /// The sum of one or more losses: `Loss.sum(mse, mae, ce)` is `mse + mae + ce`.
  public static func sum(_ first: Loss, _ rest: Loss...) -> Loss { sum(first, rest) }

  /// The sum of `first` and every loss in `rest`, in order.
  public static func sum(_ first: Loss, _ rest: some Sequence<Loss>) -> Loss {
    var total = first.emptied()
    for next in rest { total = total + next }
    return total
  }
}

extension Sequence {
  /// The sum of a sequence of losses, or `nil` when it is empty. For a fixed list, prefer
  /// `Loss.sum(mse, mae, ce)`, which needs no unwrapping.
  public func sum<O, T, V>() -> Loss<O, T, V>? where Element == Loss<O, T, V> {
    var iterator = makeIterator()
    guard let first = iterator.next() else { return nil }
    return Loss.sum(first, IteratorSequence(iterator))
  }
}
