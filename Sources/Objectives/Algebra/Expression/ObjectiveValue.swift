import Foundation

/// The type of a combined loss value: `Double` and `Float` out of the box, or any type with the
/// arithmetic the algebra needs, such as a tensor with its own automatic differentiation or a dual
/// number.
///
/// The algebra evaluates a composition on `Self`, so whatever `Self` tracks (derivatives, a graph)
/// flows through `+ - * /`, powers and negation. Accumulation for reporting always happens in
/// `Double`, through ``objectiveDouble``.
public protocol ObjectiveValue: Sendable {
  /// A constant of the formula, such as the `0.5` in `0.5 x [MAE]`.
  init(objectiveConstant: Double)
  /// The value recorded by the accumulators (for a tensor, its scalar item).
  var objectiveDouble: Double { get }
  /// `self` raised to a finite, non-negative exponent. The algebra evaluates a negative exponent
  /// `-q` as `1 / self.raised(to: q)`, so implementations only see `q ≥ 0`.
  func raised(to exponent: Double) -> Self

  static func + (lhs: Self, rhs: Self) -> Self
  static func - (lhs: Self, rhs: Self) -> Self
  static func * (lhs: Self, rhs: Self) -> Self
  static func / (lhs: Self, rhs: Self) -> Self
  static prefix func - (operand: Self) -> Self
}

extension Double: ObjectiveValue {
  /// The value of a scalar constant of a formula.
  @inlinable public init(objectiveConstant: Double) { self = objectiveConstant }
  /// The value as a `Double`.
  @inlinable public var objectiveDouble: Double { self }
  /// The value raised to `exponent`.
  @inlinable public func raised(to exponent: Double) -> Double {
    switch exponent {
    case 0: return 1
    case 1: return self
    case 2: return self * self
    case 3: return self * self * self
    case 0.5: return squareRoot()
    default: return Foundation.pow(self, exponent)
    }
  }
}

extension Float: ObjectiveValue {
  /// The value of a scalar constant of a formula.
  @inlinable public init(objectiveConstant: Double) { self = Float(objectiveConstant) }
  /// The value as a `Double`.
  @inlinable public var objectiveDouble: Double { Double(self) }
  /// The value raised to `exponent`.
  @inlinable public func raised(to exponent: Double) -> Float {
    switch exponent {
    case 0: return 1
    case 1: return self
    case 2: return self * self
    case 3: return self * self * self
    case 0.5: return squareRoot()
    default: return Foundation.pow(self, Float(exponent))
    }
  }
}
