/// Which sufficient statistics a regression objective accumulates, derived from its metrics.
struct RegressionNeeds: OptionSet, Hashable, Codable, Sendable {
  let rawValue: Int

  /// Means, variances, co-moment, error variance, ranges and `Σ(y − ŷ)²`.
  static let moments = RegressionNeeds(rawValue: 1)
  /// `Σ(y − ŷ)²` alone.
  static let squaredError = RegressionNeeds(rawValue: 2)
  /// `Σ|y − ŷ|`.
  static let absoluteError = RegressionNeeds(rawValue: 4)
  /// `Σ|y − ŷ| / max(|y|, ε)`.
  static let percentageError = RegressionNeeds(rawValue: 8)
  /// The sum of per-row cosine similarities.
  static let rowCosine = RegressionNeeds(rawValue: 16)
  /// The stored pairs for rank correlation.
  static let ranks = RegressionNeeds(rawValue: 32)

  /// The statistics that `metrics` need under the default aggregation `multioutput`.
  init(metrics: [RegressionMetric], multioutput: MultiOutputAggregation, outputs: Int) {
    var needs: RegressionNeeds = []
    for m in metrics {
      switch m.kind {
      case .mse, .rmse: needs.insert(.squaredError)
      case .mae: needs.insert(.absoluteError)
      case .mape: needs.insert(.percentageError)
      case .r2, .adjustedR2, .pearson, .explainedVariance: needs.insert(.moments)
      case .spearman: needs.insert(.ranks)
      case .cosineSimilarity: needs.insert(.rowCosine)
      case .msle, .logCosh, .smape, .tweedieDeviance: break
      case .klDivergence, .klDivergenceLogProb, .jsDivergence, .jsDivergenceLogProb: break
      case .wmape: needs.insert(.absoluteError)
      case .kendall: needs.insert(.ranks)
      case .ccc, .nrmse, .nrmseRange, .nrmseStd, .nrmseL2: needs.insert(.moments)
      }
      let aggregation = m.aggregation ?? multioutput
      if aggregation == .varianceWeighted && outputs > 1 && !m.kind.isRowwise {
        needs.insert(.moments)
      }
    }
    if needs.contains(.moments) { needs.remove(.squaredError) }
    self = needs
  }

  init(rawValue: Int) { self.rawValue = rawValue }
}

/// The exact sufficient statistics of one output (one column of predictions and targets).
///
/// Merged field by field: Chan's formulas for the moments and the error variance, compensated sums
/// for the error sums, extremes for the ranges, concatenation for the rank store. A
/// `MergeableState`: 1e-12 relative for the moments and sums, exact for the ranges and ranks.
struct RegressionColumnState: Sendable, MergeableState, Equatable {
  /// Moments of predictions (`x`) and targets (`y`), with their co-moment.
  var moments = PairedMoments()
  /// `Σ(e − ē)²` for the errors `e = y − ŷ`.
  var m2Error: Double = 0
  /// `Σ(y − ŷ)²`.
  var squaredError = CompensatedSum()
  /// `Σ|y − ŷ|`.
  var absoluteError = CompensatedSum()
  /// `Σ|y − ŷ| / max(|y|, ε)`.
  var percentageError = CompensatedSum()
  /// Extremes of the predictions (for exact constancy tests).
  var predictionRange: ValueRange?
  /// Extremes of the targets.
  var targetRange: ValueRange?
  /// Extremes of the errors `y − ŷ`.
  var errorRange: ValueRange?
  /// The stored pairs, when Spearman's correlation is reported.
  var ranks: RankStore?
  /// Whether a NaN or an infinity was read (only possible under `NaNPolicy.propagate`).
  var containsNonFinite = false

  init(ranks precision: RankPrecision?) {
    ranks = precision.map { RankStore(precision: $0) }
  }

  /// Adds the reduction of one block.
  mutating func add(_ block: PairBlock) {
    mergeErrorMoments(block.moments, block.m2Difference)
    moments.merge(block.moments)
    squaredError.add(block.squaredDifference)
    predictionRange = block.xRange.merged(with: predictionRange)
    targetRange = block.yRange.merged(with: targetRange)
    errorRange = block.differenceRange.merged(with: errorRange)
    if !block.isFinite { containsNonFinite = true }
  }

  /// Chan's merge of the error variance; must run before `moments` absorbs `other`.
  private mutating func mergeErrorMoments(_ other: PairedMoments, _ otherM2: Double) {
    guard other.count > 0 else { return }
    guard moments.count > 0 else {
      m2Error = otherM2
      return
    }
    let na = Double(moments.count)
    let nb = Double(other.count)
    let delta = (other.meanY - other.meanX) - (moments.meanY - moments.meanX)
    m2Error += otherM2 + delta * delta * (na * nb / (na + nb))
  }

  /// The empty state of the same output (the same rank precision), the identity of `merge`.
  func emptied() -> RegressionColumnState { RegressionColumnState(ranks: ranks?.precision) }

  /// Merges the state of the same output from another shard (the monoid operation).
  /// - Throws: `ObjectiveError.incompatibleState` when one stores ranks and the other not, or at
  ///   another precision.
  mutating func merge(_ other: RegressionColumnState) throws(ObjectiveError) {
    guard ranks?.precision == other.ranks?.precision else {
      throw .incompatibleState("regression columns of different rank storage")
    }
    if let otherRanks = other.ranks {
      guard ranks != nil else { throw .incompatibleState("one regression state stores ranks, the other not") }
      try ranks?.merge(otherRanks)
    } else if ranks != nil {
      throw .incompatibleState("one regression state stores ranks, the other not")
    }
    mergeErrorMoments(other.moments, other.m2Error)
    moments.merge(other.moments)
    squaredError.merge(other.squaredError)
    absoluteError.merge(other.absoluteError)
    percentageError.merge(other.percentageError)
    predictionRange = other.predictionRange?.merged(with: predictionRange) ?? predictionRange
    targetRange = other.targetRange?.merged(with: targetRange) ?? targetRange
    errorRange = other.errorRange?.merged(with: errorRange) ?? errorRange
    containsNonFinite = containsNonFinite || other.containsNonFinite
  }
}

extension RegressionColumnState: Codable {
  private enum CodingKeys: String, CodingKey {
    case moments, m2Error, squaredError, absoluteError, percentageError, predictionRange, targetRange
    case errorRange, ranks, containsNonFinite
  }

  /// Decodes a column written under the library's non-finite policy (see `FiniteOrSpecial`).
  init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    moments = try c.decode(PairedMoments.self, forKey: .moments)
    m2Error = try c.decodeNumber(forKey: .m2Error)
    squaredError = try c.decode(CompensatedSum.self, forKey: .squaredError)
    absoluteError = try c.decode(CompensatedSum.self, forKey: .absoluteError)
    percentageError = try c.decode(CompensatedSum.self, forKey: .percentageError)
    predictionRange = try c.decodeIfPresent(ValueRange.self, forKey: .predictionRange)
    targetRange = try c.decodeIfPresent(ValueRange.self, forKey: .targetRange)
    errorRange = try c.decodeIfPresent(ValueRange.self, forKey: .errorRange)
    ranks = try c.decodeIfPresent(RankStore.self, forKey: .ranks)
    containsNonFinite = try c.decode(Bool.self, forKey: .containsNonFinite)
  }

  /// Encodes the column under the library's non-finite policy, so a plain `JSONEncoder` works.
  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(moments, forKey: .moments)
    try c.encodeNumber(m2Error, forKey: .m2Error)
    try c.encode(squaredError, forKey: .squaredError)
    try c.encode(absoluteError, forKey: .absoluteError)
    try c.encode(percentageError, forKey: .percentageError)
    try c.encodeIfPresent(predictionRange, forKey: .predictionRange)
    try c.encodeIfPresent(targetRange, forKey: .targetRange)
    try c.encodeIfPresent(errorRange, forKey: .errorRange)
    try c.encodeIfPresent(ranks, forKey: .ranks)
    try c.encode(containsNonFinite, forKey: .containsNonFinite)
  }
}

/// The exact state of a regression objective: a row count, one `RegressionColumnState` per output
/// and the sum of per-row cosine similarities.
///
/// A `MergeableState`: the empty statistics of the same outputs and metrics are the identity; the
/// laws hold to 1e-12 relative for the moments and sums, exactly for counts and rank stores.
/// - Complexity: O(k) memory for k outputs, plus 8 bytes per pair and output (16 with `.double`
///   precision) when Spearman's correlation is reported.
struct RegressionStatistics: Sendable, MergeableState, Codable, Equatable {
  /// The number of rows accumulated (after rows skipped under `NaNPolicy.omit`).
  var count: Int = 0
  /// One state per output.
  var columns: [RegressionColumnState]
  /// `Σ cos(ŷᵢ, yᵢ)` over rows (the cosine of each row's prediction and target vectors).
  var rowCosines = CompensatedSum()
  /// Which statistics are accumulated.
  var needs: RegressionNeeds
  /// The sums of the catalogue's further metrics, when any is reported.
  var extras: RegressionExtras?

  init(outputs: Int, needs: RegressionNeeds, precision: RankPrecision) {
    self.needs = needs
    let store = needs.contains(.ranks) ? precision : nil
    columns = Array(repeating: RegressionColumnState(ranks: store), count: outputs)
  }

  /// The number of outputs.
  var outputs: Int { columns.count }

  /// Whether nothing has been accumulated.
  var isEmpty: Bool { count == 0 }

  /// Whether the statistics of `other` can be merged into these.
  func isCompatible(with other: RegressionStatistics) -> Bool {
    needs == other.needs && outputs == other.outputs && extras?.elements == other.extras?.elements
      && extras?.divergences == other.extras?.divergences
      && zip(columns, other.columns).allSatisfy { $0.ranks?.precision == $1.ranks?.precision }
  }

  /// The empty statistics of the same outputs and metrics, the identity of `merge`.
  func emptied() -> RegressionStatistics {
    var copy = self
    copy.count = 0
    copy.columns = columns.map { $0.emptied() }
    copy.rowCosines = CompensatedSum()
    copy.extras = extras?.emptied()
    return copy
  }

  /// Merges another shard's statistics (the monoid operation).
  /// - Throws: `ObjectiveError.incompatibleState` when the outputs or metrics differ.
  mutating func merge(_ other: RegressionStatistics) throws(ObjectiveError) {
    guard isCompatible(with: other) else {
      throw .incompatibleState("regression statistics of different outputs or metrics")
    }
    guard other.count > 0 else { return }
    if count == 0 {
      self = other
      return
    }
    for j in columns.indices { try columns[j].merge(other.columns[j]) }
    rowCosines.merge(other.rowCosines)
    if let theirs = other.extras { try extras?.merge(theirs) }
    count += other.count
  }
}
