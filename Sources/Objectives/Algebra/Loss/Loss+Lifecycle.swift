/// One batch evaluated through the tree: each leaf's evaluation and the combined values.
struct BatchEvaluation<Value: ObjectiveValue> {
  var leaves: [Evaluation<Value>]
  /// One combined value per sample, or one for the batch when every leaf returned a batch value.
  var combined: [Value]
  /// The weight of each combined value.
  var weight: Double
  /// The number of samples (1 when every leaf returned a batch value).
  var sampleCount: Int
  var isPerSample: Bool
}

extension Loss: Objective {
  /// The combined value's, each component's and the joined metrics' accumulators.
  public typealias State = LossState

  /// Evaluates every leaf once and the combined value per sample (or per batch). Does not mutate.
  func evaluateBatch(_ outputs: Output, _ targets: Target) throws(ObjectiveError) -> BatchEvaluation<Value> {
    try checkNotRefused()
    var evaluations: [Evaluation<Value>] = []
    evaluations.reserveCapacity(leaves.count)
    for leaf in leaves { evaluations.append(try leaf.evaluate(outputs, targets)) }
    return try checkedBatch(evaluations)
  }

  /// Checks the leaves' evaluations (equal per-sample lengths, one batch weight) and evaluates the
  /// combined value per sample or per batch.
  func checkedBatch(_ evaluations: [Evaluation<Value>]) throws(ObjectiveError) -> BatchEvaluation<Value> {

    var sampleCount = -1
    var firstPerSample = 0
    var weight: Double? = nil
    for (k, e) in evaluations.enumerated() {
      switch e {
      case .samples(let values):
        if sampleCount < 0 {
          sampleCount = values.count
          firstPerSample = k
        } else if values.count != sampleCount {
          throw .lengthMismatch(
            what:
              "per-sample values of [\(leaves[firstPerSample].name)] and [\(leaves[k].name)] in \(formula)",
            expected: sampleCount, actual: values.count)
        }
      case .batch(let v, let w):
        guard w >= 0, w.isFinite else {
          throw .invalidValue(what: "weight of [\(leaves[k].name)]", value: w, position: 0)
        }
        _ = v
        if let known = weight, known != w, !isLeaf {
          throw .invalidArgument(
            "batch values of one composition must share a weight; [\(leaves[k].name)] gave \(w), another leaf \(known)"
          )
        }
        weight = weight ?? w
      }
    }
    if sampleCount < 0 {
      let value = program.evaluate { evaluations[$0].value(at: 0) }
      return BatchEvaluation(
        leaves: evaluations, combined: [value], weight: weight ?? 1, sampleCount: 1, isPerSample: false)
    }
    var combined: [Value] = []
    combined.reserveCapacity(sampleCount)
    for i in 0..<sampleCount {
      combined.append(program.evaluate { evaluations[$0].value(at: i) })
    }
    return BatchEvaluation(
      leaves: evaluations, combined: combined, weight: 1, sampleCount: sampleCount, isPerSample: true)
  }

  /// Adds an evaluated batch to the accumulators (never throws, so a failed batch changes nothing).
  mutating func accumulate(_ batch: BatchEvaluation<Value>) {
    for v in batch.combined { accumulated.combined.add(v.objectiveDouble, weight: batch.weight) }
    for k in batch.leaves.indices { batch.leaves[k].accumulate(into: &accumulated.components[k]) }
    accumulated.batches += 1
  }

  /// The batch's combined value: the mean of its per-sample values, or its batch value.
  static func batchValue(_ batch: BatchEvaluation<Value>) -> Value {
    if !batch.isPerSample { return batch.combined[0] }
    guard var total = batch.combined.first else { return Value(objectiveConstant: .nan) }
    for v in batch.combined.dropFirst() { total = total + v }
    return total / Value(objectiveConstant: Double(batch.sampleCount))
  }

  /// Evaluates the batch, accumulates it (with the joined metrics), and returns the batch's combined
  /// value: the value to differentiate in training. On a thrown error nothing is accumulated.
  /// - Complexity: one evaluation of each leaf, plus O(samples × tree size). When every leaf returns
  ///   a batch value, nothing is allocated.
  @inlinable @discardableResult
  public mutating func forward(_ outputs: Output, _ targets: Target) throws(ObjectiveError) -> Value {
    if refusal != nil { try checkNotRefused() }
    let count = evaluators.count
    return try withUnsafeTemporaryAllocation(of: Value.self, capacity: count) {
      (values: UnsafeMutableBufferPointer<Value>) throws(ObjectiveError) -> Value in
      // swift-format-ignore: NeverForceUnwrap
      // A temporary allocation of `count` values has a base address (a broken invariant otherwise).
      let base = values.baseAddress!
      var initialized = 0
      defer { base.deinitialize(count: initialized) }
      var weight = 1.0
      for k in 0..<count {
        let e = try evaluators[k](outputs, targets)
        guard case .batch(let v, let w) = e, k == 0 || w == weight, w >= 0, w.isFinite else {
          // Per-sample or mixed: finish on the general path, evaluating each leaf once.
          var evaluations = (0..<k).map { Evaluation.batch(base[$0], weight: weight) }
          evaluations.append(e)
          for j in (k + 1)..<count { evaluations.append(try evaluators[j](outputs, targets)) }
          return try forwardGeneral(outputs, targets, evaluations)
        }
        weight = w
        (base + k).initialize(to: v)
        initialized += 1
      }
      let value = program.evaluate { base[$0] }
      if !metrics.isEmpty { try updateMetrics(outputs, targets) }
      accumulated.combined.add(value.objectiveDouble, weight: weight)
      for k in 0..<count { accumulated.components[k].add(base[k].objectiveDouble, weight: weight) }
      accumulated.batches += 1
      return value
    }
  }

  /// The general path: per-sample leaves, mixed weights, validation errors.
  /// Throws `ObjectiveError.invalidArgument` with the refusal of a loss an operator could not make
  /// sound.
  @usableFromInline func checkNotRefused() throws(ObjectiveError) {
    if let refusal { throw .invalidArgument("cannot use \(formula): \(refusal)") }
  }

  @usableFromInline mutating func forwardGeneral(
    _ outputs: Output, _ targets: Target, _ evaluations: [Evaluation<Value>]
  ) throws(ObjectiveError) -> Value {
    let batch = try checkedBatch(evaluations)
    if !metrics.isEmpty { try metrics.update(outputs, targets) }
    accumulate(batch)
    return Self.batchValue(batch)
  }

  /// Updates the joined metrics (atomically: all or none).
  @usableFromInline mutating func updateMetrics(_ outputs: Output, _ targets: Target) throws(ObjectiveError) {
    try metrics.update(outputs, targets)
  }

  /// Accumulates one batch (as `forward`, without returning the value).
  @inlinable public mutating func update(_ outputs: Output, _ targets: Target) throws(ObjectiveError) {
    try forward(outputs, targets)
  }

  /// The combined value (unless the loss is a single leaf), each leaf in order of first appearance,
  /// each parameter's current value as `{name}`, then the joined metrics. Empty before the first
  /// update.
  public func compute() -> Results {
    guard accumulated.batches > 0 else { return Results() }
    var results = Results()
    if !isLeaf { results.append(name, accumulated.combined.mean, direction: direction) }
    for (leaf, mean) in zip(leaves, accumulated.components) {
      results.append(leaf.name, mean.mean, direction: leaf.direction)
    }
    for p in reportedParameters { results.append("{\(p)}", parameters[p] ?? .nan) }
    results.append(contentsOf: metrics.compute())
    return results
  }

  /// The parameters `compute()` reports as `{name}`, with their current values (a lone parameter
  /// is reported once, as the loss itself).
  var reportedParameters: [String] { parameterNames.filter { "{\($0)}" != name } }

  /// The combined value's name (unless the loss is a leaf), the components', the parameters' (as
  /// `{name}`), then the metrics'.
  public var reportedNames: [String] {
    (isLeaf ? [] : [name]) + leaves.map(\.name) + reportedParameters.map { "{\($0)}" } + metrics.reportedNames
  }

  /// Empties every accumulator, the joined metrics' included.
  public mutating func reset() {
    accumulated = LossState(formula: accumulated.formula, componentNames: accumulated.componentNames)
    metrics.reset()
  }

  /// Merges another loss with the same formula, leaves and metrics.
  public mutating func merge(_ other: Loss) throws(ObjectiveError) {
    try checkNotRefused()
    try checkSameShape(other.expression, other.componentNames)
    try accumulated.checkMergeable(other.accumulated)
    try metrics.merge(other.metrics)
    accumulated.combined.merge(other.accumulated.combined)
    for k in accumulated.components.indices {
      accumulated.components[k].merge(other.accumulated.components[k])
    }
    accumulated.batches += other.accumulated.batches
  }

  /// A `Codable` snapshot of the accumulated state, the joined metrics' included.
  public var state: LossState {
    var s = accumulated
    s.metrics = metrics.state
    return s
  }

  /// Replaces the state with a snapshot from a loss of the same shape; throws
  /// `.incompatibleState` (and changes nothing) when the snapshot's formula, component names or
  /// joined metrics differ from this loss's.
  public mutating func restore(_ state: LossState) throws(ObjectiveError) {
    try checkNotRefused()
    guard state.formula == formula, state.componentNames == componentNames else {
      throw .incompatibleState(
        "cannot restore the state of \(state.formula) (components \(state.componentNames)) into \(formula) "
          + "(components \(componentNames))")
    }
    guard state.components.count == leaves.count else {
      throw .incompatibleState(
        "\(formula) has \(leaves.count) components, the snapshot has \(state.components.count)")
    }
    try state.validate()
    var restoredMetrics = metrics
    try restoredMetrics.restore(state.metrics)
    metrics = restoredMetrics
    accumulated = state
    accumulated.metrics = MetricCollectionState(members: [], memberNames: [])
  }

  func checkSameShape(_ otherExpression: Expression, _ otherNames: [String]) throws(ObjectiveError) {
    guard otherExpression == expression, otherNames == componentNames else {
      throw .incompatibleState("cannot merge \(formula) with a loss of another shape")
    }
  }
}
