/// A compensated sum of `Double`s (TwoSum error capture, as in Neumaier's algorithm).
///
/// The running error of every addition is captured exactly with the TwoSum transformation and
/// added back on read, so the result is as accurate as summing in about twice the precision,
/// whatever the order or the batching of the terms.
///
/// Laws: `CompensatedSum()` is the identity of `merge`, and `merge` is associative up to the
/// rounding of the final read (a relative error of a few ulps of the total).
/// - Complexity: O(1) per addition and per merge.
public struct CompensatedSum: Sendable, Codable, Equatable {
  /// The leading part of the sum.
  public var sum: Double = 0
  /// The accumulated rounding error of `sum`.
  public var compensation: Double = 0

  /// The empty sum, the identity of `merge`.
  public init() {}

  /// A sum holding one term.
  public init(_ value: Double) { sum = value }

  /// The compensated total.
  @inlinable public var value: Double { sum + compensation }

  /// Adds one term. The rounding error of `sum + x` is captured exactly with Knuth's branch-free
  /// TwoSum and added to `compensation`.
  @inlinable public mutating func add(_ x: Double) {
    let t = sum + x
    let z = t - sum
    compensation += (sum - (t - z)) + (x - z)
    sum = t
  }

  /// Adds every term of a sequence.
  @inlinable public mutating func add<S: Sequence>(contentsOf values: S) where S.Element == Double {
    for v in values { add(v) }
  }

  /// Adds another compensated sum (the monoid operation).
  @inlinable public mutating func merge(_ other: CompensatedSum) {
    add(other.sum)
    compensation += other.compensation
  }

}
