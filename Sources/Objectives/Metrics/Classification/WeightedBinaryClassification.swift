/// Binary classification with per-sample weights, equal to scikit-learn's `sample_weight` results:
/// accuracy, precision, recall, F1, specificity, AUROC and average precision (`acc`, `precision`,
/// `recall`, `f1`, `specificity`, `auroc`, `auprc`).
///
/// A separate objective beside `BinaryClassification`, so that unweighted runs keep their exact
/// integer counts, kernels and speed. `update(_:_:)` gives every sample a weight of 1: mixing
/// weighted and unweighted batches is the same as passing weights of 1 for the unweighted ones.
/// Weights must be finite and ≥ 0 (0 leaves the sample out of every value); a NaN score throws.
///
/// - `.exact` keeps compensated weighted confusion counts and stores every `(score, target,
///   weight)` for AUROC and AP, computed at `compute()` by one sort: the trapezoidal area under
///   the weighted ROC curve and `Σ (Rₙ − Rₙ₋₁) Pₙ` over distinct thresholds, as scikit-learn.
/// - `.streaming` keeps, per metric, the mean of the per-batch values weighted by each batch's
///   total weight (constant memory).
/// - Complexity: `update` O(n); `compute` O(N log N) in exact mode for AUROC and AP.
public struct WeightedBinaryClassification: Objective, Codable, Equatable {
  /// The outputs it reads.
  public typealias Output = [Double]
  /// The targets it reads.
  public typealias Target = [Int]
  /// The accumulated state.
  public typealias State = WeightedBinaryClassification

  /// The reported metrics, in order.
  public let metrics: [ClassificationMetric]
  /// Input kind, threshold and mode (the other options do not apply).
  public let options: ClassificationOptions
  /// Weighted counts `[tn, fp, fn, tp]` (exact mode).
  public private(set) var counts = Array(repeating: CompensatedSum(), count: 4)
  /// Stored scores for AUROC and AP (exact mode, only when one of them is reported).
  public private(set) var scores: [Double] = []
  /// The stored scores' targets.
  public private(set) var targets: [Int] = []
  /// The stored scores' weights.
  public private(set) var weights: [Double] = []
  /// Per metric, the batch values weighted by batch weight (streaming mode).
  public private(set) var streamed: [MeanAccumulator]

  /// The metrics available with weights.
  public static let supported: [ClassificationMetric.Kind] = [
    .accuracy, .precision, .recall, .f1, .specificity, .auroc, .averagePrecision,
  ]

  /// Weighted `metrics` under `options` (input kind, threshold, mode).
  /// - Throws: `.invalidArgument` for a metric outside `supported` or an invalid option.
  public init(
    metrics: [ClassificationMetric] = [.auroc, .averagePrecision, .accuracy, .f1],
    options: ClassificationOptions = ClassificationOptions()
  ) throws(ObjectiveError) {
    try options.validate()
    for (i, m) in metrics.enumerated() where !Self.supported.contains(m.kind) {
      throw .invalidArgument("metric \(i) (\(m.name)) is not available with sample weights")
    }
    self.metrics = metrics
    self.options = options
    streamed = Array(repeating: MeanAccumulator(), count: metrics.count)
  }

  var storesScores: Bool {
    options.mode == .exact && metrics.contains { $0.kind == .auroc || $0.kind == .averagePrecision }
  }

  /// Accumulates one batch.
  public mutating func update(_ scores: [Double], _ targets: [Int]) throws(ObjectiveError) {
    try update(scores, targets, weights: [])
  }

  /// Accumulates a batch with one weight per sample (`[]`: 1 each). Nothing is accumulated when it
  /// throws: lengths that disagree, a target not 0 or 1, a NaN score, a probability outside [0, 1],
  /// or a weight that is negative or not finite.
  public mutating func update(_ scores: [Double], _ targets: [Int], weights: [Double]) throws(ObjectiveError)
  {
    guard scores.count == targets.count else {
      throw .lengthMismatch(what: "scores and targets", expected: targets.count, actual: scores.count)
    }
    guard weights.isEmpty || weights.count == scores.count else {
      throw .lengthMismatch(what: "weights", expected: scores.count, actual: weights.count)
    }
    for i in scores.indices {
      guard targets[i] == 0 || targets[i] == 1 else {
        throw .labelOutOfRange(label: targets[i], count: 2, position: i)
      }
      guard !scores[i].isNaN else { throw .nonFinite(what: "score", position: i) }
      if options.inputKind == .probabilities && !(0...1).contains(scores[i]) {
        throw .invalidValue(what: "probability", value: scores[i], position: i)
      }
      if !weights.isEmpty && !(weights[i].isFinite && weights[i] >= 0) {
        throw .invalidValue(what: "weight", value: weights[i], position: i)
      }
    }
    var batch = emptied()
    for i in scores.indices {
      let w = weights.isEmpty ? 1 : weights[i]
      let predicted = options.isPositive(scores[i]) ? 1 : 0
      batch.counts[targets[i] * 2 + predicted].add(w)
    }
    if options.mode == .streaming {
      batch.scores = scores
      batch.targets = targets
      batch.weights = weights.isEmpty ? Array(repeating: 1, count: scores.count) : weights
      let values = batch.values()
      let total = batch.counts.reduce(0) { $0 + $1.value }
      guard total > 0 else { return }
      for (k, v) in values.enumerated() { streamed[k].add(v, weight: total) }
      return
    }
    for k in counts.indices { counts[k].merge(batch.counts[k]) }
    if storesScores {
      self.scores += scores
      self.targets += targets
      self.weights += weights.isEmpty ? Array(repeating: 1, count: scores.count) : weights
    }
  }

  /// The value of every metric on the accumulated counts and samples (exact mode's formulas).
  func values() -> [Double] {
    let (tn, fp, fn, tp) = (counts[0].value, counts[1].value, counts[2].value, counts[3].value)
    func ratio(_ a: Double, _ b: Double) -> Double { b == 0 ? 0 : a / b }
    let precision = ratio(tp, tp + fp)
    let recall = ratio(tp, tp + fn)
    let curve: (auroc: Double, averagePrecision: Double) =
      metrics.contains { $0.kind == .auroc || $0.kind == .averagePrecision } ? rankAreas() : (.nan, .nan)
    return metrics.map { m in
      switch m.kind {
      case .accuracy: return ratio(tp + tn, tp + tn + fp + fn)
      case .precision: return precision
      case .recall: return recall
      case .specificity: return ratio(tn, tn + fp)
      case .f1: return ratio(2 * tp, 2 * tp + fp + fn)
      case .auroc: return curve.auroc
      default: return curve.averagePrecision
      }
    }
  }

  /// Weighted AUROC and average precision over the stored samples (NaN without both classes).
  func rankAreas() -> (auroc: Double, averagePrecision: Double) {
    let order = scores.indices.sorted { scores[$0] > scores[$1] }
    var (tps, fps) = (CompensatedSum(), CompensatedSum())
    var points: [(fp: Double, tp: Double)] = []
    var i = 0
    while i < order.count {
      let s = scores[order[i]]
      while i < order.count && scores[order[i]] == s {
        let j = order[i]
        if targets[j] == 1 { tps.add(weights[j]) } else { fps.add(weights[j]) }
        i += 1
      }
      points.append((fps.value, tps.value))
    }
    guard let last = points.last, last.tp > 0 else { return (.nan, .nan) }
    var area = CompensatedSum()
    var ap = CompensatedSum()
    var previous = (fp: 0.0, tp: 0.0)
    for p in points {
      area.add((p.fp - previous.fp) * (p.tp + previous.tp) / 2)
      if p.tp + p.fp > 0 { ap.add((p.tp - previous.tp) / last.tp * (p.tp / (p.tp + p.fp))) }
      previous = p
    }
    let auroc = last.fp > 0 ? area.value / (last.fp * last.tp) : .nan
    return (auroc, ap.value)
  }

  /// The values accumulated so far.
  public func compute() -> Results {
    let values = options.mode == .streaming ? streamed.map(\.mean) : self.values()
    var results = Results()
    for (m, v) in zip(metrics, values) { results.append(m.name, v, direction: m.direction) }
    return results
  }

  /// Empties the accumulated state; the configuration is kept.
  public mutating func reset() {
    counts = Array(repeating: CompensatedSum(), count: 4)
    (scores, targets, weights) = ([], [], [])
    streamed = Array(repeating: MeanAccumulator(), count: metrics.count)
  }

  /// Merges another value of the same shape into this one (the monoid operation of `MergeableState`).
  public mutating func merge(_ other: WeightedBinaryClassification) throws(ObjectiveError) {
    guard other.metrics == metrics, other.options == options else {
      throw .incompatibleState("weighted binary classification of other metrics or options")
    }
    for k in counts.indices { counts[k].merge(other.counts[k]) }
    scores += other.scores
    targets += other.targets
    weights += other.weights
    for k in streamed.indices { streamed[k].merge(other.streamed[k]) }
  }

  /// The accumulated state, a `Codable` snapshot for checkpoints.
  public var state: WeightedBinaryClassification { self }

  /// Replaces the state with a snapshot of the same shape; throws `incompatibleState` otherwise.
  public mutating func restore(_ state: WeightedBinaryClassification) throws(ObjectiveError) {
    guard state.metrics == metrics, state.options == options, state.counts.count == 4,
      state.scores.count == state.targets.count, state.scores.count == state.weights.count,
      state.streamed.count == metrics.count
    else { throw .incompatibleState("a weighted binary classification snapshot of another shape") }
    self = state
  }
}
