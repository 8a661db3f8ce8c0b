/// Binned scores for AUROC and average precision in O(T) memory: counts of positive and negative
/// samples between `T` evenly spaced thresholds `0, 1/(T−1), …, 1` on probabilities.
///
/// A probability `p` falls in bin `b` when `tᵦ ≤ p < tᵦ₊₁`, so a threshold `tᵢ` calls positive
/// exactly the bins `b ≥ i` (TorchMetrics' `preds >= t`). The binned AUROC and average precision
/// are the exact values of the scores rounded down to their bin, and the difference from the exact
/// values on the unbinned scores is bounded by `errorBounds`:
///
/// - AUROC: `|binned − exact| ≤ Σᵦ Pᵦ·Nᵦ / (2·P·N)`, because only a (positive, negative) pair inside
///   one bin can be ranked differently, and its credit changes by at most ½.
/// - Average precision: `|binned − exact| ≤ Σᵦ (Pᵦ/P)·(TP₁/(TP₁+FP₀) − (TP₀+1)/(TP₀+1+FP₁))`, where
///   `TP₀, FP₀` count the samples above bin `b` and `TP₁, FP₁` include it: every precision that the
///   exact sum uses for a positive of bin `b`, and the one the binned sum uses, lie in that interval.
///
/// With scores spread over many bins both bounds shrink like `1/T`.
///
/// A `MergeableState`, exact: `ScoreHistogram(thresholds: T)` is the identity among histograms of
/// `T` thresholds; `merge` adds counts, and refuses other thresholds.
/// - Complexity: O(1) per sample, O(T) memory, O(T) to compute.
struct ScoreHistogram: Sendable, MergeableState, Codable, Equatable {
  /// The number of thresholds `T` (at least 2).
  let thresholds: Int
  /// Positive samples per bin.
  private(set) var positives: [Int]
  /// Negative samples per bin.
  private(set) var negatives: [Int]

  /// An empty histogram with `thresholds` evenly spaced thresholds on [0, 1].
  /// - Throws: `ObjectiveError.invalidArgument` when `thresholds < 2`.
  init(thresholds: Int) throws(ObjectiveError) {
    guard thresholds >= 2 else {
      throw .invalidArgument("a binned curve needs at least 2 thresholds, got \(thresholds)")
    }
    self.init(checked: thresholds)
  }

  /// An empty histogram with `thresholds` (already known to be at least 2) thresholds.
  init(checked thresholds: Int) {
    self.thresholds = thresholds
    positives = Array(repeating: 0, count: thresholds)
    negatives = Array(repeating: 0, count: thresholds)
  }

  /// The threshold `tᵢ = i / (T − 1)`.
  func threshold(_ i: Int) -> Double { Double(i) / Double(thresholds - 1) }

  /// The bin of a probability: the largest `i` with `tᵢ ≤ p` (0 for `p < 0`).
  func bin(of probability: Double) -> Int {
    let last = thresholds - 1
    guard probability > 0 else { return 0 }
    guard probability < 1 else { return last }
    var b = Int(probability * Double(last))
    if b < last && threshold(b + 1) <= probability { b += 1 }
    if b > 0 && threshold(b) > probability { b -= 1 }
    return b
  }

  /// Counts one probability (not NaN).
  mutating func add(_ probability: Double, positive: Bool) {
    let b = bin(of: probability)
    if positive { positives[b] += 1 } else { negatives[b] += 1 }
  }

  /// Adds per-bin counts (`positives[b]`, `negatives[b]` for each of the `thresholds` bins).
  mutating func add(positives p: UnsafeBufferPointer<Int>, negatives q: UnsafeBufferPointer<Int>) {
    for b in 0..<thresholds {
      positives[b] += p[b]
      negatives[b] += q[b]
    }
  }

  /// Adds the counts of another histogram with the same thresholds (the monoid operation).
  /// - Throws: `ObjectiveError.incompatibleState` when the thresholds differ.
  mutating func merge(_ other: ScoreHistogram) throws(ObjectiveError) {
    guard other.thresholds == thresholds else {
      throw .incompatibleState("histograms of \(thresholds) and \(other.thresholds) thresholds")
    }
    for b in 0..<thresholds {
      positives[b] += other.positives[b]
      negatives[b] += other.negatives[b]
    }
  }

  /// Clears the counts.
  mutating func removeAll() {
    for b in 0..<thresholds {
      positives[b] = 0
      negatives[b] = 0
    }
  }

  /// The number of counted samples.
  var count: Int { positives.reduce(0, +) + negatives.reduce(0, +) }

  /// AUROC and average precision of the binned scores (NaN unless both classes are present).
  var ranking: ScoreRanking { Self.ranking(of: CollectionOfOne(self)) }

  /// AUROC and average precision of several histograms pooled (micro averaging).
  static func ranking(of histograms: some Collection<ScoreHistogram>) -> ScoreRanking {
    guard let t = histograms.first?.thresholds else { return ScoreRanking(positives: 0, negatives: 0) }
    var pos = Array(repeating: 0, count: t)
    var neg = Array(repeating: 0, count: t)
    for h in histograms {
      for b in 0..<t {
        pos[b] += h.positives[b]
        neg[b] += h.negatives[b]
      }
    }
    var ranking = ScoreRanking(positives: pos.reduce(0, +), negatives: neg.reduce(0, +))
    for b in stride(from: t - 1, through: 0, by: -1) where pos[b] + neg[b] > 0 {
      ranking.addGroup(positives: pos[b], negatives: neg[b])
    }
    return ranking
  }

  /// Upper bounds on `|binned − exact|` for AUROC and average precision (see the type's
  /// documentation); NaN unless both classes are present.
  var errorBounds: (auroc: Double, averagePrecision: Double) {
    let p = positives.reduce(0, +)
    let n = negatives.reduce(0, +)
    guard p > 0, n > 0 else { return (.nan, .nan) }
    var tp = 0
    var fp = 0
    var auroc = CompensatedSum()
    var ap = CompensatedSum()
    for b in stride(from: thresholds - 1, through: 0, by: -1) {
      let pb = positives[b]
      let nb = negatives[b]
      auroc.add(Double(pb) * Double(nb))
      if pb > 0 {
        let high = Double(tp + pb) / Double(tp + pb + fp)
        let low = Double(tp + 1) / Double(tp + 1 + fp + nb)
        ap.add(Double(pb) * (high - low))
      }
      tp += pb
      fp += nb
    }
    return (auroc.value / (2 * Double(p) * Double(n)), ap.value / Double(p))
  }

  /// The binned ROC and precision–recall curves: a first point at `+∞`, then one point per
  /// threshold from the highest down.
  func curves() -> CurveBuilder {
    var builder = CurveBuilder(positives: positives.reduce(0, +), negatives: negatives.reduce(0, +))
    for b in stride(from: thresholds - 1, through: 0, by: -1) {
      builder.addGroup(threshold: threshold(b), positives: positives[b], negatives: negatives[b])
    }
    return builder
  }
}

extension ScoreHistogram {
  /// An empty histogram with the same thresholds, the identity of `merge`.
  func emptied() -> ScoreHistogram {
    var copy = self
    copy.removeAll()
    return copy
  }
}
