/// Binary hinge loss `ℓ = max(0, margin − y·ŷ)` (squared when `squared`), for decision values
/// `ŷ` and targets `y` in {−1, +1} (`.signed`) or {0, 1} (`.binary`, mapped to −1 and +1);
/// averaged over each sample's `width` elements. Its mean is scikit-learn's `hinge_loss`.
///
/// Gradient: `∂ℓ/∂ŷ = −y` where `margin − y·ŷ > 0` and 0 elsewhere (`−2y·(margin − y·ŷ)` when
/// squared); at the kink the subgradient 0 is used.
///
/// A target outside the chosen label set throws `ObjectiveError.invalidValue`.
/// - Complexity: O(n·width).
public struct HingeLoss: ElementwiseLoss {
  /// How targets are written.
  public enum Labels: String, Sendable, Codable, CaseIterable {
    /// −1 and +1.
    case signed
    /// 0 and 1 (0 is the negative class).
    case binary
  }

  /// The name the loss is reported under.
  public var name: String
  /// The number of elements per sample (≥ 1).
  public var width: Int
  /// How targets are written.
  public var labels: Labels
  /// The margin (1 by default).
  public var margin: Double
  /// Whether the hinge is squared.
  public var squared: Bool

  /// A hinge loss over samples of `width` elements.
  public init(
    labels: Labels = .signed, margin: Double = 1, squared: Bool = false, width: Int = 1,
    name: String = "hinge"
  ) {
    self.labels = labels
    self.margin = margin
    self.squared = squared
    self.width = width
    self.name = name
  }

  /// Throws `ObjectiveError.invalidValue` for an element outside the loss's domain.
  public func validate(_ output: Double, _ target: Double, position: Int) throws(ObjectiveError) {
    let ok = labels == .signed ? (target == 1 || target == -1) : (target == 1 || target == 0)
    if !ok { throw .invalidValue(what: "hinge target", value: target, position: position) }
  }

  @inlinable func sign(_ target: Double) -> Double {
    labels == .signed ? target : 2 * target - 1
  }

  /// The loss of one element.
  @inlinable public func element(_ output: Double, _ target: Double) -> Double {
    let h = max(0, margin - sign(target) * output)
    return squared ? h * h : h
  }

  /// `∂ℓ/∂ŷ` at one element.
  @inlinable public func derivative(_ output: Double, _ target: Double) -> Double {
    let y = sign(target)
    let h = margin - y * output
    if h.isNaN { return h }
    guard h > 0 else { return 0 }
    return squared ? -2 * y * h : -y
  }
}
