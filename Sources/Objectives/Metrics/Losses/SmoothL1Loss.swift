/// Smooth L1 loss with threshold `beta` (torch's `smooth_l1_loss`): for `e = ŷ − y`,
/// `ℓ = e²/(2·beta)` when `|e| < beta`, else `|e| − beta/2`; `beta = 0` gives the absolute error.
/// Averaged over each sample's `width` elements.
///
/// Gradient: `∂ℓ/∂ŷ = e/beta` when `|e| < beta`, else `sign(e)`.
/// - Complexity: O(n·width).
public struct SmoothL1Loss: ElementwiseLoss {
  /// The name the loss is reported under.
  public var name: String
  /// The number of elements per sample (≥ 1).
  public var width: Int
  /// The threshold between the quadratic and the linear part (≥ 0).
  public var beta: Double

  /// A smooth L1 loss with threshold `beta` (≥ 0) over samples of `width` elements.
  /// Throws `ObjectiveError.invalidArgument` when `beta` is negative or not finite.
  public init(beta: Double = 1, width: Int = 1, name: String = "smooth_l1") throws(ObjectiveError) {
    guard beta >= 0, beta.isFinite else { throw .invalidArgument("smooth L1 beta must be ≥ 0, got \(beta)") }
    self.beta = beta
    self.width = width
    self.name = name
  }

  /// The loss of one element.
  @inlinable public func element(_ output: Double, _ target: Double) -> Double {
    let e = output - target
    let a = e.magnitude
    return a < beta ? 0.5 * e * e / beta : a - 0.5 * beta
  }

  /// `∂ℓ/∂ŷ` at one element.
  @inlinable public func derivative(_ output: Double, _ target: Double) -> Double {
    let e = output - target
    if e.isNaN { return e }
    if e.magnitude < beta { return e / beta }
    return e > 0 ? 1 : (e < 0 ? -1 : 0)
  }
}
