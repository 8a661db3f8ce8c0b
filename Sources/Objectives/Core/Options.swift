/// What a score array means. The caller always says so; values are never inspected to guess it.
public enum InputKind: String, Sendable, Codable, CaseIterable {
  /// Probabilities in [0, 1] (binary, multilabel) or rows that sum to 1 (multiclass).
  case probabilities
  /// Unnormalised scores: sigmoid (binary, multilabel) or softmax (multiclass) is applied by the metric.
  case logits
  /// Hard predictions: 0/1 for binary and multilabel, a class index for multiclass.
  case labels
}

/// What to do with a NaN in the inputs.
public enum NaNPolicy: String, Sendable, Codable, CaseIterable {
  /// NaN flows into the result, which becomes NaN where it is affected.
  case propagate
  /// Samples with a NaN are skipped.
  case ignore
  /// A NaN throws `ObjectiveError.nonFinite` naming its position, and the batch is not accumulated.
  case error
}

/// How per-class (per-label, per-output) values are combined into one number.
///
/// The default everywhere in this package is `.macro`, at every entry point.
public enum Averaging: String, Sendable, Codable, CaseIterable {
  /// Pool the counts of every class, then compute once.
  case micro
  /// Compute per class, then take the unweighted mean.
  case macro
  /// Compute per class, then take the mean weighted by each class's support.
  case weighted
  /// Report the per-class values as a vector.
  case none
}

/// How a metric accumulates over batches.
public enum AccumulationMode: String, Sendable, Codable, CaseIterable {
  /// Sufficient statistics over the whole data set: the value is the value on all the data.
  case exact
  /// The value of each batch, averaged by sample count in constant memory (DanLing's meters).
  case streaming
}

/// An objective whose state can be shared with another objective of the same type.
///
/// Sharing is decided by *declared identity* (equal configuration), never by coincidence of
/// values, so that two metrics that need the same confusion matrix or the same score store compute
/// it once per batch. `MetricCollection` uses this when two members of the same type are joined.
public protocol StateSharing: Objective {
  /// One objective that reports everything `self` and `other` report, computing their common state
  /// once per batch; `nil` when their configurations differ.
  func sharingState(with other: Self) -> Self?
}
