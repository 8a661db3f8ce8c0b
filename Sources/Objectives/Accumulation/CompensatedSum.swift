/// A compensated sum of `Double`s (TwoSum error capture, as in Neumaier's algorithm).
///
/// The running error of every addition is captured exactly with the TwoSum transformation and
/// added back on read, so the result is as accurate as summing in about twice the precision,
/// whatever the order or the batching of the terms.
///
/// Non-finite numbers and overflow:
/// - a NaN or infinite term makes the sum NaN or infinite, as plain addition does (`+∞` stays
///   `+∞`; `+∞` and `−∞` give NaN); the compensation is kept out of it, so it never turns an
///   infinite sum into NaN;
/// - a total beyond `Double`'s range is not lost: the sum is rescaled by `2⁻⁶⁴` (`exponent` counts
///   the scaling), so `value` is `±∞` (the true total does not fit a `Double`) while
///   `value(dividedBy:)` still gives the right finite quotient — the mean of two terms of `1e308`
///   is `1e308`. After a rescaling, terms below about `2⁻⁹⁶⁰` lose relative precision (they are far
///   below the rounding of such a total).
///
/// A `MergeableState`: `CompensatedSum()` is the identity; the laws hold to 1e-12 relative (the
/// order of the terms changes only the final rounding of `value`).
/// - Complexity: O(1) per addition and per merge.
public struct CompensatedSum: Sendable, MergeableState, Equatable {
  /// The leading part of the sum (scaled by `2^exponent`).
  public var sum: Double = 0
  /// The accumulated rounding error of `sum` (scaled by `2^exponent`).
  public var compensation: Double = 0
  /// The power of two the parts are scaled by: 0 unless the total overflowed `Double`'s range.
  public var exponent: Int = 0

  /// The empty sum, the identity of `merge`.
  public init() {}

  /// A sum holding one term.
  public init(_ value: Double) { sum = value }

  /// The number of binary orders of magnitude a rescaling after an overflow moves the parts by.
  @usableFromInline static let rescaling = 64

  /// The compensated total; `±∞` when it overflows `Double`, NaN after a NaN term or after terms
  /// of both infinities.
  @inlinable public var value: Double {
    guard sum.isFinite else { return sum }
    let v = sum + compensation
    return exponent == 0 ? v : Double(sign: .plus, exponent: exponent, significand: v)
  }

  /// The compensated total divided by `divisor`, computed before the scaling is applied, so a
  /// total beyond `Double`'s range still gives a representable quotient.
  @inlinable public func value(dividedBy divisor: Double) -> Double {
    guard sum.isFinite else { return sum / divisor }
    let q = (sum + compensation) / divisor
    return exponent == 0 ? q : Double(sign: .plus, exponent: exponent, significand: q)
  }

  /// This total divided by another compensated total (for weighted means), with both scalings
  /// applied after the division.
  @inlinable public func value(dividedBy divisor: CompensatedSum) -> Double {
    guard sum.isFinite, divisor.sum.isFinite else { return value / divisor.value }
    let q = (sum + compensation) / (divisor.sum + divisor.compensation)
    let e = exponent - divisor.exponent
    return e == 0 ? q : Double(sign: .plus, exponent: e, significand: q)
  }

  /// Adds one term. The rounding error of `sum + x` is captured exactly with Knuth's branch-free
  /// TwoSum and added to `compensation`; a non-finite or overflowing sum takes a separate path.
  @inlinable public mutating func add(_ x: Double) {
    let t = sum + x
    guard t.isFinite, exponent == 0 else { return addRarely(x, exponent: 0) }
    let z = t - sum
    compensation += (sum - (t - z)) + (x - z)
    sum = t
  }

  /// Adds the product `x × factor` (a weighted term); a product beyond `Double`'s range is added
  /// scaled, as an overflowing sum is, so that a weighted mean of huge values stays finite.
  @inlinable public mutating func add(_ x: Double, times factor: Double) {
    let p = x * factor
    if p.isFinite || !x.isFinite || !factor.isFinite {
      add(p)
    } else {
      addRarely(
        Double(sign: .plus, exponent: -Self.rescaling, significand: x) * factor, exponent: Self.rescaling)
    }
  }

  /// Adds `x × 2^e` when the sum is scaled, non-finite or about to overflow.
  @usableFromInline mutating func addRarely(_ x: Double, exponent e: Int) {
    guard sum.isFinite, x.isFinite else {
      // A non-finite total stays non-finite; the compensation is no part of it.
      sum += x
      return
    }
    if e > exponent {
      sum = Double(sign: .plus, exponent: exponent - e, significand: sum)
      compensation = Double(sign: .plus, exponent: exponent - e, significand: compensation)
      exponent = e
    }
    var y = Double(sign: .plus, exponent: e - exponent, significand: x)
    var t = sum + y
    if !t.isFinite {
      let s = -Self.rescaling
      sum = Double(sign: .plus, exponent: s, significand: sum)
      compensation = Double(sign: .plus, exponent: s, significand: compensation)
      y = Double(sign: .plus, exponent: s, significand: y)
      exponent += Self.rescaling
      t = sum + y
    }
    let z = t - sum
    compensation += (sum - (t - z)) + (y - z)
    sum = t
  }

  /// Adds every term of a sequence.
  @inlinable public mutating func add<S: Sequence>(contentsOf values: S) where S.Element == Double {
    for v in values { add(v) }
  }

  /// Adds another compensated sum (the monoid operation).
  @inlinable public mutating func merge(_ other: CompensatedSum) {
    if exponent == 0 && other.exponent == 0 {
      add(other.sum)
      if exponent == 0 {
        if sum.isFinite { compensation += other.compensation }
        return
      }
    } else {
      addRarely(other.sum, exponent: other.exponent)
    }
    if sum.isFinite {
      let e = other.exponent - exponent
      compensation += Double(sign: .plus, exponent: e, significand: other.compensation)
    }
  }
}

extension CompensatedSum: Codable {
  private enum CodingKeys: String, CodingKey { case sum, compensation, exponent }

  /// Decodes a sum written under the library's non-finite policy (see `FiniteOrSpecial`).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    sum = try c.decodeNumber(forKey: .sum)
    compensation = try c.decodeNumber(forKey: .compensation)
    exponent = try c.decodeIfPresent(Int.self, forKey: .exponent) ?? 0
    // Each rescaling step moves the exponent by `rescaling`; a sum of finite doubles never needs
    // more than a few steps, and a huge exponent would overflow the arithmetic on it.
    guard abs(exponent) <= 1 << 20 else {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: c.codingPath + [CodingKeys.exponent],
          debugDescription: "exponent \(exponent) out of range"))
    }
  }

  /// Encodes the parts under the library's non-finite policy; `exponent` only when it is not 0.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encodeNumber(sum, forKey: .sum)
    try c.encodeNumber(compensation, forKey: .compensation)
    if exponent != 0 { try c.encode(exponent, forKey: .exponent) }
  }
}

/// The branch-free TwoSum of `CompensatedSum` as two plain registers, for hot loops: the terms and
/// totals are either known to stay finite and far from overflow (rank sums, pair counts), or the
/// loop's result is read with `settled`, which keeps an infinite or NaN total (from an infinite
/// log loss) without the NaN that `∞ − ∞` leaves in the compensation.
@usableFromInline struct LoopSum {
  @usableFromInline var sum = 0.0
  @usableFromInline var compensation = 0.0

  /// The empty sum.
  @inlinable init() {}

  /// Adds one term (Knuth's TwoSum, no branch).
  @inlinable @inline(__always) mutating func add(_ x: Double) {
    let t = sum + x
    let z = t - sum
    compensation += (sum - (t - z)) + (x - z)
    sum = t
  }

  /// The compensated total.
  @inlinable var value: Double { sum.isFinite ? sum + compensation : sum }

  /// The total as a `CompensatedSum`; an overflow of finite terms reads as `±∞` (not rescaled as by
  /// `CompensatedSum.add`).
  @inlinable var settled: CompensatedSum {
    var s = CompensatedSum(sum)
    if sum.isFinite { s.compensation = compensation }
    return s
  }
}

extension CompensatedSum {
  /// The empty sum, the identity of `merge`.
  public func emptied() -> CompensatedSum { CompensatedSum() }
}
