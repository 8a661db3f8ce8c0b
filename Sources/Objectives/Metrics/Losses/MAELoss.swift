/// Absolute error `ℓ = |ŷ − y|` per element, averaged over each sample's `width` elements
/// (torch's `l1_loss`).
///
/// Gradient: `∂ℓ/∂ŷ = sign(ŷ − y)`, with 0 at `ŷ = y` (as torch).
/// - Complexity: O(n·width).
public struct MAELoss: ElementwiseLoss {
  /// The name the loss is reported under.
  public var name: String
  /// The number of elements per sample (≥ 1).
  public var width: Int

  /// An absolute-error loss over samples of `width` elements, reported as `name`.
  public init(width: Int = 1, name: String = "mae") {
    self.width = width
    self.name = name
  }

  /// The loss of one element.
  @inlinable public func element(_ output: Double, _ target: Double) -> Double {
    (output - target).magnitude
  }

  /// `∂ℓ/∂ŷ` at one element.
  @inlinable public func derivative(_ output: Double, _ target: Double) -> Double {
    let e = output - target
    return e > 0 ? 1 : (e < 0 ? -1 : (e.isNaN ? e : 0))
  }
}
