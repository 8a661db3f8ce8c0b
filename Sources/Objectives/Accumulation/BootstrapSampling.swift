import Foundation

/// The resampling of the Poisson bootstrap: how many times row `row` appears in replicate
/// `replicate`, drawn from Poisson(1) by a counter-based generator seeded by
/// `(seed, row, replicate)`.
///
/// A count depends on nothing but those three numbers, so a replicate is the same whether the
/// rows arrive in one batch or in many, on one process or on several (each shard knowing the
/// global index of its first row), and replicates merge like the objective itself. Poisson(1)
/// counts are the large-sample limit of the multinomial counts of the classical bootstrap
/// (TorchMetrics' `BootStrapper(sampling_strategy="poisson")`).
public enum BootstrapSampling {
  /// SplitMix64's finaliser: a bijective mix of 64 bits.
  @usableFromInline static func mix(_ x: UInt64) -> UInt64 {
    var z = x
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform number in [0, 1) determined by `(seed, row, replicate)`.
  @inlinable public static func uniform(seed: UInt64, row: Int, replicate: Int) -> Double {
    let golden: UInt64 = 0x9E37_79B9_7F4A_7C15
    var h = mix(seed &+ golden)
    h = mix(h ^ (UInt64(truncatingIfNeeded: row) &* golden))
    h = mix(h ^ (UInt64(truncatingIfNeeded: replicate) &+ 0x632B_E59B_D9B4_E019))
    return Double(h >> 11) * 0x1p-53
  }

  /// The number of copies of `row` in `replicate`: a Poisson(1) draw by inversion of its CDF.
  @inlinable public static func count(seed: UInt64, row: Int, replicate: Int) -> Int {
    let u = uniform(seed: seed, row: row, replicate: replicate)
    var k = 0
    var p = 0.367_879_441_171_442_33  // e⁻¹ = P(0)
    var cumulative = p
    while u >= cumulative && k < 40 {
      k += 1
      p /= Double(k)
      cumulative += p
    }
    return k
  }

  /// The percentile interval of `values` at `level` (0.95: the 2.5th and 97.5th percentiles),
  /// by linear interpolation between order statistics (NumPy's default). NaN values (replicates
  /// where the metric is undefined) are left out; `(NaN, NaN)` when none is left.
  public static func percentileInterval(_ values: [Double], level: Double) -> (low: Double, high: Double) {
    let sorted = values.filter { !$0.isNaN }.sorted()
    guard !sorted.isEmpty else { return (.nan, .nan) }
    func quantile(_ q: Double) -> Double {
      let position = q * Double(sorted.count - 1)
      let i = Int(position.rounded(.down))
      let j = Swift.min(i + 1, sorted.count - 1)
      let f = position - Double(i)
      if f == 0 || sorted[i] == sorted[j] { return sorted[i] }
      return sorted[i] + (sorted[j] - sorted[i]) * f
    }
    let tail = (1 - level) / 2
    return (quantile(tail), quantile(1 - tail))
  }
}

/// A bootstrap confidence interval of one reported value.
public struct BootstrapInterval: Sendable, Equatable, Codable {
  /// The result key (`acc`; `f1[2]` for the third entry of a vector).
  public var name: String
  /// The value on all the data.
  public var value: Double
  /// The lower percentile of the replicates.
  public var low: Double
  /// The upper percentile of the replicates.
  public var high: Double
  /// The confidence level (0.95 for the 2.5th and 97.5th percentiles).
  public var level: Double

  /// An interval of `name` around `value` at confidence `level`.
  public init(name: String, value: Double, low: Double, high: Double, level: Double) {
    self.name = name
    self.value = value
    self.low = low
    self.high = high
    self.level = level
  }

  /// The percentile intervals of every scalar and vector entry of `point`, from the results of the
  /// replicates (entries a replicate lacks count as NaN and are left out).
  public static func intervals(point: Results, replicates: [Results], level: Double) -> [BootstrapInterval] {
    var out: [BootstrapInterval] = []
    for entry in point {
      if case .matrix = entry.value { continue }
      let values = entry.value.values
      let names =
        entry.value.scalar != nil ? [entry.name] : values.indices.map { "\(entry.name)[\($0)]" }
      for (i, x) in values.enumerated() {
        let samples = replicates.map { r -> Double in
          let v = r[entry.name]?.values ?? []
          return i < v.count ? v[i] : .nan
        }
        let (low, high) = BootstrapSampling.percentileInterval(samples, level: level)
        out.append(BootstrapInterval(name: names[i], value: x, low: low, high: high, level: level))
      }
    }
    return out
  }
}
