/// What an aggregator (`Aggregator`, `ExtremesSoFar`) does with a NaN value: TorchMetrics'
/// `nan_strategy`, with `propagate` for its `"disable"`.
///
/// It extends the library's `NaNPolicy` by one case, `warn`: `.error`, `.ignore` and `.propagate`
/// are `NaNPolicy.error`, `.omit` and `.propagate` (`init(_:)` maps them). The library never prints:
/// under `.warn` a NaN is left out, as under `.ignore`, and counted; the count is the
/// aggregator's `nanWarnings` and its results' `<name>/nan_warnings` entry.
public enum AggregationNaNPolicy: String, Sendable, Codable, CaseIterable {
  /// A NaN throws `ObjectiveError.nonFinite` naming its position; nothing of the batch is added.
  case error
  /// A NaN is left out and counted (`nanWarnings`, and a `<name>/nan_warnings` result).
  case warn
  /// A NaN is left out silently (`NaNPolicy.omit`).
  case ignore
  /// A NaN is added like any value, so the result becomes NaN (`NaNPolicy.propagate`).
  case propagate

  /// The aggregation policy of a library `NaNPolicy`: `.omit` is `.ignore`.
  public init(_ policy: NaNPolicy) {
    switch policy {
    case .propagate: self = .propagate
    case .omit: self = .ignore
    case .error: self = .error
    }
  }
}
