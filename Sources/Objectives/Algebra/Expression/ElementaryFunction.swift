import Foundation

/// The elementary functions of the algebra: `exp`, `log`, `sqrt`, `abs`, `min`, `max` and `clamp`.
///
/// They compose losses and metric expressions (`exp(-s) * ce + s`), render and parse in formulas
/// (`exp(-{s}) x [CE] + {s}`, `min([A], [B])`, `clamp([A], 0, 1)`), and carry directions and
/// gradients:
///
/// - **Directions.** Every function is non-decreasing in each argument (`abs` on non-negative
///   arguments, where it is the identity), so it keeps its arguments' direction; the arguments of
///   `min`, `max` and `clamp` must agree like the terms of a sum, and a contradiction is reported
///   by the strict check as for `+`.
/// - **Gradients.** `exp`: `exp(x)`; `log`: `1/x`; `sqrt`: `1/(2 sqrt(x))` (`inf` at 0); at the
///   kinks the subgradients are PyTorch's: `abs` has derivative `sign(x)`, 0 at 0; `min(a, b)` and
///   `max(a, b)` split the gradient evenly (0.5 each) when `a == b`; `clamp(x, lo, hi)` passes the
///   gradient to `x` where `lo ≤ x ≤ hi` (bounds included), to `lo` where `x < lo` and to `hi`
///   where `x > hi`.
/// - **NaN.** `min`, `max` and `clamp` propagate NaN from any argument, as `torch.minimum` does.
public enum ElementaryFunction: String, Sendable, CaseIterable, Codable {
  /// `exp(x)`.
  case exp
  /// The natural logarithm `log(x)`.
  case log
  /// `sqrt(x)`.
  case sqrt
  /// `abs(x)`.
  case abs
  /// `min(a, b)`.
  case min
  /// `max(a, b)`.
  case max
  /// `clamp(x, lo, hi)`, that is `min(max(x, lo), hi)`.
  case clamp

  /// The number of arguments: 1, 2 for `min` and `max`, 3 for `clamp`.
  public var arity: Int {
    switch self {
    case .exp, .log, .sqrt, .abs: return 1
    case .min, .max: return 2
    case .clamp: return 3
    }
  }

  /// The function's value on `Double` arguments (NaN-propagating `min`, `max` and `clamp`); NaN
  /// when the number of arguments is not ``arity``.
  public func callAsFunction(_ arguments: [Double]) -> Double {
    guard arguments.count == arity else { return .nan }
    switch self {
    case .exp: return Foundation.exp(arguments[0])
    case .log: return Foundation.log(arguments[0])
    case .sqrt: return arguments[0].squareRoot()
    case .abs: return Swift.abs(arguments[0])
    case .min: return Self.minimum(arguments[0], arguments[1])
    case .max: return Self.maximum(arguments[0], arguments[1])
    case .clamp: return Self.minimum(Self.maximum(arguments[0], arguments[1]), arguments[2])
    }
  }

  /// The partial derivative with respect to each argument, with PyTorch's subgradients at kinks.
  func partials(_ a: [Double]) -> [Double] {
    guard a.count == arity else { return Array(repeating: .nan, count: a.count) }
    switch self {
    case .exp: return [Foundation.exp(a[0])]
    case .log: return [1 / a[0]]
    case .sqrt: return [1 / (2 * a[0].squareRoot())]
    case .abs:
      if a[0].isNaN { return [.nan] }
      return [a[0] > 0 ? 1 : a[0] < 0 ? -1 : 0]
    case .min, .max:
      if a[0].isNaN || a[1].isNaN { return [.nan, .nan] }
      if a[0] == a[1] { return [0.5, 0.5] }
      let firstWins = self == .min ? a[0] < a[1] : a[0] > a[1]
      return firstWins ? [1, 0] : [0, 1]
    case .clamp:
      if a.contains(where: \.isNaN) { return [.nan, .nan, .nan] }
      // torch.clamp(x, lo, hi) = min(max(x, lo), hi): hi wins when lo > hi.
      if a[0] > a[2] || a[1] > a[2] { return [0, 0, 1] }
      if a[0] < a[1] { return [0, 1, 0] }
      return [1, 0, 0]
    }
  }

  static func minimum(_ a: Double, _ b: Double) -> Double {
    if a.isNaN || b.isNaN { return .nan }
    return b < a ? b : a
  }

  static func maximum(_ a: Double, _ b: Double) -> Double {
    if a.isNaN || b.isNaN { return .nan }
    return b > a ? b : a
  }
}

/// A value type on which the algebra can evaluate ``ElementaryFunction``s: `Double` and `Float`
/// out of the box, or a tensor or dual number that implements them (so that its derivatives flow
/// through `exp`, `log`, …). Losses of other value types refuse the functions at composition.
public protocol ElementaryObjectiveValue: ObjectiveValue {
  /// The function applied to `arguments` (exactly `function.arity` of them).
  static func applying(_ function: ElementaryFunction, to arguments: [Self]) -> Self
}

extension Double: ElementaryObjectiveValue {
  /// Applies the function on `Double`s (see ``ElementaryFunction/callAsFunction(_:)``).
  public static func applying(_ function: ElementaryFunction, to arguments: [Double]) -> Double {
    function(arguments)
  }
}

extension Float: ElementaryObjectiveValue {
  /// Applies the function in `Double` and rounds the result to `Float`.
  public static func applying(_ function: ElementaryFunction, to arguments: [Float]) -> Float {
    Float(function(arguments.map(Double.init)))
  }
}

extension ObjectiveValue {
  /// Whether the algebra can evaluate elementary functions on this value type.
  static var supportsElementaryFunctions: Bool { Self.self is any ElementaryObjectiveValue.Type }

  /// The function applied to `arguments`, or NaN when the type does not support it (compositions
  /// refuse that case, so it is never evaluated).
  @usableFromInline static func applyingElementary(_ function: ElementaryFunction, _ arguments: [Self])
    -> Self
  {
    guard let type = Self.self as? any ElementaryObjectiveValue.Type else {
      return Self(objectiveConstant: .nan)
    }
    return opened(type, function, arguments)
  }

  static func opened<E: ElementaryObjectiveValue>(
    _ type: E.Type, _ function: ElementaryFunction, _ arguments: [Self]
  )
    -> Self
  {
    guard let same = arguments as? [E], let result = E.applying(function, to: same) as? Self else {
      return Self(objectiveConstant: .nan)
    }
    return result
  }
}
