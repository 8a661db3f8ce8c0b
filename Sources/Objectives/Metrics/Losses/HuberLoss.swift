/// Huber loss with threshold `delta` (torch's `huber_loss`): for `e = ŷ − y`,
/// `ℓ = e²/2` when `|e| < delta`, else `delta·(|e| − delta/2)`; averaged over each sample's
/// `width` elements.
///
/// Gradient: `∂ℓ/∂ŷ = clamp(e, −delta, delta)`.
/// - Complexity: O(n·width).
public struct HuberLoss: ElementwiseLoss {
  /// The name the loss is reported under.
  public var name: String
  /// The number of elements per sample (≥ 1).
  public var width: Int
  /// The threshold between the quadratic and the linear part (> 0).
  public var delta: Double

  /// A Huber loss with threshold `delta` (> 0) over samples of `width` elements.
  /// Throws `ObjectiveError.invalidArgument` when `delta` is not positive and finite.
  public init(delta: Double = 1, width: Int = 1, name: String = "huber") throws(ObjectiveError) {
    guard delta > 0, delta.isFinite else {
      throw .invalidArgument("huber delta must be positive, got \(delta)")
    }
    self.delta = delta
    self.width = width
    self.name = name
  }

  /// The loss of one element.
  @inlinable public func element(_ output: Double, _ target: Double) -> Double {
    let e = output - target
    let a = e.magnitude
    return a < delta ? 0.5 * e * e : delta * (a - 0.5 * delta)
  }

  /// `∂ℓ/∂ŷ` at one element.
  @inlinable public func derivative(_ output: Double, _ target: Double) -> Double {
    let e = output - target
    if e.isNaN { return e }
    return min(delta, max(-delta, e))
  }
}
