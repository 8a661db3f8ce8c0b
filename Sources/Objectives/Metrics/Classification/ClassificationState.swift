/// The accumulated state of a classification objective (binary, multiclass or multilabel).
///
/// Every part is a monoid under `merge`: integer counts add exactly, compensated sums add, score
/// stores concatenate, histograms add, streamed means merge. Merging the empty state (a fresh or
/// reset objective's) changes nothing, and merging is associative; integer counts, stores and
/// histograms make every split of the data give *exactly* the same exact-mode results.
///
/// Memory: O(C²) counts for multiclass (O(L) for multilabel), plus, in exact mode with AUROC or
/// average precision, one stored score per sample and class (4 bytes for `Float`), or O(T) per
/// class when binned, and O(B) per calibration bin count B.
public struct ClassificationState<Score: ClassificationScore>: Sendable, Codable, Equatable {
  /// Confusion counts. Binary: `[tn, fp, fn, tp]` (the 2×2 matrix, rows = target). Multiclass: the
  /// C×C matrix, row = target, column = predicted class. Multilabel: `[tn, fp, fn, tp]` per label.
  public internal(set) var confusion: [Int]
  /// Samples (rows) accumulated, ignored ones excluded.
  public internal(set) var samples: Int = 0
  /// NaN scores seen under `.propagate`: one count (binary, multiclass) or one per label.
  public internal(set) var nonFinite: [Int]
  /// The summed negative log-likelihood.
  public internal(set) var logLoss = CompensatedSum()
  /// The number of terms in `logLoss` (samples, or label decisions for multilabel).
  public internal(set) var logLossCount: Int = 0
  /// Multiclass top-k hits per target class, one entry per distinct `k` in the metric list.
  public internal(set) var topK: [TopKHits]
  /// Multilabel rows whose every label is right.
  public internal(set) var exactMatches: Int = 0
  /// Stored scores per class (exact rank metrics in exact mode), else empty.
  public internal(set) var scores: [ScoreStore<Score>]
  /// Score histograms per class (binned rank metrics in exact mode), else empty.
  public internal(set) var histograms: [ScoreHistogram]
  /// Confidence bins per distinct bin count of the calibration metrics (exact mode), else empty.
  public internal(set) var calibration: [CalibrationBins] = []
  /// Streaming mode: the sample-weighted mean of each metric's per-batch values, else empty.
  public internal(set) var streamed: [StreamedMetric]

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

  /// Adds `other`'s state (the monoid operation). The shapes must agree.
  mutating func merge(_ other: ClassificationState) {
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
    for i in histograms.indices { histograms[i].merge(other.histograms[i]) }
    for i in streamed.indices { streamed[i].merge(other.streamed[i]) }
    for i in calibration.indices { calibration[i].merge(other.calibration[i]) }
  }

  /// The empty state of the same shape.
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
public struct TopKHits: Sendable, Codable, Equatable {
  /// The `k` of top-k.
  public let k: Int
  /// Rows of each target class whose target was among the `k` highest scores.
  public internal(set) var hits: [Int]
}

/// The streaming state of one metric: a sample-weighted mean per entry of its value.
///
/// Laws: the fresh value is the identity of `merge`, which merges `MeanAccumulator`s entry by entry
/// (associative up to compensated rounding).
public struct StreamedMetric: Sendable, Codable, Equatable {
  /// The metric's key.
  public let name: String
  /// One weighted mean per entry (1 for a scalar, C for a per-class vector); empty until the
  /// first batch with a defined value.
  public internal(set) var values: [MeanAccumulator] = []

  init(name: String) { self.name = name }

  /// Adds one batch value entry by entry with weight `weight`. NaN entries are skipped (the batch
  /// did not define them) unless `poisoned`, when they are added and make the mean NaN.
  mutating func add(_ value: [Double], weight: Double, poisoned: Bool) {
    if values.isEmpty { values = Array(repeating: MeanAccumulator(), count: value.count) }
    guard values.count == value.count else { return }
    for i in value.indices where poisoned || !value[i].isNaN {
      values[i].add(value[i], weight: weight)
    }
  }

  mutating func merge(_ other: StreamedMetric) {
    if other.values.isEmpty { return }
    if values.isEmpty {
      values = other.values
      return
    }
    for i in values.indices where i < other.values.count { values[i].merge(other.values[i]) }
  }

  /// The means (NaN where nothing was added), or `nil` before the first batch.
  var means: [Double]? { values.isEmpty ? nil : values.map(\.mean) }
}
