/// Regression metrics over one or more outputs, reported together from one shared state.
///
/// One objective reports any list of `RegressionMetric`s (MSE, RMSE, MAE, R², adjusted R²,
/// Pearson, Spearman, explained variance, MAPE, cosine similarity). Each batch is read once, in
/// place, and only the statistics the chosen metrics need are accumulated.
///
/// **Inputs.** Predictions and targets are `Float`, `Double` or any `BinaryFloatingPoint` (other
/// types are widened to `Double` with a copy). With `numOutputs = k` a batch is a flat row-major
/// buffer of `n × k` values (`update(_:_:)`, `update(outputs:targets:)`) or `n` rows of `k` values
/// (`update(rows:_:)`).
///
/// **Modes.** In `.exact` mode the state is the exact sufficient statistics of all data (moments
/// merged with Chan's formulas, compensated sums, and for Spearman a compact store of every pair),
/// so results are those of the whole data set. In `.streaming` mode each batch's values are
/// averaged by sample count in constant memory; MSE, MAE, MAPE and cosine similarity are still
/// exact, the others are
/// approximations (see `RegressionMetric.Kind.isExactWhenStreamed`). A batch value that is NaN
/// because the batch is degenerate (one row for R², a constant batch for Pearson) is left out of
/// the average.
///
/// **Bad data.** Length mismatches throw `ObjectiveError.lengthMismatch`. A NaN or infinity is
/// handled by `nanPolicy`: `.propagate` makes every metric of the affected output NaN; `.omit`
/// drops the whole row; `.error` throws `ObjectiveError.nonFinite` naming the row. After any error
/// the state is exactly as it was.
///
/// The laws of `MergeableState` hold (1e-12 relative in exact mode; Spearman exactly).
///
/// **Ranks.** Spearman ranks by the full order of the input type: `Float` (and narrower) values
/// are kept as 32-bit keys, `Double` values as 64-bit keys (`RankPrecision.exact(for:)`).
/// `rankPrecision: .single` on `Double` input is an opt-in approximation (ties below `Float`
/// precision) that halves the memory.
/// - Complexity: O(n·k) per batch. Exact mode keeps O(k) numbers, plus 8 bytes per row and output
///   when Spearman is reported with 32-bit keys (16 with 64-bit keys, the default for `Double`), and
///   ranks in O(n) at `compute()`.
///   Streaming mode keeps O(number of metrics × k) numbers.
public struct Regression<Scalar: BinaryFloatingPoint & Sendable>: Objective, StateSharing,
  SampleCounting, Sendable
{
  /// A flat row-major buffer of `n × numOutputs` predictions.
  public typealias Output = [Scalar]
  /// A flat row-major buffer of `n × numOutputs` targets.
  public typealias Target = [Scalar]
  /// Exact statistics or streaming averages.
  public typealias State = RegressionState

  /// The metrics reported, in order.
  public let metrics: [RegressionMetric]
  /// The number of outputs per sample (k ≥ 1).
  public let numOutputs: Int
  /// Exact statistics or streaming averages.
  public let mode: AccumulationMode
  /// The aggregation of metrics that do not set their own.
  public let multioutput: MultiOutputAggregation
  /// What a NaN or an infinity in the inputs does.
  public let nanPolicy: NaNPolicy
  /// How Spearman's correlation stores values in exact mode (by default the full order of
  /// `Scalar`).
  public let rankPrecision: RankPrecision
  /// The configuration a restored state must come from (see `RegressionState.configuration`).
  let configuration: String
  /// The accumulated state.
  public internal(set) var state: RegressionState
  let needs: RegressionNeeds
  /// The empty sums of the catalogue's further metrics, when any is reported.
  let extrasTemplate: RegressionExtras?

  /// An objective reporting `metrics` (DanLing's defaults `pearson`, `spearman`, `r2`, `mse`,
  /// `rmse` unless given).
  ///
  /// Throws `ObjectiveError.invalidArgument` when `numOutputs < 1`, when `metrics` is empty, when
  /// two metrics share a result key, or when adjusted R² has a negative number of regressors.
  public init(
    _ metrics: [RegressionMetric] = RegressionMetric.defaults, numOutputs: Int = 1,
    mode: AccumulationMode = .exact, multioutput: MultiOutputAggregation = .uniformAverage,
    nanPolicy: NaNPolicy = .propagate, rankPrecision: RankPrecision = .exact(for: Scalar.self)
  ) throws(ObjectiveError) {
    guard numOutputs >= 1 else { throw .invalidArgument("numOutputs must be at least 1, got \(numOutputs)") }
    guard !metrics.isEmpty else { throw .invalidArgument("no regression metric to report") }
    var names = Set<String>()
    for m in metrics {
      guard names.insert(m.name).inserted else {
        throw .invalidArgument("two regression metrics named \(m.name)")
      }
      guard m.regressors >= 0 else { throw .invalidArgument("\(m.name): negative number of regressors") }
      if let problem = m.catalogueProblem { throw .invalidArgument(problem) }
    }
    self.metrics = metrics
    self.numOutputs = numOutputs
    self.mode = mode
    self.multioutput = multioutput
    self.nanPolicy = nanPolicy
    self.rankPrecision = rankPrecision
    needs = RegressionNeeds(metrics: metrics, multioutput: multioutput, outputs: numOutputs)
    extrasTemplate = RegressionExtras(metrics: metrics, outputs: numOutputs)
    configuration =
      "regression of \(numOutputs) output\(numOutputs == 1 ? "" : "s"), \(mode.rawValue) mode, "
      + "\(multioutput.rawValue), NaN \(nanPolicy.rawValue), \(rankPrecision.rawValue) ranks reporting ["
      + metrics.map(\.name).joined(separator: ", ") + "]"
    state = RegressionState()
    reset()
  }

  /// The aggregation used for `metric`.
  func aggregation(of metric: RegressionMetric) -> MultiOutputAggregation {
    metric.aggregation ?? multioutput
  }

  /// The number of rows accumulated.
  public var sampleCount: Int { state.sampleCount }

  // MARK: Updating

  /// Accumulates a batch given as flat row-major buffers of `n × numOutputs` values.
  /// - Complexity: O(n·k); the buffers are read in place for `Float` and `Double`.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public mutating func update(_ outputs: [Scalar], _ targets: [Scalar]) throws(ObjectiveError) {
    let batch = try outputs.withUnsafeBufferPointer { (p) throws(ObjectiveError) in
      try targets.withUnsafeBufferPointer { (y) throws(ObjectiveError) in try read(p, y) }
    }
    try absorb(batch)
  }

  /// Accumulates a batch given as flat row-major buffers, read in place.
  /// - Complexity: O(n·k).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public mutating func update(
    outputs: UnsafeBufferPointer<Scalar>, targets: UnsafeBufferPointer<Scalar>
  ) throws(ObjectiveError) {
    try absorb(try read(outputs, targets))
  }

  /// Accumulates a batch given as rows of `numOutputs` values each.
  /// - Complexity: O(n·k).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public mutating func update(rows outputs: [[Scalar]], _ targets: [[Scalar]]) throws(ObjectiveError) {
    guard outputs.count == targets.count else {
      throw .lengthMismatch(what: "target rows", expected: outputs.count, actual: targets.count)
    }
    for (i, row) in outputs.enumerated() where row.count != numOutputs {
      throw .lengthMismatch(what: "prediction row \(i)", expected: numOutputs, actual: row.count)
    }
    for (i, row) in targets.enumerated() where row.count != numOutputs {
      throw .lengthMismatch(what: "target row \(i)", expected: numOutputs, actual: row.count)
    }
    let batch: RegressionStatistics
    if Scalar.self == Double.self {
      batch = try readRows(
        unsafeBitCast(outputs, to: [[Double]].self), unsafeBitCast(targets, to: [[Double]].self))
    } else if Scalar.self == Float.self {
      batch = try readRows(
        unsafeBitCast(outputs, to: [[Float]].self), unsafeBitCast(targets, to: [[Float]].self))
    } else {
      batch = try readRows(outputs.map { $0.map(Double.init) }, targets.map { $0.map(Double.init) })
    }
    try absorb(batch)
  }

  private func read(
    _ p: UnsafeBufferPointer<Scalar>, _ y: UnsafeBufferPointer<Scalar>
  ) throws(ObjectiveError) -> RegressionStatistics {
    guard p.count == y.count else {
      throw .lengthMismatch(what: "targets", expected: p.count, actual: y.count)
    }
    guard p.count % numOutputs == 0 else {
      throw .lengthMismatch(
        what: "predictions (a multiple of \(numOutputs) outputs)", expected: p.count - p.count % numOutputs,
        actual: p.count)
    }
    if Scalar.self == Double.self {
      return try readFlat(Self.rebound(p, to: Double.self), Self.rebound(y, to: Double.self))
    }
    if Scalar.self == Float.self {
      return try readFlat(Self.rebound(p, to: Float.self), Self.rebound(y, to: Float.self))
    }
    let pd = p.map(Double.init)
    let yd = y.map(Double.init)
    return try pd.withUnsafeBufferPointer { (pb) throws(ObjectiveError) in
      try yd.withUnsafeBufferPointer { (yb) throws(ObjectiveError) in try readFlat(pb, yb) }
    }
  }

  private static func rebound<T>(_ b: UnsafeBufferPointer<Scalar>, to: T.Type) -> UnsafeBufferPointer<T> {
    guard let base = b.baseAddress else { return UnsafeBufferPointer(start: nil, count: 0) }
    return UnsafeBufferPointer(start: UnsafeRawPointer(base).assumingMemoryBound(to: T.self), count: b.count)
  }

  private func readFlat<T: KernelScalar>(
    _ p: UnsafeBufferPointer<T>, _ y: UnsafeBufferPointer<T>
  ) throws(ObjectiveError) -> RegressionStatistics {
    let k = numOutputs
    let n = p.count / k
    var contiguous: (predictions: UnsafePointer<T>, targets: UnsafePointer<T>)?
    if k == 1, let pb = p.baseAddress, let yb = y.baseAddress { contiguous = (pb, yb) }
    var stats = try RegressionStatistics.reading(
      rows: n, outputs: k, needs: needs, precision: rankPrecision, policy: nanPolicy, contiguous: contiguous
    ) { j, rows, px, py in
      var w = 0
      for r in rows {
        px[w] = p[r * k + j]
        py[w] = y[r * k + j]
        w += 1
      }
    }
    if let template = extrasTemplate {
      stats.extras = try RegressionExtras.reading(p, y, outputs: k, like: template, policy: nanPolicy)
    }
    return stats
  }

  private func readRows<T: KernelScalar>(_ p: [[T]], _ y: [[T]]) throws(ObjectiveError)
    -> RegressionStatistics
  {
    var stats = try RegressionStatistics.reading(
      rows: p.count, outputs: numOutputs, needs: needs, precision: rankPrecision, policy: nanPolicy,
      contiguous: nil
    ) { j, rows, px, py in
      var w = 0
      for r in rows {
        px[w] = p[r][j]
        py[w] = y[r][j]
        w += 1
      }
    }
    if let template = extrasTemplate {
      let flatP = p.flatMap { $0 }
      let flatY = y.flatMap { $0 }
      stats.extras = try flatP.withUnsafeBufferPointer { (pb) throws(ObjectiveError) in
        try flatY.withUnsafeBufferPointer { (yb) throws(ObjectiveError) in
          try RegressionExtras.reading(pb, yb, outputs: numOutputs, like: template, policy: nanPolicy)
        }
      }
    }
    return stats
  }

  /// Adds the statistics of one batch to the state (the batch was fully validated).
  private mutating func absorb(_ batch: RegressionStatistics) throws(ObjectiveError) {
    guard batch.count > 0 else { return }
    switch mode {
    case .exact:
      try state.statistics?.merge(batch)
    case .streaming:
      // A NaN from a non-finite input is averaged in (and poisons the average); a NaN from a
      // degenerate batch is left out. Per-output components look at their own output only.
      let nonFinite = batch.columns.map(\.containsNonFinite)
      let anyNonFinite = nonFinite.contains(true)
      let weight = Double(batch.count)
      for (i, m) in metrics.enumerated() {
        let values = batch.value(of: m, aggregation: aggregation(of: m)).values
        let perOutput = values.count == numOutputs && numOutputs > 1
        // A mean over rows (MSLE, KL, …) is NaN only from its rows' values, never from a
        // degenerate batch, so its NaN is kept.
        let keepNaN = m.kind.catalogueExactWhenStreamed
        for (c, v) in values.enumerated()
        where !v.isNaN || keepNaN || (perOutput ? nonFinite[c] : anyNonFinite) {
          state.averages?[i].values[c].add(v, weight: weight)
        }
      }
    }
    state.sampleCount += batch.count
  }

  // MARK: Results and state

  /// The value of every metric, in order, under its result key.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func compute() -> Results {
    var results = Results()
    for (i, m) in metrics.enumerated() {
      let value: MetricValue
      switch mode {
      case .exact:
        value =
          state.statistics?.value(of: m, aggregation: aggregation(of: m))
          ?? .scalar(.nan)
      case .streaming:
        value = state.averages?[i].value ?? .scalar(.nan)
      }
      results.append(Results.Entry(name: m.name, value: value, direction: m.direction))
    }
    return results
  }

  /// Returns to the empty state, keeping the configuration.
  public mutating func reset() {
    var fresh = RegressionState()
    switch mode {
    case .exact:
      fresh.statistics = RegressionStatistics(outputs: numOutputs, needs: needs, precision: rankPrecision)
      fresh.statistics?.extras = extrasTemplate
    case .streaming:
      let shape = RegressionStatistics(outputs: numOutputs, needs: [], precision: rankPrecision)
      fresh.averages = metrics.map {
        StreamedMetric(name: $0.name, width: shape.width(of: $0, aggregation: aggregation(of: $0)))
      }
    }
    fresh.configuration = configuration
    state = fresh
  }

  /// Whether `other` has the same configuration (metrics, outputs, mode, aggregation, NaN policy,
  /// rank precision): the declared identity that allows merging and sharing.
  public func hasSameConfiguration(as other: Regression) -> Bool {
    metrics == other.metrics && hasSameShape(as: other)
  }

  private func hasSameShape(as other: Regression) -> Bool {
    numOutputs == other.numOutputs && mode == other.mode && multioutput == other.multioutput
      && nanPolicy == other.nanPolicy && rankPrecision == other.rankPrecision
  }

  /// Merges the state of an objective with the same configuration (the monoid operation).
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public mutating func merge(_ other: Regression) throws(ObjectiveError) {
    guard hasSameConfiguration(as: other) else {
      throw .incompatibleState("regression metrics with different configurations")
    }
    try mergeState(other.state)
  }

  private mutating func mergeState(_ other: RegressionState) throws(ObjectiveError) {
    switch mode {
    case .exact:
      guard let theirs = other.statistics else { throw .incompatibleState("missing exact statistics") }
      try state.statistics?.merge(theirs)
    case .streaming:
      guard let theirs = other.averages else { throw .incompatibleState("missing streaming averages") }
      for i in metrics.indices { try state.averages?[i].merge(theirs[i]) }
    }
    state.sampleCount += other.sampleCount
  }

  // MARK: Sharing and configuration

  /// One objective reporting the metrics of both, when they have the same outputs, mode,
  /// aggregation, NaN policy and rank precision and both are empty (or hold equal state with the
  /// same metrics); `nil` otherwise, or when a result key is used by two different metrics.
  public func sharingState(with other: Regression) -> Regression? {
    guard hasSameShape(as: other) else { return nil }
    if hasSameConfiguration(as: other) { return state == other.state ? self : nil }
    guard state.sampleCount == 0, other.state.sampleCount == 0 else { return nil }
    var union = metrics
    for m in other.metrics {
      if let existing = union.first(where: { $0.name == m.name }) {
        if existing != m { return nil }
      } else {
        union.append(m)
      }
    }
    return try? Regression(
      union, numOutputs: numOutputs, mode: mode, multioutput: multioutput, nanPolicy: nanPolicy,
      rankPrecision: rankPrecision)
  }

  /// An empty objective with the same configuration in `mode` (exact ↔ streaming).
  public func converted(to mode: AccumulationMode) -> Regression {
    // The configuration was valid for `self`, so it is valid again.
    (try? Regression(
      metrics, numOutputs: numOutputs, mode: mode, multioutput: multioutput, nanPolicy: nanPolicy,
      rankPrecision: rankPrecision)) ?? self
  }

  /// An empty objective that also reports `extra`; a metric whose result key is already used
  /// replaces the earlier one in place.
  public func adding(_ extra: [RegressionMetric]) -> Regression {
    var list = metrics
    for m in extra {
      if let i = list.firstIndex(where: { $0.name == m.name }) { list[i] = m } else { list.append(m) }
    }
    return
      (try? Regression(
        list, numOutputs: numOutputs, mode: mode, multioutput: multioutput, nanPolicy: nanPolicy,
        rankPrecision: rankPrecision)) ?? self
  }

  /// An empty objective without the metrics reported under `names` (unchanged if that would leave
  /// none).
  public func removing(_ names: Set<String>) -> Regression {
    (try? Regression(
      metrics.filter { !names.contains($0.name) }, numOutputs: numOutputs, mode: mode,
      multioutput: multioutput, nanPolicy: nanPolicy, rankPrecision: rankPrecision)) ?? self
  }
}
