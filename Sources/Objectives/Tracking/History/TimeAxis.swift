/// The time axis of a logged series: optimisation steps (iterations) or epochs.
public enum TimeAxis: String, Sendable, Codable, CaseIterable {
  /// Optimisation steps (iterations, batches).
  case step
  /// Passes over the training data.
  case epoch
}
