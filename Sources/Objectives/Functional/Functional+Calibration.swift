// The calibration forms of `Functional`: expected and maximum calibration error.

extension Functional {
  /// Expected calibration error (`ece`, `ece@N`): Σ_b (n_b / N)·|accuracy_b − confidence_b| over
  /// `bins` equal-width confidence bins (confidence 1 in a bin of its own). Binary: the positive
  /// probability against the target; multiclass: the top-1 probability against the arg-max being
  /// right (TorchMetrics' `binary_calibration_error` / `multiclass_calibration_error`, norm l1).
  /// NaN without samples. O(n·C) time, O(bins) memory.
  ///
  /// - Throws: `ObjectiveError.invalidArgument` for `bins` < 1, a multilabel task or `.labels`
  ///   input, and the objective's errors.
  public static func calibrationError<Score: ClassificationScore>(
    _ scores: [Score], _ targets: [Int], task: ClassificationTask, bins: Int = 15,
    inputKind: InputKind = .probabilities, ignoreIndex: Int? = nil
  ) throws(ObjectiveError) -> Double {
    try classificationScalar(
      .calibrationError(bins: bins), scores, targets, task: task,
      options: options(inputKind, 0.5, .macro, ignoreIndex))
  }

  /// Maximum calibration error (`mce`, `mce@N`): max_b |accuracy_b − confidence_b| over the
  /// non-empty bins of `calibrationError` (TorchMetrics' norm `max`). NaN without samples.
  /// O(n·C) time, O(bins) memory.
  ///
  /// - Throws: as `calibrationError`.
  public static func maxCalibrationError<Score: ClassificationScore>(
    _ scores: [Score], _ targets: [Int], task: ClassificationTask, bins: Int = 15,
    inputKind: InputKind = .probabilities, ignoreIndex: Int? = nil
  ) throws(ObjectiveError) -> Double {
    try classificationScalar(
      .maxCalibrationError(bins: bins), scores, targets, task: task,
      options: options(inputKind, 0.5, .macro, ignoreIndex))
  }
}
