/// An objective that knows how many samples it has accumulated.
///
/// `MultiTaskMetrics` uses it to weight tasks by sample count (its `micro` aggregate). A sample is
/// whatever the objective counts as one observation: a row of a regression batch, a scored item of
/// a classification batch.
public protocol SampleCounting {
  /// The number of samples accumulated since the last reset.
  var sampleCount: Int { get }
}
