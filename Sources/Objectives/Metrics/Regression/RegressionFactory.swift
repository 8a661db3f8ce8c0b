/// Regression metrics with DanLing's defaults — `pearson`, `spearman`, `r2`, `mse`, `rmse` — over
/// `Double` inputs.
///
/// - Parameters:
///   - numOutputs: outputs per sample (k ≥ 1); batches are flat row-major `n × k` buffers or rows.
///   - mode: `.exact` (sufficient statistics of all data) or `.streaming` (per-batch values
///     averaged by sample count).
///   - metrics: replaces the default list when given.
///   - extra: metrics added to the list; one whose result key is already used replaces it in place.
///   - multioutput: the aggregation of metrics that do not set their own (`.uniformAverage`).
///   - nanPolicy: what a NaN or an infinity does (`.propagate`; DanLing's `ignore_nan=True` is
///     `.omit`).
///   - rankPrecision: how Spearman's correlation stores values in exact mode: by default `.double`,
///     the full order of `Double` (see `RankPrecision.exact(for:)`).
/// - Throws: `ObjectiveError.invalidArgument` for an invalid configuration.
public func regressionMetrics(
  numOutputs: Int = 1, mode: AccumulationMode = .exact, metrics: [RegressionMetric]? = nil,
  adding extra: [RegressionMetric] = [], multioutput: MultiOutputAggregation = .uniformAverage,
  nanPolicy: NaNPolicy = .propagate, rankPrecision: RankPrecision = .double
) throws(ObjectiveError) -> Regression<Double> {
  try regressionMetrics(
    of: Double.self, numOutputs: numOutputs, mode: mode, metrics: metrics, adding: extra,
    multioutput: multioutput, nanPolicy: nanPolicy, rankPrecision: rankPrecision)
}

/// Regression metrics with DanLing's defaults over inputs of type `Scalar` (`Float`, `Double`, …);
/// see `regressionMetrics(numOutputs:mode:metrics:adding:multioutput:nanPolicy:rankPrecision:)`.
/// Spearman ranks by the full order of `Scalar` unless `rankPrecision` says otherwise.
public func regressionMetrics<Scalar: BinaryFloatingPoint & Sendable>(
  of scalar: Scalar.Type, numOutputs: Int = 1, mode: AccumulationMode = .exact,
  metrics: [RegressionMetric]? = nil, adding extra: [RegressionMetric] = [],
  multioutput: MultiOutputAggregation = .uniformAverage, nanPolicy: NaNPolicy = .propagate,
  rankPrecision: RankPrecision = .exact(for: Scalar.self)
) throws(ObjectiveError) -> Regression<Scalar> {
  var list = metrics ?? RegressionMetric.defaults
  for m in extra {
    if let i = list.firstIndex(where: { $0.name == m.name }) { list[i] = m } else { list.append(m) }
  }
  return try Regression<Scalar>(
    list, numOutputs: numOutputs, mode: mode, multioutput: multioutput, nanPolicy: nanPolicy,
    rankPrecision: rankPrecision)
}
