/// The accumulated state of a classification objective (binary, multiclass or multilabel).
///
/// A `MergeableState` whose parts are: integer counts add exactly, compensated sums add, score
/// stores concatenate, histograms add, streamed means merge. The empty state of the same shape (a
/// fresh or reset objective's) is the identity; counts, stores and histograms make every split of
/// the data give *exactly* the same exact-mode results (1e-12 relative for the log loss and the
/// streamed means). States of different shapes are refused.
///
/// Memory: O(C²) counts for multiclass (O(L) for multilabel), plus, in exact mode with AUROC or
/// average precision, one stored score per sample and class (4 bytes for `Float`), or O(T) per
/// class when binned, and O(B) per calibration bin count B.
public struct ClassificationState<Score: ClassificationScore>: Sendable, MergeableState, Codable, Equatable {
  /// Confusion counts. Binary: `[tn, fp, fn, tp]` (the 2×2 matrix, rows = target). Multiclass: the
  /// C×C matrix, row = target, column = predicted class. Multilabel: `[tn, fp, fn, tp]` per label.
  var confusion: [Int]
  /// Samples (rows) accumulated, ignored ones excluded.
  var samples: Int = 0
  /// NaN scores seen under `.propagate`: one count (binary, multiclass) or one per label.
  var nonFinite: [Int]
  /// The summed negative log-likelihood.
  var logLoss = CompensatedSum()
  /// The number of terms in `logLoss` (samples, or label decisions for multilabel).
  var logLossCount: Int = 0
  /// Multiclass top-k hits per target class, one entry per distinct `k` in the metric list.
  var topK: [TopKHits]
  /// Multilabel rows whose every label is right.
  var exactMatches: Int = 0
  /// Stored scores per class (exact rank metrics in exact mode), else empty.
  var scores: [ScoreStore<Score>]
  /// Score histograms per class (binned rank metrics in exact mode), else empty.
  var histograms: [ScoreHistogram]
  /// Confidence bins per distinct bin count of the calibration metrics (exact mode), else empty.
  var calibration: [CalibrationBins] = []
  /// Streaming mode: the sample-weighted mean of each metric's per-batch values, else empty.
  var streamed: [StreamedMetric]
  /// The configuration of the objective the state was taken from (task, input, options, mode and
  /// metrics), written by the objective's `state`; `restore` refuses a state of another
  /// configuration with `ObjectiveError.incompatibleState`. `nil` in a state from an older
  /// checkpoint, which is then checked by its shape only.
  var configuration: String?

  init(
    confusionCount: Int, classes: Int, nonFiniteCount: Int, topK: [Int], scoreStores: Int, histograms: Int,
    thresholds: Int, streamed: [String], calibrationBins: [Int] = []
  ) {
    calibration = calibrationBins.map { CalibrationBins(bins: $0) }
    confusion = Array(repeating: 0, count: confusionCount)
    nonFinite = Array(repeating: 0, count: nonFiniteCount)
    self.topK = topK.map { TopKHits(k: $0, hits: Array(repeating: 0, count: classes)) }
    scores = Array(repeating: ScoreStore(), count: scoreStores)
    self.histograms = Array(repeating: ScoreHistogram(checked: max(thresholds, 2)), count: histograms)
    self.streamed = streamed.map { StreamedMetric(name: $0) }
  }

  /// Whether nothing has been accumulated.
  public var isEmpty: Bool { samples == 0 }

  /// The sizes of the state's parts, for error messages.
  var shapeDescription: String {
    var parts = ["\(confusion.count) confusion counts"]
    if !topK.isEmpty { parts.append("top-k \(topK.map(\.k))") }
    if !scores.isEmpty { parts.append("\(scores.count) score stores") }
    if !histograms.isEmpty { parts.append("\(histograms.count) histograms of \(histograms[0].thresholds)") }
    if !streamed.isEmpty { parts.append("streamed \(streamed.map(\.name))") }
    return parts.joined(separator: ", ")
  }

  /// Whether `other` has the same shape (sizes, stores, histograms, streamed names), so that
  /// merging or restoring it is meaningful.
  func hasSameShape(as other: ClassificationState) -> Bool {
    confusion.count == other.confusion.count && nonFinite.count == other.nonFinite.count
      && topK.map(\.k) == other.topK.map(\.k)
      && topK.map(\.hits.count) == other.topK.map(\.hits.count)
      && scores.count == other.scores.count
      && histograms.map(\.thresholds) == other.histograms.map(\.thresholds)
      && streamed.map(\.name) == other.streamed.map(\.name)
      && calibration.map(\.bins) == other.calibration.map(\.bins)
  }

  /// Adds `other`'s state (the monoid operation).
  /// - Throws: `ObjectiveError.incompatibleState` when the shapes differ or a count would exceed
  ///   `countLimit`, `malformedInput` when either state is corrupted; the state is unchanged.
  public mutating func merge(_ other: ClassificationState) throws(ObjectiveError) {
    let widthsAgree = zip(streamed, other.streamed).allSatisfy {
      $0.values.isEmpty || $1.values.isEmpty || $0.values.count == $1.values.count
    }
    guard hasSameShape(as: other), widthsAgree else {
      throw .incompatibleState(
        "classification states of \(shapeDescription) and \(other.shapeDescription)")
    }
    try checkMergeable(other)
    for i in confusion.indices { confusion[i] += other.confusion[i] }
    samples += other.samples
    for i in nonFinite.indices { nonFinite[i] += other.nonFinite[i] }
    logLoss.merge(other.logLoss)
    logLossCount += other.logLossCount
    for i in topK.indices {
      for c in topK[i].hits.indices { topK[i].hits[c] += other.topK[i].hits[c] }
    }
    exactMatches += other.exactMatches
    for i in scores.indices { scores[i].merge(other.scores[i]) }
    for i in histograms.indices { try histograms[i].merge(other.histograms[i]) }
    for i in streamed.indices { try streamed[i].merge(other.streamed[i]) }
    for i in calibration.indices { calibration[i].merge(other.calibration[i]) }
  }

  /// The empty state of the same shape, the identity of `merge`.
  public func emptied() -> ClassificationState {
    var copy = self
    copy.removeAll()
    return copy
  }

  /// Empties the state, keeping its shape.
  mutating func removeAll() {
    for i in confusion.indices { confusion[i] = 0 }
    samples = 0
    for i in nonFinite.indices { nonFinite[i] = 0 }
    logLoss = CompensatedSum()
    logLossCount = 0
    for i in topK.indices {
      for c in topK[i].hits.indices { topK[i].hits[c] = 0 }
    }
    exactMatches = 0
    for i in scores.indices { scores[i].removeAll() }
    for i in histograms.indices { histograms[i].removeAll() }
    for i in streamed.indices { streamed[i] = StreamedMetric(name: streamed[i].name) }
    for i in calibration.indices { calibration[i].removeAll() }
  }
}

/// Multiclass top-k hits per target class, for one `k`.
struct TopKHits: Sendable, Codable, Equatable {
  /// The `k` of top-k.
  let k: Int
  /// Rows of each target class whose target was among the `k` highest scores.
  var hits: [Int]
}
