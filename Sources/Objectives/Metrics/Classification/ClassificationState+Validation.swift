/// The invariants of a classification state that a decoded (possibly tampered or corrupted) state
/// must meet before it is restored or merged, and the overflow check of `merge`.
///
/// Every count is an exact integer in `0...countLimit`; score stores hold no NaN; histograms,
/// calibration bins and top-k hits have the lengths their shapes say. `countLimit` is 2⁶¹, so the
/// sum of two valid counts never overflows, and a merge whose sum would exceed the limit is refused
/// (the state unchanged); a restored state then has room for 2⁶¹ more samples, which no update can
/// reach.
extension ClassificationState {
  /// The largest count a state may hold: 2⁶¹.
  static var countLimit: Int { 1 << 61 }

  /// Throws `ObjectiveError.malformedInput` naming the first part of the state (`confusion[3]`,
  /// `histograms[0].positives`, …) that breaks an invariant.
  func validate() throws(ObjectiveError) {
    try validateCounts()
    for (i, store) in scores.enumerated() {
      if let j = store.positives.firstIndex(where: \.isNaN) {
        throw corrupted("scores[\(i)].positives[\(j)] is NaN")
      }
      if let j = store.negatives.firstIndex(where: \.isNaN) {
        throw corrupted("scores[\(i)].negatives[\(j)] is NaN")
      }
    }
  }

  /// The count invariants alone: O(number of counts), no score is read.
  func validateCounts() throws(ObjectiveError) {
    try checkCounts(confusion, "confusion")
    try checkCount(samples, "samples")
    try checkCounts(nonFinite, "nonFinite")
    try checkCount(logLossCount, "logLossCount")
    try checkCount(exactMatches, "exactMatches")
    for (i, entry) in topK.enumerated() {
      guard entry.k >= 1 else { throw corrupted("topK[\(i)].k is \(entry.k), not a positive k") }
      try checkCounts(entry.hits, "topK[\(i)].hits")
    }
    for (i, histogram) in histograms.enumerated() {
      let t = histogram.thresholds
      guard t >= 2, histogram.positives.count == t, histogram.negatives.count == t else {
        throw corrupted(
          "histograms[\(i)] has \(t) thresholds but \(histogram.positives.count) positive and "
            + "\(histogram.negatives.count) negative bins")
      }
      try checkCounts(histogram.positives, "histograms[\(i)].positives")
      try checkCounts(histogram.negatives, "histograms[\(i)].negatives")
    }
    for (i, bins) in calibration.enumerated() {
      let n = bins.bins + 1
      guard bins.bins >= 1, bins.counts.count == n, bins.correct.count == n, bins.confidence.count == n else {
        throw corrupted("calibration[\(i)] of \(bins.bins) bins has parts of other lengths than \(n)")
      }
      try checkCounts(bins.counts, "calibration[\(i)].counts")
      try checkCounts(bins.correct, "calibration[\(i)].correct")
      for b in 0..<n where bins.correct[b] > bins.counts[b] {
        throw corrupted("calibration[\(i)].correct[\(b)] exceeds its count")
      }
    }
    for (i, metric) in streamed.enumerated() {
      for (j, mean) in metric.values.enumerated() {
        try checkCount(mean.count, "streamed[\(i)].values[\(j)].count")
      }
    }
  }

  /// Throws when `other` is corrupted, or when adding its counts to this state's would exceed
  /// `countLimit`; called by `merge` before anything changes.
  func checkMergeable(_ other: ClassificationState) throws(ObjectiveError) {
    try validateCounts()
    try other.validate()
    func sums(_ a: [Int], _ b: [Int], _ path: String) throws(ObjectiveError) {
      for i in 0..<min(a.count, b.count) where a[i] + b[i] > Self.countLimit {
        throw .incompatibleState(
          "merging would overflow \(path)[\(i)]: \(a[i]) + \(b[i]) exceeds \(Self.countLimit)")
      }
    }
    try sums(confusion, other.confusion, "confusion")
    try sums(
      [samples, logLossCount, exactMatches], [other.samples, other.logLossCount, other.exactMatches], "totals"
    )
    try sums(nonFinite, other.nonFinite, "nonFinite")
    for (a, b) in zip(topK, other.topK) { try sums(a.hits, b.hits, "topK.hits") }
    for (a, b) in zip(histograms, other.histograms) {
      try sums(a.positives, b.positives, "histograms.positives")
      try sums(a.negatives, b.negatives, "histograms.negatives")
    }
    for (a, b) in zip(calibration, other.calibration) { try sums(a.counts, b.counts, "calibration.counts") }
  }

  private func checkCount(_ value: Int, _ path: String) throws(ObjectiveError) {
    guard value >= 0 && value <= Self.countLimit else {
      throw corrupted("\(path) is \(value), not a count in 0...\(Self.countLimit)")
    }
  }

  private func checkCounts(_ values: [Int], _ path: String) throws(ObjectiveError) {
    if let i = values.firstIndex(where: { $0 < 0 || $0 > Self.countLimit }) {
      throw corrupted("\(path)[\(i)] is \(values[i]), not a count in 0...\(Self.countLimit)")
    }
  }

  private func corrupted(_ reason: String) -> ObjectiveError {
    .malformedInput(line: 0, column: 0, reason: "corrupted classification state: " + reason)
  }
}
