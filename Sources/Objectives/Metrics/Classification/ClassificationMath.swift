import Foundation

/// The elementary functions behind the input transforms and the log loss, in `Double`.
enum ClassificationMath {
  /// `DBL_EPSILON`, the clipping of probabilities in the log loss (scikit-learn clips to
  /// `[eps, 1 − eps]` with the machine epsilon of the input type; inputs here are read in Double).
  static let epsilon = Double.ulpOfOne

  @inline(__always) static func exp(_ x: Double) -> Double { Foundation.exp(x) }
  @inline(__always) static func log(_ x: Double) -> Double { Foundation.log(x) }

  /// 1 / (1 + e^(−x)), without overflow for large |x|.
  @inline(__always) static func sigmoid(_ x: Double) -> Double {
    if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
    let e = Foundation.exp(x)
    return e / (1 + e)
  }

  /// log(1 + e^x), without overflow for large |x|; `+∞` for `x = +∞`, 0 for `x = −∞`.
  @inline(__always) static func softplus(_ x: Double) -> Double {
    if x == .infinity { return .infinity }
    return max(x, 0) + Foundation.log1p(Foundation.exp(-abs(x)))
  }

  /// −log(p) with p clipped to `[eps, 1 − eps]`.
  @inline(__always) static func clippedNegativeLog(_ p: Double) -> Double {
    -Foundation.log(min(max(p, epsilon), 1 - epsilon))
  }

  /// The threshold on logits equivalent to `sigmoid(x) > t`: `log(t / (1 − t))` (±∞ at 0 and 1).
  static func logit(_ t: Double) -> Double {
    if t <= 0 { return -.infinity }
    if t >= 1 { return .infinity }
    return Foundation.log(t / (1 - t))
  }
}
