/// The state of `Regression`: exact statistics or streaming averages, and the number of
/// samples (rows) accumulated.
///
/// A `MergeableState`: the state of a fresh objective of the same configuration is the identity;
/// see `RegressionStatistics` and `MeanAccumulator` for the tolerances. States of different modes,
/// outputs or metrics are refused.
public struct RegressionState: Sendable, MergeableState, Codable, Equatable {
  /// The exact statistics (exact mode), else `nil`.
  var statistics: RegressionStatistics?
  /// The per-metric averages of per-batch values (streaming mode), else `nil`.
  var averages: [StreamedMetric]?
  /// The number of rows accumulated (after rows skipped under `NaNPolicy.omit`).
  var sampleCount: Int = 0
  /// The configuration of the objective that holds the state (outputs, mode, aggregation, NaN
  /// policy, rank precision and metrics); `restore` refuses a state of another configuration with
  /// `ObjectiveError.incompatibleState`. `nil` in a state from an older checkpoint, which is then
  /// checked by its shape only.
  var configuration: String?
}

extension RegressionState {
  /// The empty state of the same configuration, the identity of `merge`.
  public func emptied() -> RegressionState {
    RegressionState(
      statistics: statistics?.emptied(), averages: averages?.map { $0.emptiedKeepingWidth() }, sampleCount: 0,
      configuration: configuration)
  }

  /// Merges the state of an objective of the same configuration (the monoid operation).
  /// - Throws: `ObjectiveError.incompatibleState` when the modes, outputs, metrics or
  ///   configurations differ; the state is unchanged.
  public mutating func merge(_ other: RegressionState) throws(ObjectiveError) {
    if let mine = configuration, let theirs = other.configuration, mine != theirs {
      throw .incompatibleState("regression states of \(mine) and \(theirs)")
    }
    var merged = self
    switch (merged.statistics, other.statistics, merged.averages, other.averages) {
    case (.some, .some(let theirs), nil, nil):
      try merged.statistics?.merge(theirs)
    case (nil, nil, .some(let mine), .some(let theirs)) where mine.count == theirs.count:
      for i in mine.indices { try merged.averages?[i].merge(theirs[i]) }
    default:
      throw .incompatibleState("regression states of different modes or metrics")
    }
    merged.sampleCount += other.sampleCount
    self = merged
  }
}
