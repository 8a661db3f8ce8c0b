/// Squared error `ℓ = (ŷ − y)²` per element, averaged over each sample's `width` elements
/// (torch's `mse_loss`; its `mean` reduction is the mean of these values).
///
/// Gradient: `∂ℓ/∂ŷ = 2(ŷ − y)`.
/// - Complexity: O(n·width).
public struct MSELoss: ElementwiseLoss {
  /// The name the loss is reported under.
  public var name: String
  /// The number of elements per sample (≥ 1).
  public var width: Int

  /// A squared-error loss over samples of `width` elements, reported as `name`.
  public init(width: Int = 1, name: String = "mse") {
    self.width = width
    self.name = name
  }

  /// The loss of one element.
  @inlinable public func element(_ output: Double, _ target: Double) -> Double {
    let e = output - target
    return e * e
  }

  /// `∂ℓ/∂ŷ` at one element.
  @inlinable public func derivative(_ output: Double, _ target: Double) -> Double {
    2 * (output - target)
  }
}
