/// An objective whose computed values a ``MetricExpression`` reads, with an identity fixed when the
/// source is made.
///
/// Make a source once and read several values from it: every reference shares its state, so it is
/// updated once per batch however many times the formula reads it.
///
/// ```swift
/// let scores = MetricSource(binaryMetrics(Double.self, metrics: [.auroc, .precision, .recall]))
/// let balanced = (scores["precision"] + scores["recall"]) / 2   // one state, updated once a batch
/// let gap = 1 - scores["auroc"]
/// ```
///
/// Sharing is decided by identity, never by comparing values or configurations: two sources made
/// from equal objectives are two states. A user ``Metric`` keeps its own identity, so the same
/// metric wrapped twice is one source.
public struct MetricSource<Output, Target>: Sendable {
  let identity: LeafIdentity
  /// Where the source was made, to name both sides when two sources clash.
  let origin: String
  var objective: any Objective<Output, Target>
  /// The direction of each reported value, from the objective's empty results (or the metric's own).
  let directions: [String: Direction?]

  /// A source reading the values `objective` computes; its state starts empty.
  public init<M: Objective>(_ objective: M, fileID: String = #fileID, line: Int = #line)
  where M.Output == Output, M.Target == Target {
    self.identity = (objective as? any IdentifiedObjective)?.identity ?? LeafIdentity()
    self.origin = "\(fileID):\(line)"
    self.objective = objective.emptied()
    var directions: [String: Direction?] = [:]
    if let metric = objective as? Metric<Output, Target> {
      directions[metric.name] = metric.direction
    } else {
      for entry in objective.emptied().compute().entries { directions[entry.name] = entry.direction }
    }
    self.directions = directions
  }

  /// The names of the values the source reports, each readable as `source[key]`.
  public var keys: [String] { objective.reportedNames }

  /// The value reported under `key`, as a metric expression written `[key]`. A key the objective
  /// does not report is recorded in the result's `refusal` (``CompositionError/unknownKey(key:available:)``).
  public subscript(key: String) -> MetricExpression<Output, Target> {
    MetricExpression(source: self, key: key)
  }

  /// How the source is named in messages.
  var diagnosticDescription: String {
    "\(type(of: objective)) reporting \(keys) (made at \(origin))"
  }
}
