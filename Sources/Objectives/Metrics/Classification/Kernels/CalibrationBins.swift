/// Equal-width confidence bins for the calibration errors (ECE, MCE) and the reliability diagram.
///
/// `bins` equal-width bins cover [0, 1): bin b holds the confidences c with b/bins ≤ c < (b+1)/bins,
/// and a confidence of exactly 1 has a bin of its own (index `bins`), as TorchMetrics' bucketing
/// (`torch.bucketize(c, linspace(0, 1, bins + 1), right=True) − 1`). Each bin keeps its number of
/// samples and of correct ones (exact integers) and the compensated sum of its confidences.
///
/// Laws: the empty bins (`init(bins:)`) are the identity of `merge`, which adds counts and sums, so
/// every split of the data gives the same counts and the same sums to rounding.
/// - Complexity: O(bins) memory, O(1) per sample, O(bins) to merge and to compute.
public struct CalibrationBins: Sendable, Codable, Equatable {
  /// The number of equal-width bins (the extra bin for confidence 1 is not counted).
  public let bins: Int
  /// Samples per bin (`bins + 1` entries).
  public internal(set) var counts: [Int]
  /// Correct samples per bin (binary: positive targets).
  public internal(set) var correct: [Int]
  /// The summed confidences per bin.
  public internal(set) var confidence: [CompensatedSum]

  /// Empty bins; `bins` ≥ 1 (checked by the objectives, which throw for a bad value).
  init(bins: Int) {
    precondition(bins >= 1, "calibration needs at least one bin")
    self.bins = bins
    counts = Array(repeating: 0, count: bins + 1)
    correct = counts
    confidence = Array(repeating: CompensatedSum(), count: bins + 1)
  }

  /// The bin of a confidence in [0, 1]: ⌊c·bins⌋, corrected so that b/bins ≤ c < (b+1)/bins
  /// holds for the boundaries as `Double`s.
  @inline(__always) func bin(of c: Double) -> Int {
    let n = Double(bins)
    var b = min(max(Int((c * n).rounded(.down)), 0), bins)
    if b < bins && c >= Double(b + 1) / n { b += 1 }
    if b > 0 && c < Double(b) / n { b -= 1 }
    return b
  }

  /// Adds one sample with confidence `c` (in [0, 1]) that was right or not.
  @inline(__always) mutating func add(_ c: Double, correct right: Bool) {
    let b = bin(of: c)
    counts[b] += 1
    correct[b] += right ? 1 : 0
    confidence[b].add(c)
  }

  /// Adds `other`'s bins (the monoid operation); the bin counts must agree.
  mutating func merge(_ other: CalibrationBins) {
    for b in counts.indices {
      counts[b] += other.counts[b]
      correct[b] += other.correct[b]
      confidence[b].merge(other.confidence[b])
    }
  }

  /// The empty bins of the same width.
  mutating func removeAll() { self = CalibrationBins(bins: bins) }

  /// Samples in every bin.
  public var total: Int { counts.reduce(0, +) }

  /// The expected calibration error Σ_b (n_b / N)·|acc_b − conf_b| = Σ_b |correct_b − Σ conf_b| / N
  /// (l1 norm), or with `maximum` the maximum calibration error max_b |acc_b − conf_b| over the
  /// bins that hold samples (max norm). NaN without samples.
  public func error(maximum: Bool) -> Double {
    let n = total
    guard n > 0 else { return .nan }
    if maximum {
      var worst = 0.0
      for b in counts.indices where counts[b] > 0 {
        let gap = abs(Double(correct[b]) - confidence[b].value) / Double(counts[b])
        worst = max(worst, gap)
      }
      return worst
    }
    var sum = CompensatedSum()
    for b in counts.indices where counts[b] > 0 {
      sum.add(abs(Double(correct[b]) - confidence[b].value))
    }
    return sum.value / Double(n)
  }

  /// The reliability diagram's bars: one per bin that holds samples, in increasing confidence
  /// (the bin of confidence 1 is reported as the interval [1, 1]).
  public var reliability: [ReliabilityBin] {
    counts.indices.compactMap { b in
      guard counts[b] > 0 else { return nil }
      let n = Double(counts[b])
      return ReliabilityBin(
        lower: Double(b) / Double(bins), upper: min(Double(b + 1) / Double(bins), 1),
        count: counts[b], accuracy: Double(correct[b]) / n, confidence: confidence[b].value / n)
    }
  }
}

/// One bar of a reliability diagram: the samples whose confidence fell in [`lower`, `upper`), how
/// many they are, their accuracy (binary: the positive rate) and their mean confidence.
public struct ReliabilityBin: Sendable, Equatable, Codable {
  /// The lower edge of the bin.
  public var lower: Double
  /// The upper edge of the bin (excluded, except for the bin of confidence 1, [1, 1]).
  public var upper: Double
  /// Samples in the bin.
  public var count: Int
  /// The share of them that were right (binary: positive).
  public var accuracy: Double
  /// Their mean confidence.
  public var confidence: Double

  /// A bar.
  public init(lower: Double, upper: Double, count: Int, accuracy: Double, confidence: Double) {
    self.lower = lower
    self.upper = upper
    self.count = count
    self.accuracy = accuracy
    self.confidence = confidence
  }
}
