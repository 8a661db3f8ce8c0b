/// A weighted mean: a compensated sum of `value × weight` and a compensated sum of weights.
///
/// This is the state behind every averaged quantity of the algebra and behind the streaming
/// meters. A per-sample value is added with weight 1 per sample; a batch value is added with
/// weight 1 (one observation) unless the caller gives another weight.
///
/// A `MergeableState`: `MeanAccumulator()` is the identity; the laws hold to 1e-12 relative (the
/// rounding of `CompensatedSum`), so any batching of the `add` calls, merged, gives the same mean.
/// - Complexity: O(1) memory; O(1) per `add` and per `merge`.
public struct MeanAccumulator: Sendable, MergeableState, Codable, Equatable {
  /// The compensated sum of `value × weight`.
  public var total = CompensatedSum()
  /// The compensated sum of the weights.
  public var weight = CompensatedSum()
  /// The number of `add` calls that contributed (an exact integer count).
  public var count: Int = 0

  /// An empty accumulator.
  public init() {}

  /// Adds `value` with `weight` (1 by default).
  @inlinable public mutating func add(_ value: Double, weight w: Double = 1) {
    total.add(value, times: w)
    weight.add(w)
    count += 1
  }

  /// Merges another accumulator (the monoid operation).
  @inlinable public mutating func merge(_ other: MeanAccumulator) {
    total.merge(other.total)
    weight.merge(other.weight)
    count += other.count
  }

  /// The weighted mean, or NaN when nothing (or only zero weight) was added.
  ///
  /// The division is done before the total's overflow scaling is applied (see `CompensatedSum`), so
  /// the mean of values near `Double.greatestFiniteMagnitude` is finite; an infinite value gives an
  /// infinite mean, and NaN only comes from a NaN value or from both infinities.
  @inlinable public var mean: Double {
    weight.value == 0 ? .nan : total.value(dividedBy: weight)
  }

  /// Whether nothing has been added.
  @inlinable public var isEmpty: Bool { count == 0 }
}

extension MeanAccumulator {
  /// The empty accumulator, the identity of `merge`.
  public func emptied() -> MeanAccumulator { MeanAccumulator() }
}
