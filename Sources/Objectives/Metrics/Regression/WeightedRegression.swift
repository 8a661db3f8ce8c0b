/// Regression metrics with per-sample weights, equal to scikit-learn's `sample_weight` results:
/// `mse`, `rmse`, `mae`, `r2` and `explained_variance`, per output then averaged uniformly over
/// the outputs (scikit-learn's `multioutput="uniform_average"`).
///
/// A separate objective beside `RegressionMetrics`, so that unweighted runs keep their own state
/// and kernels untouched. `update(_:_:)` gives every row a weight of 1, so mixing weighted and
/// unweighted batches is the same as passing weights of 1 for the unweighted ones. Weights must be
/// finite and ≥ 0; a weight of 0 leaves its row out. NaN values propagate. Degenerate targets
/// follow scikit-learn's `force_finite=True`: R² and explained variance are 1 for a perfect fit of
/// constant targets and 0 otherwise.
///
/// Everything is accumulated in `Double`: compensated weighted sums of `w·e²` and `w·|e|`, and
/// weighted moments (`WeightedMoments`) of the targets and of the errors, so the state merges and
/// the laws of `MergeableState` hold to 1e-12 relative.
/// - Complexity: O(outputs) memory; O(rows × outputs) per update.
public struct WeightedRegression: Objective, Codable, Equatable {
  /// The outputs it reads.
  public typealias Output = [Double]
  /// The targets it reads.
  public typealias Target = [Double]
  /// The accumulated state.
  public typealias State = WeightedRegression

  /// The reported metrics, in order.
  public let metrics: [RegressionMetric]
  /// Values per row.
  public let numOutputs: Int
  /// Per output: `Σ w e²`.
  public private(set) var squared: [CompensatedSum]
  /// Per output: `Σ w |e|`.
  public private(set) var absolute: [CompensatedSum]
  /// Per output: the weighted moments of the targets.
  public private(set) var targets: [WeightedMoments]
  /// Per output: the weighted moments of the errors.
  public private(set) var errors: [WeightedMoments]

  /// The metrics with weights this objective computes.
  public static let supported: [RegressionMetric.Kind] = [.mse, .rmse, .mae, .r2, .explainedVariance]

  /// Weighted `metrics` over `numOutputs` outputs per row.
  /// - Throws: `.invalidArgument` for no outputs, or a metric outside `supported` (or not averaged
  ///   uniformly), naming it.
  public init(_ metrics: [RegressionMetric] = [.mse, .mae, .r2], numOutputs: Int = 1) throws(ObjectiveError) {
    guard numOutputs >= 1 else {
      throw .invalidArgument("weighted regression needs numOutputs ≥ 1, got \(numOutputs)")
    }
    for (i, m) in metrics.enumerated() where !Self.supported.contains(m.kind) || m.aggregation != nil {
      throw .invalidArgument("metric \(i) (\(m.name)) is not available with sample weights")
    }
    self.metrics = metrics
    self.numOutputs = numOutputs
    squared = Array(repeating: CompensatedSum(), count: numOutputs)
    absolute = squared
    targets = Array(repeating: WeightedMoments(), count: numOutputs)
    errors = targets
  }

  /// Accumulates a batch with weight 1 per row.
  public mutating func update(_ predictions: [Double], _ targets: [Double]) throws(ObjectiveError) {
    try update(predictions, targets, weights: [])
  }

  /// Accumulates a row-major batch with one weight per row (`[]`: 1 each). Nothing is accumulated
  /// when it throws: lengths that disagree, or a weight that is negative or not finite.
  public mutating func update(_ predictions: [Double], _ targets: [Double], weights: [Double])
    throws(ObjectiveError)
  {
    guard predictions.count == targets.count else {
      throw .lengthMismatch(
        what: "predictions and targets", expected: targets.count, actual: predictions.count)
    }
    let rows = targets.count / numOutputs
    guard rows * numOutputs == targets.count else {
      throw .lengthMismatch(
        what: "values (a multiple of \(numOutputs))", expected: rows * numOutputs, actual: targets.count)
    }
    guard weights.isEmpty || weights.count == rows else {
      throw .lengthMismatch(what: "weights", expected: rows, actual: weights.count)
    }
    for (i, w) in weights.enumerated() where !(w.isFinite && w >= 0) {
      throw .invalidValue(what: "weight", value: w, position: i)
    }
    for row in 0..<rows {
      let w = weights.isEmpty ? 1 : weights[row]
      guard w != 0 else { continue }
      for j in 0..<numOutputs {
        let (p, y) = (predictions[row * numOutputs + j], targets[row * numOutputs + j])
        let e = y - p
        squared[j].add(e * e, times: w)
        absolute[j].add(abs(e), times: w)
        self.targets[j].add(y, weight: w)
        errors[j].add(e, weight: w)
      }
    }
  }

  /// The value of `kind` for output `j`.
  func value(_ kind: RegressionMetric.Kind, output j: Int) -> Double {
    let w = targets[j].weight
    switch kind {
    case .mse: return w.value == 0 ? .nan : squared[j].value(dividedBy: w)
    case .rmse: return (w.value == 0 ? .nan : squared[j].value(dividedBy: w)).squareRoot()
    case .mae: return w.value == 0 ? .nan : absolute[j].value(dividedBy: w)
    case .r2: return Self.forcedFinite(squared[j].value, targets[j].m2, weight: w.value)
    default: return Self.forcedFinite(errors[j].m2, targets[j].m2, weight: w.value)
    }
  }

  /// `1 − numerator / denominator`, with scikit-learn's rule for a zero denominator.
  static func forcedFinite(_ numerator: Double, _ denominator: Double, weight: Double) -> Double {
    guard weight != 0 else { return .nan }
    if denominator == 0 { return numerator == 0 ? 1 : 0 }
    return 1 - numerator / denominator
  }

  /// The values accumulated so far.
  public func compute() -> Results {
    var results = Results()
    for m in metrics {
      let values = (0..<numOutputs).map { value(m.kind, output: $0) }
      results.append(m.name, values.reduce(0, +) / Double(numOutputs), direction: m.direction)
    }
    return results
  }

  /// Empties the accumulated state; the configuration is kept.
  public mutating func reset() { self = (try? WeightedRegression(metrics, numOutputs: numOutputs)) ?? self }

  /// Merges another value of the same shape into this one (the monoid operation of `MergeableState`).
  public mutating func merge(_ other: WeightedRegression) throws(ObjectiveError) {
    guard other.metrics == metrics, other.numOutputs == numOutputs else {
      throw .incompatibleState("weighted regression of other metrics or outputs")
    }
    for j in 0..<numOutputs {
      squared[j].merge(other.squared[j])
      absolute[j].merge(other.absolute[j])
      targets[j].merge(other.targets[j])
      errors[j].merge(other.errors[j])
    }
  }

  /// The accumulated state, a `Codable` snapshot for checkpoints.
  public var state: WeightedRegression { self }

  /// Replaces the state with a snapshot of the same shape; throws `incompatibleState` otherwise.
  public mutating func restore(_ state: WeightedRegression) throws(ObjectiveError) {
    guard state.metrics == metrics, state.numOutputs == numOutputs, state.squared.count == numOutputs,
      state.absolute.count == numOutputs, state.targets.count == numOutputs, state.errors.count == numOutputs
    else { throw .incompatibleState("a weighted regression snapshot of another shape") }
    self = state
  }
}
