// Collectors: the catalogue objectives and losses record per-sample values into a `SampleTable`
// while they accumulate, in one pass of the model. The plain `update` / `forward` paths are
// untouched, so users who do not ask for per-sample values pay nothing.

extension SampleTable {
  /// The example ids of `count` new rows: `ids` when given (checked against `count`), else the row
  /// numbers that follow the rows already recorded.
  func exampleIDs(_ ids: [Int]?, count: Int) throws(ObjectiveError) -> [Int] {
    guard let ids else { return Array(self.count..<(self.count + count)) }
    guard ids.count == count else {
      throw .lengthMismatch(what: "example ids", expected: count, actual: ids.count)
    }
    return ids
  }

  /// Records `quantities` for `ids` after `accumulate` succeeds: checks first, so a thrown error
  /// leaves both the table and the objective unchanged.
  mutating func record(
    _ quantities: SampleQuantities, rows: Int, exampleIDs ids: [Int]?,
    after accumulate: () throws(ObjectiveError) -> Void
  ) throws(ObjectiveError) {
    let ids = try exampleIDs(ids, count: rows)
    let pairs = quantities.pairs
    try checkRecord(ids: ids, names: pairs.map { ($0.0, $0.1.count) })
    try accumulate()
    try record(exampleIDs: ids, ordered: pairs)
  }
}

extension BinaryClassification {
  /// Accumulates one batch, as `update(_:_:)`, and records each sample's quantities
  /// (`SampleQuantities.binary`: target, predicted, confidence, true-class probability, correct,
  /// loss) in `samples`, keyed by `exampleIDs` (by default, the row numbers after those already in
  /// `samples`). On a thrown error neither the objective nor `samples` changes.
  /// - Complexity: O(n), plus the update's.
  public mutating func update(
    _ outputs: [Score], _ targets: [Int], recording samples: inout SampleTable, exampleIDs: [Int]? = nil
  ) throws(ObjectiveError) {
    let q = try SampleQuantities.binary(outputs.map(Double.init), targets, options: options)
    try samples.record(q, rows: targets.count, exampleIDs: exampleIDs) { () throws(ObjectiveError) in
      try update(outputs, targets)
    }
  }
}

extension MulticlassClassification {
  /// Accumulates one batch, as `update(_:_:)`, and records each sample's quantities
  /// (`SampleQuantities.multiclass`) in `samples`, keyed by `exampleIDs` (by default, the row
  /// numbers after those already in `samples`). On a thrown error nothing changes.
  /// - Complexity: O(n × classes), plus the update's.
  public mutating func update(
    _ outputs: [Score], _ targets: [Int], recording samples: inout SampleTable, exampleIDs: [Int]? = nil
  ) throws(ObjectiveError) {
    let q = try SampleQuantities.multiclass(
      outputs.map(Double.init), targets, numClasses: numClasses, options: options)
    try samples.record(q, rows: targets.count, exampleIDs: exampleIDs) { () throws(ObjectiveError) in
      try update(outputs, targets)
    }
  }
}

extension MultilabelClassification {
  /// Accumulates one batch, as `update(_:_:)`, and records each sample's quantities
  /// (`SampleQuantities.multilabel`) in `samples`, keyed by `exampleIDs` (by default, the row
  /// numbers after those already in `samples`). On a thrown error nothing changes.
  /// - Complexity: O(n × labels), plus the update's.
  public mutating func update(
    _ outputs: [Score], _ targets: [Int], recording samples: inout SampleTable, exampleIDs: [Int]? = nil
  ) throws(ObjectiveError) {
    let q = try SampleQuantities.multilabel(
      outputs.map(Double.init), targets, numLabels: numLabels, options: options)
    try samples.record(q, rows: targets.count / max(numLabels, 1), exampleIDs: exampleIDs) {
      () throws(ObjectiveError) in try update(outputs, targets)
    }
  }
}

extension RegressionMetrics {
  /// Accumulates one batch, as `update(_:_:)`, and records each row's squared and absolute errors
  /// (`SampleQuantities.regression`) in `samples`, keyed by `exampleIDs` (by default, the row
  /// numbers after those already in `samples`). On a thrown error nothing changes.
  /// - Complexity: O(n × outputs), plus the update's.
  public mutating func update(
    _ outputs: [Scalar], _ targets: [Scalar], recording samples: inout SampleTable, exampleIDs: [Int]? = nil
  ) throws(ObjectiveError) {
    let q = try SampleQuantities.regression(
      outputs.map(Double.init), targets.map(Double.init), numOutputs: numOutputs)
    try samples.record(q, rows: outputs.count / max(numOutputs, 1), exampleIDs: exampleIDs) {
      () throws(ObjectiveError) in try update(outputs, targets)
    }
  }
}

extension Loss {
  /// Evaluates and accumulates one batch, as `forward(_:_:)`, and records in `samples` the
  /// per-sample value of every leaf that returns `.samples` (a column per leaf, by its name) and
  /// the combined per-sample value as `loss` (unless a leaf is named `loss`). Batch-valued leaves
  /// are not recorded. Rows are keyed by `exampleIDs` (by default, the row numbers after those
  /// already in `samples`).
  ///
  /// ```swift
  /// var samples = SampleTable()
  /// let value = try loss.forward(logits, labels, recording: &samples, exampleIDs: ids)
  /// ```
  /// - Throws: what `forward` throws; `invalidArgument` when no leaf returns per-sample values;
  ///   `lengthMismatch` when `exampleIDs` does not have one id per sample. On a thrown error
  ///   neither the loss nor `samples` changes.
  /// - Complexity: one evaluation of each leaf, plus O(samples × (tree size + leaves)).
  @discardableResult
  public mutating func forward(
    _ outputs: Output, _ targets: Target, recording samples: inout SampleTable, exampleIDs: [Int]? = nil
  ) throws(ObjectiveError) -> Value {
    let batch = try evaluateBatch(outputs, targets)
    guard batch.isPerSample else {
      throw .invalidArgument(
        "\(formula) has no leaf with per-sample values: nothing to record per sample (use forward(_:_:))")
    }
    var q = SampleQuantities()
    for (leaf, evaluation) in zip(leaves, batch.leaves) {
      if case .samples(let values) = evaluation { q.append(leaf.name, values.map(\.objectiveDouble)) }
    }
    if !q.names.contains("loss") { q.append("loss", batch.combined.map(\.objectiveDouble)) }
    try samples.record(q, rows: batch.sampleCount, exampleIDs: exampleIDs) { () throws(ObjectiveError) in
      if !metrics.isEmpty { try metrics.update(outputs, targets) }
      accumulate(batch)
    }
    return Self.batchValue(batch)
  }
}
