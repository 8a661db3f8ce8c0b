/// A metric made from a name and a function of `(outputs, targets)`, averaged exactly across
/// batches: per-sample values count once each, a batch value once (or with its weight).
///
/// Metrics are reported, not trained: they have no arithmetic, and join losses and other metrics
/// with `|`. `direction` is unknown (`nil`) unless given.
public struct Metric<Output, Target>: Objective {
  /// The accumulated state, `Codable` for checkpoints.
  public typealias State = MeanAccumulator

  /// The reported name.
  public let name: String
  /// `true` when higher is better, `false` when lower is better, `nil` when unknown.
  public let direction: Direction?
  let identity: LeafIdentity
  let origin: String
  let function: @Sendable (Output, Target) throws(ObjectiveError) -> Evaluation<Double>
  var accumulator = MeanAccumulator()

  /// Makes a metric.
  /// - Parameters:
  ///   - name: The reported name.
  ///   - direction: The direction, or `nil` (the default) when unknown.
  ///   - function: The metric's value for a batch: one value, or one per sample.
  public init(
    _ name: String, direction: Direction? = nil, fileID: String = #fileID, line: Int = #line,
    _ function: @escaping @Sendable (Output, Target) throws(ObjectiveError) -> Evaluation<Double>
  ) {
    self.name = name
    self.direction = direction
    self.identity = LeafIdentity()
    self.origin = "\(fileID):\(line)"
    self.function = function
  }

  /// Accumulates one batch; on a thrown error nothing is accumulated.
  public mutating func update(_ outputs: Output, _ targets: Target) throws(ObjectiveError) {
    let evaluation = try function(outputs, targets)
    evaluation.accumulate(into: &accumulator)
  }

  /// `{name: mean}`, or an empty result before the first update.
  public func compute() -> Results {
    guard !accumulator.isEmpty else { return Results() }
    return Results([
      Results.Entry(name: name, value: .scalar(accumulator.mean), direction: direction)
    ])
  }

  /// The metric's name.
  public var reportedNames: [String] { [name] }

  /// Empties the accumulator.
  public mutating func reset() { accumulator = MeanAccumulator() }

  /// Merges a metric with the same name.
  public mutating func merge(_ other: Metric) throws(ObjectiveError) {
    guard other.name == name else {
      throw .incompatibleState("cannot merge metric \(other.name) into \(name)")
    }
    accumulator.merge(other.accumulator)
  }

  /// The accumulated mean, `Codable`.
  public var state: MeanAccumulator { accumulator }

  /// Replaces the accumulated mean.
  public mutating func restore(_ state: MeanAccumulator) throws(ObjectiveError) { accumulator = state }

  var diagnosticDescription: String {
    "metric \(name) (\(Direction.describe(direction)), made at \(origin))"
  }
}

/// Objectives whose identity is fixed when they are made; containers keep one copy of each.
protocol IdentifiedObjective {
  var identity: LeafIdentity { get }
}

extension Metric: IdentifiedObjective {}
