// The reliability diagram of the binary and multiclass objectives, from the bins their calibration
// metrics accumulate.

extension ClassificationCore {
  /// The bins of the calibration metric with `bins` bins (the first calibration metric's when
  /// `nil`); empty without such a metric, in streaming mode, or after a NaN score under
  /// `.propagate`.
  func reliability(bins: Int?) -> CalibrationBins? {
    guard !state.nonFinite.contains(where: { $0 > 0 }) else { return nil }
    guard let wanted = bins ?? metrics.first(where: \.isCalibration)?.bins else { return nil }
    return state.calibration.first { $0.bins == wanted }
  }

  /// A reliability diagram of `reliability(bins:)`, or `nil` without its bins.
  func reliabilityChart(bins: Int?, title: String) -> ReliabilityChart? {
    guard let b = reliability(bins: bins) else { return nil }
    return ReliabilityChart(
      bins: b.reliability, title: title, expectedError: b.error(maximum: false),
      maximumError: b.error(maximum: true))
  }
}

extension BinaryClassification {
  /// The reliability diagram's bins (positive rate against mean positive probability per bin)
  /// of the calibration metric with `bins` bins (`nil`: the first calibration metric's). Empty
  /// without a calibration metric of that width, in streaming mode, or after a NaN score under
  /// `.propagate`. O(bins).
  public func reliability(bins: Int? = nil) -> [ReliabilityBin] {
    core.reliability(bins: bins)?.reliability ?? []
  }

  /// The reliability diagram as a chart (render it with `svg()`), or `nil` when
  /// `reliability(bins:)` is empty for lack of a calibration metric. O(bins).
  public func reliabilityChart(bins: Int? = nil, title: String = "Reliability diagram") -> ReliabilityChart? {
    core.reliabilityChart(bins: bins, title: title)
  }
}

extension MulticlassClassification {
  /// The reliability diagram's bins (top-1 accuracy against mean top-1 probability per bin) of
  /// the calibration metric with `bins` bins (`nil`: the first calibration metric's). Empty
  /// without a calibration metric of that width, in streaming mode, or after a NaN score under
  /// `.propagate`. O(bins).
  public func reliability(bins: Int? = nil) -> [ReliabilityBin] {
    core.reliability(bins: bins)?.reliability ?? []
  }

  /// The reliability diagram as a chart (render it with `svg()`), or `nil` when
  /// `reliability(bins:)` is empty for lack of a calibration metric. O(bins).
  public func reliabilityChart(bins: Int? = nil, title: String = "Reliability diagram") -> ReliabilityChart? {
    core.reliabilityChart(bins: bins, title: title)
  }
}
