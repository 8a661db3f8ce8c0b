/// The joint first and second moments of pairs `(x, y)`: an exact count, both means, both sums of
/// squared deviations and the co-moment `cxy = Σ(x − x̄)(y − ȳ)`.
///
/// This is the state behind Pearson's correlation, R² and explained variance. Blocks are reduced
/// with two passes and joined with Chan's formula for the co-moment,
/// `cxy = cxyₐ + cxy_b + δx·δy·nₐ·n_b / n`.
///
/// A `MergeableState`: `PairedMoments()` is the identity (exactly); the other laws hold to 1e-12
/// relative.
/// - Complexity: O(1) memory; O(1) per `add` and per `merge`.
public struct PairedMoments: Sendable, MergeableState, Equatable {
  /// The number of pairs (exact).
  public var count: Int = 0
  /// The mean of the first components.
  public var meanX: Double = 0
  /// The mean of the second components.
  public var meanY: Double = 0
  /// `Σ(x − x̄)²`.
  public var m2X: Double = 0
  /// `Σ(y − ȳ)²`.
  public var m2Y: Double = 0
  /// The co-moment `Σ(x − x̄)(y − ȳ)`.
  public var cXY: Double = 0

  /// The empty state.
  public init() {}

  /// A state with the given statistics.
  public init(count: Int, meanX: Double, meanY: Double, m2X: Double, m2Y: Double, cXY: Double) {
    self.count = count
    self.meanX = meanX
    self.meanY = meanY
    self.m2X = m2X
    self.m2Y = m2Y
    self.cXY = cXY
  }

  /// Whether nothing has been added.
  @inlinable public var isEmpty: Bool { count == 0 }

  /// The moments of the first components alone.
  @inlinable public var x: Moments { Moments(count: count, mean: meanX, m2: m2X) }

  /// The moments of the second components alone.
  @inlinable public var y: Moments { Moments(count: count, mean: meanY, m2: m2Y) }

  /// Pearson's correlation `cxy / √(m2x·m2y)`, clamped to [−1, 1]; NaN with fewer than two pairs
  /// or when either component has no spread.
  @inlinable public var correlation: Double {
    guard count >= 2, m2X > 0, m2Y > 0 else { return .nan }
    let r = cXY / (m2X.squareRoot() * m2Y.squareRoot())
    return r.isNaN ? r : min(1, max(-1, r))
  }

  /// Adds one pair (Welford's update extended to the co-moment).
  @inlinable public mutating func add(_ x: Double, _ y: Double) {
    count += 1
    let n = Double(count)
    let dx = x - meanX
    let dy = y - meanY
    meanX += dx / n
    meanY += dy / n
    m2X += dx * (x - meanX)
    m2Y += dy * (y - meanY)
    cXY += dx * (y - meanY)
  }

  /// Merges another state (Chan's parallel formulas, the monoid operation).
  @inlinable public mutating func merge(_ other: PairedMoments) {
    guard other.count > 0 else { return }
    guard count > 0 else {
      self = other
      return
    }
    let na = Double(count)
    let nb = Double(other.count)
    let n = na + nb
    let dx = other.meanX - meanX
    let dy = other.meanY - meanY
    let f = na * nb / n
    meanX += dx * (nb / n)
    meanY += dy * (nb / n)
    m2X += other.m2X + dx * dx * f
    m2Y += other.m2Y + dy * dy * f
    cXY += other.cXY + dx * dy * f
    count += other.count
  }
}

extension PairedMoments: Codable {
  private enum CodingKeys: String, CodingKey { case count, meanX, meanY, m2X, m2Y, cXY }

  /// Decodes moments written under the library's non-finite policy (see `FiniteOrSpecial`).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      count: try c.decode(Int.self, forKey: .count), meanX: try c.decodeNumber(forKey: .meanX),
      meanY: try c.decodeNumber(forKey: .meanY), m2X: try c.decodeNumber(forKey: .m2X),
      m2Y: try c.decodeNumber(forKey: .m2Y), cXY: try c.decodeNumber(forKey: .cXY))
  }

  /// Encodes the moments under the library's non-finite policy, so a plain `JSONEncoder` works.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(count, forKey: .count)
    try c.encodeNumber(meanX, forKey: .meanX)
    try c.encodeNumber(meanY, forKey: .meanY)
    try c.encodeNumber(m2X, forKey: .m2X)
    try c.encodeNumber(m2Y, forKey: .m2Y)
    try c.encodeNumber(cXY, forKey: .cXY)
  }
}

extension PairedMoments {
  /// The empty moments, the identity of `merge`.
  public func emptied() -> PairedMoments { PairedMoments() }
}
