/// Raises a loss to a scalar power: `mse ** 2`.
///
/// `**` has its own precedence group, above multiplication and right-associative, so
/// `0.5 * mse ** 2` is `0.5 * (mse ** 2)`. Swift's prefix `-` binds tighter than any infix
/// operator, so `-mse ** 2` is `(-mse) ** 2`; write `-(mse ** 2)` for the negated square.
infix operator ** : ExponentiationPrecedence

/// The precedence of `**`: above multiplication, right-associative.
precedencegroup ExponentiationPrecedence {
  higherThan: MultiplicationPrecedence
  associativity: right
}
