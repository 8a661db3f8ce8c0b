/// A running, count-weighted average of a scalar: DanLing's `AverageMeter` as a thin tracking
/// view over the library's one weighted mean, `MeanAccumulator`.
///
/// `update(v, n:)` records `v` as the last value and adds `v` with weight `n` to the mean (so the
/// sum is `Σ v × n` and the count `Σ n`). The average is `sum / count`. Every reduction is NaN while
/// nothing has been counted.
///
/// ```swift
/// var meter = AverageMeter()
/// meter.update(2, n: 2)
/// meter.update(4)
/// meter.formatted(".2f")   // "4.00 (2.67)"
/// ```
///
/// A NaN value propagates into the sum and the average, as in DanLing (use a `SampleTable`
/// aggregate to average finite values only). An infinite value makes the sum and the average
/// infinite (a diverging loss shows `inf`), and values near `Double.greatestFiniteMagnitude` give
/// a finite average even when their sum overflows (see `CompensatedSum`).
///
/// A `MergeableState`: `AverageMeter()` is the identity. The mean merges as `MeanAccumulator`
/// does (1e-12 relative) and counts add exactly; the last value of a merge is the last value of the
/// right-hand side if it was ever updated, otherwise the left-hand side's.
/// - Complexity: O(1) memory, O(1) per update and merge.
public struct AverageMeter: Sendable, MergeableState, Codable, Equatable, CustomStringConvertible {
  /// The last value given to `update`, NaN before the first update.
  public private(set) var value: Double = .nan
  /// The weight `n` of the last update (0 before the first update).
  public private(set) var lastWeight: Int = 0
  /// The weighted mean of the counted values (weight `n` each).
  public private(set) var mean = MeanAccumulator()
  /// Σ n, an exact integer.
  public private(set) var count: Int = 0
  /// The number of `update` calls (including calls with `n: 0`).
  public private(set) var updates: Int = 0

  /// An empty meter.
  public init() {}

  /// Records `value` with weight `n` (the number of samples it averages). `n: 0` records the last
  /// value without counting it.
  /// - Precondition: `n >= 0` (a sample count).
  public mutating func update(_ value: Double, n: Int = 1) {
    precondition(n >= 0, "AverageMeter.update: n must be a non-negative sample count, got \(n)")
    self.value = value
    lastWeight = n
    if n > 0 {
      mean.add(value, weight: Double(n))
      count += n
    }
    updates += 1
  }

  /// The last value, NaN when nothing has been counted (DanLing's `val`).
  public var last: Double { count == 0 ? .nan : value }

  /// Σ value × n, NaN when nothing has been counted.
  public var sum: Double { count == 0 ? .nan : mean.total.value }

  /// The count-weighted average `sum / count`, NaN when nothing has been counted.
  public var average: Double { count == 0 ? .nan : mean.mean }

  /// Whether nothing has been counted.
  public var isEmpty: Bool { count == 0 }

  /// Returns to the empty state.
  public mutating func reset() { self = AverageMeter() }

  /// Merges the meter of another shard or process (the monoid operation).
  public mutating func merge(_ other: AverageMeter) {
    mean.merge(other.mean)
    count += other.count
    if other.updates > 0 {
      value = other.value
      lastWeight = other.lastWeight
    }
    updates += other.updates
  }

  /// `"val (avg)"`, each part written with `format` (default `%.4f`).
  public func formatted(_ format: FloatFormat = .standard) -> String {
    "\(format(last)) (\(format(average)))"
  }

  /// `"val (avg)"` with `precision` digits after the decimal point.
  public func formatted(precision: Int) -> String { formatted(.fixed(precision)) }

  /// `"val (avg)"` with four digits after the decimal point.
  public var description: String { formatted() }

  private enum CodingKeys: String, CodingKey { case value, lastWeight, mean, total, count, updates }

  /// Decodes a meter written under the library's non-finite policy (see `FiniteOrSpecial`). A meter
  /// written before it held a `MeanAccumulator` (a bare `total`) decodes with the weight `count`.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    value = try c.decodeNumber(forKey: .value)
    lastWeight = try c.decode(Int.self, forKey: .lastWeight)
    count = try c.decode(Int.self, forKey: .count)
    updates = try c.decode(Int.self, forKey: .updates)
    if let mean = try c.decodeIfPresent(MeanAccumulator.self, forKey: .mean) {
      self.mean = mean
    } else {
      mean.total = try c.decode(CompensatedSum.self, forKey: .total)
      mean.weight = CompensatedSum(Double(count))
      mean.count = count == 0 ? 0 : updates
    }
  }

  /// Encodes the meter under the library's non-finite policy, so a plain `JSONEncoder` works.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encodeNumber(value, forKey: .value)
    try c.encode(lastWeight, forKey: .lastWeight)
    try c.encode(mean, forKey: .mean)
    try c.encode(count, forKey: .count)
    try c.encode(updates, forKey: .updates)
  }
}

extension AverageMeter {
  /// An empty meter, the identity of `merge`.
  public func emptied() -> AverageMeter { AverageMeter() }
}
