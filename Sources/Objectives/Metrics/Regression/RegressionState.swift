/// The running sample-weighted average of one reported metric in streaming mode, one accumulator
/// per component (one for a scalar, one per output for a vector).
struct StreamingAverage: Sendable, MergeableState, Codable, Equatable {
  /// The result key.
  var name: String
  /// The accumulators, weighted by each batch's sample count.
  var components: [MeanAccumulator]

  init(name: String, width: Int) {
    self.name = name
    components = Array(repeating: MeanAccumulator(), count: width)
  }

  /// The current averages: a scalar for one component, a vector otherwise.
  var value: MetricValue {
    components.count == 1 ? .scalar(components[0].mean) : .vector(components.map(\.mean))
  }

  /// Merges another average of the same metric (the monoid operation).
  /// - Throws: `ObjectiveError.incompatibleState` when the names or the widths differ.
  mutating func merge(_ other: StreamingAverage) throws(ObjectiveError) {
    guard name == other.name, components.count == other.components.count else {
      throw .incompatibleState("streaming averages \(name) and \(other.name) of different widths")
    }
    for i in components.indices { components[i].merge(other.components[i]) }
  }

  /// The empty average of the same metric and width, the identity of `merge`.
  func emptied() -> StreamingAverage { StreamingAverage(name: name, width: components.count) }
}

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
  var averages: [StreamingAverage]?
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
      statistics: statistics?.emptied(), averages: averages?.map { $0.emptied() }, sampleCount: 0,
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
