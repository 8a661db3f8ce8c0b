/// The direction in which a reported quantity improves: down for a loss, up for an accuracy.
///
/// Two cases only. Where the direction may be unknown (a `Metric` made without one, a threshold
/// reported beside its metric, a series read from a file that did not say), the API uses
/// `Direction?` and `nil` means *not stated*; where it is always known (a `Loss`, a `BestValue`)
/// the API uses `Direction`. Nothing is guessed from names.
///
/// Encoded as the strings `"minimize"` and `"maximize"`. Files written before this type, with a
/// boolean `higherIsBetter` (or `higher_is_better`), are still read: `true` is `.maximize`,
/// `false` is `.minimize` (see ``init(higherIsBetter:)``).
public enum Direction: String, Sendable, Codable, Hashable, CaseIterable {
  /// Lower is better (losses, errors).
  case minimize
  /// Higher is better (accuracies, correlations).
  case maximize

  /// The direction of an earlier boolean `higherIsBetter` flag.
  public init(higherIsBetter: Bool) { self = higherIsBetter ? .maximize : .minimize }

  /// Whether higher is better (`.maximize`).
  public var isMaximize: Bool { self == .maximize }

  /// The other direction.
  public var opposite: Direction { self == .maximize ? .minimize : .maximize }

  /// `"higher is better"` or `"lower is better"`, for messages.
  var words: String { self == .maximize ? "higher is better" : "lower is better" }

  /// Words for a direction that may be unknown: the description, or `"direction unknown"`.
  static func describe(_ direction: Direction?) -> String {
    direction?.words ?? "direction unknown"
  }
}
