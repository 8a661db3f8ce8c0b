/// The running sample-weighted average of one reported metric in streaming mode, one accumulator
/// per component (one for a scalar, one per output for a vector).
public struct StreamingAverage: Sendable, Codable, Equatable {
  /// The result key.
  public internal(set) var name: String
  /// The accumulators, weighted by each batch's sample count.
  public internal(set) var components: [MeanAccumulator]

  init(name: String, width: Int) {
    self.name = name
    components = Array(repeating: MeanAccumulator(), count: width)
  }

  /// The current averages: a scalar for one component, a vector otherwise.
  var value: MetricValue {
    components.count == 1 ? .scalar(components[0].mean) : .vector(components.map(\.mean))
  }

  /// Merges another average of the same metric (the monoid operation).
  mutating func merge(_ other: StreamingAverage) {
    for i in components.indices { components[i].merge(other.components[i]) }
  }
}

/// The state of `RegressionMetrics`: exact statistics or streaming averages, and the number of
/// samples (rows) accumulated.
///
/// Laws: the state of a fresh objective is the identity of `merge`; `merge` is associative (to
/// rounding); see `RegressionStatistics` and `MeanAccumulator`.
public struct RegressionState: Sendable, Codable, Equatable {
  /// The exact statistics (exact mode), else `nil`.
  public internal(set) var statistics: RegressionStatistics?
  /// The per-metric averages of per-batch values (streaming mode), else `nil`.
  public internal(set) var averages: [StreamingAverage]?
  /// The number of rows accumulated (after rows skipped under `NaNPolicy.omit`).
  public internal(set) var sampleCount: Int = 0
  /// The configuration of the objective that holds the state (outputs, mode, aggregation, NaN
  /// policy, rank precision and metrics); `restore` refuses a state of another configuration with
  /// `ObjectiveError.incompatibleState`. `nil` in a state from an older checkpoint, which is then
  /// checked by its shape only.
  public internal(set) var configuration: String?
}
