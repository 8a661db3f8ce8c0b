/// The first two moments of a sequence of `Double`s: an exact count, the mean and `m2`, the sum of
/// squared deviations from the mean.
///
/// Single values are added with Welford's update; blocks are reduced with a two-pass loop and
/// joined with Chan's parallel formula, so that the state never forms the cancellation-prone
/// difference `Σx² − (Σx)²/n`.
///
/// Non-finite values and overflow: the mean follows IEEE addition (`+∞` with finite values is
/// `+∞`, both infinities give NaN) and `m2` is `+∞` once an infinite value meets another value
/// (NaN when the mean is NaN), never NaN from `∞ − ∞` in the update. Means of values near the top
/// of `Double`'s range are formed without overflowing (`mean(1e308, 1e308) = 1e308`); a spread
/// beyond the range gives `m2 = +∞`.
///
/// A `MergeableState`: `Moments()` is the identity (merging it, or into it, is exact); the other
/// laws hold to 1e-12 relative (a few ulps of `m2` per merge).
/// - Complexity: O(1) memory; O(1) per `add` and per `merge`; O(n) for a block.
public struct Moments: Sendable, MergeableState, Equatable {
  /// The number of values (exact).
  public var count: Int = 0
  /// The mean of the values; 0 when empty.
  public var mean: Double = 0
  /// The sum of squared deviations from `mean`; 0 when empty.
  public var m2: Double = 0

  /// The empty state.
  public init() {}

  /// A state with the given statistics (for example one decoded from a checkpoint).
  public init(count: Int, mean: Double, m2: Double) {
    self.count = count
    self.mean = mean
    self.m2 = m2
  }

  /// The moments of `values`, computed with two passes (mean, then squared deviations).
  /// - Complexity: O(n).
  public init<C: Collection>(_ values: C) where C.Element == Double {
    guard !values.isEmpty else {
      self.init()
      return
    }
    var sum = CompensatedSum()
    for v in values { sum.add(v) }
    let n = values.count
    let mean = sum.value(dividedBy: Double(n))
    guard mean.isFinite else {
      self.init(count: n, mean: mean, m2: mean.isNaN ? .nan : (n == 1 ? 0 : .infinity))
      return
    }
    var squares = CompensatedSum()
    for v in values {
      let d = v - mean
      squares.add(d * d)
    }
    self.init(count: n, mean: mean, m2: squares.value)
  }

  /// Whether nothing has been added.
  @inlinable public var isEmpty: Bool { count == 0 }

  /// The population variance `m2 / n`; NaN when empty.
  @inlinable public var variance: Double { count == 0 ? .nan : m2 / Double(count) }

  /// The sample variance `m2 / (n − 1)`; NaN with fewer than two values.
  @inlinable public var sampleVariance: Double { count < 2 ? .nan : m2 / Double(count - 1) }

  /// Adds one value (Welford's update).
  @inlinable public mutating func add(_ x: Double) {
    let delta = x - mean
    guard delta.isFinite else { return addRarely(x) }
    count += 1
    mean += delta / Double(count)
    m2 += delta * (x - mean)
  }

  /// Adds a value that is not finite, or whose distance to the mean overflows.
  @usableFromInline mutating func addRarely(_ x: Double) {
    count += 1
    if count == 1 {
      mean = x
      m2 = x.isNaN ? .nan : 0  // one value has no spread
    } else if x.isFinite && mean.isFinite {
      // Overflow of x − mean: a weighted mean of the two, each term scaled before it is added.
      let n = Double(count)
      mean = mean * ((n - 1) / n) + x / n
      m2 = .infinity
    } else {
      // One side is ±∞ or NaN: IEEE addition gives the limit of the mean.
      mean += x
      m2 = mean.isNaN ? .nan : .infinity
    }
  }

  /// Merges another state (Chan's parallel formula, the monoid operation).
  @inlinable public mutating func merge(_ other: Moments) {
    guard other.count > 0 else { return }
    guard count > 0 else {
      self = other
      return
    }
    let na = Double(count)
    let nb = Double(other.count)
    let n = na + nb
    let delta = other.mean - mean
    if delta.isFinite {
      mean += delta * (nb / n)
      m2 += other.m2 + delta * delta * (na * nb / n)
    } else if mean.isFinite && other.mean.isFinite {
      mean = mean * (na / n) + other.mean * (nb / n)
      m2 = .infinity
    } else {
      mean += other.mean
      m2 = mean.isNaN ? .nan : .infinity
    }
    count += other.count
  }
}

extension Moments: Codable {
  private enum CodingKeys: String, CodingKey { case count, mean, m2 }

  /// Decodes moments written under the library's non-finite policy (see `FiniteOrSpecial`).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let count = try c.decode(Int.self, forKey: .count)
    let m2: Double = try c.decodeNumber(forKey: .m2)
    // A count is exact and non-negative, with room to grow (at most 2⁶¹); a sum of squared
    // deviations is never negative.
    guard count >= 0 && count <= 1 << 61, !(m2 < 0) else {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: c.codingPath, debugDescription: "moments of count \(count) and m2 \(m2) are corrupted"))
    }
    self.init(count: count, mean: try c.decodeNumber(forKey: .mean), m2: m2)
  }

  /// Encodes the moments under the library's non-finite policy, so a plain `JSONEncoder` works.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(count, forKey: .count)
    try c.encodeNumber(mean, forKey: .mean)
    try c.encodeNumber(m2, forKey: .m2)
  }
}

extension Moments {
  /// The empty moments, the identity of `merge`.
  public func emptied() -> Moments { Moments() }
}
