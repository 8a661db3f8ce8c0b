/// The surface the three classification objectives share: `BinaryClassification`,
/// `MulticlassClassification` and `MultilabelClassification` each wrap one `ClassificationCore`
/// (configuration, metric list and state) and add their task's input rules in
/// `update(scores:targets:)`; everything else (compute, merge, restore, conversion, curves) is
/// written once here.
///
/// The protocol exists so that the three types share one implementation; its `core` is an opaque
/// value with no public members. Write generic code over `Objective` rather than over this protocol.
public protocol ClassificationObjective: Objective, StateSharing
where State == ClassificationState<Score>, Output == [Score], Target == [Int] {
  /// The score type, `Float` or `Double`.
  associatedtype Score: ClassificationScore
  /// The configuration, metric list and state (an opaque value; assign only a core taken from an
  /// objective of the same type and configuration).
  var core: ClassificationCore<Score> { get set }
  /// The names per-class results are reported under; `nil` reports per-class vectors.
  var classNames: [String]? { get }
  /// Accumulates one batch read in place from flat buffers, under the task's input rules.
  mutating func update(scores: UnsafeBufferPointer<Score>, targets: UnsafeBufferPointer<Int>)
    throws(ObjectiveError)
}

extension ClassificationObjective {
  /// The reported metrics, in report order.
  public var metrics: [ClassificationMetric] { core.metrics }
  /// The options.
  public var options: ClassificationOptions { core.options }

  /// Accumulates one batch given as arrays (see `update(scores:targets:)`).
  @_specialize(where Self == BinaryClassification<Float>)
  @_specialize(where Self == BinaryClassification<Double>)
  @_specialize(where Self == MulticlassClassification<Float>)
  @_specialize(where Self == MulticlassClassification<Double>)
  @_specialize(where Self == MultilabelClassification<Float>)
  @_specialize(where Self == MultilabelClassification<Double>)
  public mutating func update(_ outputs: [Score], _ targets: [Int]) throws(ObjectiveError) {
    let result: Result<Void, ObjectiveError> = outputs.withUnsafeBufferPointer { s in
      targets.withUnsafeBufferPointer { t in
        do throws(ObjectiveError) {
          try update(scores: s, targets: t)
          return .success(())
        } catch { return .failure(error) }
      }
    }
    try result.get()
  }

  /// Every metric in list order, with its direction (per-class vectors as one scalar per class
  /// when `classNames` is set). Does not change the state.
  /// - Complexity: O(counts), plus a radix sort of the stored scores for exact AUROC/AP.
  @_specialize(where Self == BinaryClassification<Float>)
  @_specialize(where Self == BinaryClassification<Double>)
  @_specialize(where Self == MulticlassClassification<Float>)
  @_specialize(where Self == MulticlassClassification<Double>)
  @_specialize(where Self == MultilabelClassification<Float>)
  @_specialize(where Self == MultilabelClassification<Double>)
  public func compute() -> Results {
    guard let classNames else { return core.compute() }
    return core.compute().namingClasses(classNames)
  }

  /// Returns to the empty state (stored scores are released), keeping the configuration.
  public mutating func reset() { core.reset() }

  /// Merges another objective's state. Throws `.incompatibleState` unless the class (or label)
  /// counts, options and metric lists are equal.
  @_specialize(where Self == BinaryClassification<Float>)
  @_specialize(where Self == BinaryClassification<Double>)
  @_specialize(where Self == MulticlassClassification<Float>)
  @_specialize(where Self == MulticlassClassification<Double>)
  @_specialize(where Self == MultilabelClassification<Float>)
  @_specialize(where Self == MultilabelClassification<Double>)
  public mutating func merge(_ other: Self) throws(ObjectiveError) {
    try core.merge(other.core)
  }

  /// A `Codable` snapshot of the accumulated state (an opaque value).
  public var state: ClassificationState<Score> { core.exportedState }

  /// Replaces the state with a snapshot from an objective of the same configuration; throws
  /// `.incompatibleState` when its shape differs.
  public mutating func restore(_ state: ClassificationState<Score>) throws(ObjectiveError) {
    try core.restore(state)
  }

  /// One objective reporting the metrics of both when class (or label) counts, options and class
  /// names are equal (and their states both empty, or equal); `nil` otherwise.
  public func sharingState(with other: Self) -> Self? {
    guard classNames == other.classNames else { return nil }
    return core.sharingState(with: other.core).map(withCore)
  }

  /// The same configuration and metrics in `mode`, with an empty state. Converting back gives an
  /// objective equal to an emptied original. (Accumulated data cannot be carried over: a streaming
  /// state holds only averages.)
  public func converted(to mode: AccumulationMode) -> Self { withCore(core.converted(to: mode)) }

  /// The same configuration with `metrics` added (a metric whose key is already reported replaces
  /// it in place), with an empty state.
  public func adding(_ metrics: [ClassificationMetric]) throws(ObjectiveError) -> Self {
    withCore(try core.withMetrics(core.metrics + metrics))
  }

  /// The same configuration reporting exactly `metrics`, with an empty state.
  public func replacingMetrics(with metrics: [ClassificationMetric]) throws(ObjectiveError) -> Self {
    withCore(try core.withMetrics(metrics))
  }

  /// The ROC curve of class (or label) `index`, one-vs-rest: a first point `(0, 0)` at threshold
  /// `+∞`, then one point per distinct score from the highest down (scikit-learn's
  /// `roc_curve(drop_intermediate=False)`). Thresholds are probabilities (the sigmoid of a binary or
  /// multilabel logit, the softmax for multiclass `.logits`). A binary objective has one curve, of
  /// the positive class, at `class` 0 (the default); an index without a curve gives an empty one.
  /// Empty unless the objective stores scores: exact mode with `.auroc` or `.averagePrecision` among
  /// its metrics (with binned estimation, one point per threshold).
  /// - Complexity: O(N) time and memory.
  @_specialize(where Self == BinaryClassification<Float>)
  @_specialize(where Self == BinaryClassification<Double>)
  @_specialize(where Self == MulticlassClassification<Float>)
  @_specialize(where Self == MulticlassClassification<Double>)
  @_specialize(where Self == MultilabelClassification<Float>)
  @_specialize(where Self == MultilabelClassification<Double>)
  public func rocCurve(class index: Int = 0) -> [ROCPoint] { core.curves(ofClass: index)?.roc ?? [] }

  /// The precision–recall curve of class (or label) `index`, one-vs-rest: a first point
  /// (precision 1, recall 0) at `+∞`, then one point per distinct score from the highest down
  /// (scikit-learn's `precision_recall_curve` in reverse order). Same availability, thresholds and
  /// default as `rocCurve(class:)`.
  /// - Complexity: O(N) time and memory.
  @_specialize(where Self == BinaryClassification<Float>)
  @_specialize(where Self == BinaryClassification<Double>)
  @_specialize(where Self == MulticlassClassification<Float>)
  @_specialize(where Self == MulticlassClassification<Double>)
  @_specialize(where Self == MultilabelClassification<Float>)
  @_specialize(where Self == MultilabelClassification<Double>)
  public func precisionRecallCurve(class index: Int = 0) -> [PrecisionRecallPoint] {
    core.curves(ofClass: index)?.precisionRecall ?? []
  }

  /// A copy of `self` (its class names included) with `core` in place of its own.
  private func withCore(_ core: ClassificationCore<Score>) -> Self {
    var copy = self
    copy.core = core
    return copy
  }
}
