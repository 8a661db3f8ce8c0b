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
