import Foundation

/// Binary cross-entropy of probabilities (torch's `binary_cross_entropy`):
/// `ℓ = −(y·log p + (1 − y)·log(1 − p))` per element, with each logarithm clamped at −100 as torch
/// does, so `p = 0` or `p = 1` give a finite loss of at most 100. Averaged over each sample's
/// `width` elements. Targets may be soft (any value in [0, 1]).
///
/// Gradient: `∂ℓ/∂p = (p − y) / max(p(1 − p), ε)` with torch's ε = 1e-12 rounded to `Float`
/// (torch's formula; the exact derivative away from 0 and 1).
///
/// Probabilities or targets outside [0, 1] throw `ObjectiveError.invalidValue` naming the flat
/// position; NaN flows into the result. For unnormalised scores use
/// `BinaryCrossEntropyWithLogitsLoss`, which is also numerically stable.
/// - Complexity: O(n·width).
public struct BinaryCrossEntropyLoss: ElementwiseLoss {
  /// The name the loss is reported under.
  public var name: String
  /// The number of elements per sample (≥ 1).
  public var width: Int

  /// A binary cross-entropy of probabilities over samples of `width` elements.
  public init(width: Int = 1, name: String = "binary_cross_entropy") {
    self.width = width
    self.name = name
  }

  /// torch's clamp of `p(1 − p)` in the gradient: 1e-12 as a `Float`.
  public static let epsilon = Double(Float(1e-12))

  /// Throws `ObjectiveError.invalidValue` for an element outside the loss's domain.
  public func validate(_ output: Double, _ target: Double, position: Int) throws(ObjectiveError) {
    if output < 0 || output > 1 {
      throw .invalidValue(what: "probability", value: output, position: position)
    }
    if target < 0 || target > 1 { throw .invalidValue(what: "target", value: target, position: position) }
  }

  /// The loss of one element.
  @inlinable public func element(_ output: Double, _ target: Double) -> Double {
    let logP = max(log(output), -100)
    let log1mP = max(log1p(-output), -100)
    return -(target * logP + (1 - target) * log1mP)
  }

  /// `∂ℓ/∂ŷ` at one element.
  @inlinable public func derivative(_ output: Double, _ target: Double) -> Double {
    (output - target) / max(output * (1 - output), Self.epsilon)
  }
}

/// Binary cross-entropy of logits (torch's `binary_cross_entropy_with_logits`), computed stably as
/// `ℓ = (1 − y)·x + w·(log(1 + e^{−|x|}) + max(−x, 0))` with `w = 1 + (pos_weight − 1)·y`; averaged
/// over each sample's `width` elements.
///
/// Gradient: `∂ℓ/∂x = σ(x)·(1 − y + pos_weight·y) − pos_weight·y` (`σ(x) − y` without a positive
/// weight). Targets may be soft; targets outside [0, 1] throw `ObjectiveError.invalidValue`.
/// - Complexity: O(n·width).
public struct BinaryCrossEntropyWithLogitsLoss: ElementwiseLoss {
  /// The name the loss is reported under.
  public var name: String
  /// The number of elements per sample (≥ 1).
  public var width: Int
  /// The weight of positive targets (torch's `pos_weight`, 1 by default).
  public var positiveWeight: Double

  /// A binary cross-entropy of logits over samples of `width` elements.
  public init(positiveWeight: Double = 1, width: Int = 1, name: String = "binary_cross_entropy_with_logits") {
    self.positiveWeight = positiveWeight
    self.width = width
    self.name = name
  }

  /// Throws `ObjectiveError.invalidValue` for an element outside the loss's domain.
  public func validate(_ output: Double, _ target: Double, position: Int) throws(ObjectiveError) {
    if target < 0 || target > 1 { throw .invalidValue(what: "target", value: target, position: position) }
  }

  /// The loss of one element.
  /// An infinite logit gives the limit `(1 − y)·softplus(x) + pos_weight·y·softplus(−x)`: 0 when
  /// it is on the side of the target, `+∞` otherwise (a term of zero weight is left out).
  @inlinable public func element(_ output: Double, _ target: Double) -> Double {
    if output.isInfinite {
      let negative = target == 1 ? 0 : (1 - target) * (output > 0 ? Double.infinity : 0)
      let positive = target == 0 ? 0 : positiveWeight * target * (output > 0 ? 0 : Double.infinity)
      return negative + positive
    }
    let w = 1 + (positiveWeight - 1) * target
    return (1 - target) * output + w * (log1p(exp(-output.magnitude)) + max(-output, 0))
  }

  /// `∂ℓ/∂ŷ` at one element.
  @inlinable public func derivative(_ output: Double, _ target: Double) -> Double {
    let s = output >= 0 ? 1 / (1 + exp(-output)) : exp(output) / (1 + exp(output))
    return s * (1 - target + positiveWeight * target) - positiveWeight * target
  }
}
