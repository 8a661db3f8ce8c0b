/// The weighted count, mean and second central moment of a stream of weighted values (West's
/// weighted update, Chan's merge), for sample-weighted statistics.
///
/// A `MergeableState`: `WeightedMoments()` is the identity; the laws hold to 1e-12 relative. The
/// total weight is a compensated sum; a weight of 0 adds nothing.
/// - Complexity: O(1) memory; O(1) per `add` and per `merge`.
public struct WeightedMoments: Sendable, MergeableState, Equatable {
  /// The compensated sum of the weights.
  public var weight = CompensatedSum()
  /// The weighted mean (0 when empty).
  public var mean: Double = 0
  /// `Σ wᵢ (xᵢ − mean)²`.
  public var m2: Double = 0

  /// Empty moments.
  public init() {}

  /// Adds `x` with weight `w` (≥ 0).
  @inlinable public mutating func add(_ x: Double, weight w: Double) {
    guard w != 0 else { return }
    weight.add(w)
    let delta = x - mean
    mean += delta * (w / weight.value)
    m2 += w * delta * (x - mean)
  }

  /// Merges another accumulator (Chan's parallel formula, weighted).
  @inlinable public mutating func merge(_ other: WeightedMoments) {
    let (wa, wb) = (weight.value, other.weight.value)
    guard wb != 0 else { return }
    guard wa != 0 else {
      self = other
      return
    }
    weight.merge(other.weight)
    let total = weight.value
    let delta = other.mean - mean
    mean += delta * (wb / total)
    m2 += other.m2 + delta * delta * (wa * wb / total)
  }

  /// The weighted population variance `m2 / Σw` (NaN when the total weight is 0).
  @inlinable public var variance: Double { weight.value == 0 ? .nan : m2 / weight.value }

  /// The identity of `merge`.
  public func emptied() -> WeightedMoments { WeightedMoments() }
}

extension WeightedMoments: Codable {
  private enum CodingKeys: String, CodingKey { case weight, mean, m2 }
  /// Decodes moments written under the library's non-finite policy (see `FiniteOrSpecial`).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    weight = try c.decode(CompensatedSum.self, forKey: .weight)
    mean = try c.decodeNumber(forKey: .mean)
    m2 = try c.decodeNumber(forKey: .m2)
  }
  /// Encodes the parts under the library's non-finite policy.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(weight, forKey: .weight)
    try c.encodeNumber(mean, forKey: .mean)
    try c.encodeNumber(m2, forKey: .m2)
  }
}
