// The classification objectives count the samples they accumulated (after `ignoreIndex` and NaN
// filtering), so that `MultiTaskMetrics` can weight them in its `micro` aggregate.

extension BinaryClassification: SampleCounting {
  /// The number of samples accumulated since the last reset.
  public var sampleCount: Int { state.samples }
}

extension MulticlassClassification: SampleCounting {
  /// The number of samples accumulated since the last reset.
  public var sampleCount: Int { state.samples }
}

extension MultilabelClassification: SampleCounting {
  /// The number of samples (rows) accumulated since the last reset.
  public var sampleCount: Int { state.samples }
}
