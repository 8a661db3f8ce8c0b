/// What a leaf function returns for one batch: one value for the batch, or one value per sample.
///
/// Per-sample values are averaged exactly across batches of any size (each sample counts once).
/// A batch value counts as one observation, unless a weight is given: a batch mean returned with
/// `weight: batchSize` averages exactly like per-sample values.
public enum Evaluation<Value: ObjectiveValue>: Sendable {
  /// One value for the whole batch, counted with `weight`.
  case batch(Value, weight: Double)
  /// One value per sample; each counts once.
  case samples([Value])

  /// One value for the whole batch, counted as one observation.
  public static func batch(_ value: Value) -> Evaluation { .batch(value, weight: 1) }

  /// The number of values: 1 for a batch value.
  @inlinable public var count: Int {
    switch self {
    case .batch: return 1
    case .samples(let v): return v.count
    }
  }

  /// Whether this is a per-sample evaluation.
  @inlinable public var isPerSample: Bool {
    if case .samples = self { return true }
    return false
  }

  /// The value for sample `i`; a batch value is broadcast to every sample.
  @inlinable func value(at i: Int) -> Value {
    switch self {
    case .batch(let v, _): return v
    case .samples(let v): return v[i]
    }
  }

  /// Adds this evaluation to a mean accumulator (per-sample values one by one).
  @inlinable func accumulate(into mean: inout MeanAccumulator) {
    switch self {
    case .batch(let v, let w): mean.add(v.objectiveDouble, weight: w)
    case .samples(let values): for v in values { mean.add(v.objectiveDouble) }
    }
  }
}
