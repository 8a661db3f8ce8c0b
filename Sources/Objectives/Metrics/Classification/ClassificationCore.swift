/// The task-independent part of the classification objectives: configuration, metric list, state
/// shape, merging, restoring, sharing and streaming. The public objectives wrap one core and add
/// their task's `update` (see `ClassificationObjective`). An opaque value: no member is public.
public struct ClassificationCore<Score: ClassificationScore>: Sendable {
  /// The task and its width.
  enum Task: Hashable, Sendable, Codable {
    case binary
    case multiclass(Int)
    case multilabel(Int)

    /// Score columns (and stores): 1 for binary.
    var classes: Int {
      switch self {
      case .binary: return 1
      case .multiclass(let c), .multilabel(let c): return c
      }
    }

    var name: String {
      switch self {
      case .binary: return "binary"
      case .multiclass(let c): return "multiclass(\(c))"
      case .multilabel(let l): return "multilabel(\(l))"
      }
    }
  }

  let task: Task
  let options: ClassificationOptions
  private(set) var metrics: [ClassificationMetric]
  var state: ClassificationState<Score>

  /// A core for `task`; throws `invalidArgument` for a task width, an option or a metric that no
  /// objective accepts, naming the value (and the metric's position in `metrics`).
  init(task: Task, options: ClassificationOptions, metrics: [ClassificationMetric]) throws(ObjectiveError) {
    switch task {
    case .binary: break
    case .multiclass(let c):
      guard c >= 2 else { throw .invalidArgument("multiclass needs numClasses ≥ 2, got \(c)") }
      try ClassificationLimits.check(classes: c)
    case .multilabel(let l):
      guard l >= 1 else { throw .invalidArgument("multilabel needs numLabels ≥ 1, got \(l)") }
      try ClassificationLimits.check(labels: l)
    }
    try options.validate()
    try Self.validate(metrics, task: task)
    try Self.validate(metrics, inputKind: options.inputKind)
    self.init(checked: task, options: options, metrics: metrics)
  }

  /// Throws `invalidArgument` for the first metric that `task` cannot report.
  static func validate(_ metrics: [ClassificationMetric], task: Task) throws(ObjectiveError) {
    let kind: String
    switch task {
    case .binary: kind = "binary"
    case .multiclass: kind = "multiclass"
    case .multilabel: kind = "multilabel"
    }
    for (i, m) in metrics.enumerated() {
      if let problem = m.problem(task: kind) { throw .invalidArgument("metric \(i) (\(m.name)): \(problem)") }
    }
  }

  /// Throws `invalidArgument` for a calibration metric on hard predictions (they have no
  /// confidence).
  static func validate(_ metrics: [ClassificationMetric], inputKind: InputKind) throws(ObjectiveError) {
    guard inputKind == .labels else { return }
    if let (i, m) = metrics.enumerated().first(where: { $0.element.isCalibration }) {
      throw .invalidArgument("metric \(i) (\(m.name)): calibration error needs scores, not predicted labels")
    }
  }

  /// A core from a configuration already validated (by the throwing initialiser).
  init(checked task: Task, options: ClassificationOptions, metrics: [ClassificationMetric]) {
    self.task = task
    self.options = options
    self.metrics = []
    for m in metrics {
      if let i = self.metrics.firstIndex(where: { $0.name == m.name }) {
        self.metrics[i] = m
      } else {
        self.metrics.append(m)
      }
    }
    state = ClassificationState(
      confusionCount: 0, classes: 0, nonFiniteCount: 0, topK: [], scoreStores: 0, histograms: 0,
      thresholds: 2, streamed: [])
    state = emptyState(mode: options.mode)
  }

  // MARK: Requirements

  var needsRank: Bool { metrics.contains(where: \.isRankBased) }
  var needsLogLoss: Bool { metrics.contains { $0.kind == .logLoss } }
  var topKs: [Int] {
    Array(Set(metrics.filter { $0.kind == .topKAccuracy }.map(\.k))).sorted()
  }
  var needsTopK: Bool { metrics.contains { $0.kind == .topKAccuracy } }
  /// The distinct bin counts of the calibration metrics, ascending.
  var calibrationBins: [Int] { Array(Set(metrics.filter(\.isCalibration).map(\.bins))).sorted() }

  var confusionCount: Int {
    switch task {
    case .binary: return 4
    case .multiclass(let c): return c * c
    case .multilabel(let l): return 4 * l
    }
  }

  /// An empty state for `mode`: exact mode keeps every requirement; streaming mode keeps only the
  /// counts and one streamed mean per metric (the confusion matrix is summed, not averaged).
  func emptyState(mode: AccumulationMode) -> ClassificationState<Score> {
    let classes = task.classes
    let nonFinite: Int
    if case .multilabel(let l) = task { nonFinite = l } else { nonFinite = 1 }
    var stores = 0
    var histograms = 0
    var thresholds = 2
    if mode == .exact && needsRank {
      switch options.rankEstimation {
      case .exact: stores = classes
      case .binned(let t):
        histograms = classes
        thresholds = t
      }
    }
    return ClassificationState(
      confusionCount: confusionCount, classes: classes, nonFiniteCount: nonFinite,
      topK: mode == .exact ? topKs : [], scoreStores: stores, histograms: histograms,
      thresholds: thresholds,
      streamed: mode == .streaming
        ? metrics.filter { $0.kind != .confusionMatrix }.flatMap(\.resultKeys) : [],
      calibrationBins: mode == .exact ? calibrationBins : [])
  }

  // MARK: Monoid

  mutating func reset() { state.removeAll() }

  func checkCompatible(_ other: ClassificationCore) throws(ObjectiveError) {
    guard task == other.task else {
      throw .incompatibleState("task \(task.name) differs from \(other.task.name)")
    }
    guard options == other.options else {
      throw .incompatibleState("classification options differ: \(options) vs \(other.options)")
    }
    guard metrics == other.metrics else {
      throw .incompatibleState(
        "metric lists differ: \(metrics.map(\.name)) vs \(other.metrics.map(\.name))")
    }
  }

  mutating func merge(_ other: ClassificationCore) throws(ObjectiveError) {
    try checkCompatible(other)
    try state.merge(other.state)
  }

  mutating func restore(_ snapshot: ClassificationState<Score>) throws(ObjectiveError) {
    let mine = configuration
    if let theirs = snapshot.configuration, theirs != mine {
      throw .incompatibleState("expected the state of \(mine), got the state of \(theirs)")
    }
    let expected = emptyState(mode: options.mode)
    guard expected.hasSameShape(as: snapshot) else {
      throw .incompatibleState(
        "expected a state of \(expected.shapeDescription) for \(mine), got one of \(snapshot.shapeDescription)"
      )
    }
    try snapshot.validate()
    state = snapshot
    state.configuration = nil
  }

  /// The state with its configuration written in, as the objectives export it.
  var exportedState: ClassificationState<Score> {
    var s = state
    s.configuration = configuration
    return s
  }

  /// The configuration a state must come from to be restored: the task, the options that change
  /// what is accumulated, the mode and the metric keys.
  var configuration: String {
    var parts = ["\(task.name) classification", options.inputKind.rawValue]
    if task != .multiclass(task.classes) && options.inputKind != .labels {
      parts.append("threshold \(options.threshold)")
    }
    if let i = options.ignoreIndex { parts.append("ignore index \(i)") }
    parts.append("NaN \(options.nanPolicy.rawValue)")
    parts.append("average \(options.average.rawValue)")
    parts.append("\(options.mode.rawValue) mode")
    if case .binned(let t) = options.rankEstimation { parts.append("ranks binned in \(t)") }
    return parts.joined(separator: ", ") + " reporting [" + metrics.map(\.name).joined(separator: ", ") + "]"
  }

  /// One core reporting the metrics of both, when tasks and options are equal, every key means the
  /// same metric in both, and the states are both empty or equal.
  func sharingState(with other: ClassificationCore) -> ClassificationCore? {
    guard task == other.task, options == other.options else { return nil }
    for m in other.metrics {
      if let mine = metrics.first(where: { $0.name == m.name }), mine != m { return nil }
    }
    let union = ClassificationCore(
      checked: task, options: options, metrics: metrics + other.metrics.filter { !metrics.contains($0) })
    if state.isEmpty && other.state.isEmpty && state.streamed.allSatisfy({ $0.values.isEmpty })
      && other.state.streamed.allSatisfy({ $0.values.isEmpty })
    {
      return union
    }
    guard state == other.state, union.state.hasSameShape(as: state) else { return nil }
    var shared = union
    shared.state = state
    return shared
  }

  /// The same configuration in another accumulation mode, with an empty state.
  func converted(to mode: AccumulationMode) -> ClassificationCore {
    var o = options
    o.mode = mode
    return ClassificationCore(checked: task, options: o, metrics: metrics)
  }

  /// The same configuration with another metric list, with an empty state; throws
  /// `invalidArgument` for a metric the task cannot report.
  func withMetrics(_ list: [ClassificationMetric]) throws(ObjectiveError) -> ClassificationCore {
    try Self.validate(list, task: task)
    try Self.validate(list, inputKind: options.inputKind)
    return ClassificationCore(checked: task, options: options, metrics: list)
  }

  // MARK: Accumulating a batch

  /// Accumulates one validated batch: in exact mode straight into the state, in streaming mode
  /// into an exact batch state whose values are then added to the running means, weighted by the
  /// batch's sample count.
  mutating func accumulate(_ body: (inout ClassificationState<Score>) -> Void) {
    if options.mode == .exact {
      body(&state)
      return
    }
    var batch = emptyState(mode: .exact)
    body(&batch)
    commitStreaming(batch)
  }

  private mutating func commitStreaming(_ batch: ClassificationState<Score>) {
    guard batch.samples > 0 else { return }
    let results = exactResults(of: batch)
    let poisoned = batch.nonFinite.contains { $0 > 0 }
    let weight = Double(batch.samples)
    for i in state.streamed.indices {
      guard let value = results[state.streamed[i].name] else { continue }
      state.streamed[i].add(value.values, weight: weight, poisoned: poisoned)
    }
    for i in state.confusion.indices { state.confusion[i] += batch.confusion[i] }
    for i in state.nonFinite.indices { state.nonFinite[i] += batch.nonFinite[i] }
    state.samples += batch.samples
  }

  // MARK: Results

  func compute() -> Results {
    if options.mode == .exact { return exactResults(of: state) }
    var results = Results()
    let counts = exactResults(of: state)
    for m in metrics {
      for (i, key) in m.resultKeys.enumerated() {
        let vector = i == 0 ? isVector(m) : thresholdIsVector(m)
        let value: MetricValue
        if m.kind == .confusionMatrix {
          value = counts[m.name] ?? .scalar(.nan)
        } else if let means = state.streamed.first(where: { $0.name == key })?.means {
          value = vector ? .vector(means) : .scalar(means.first ?? .nan)
        } else {
          value = vector ? .vector(Array(repeating: .nan, count: task.classes)) : .scalar(.nan)
        }
        results.append(
          Results.Entry(name: key, value: value, direction: i == 0 ? m.direction : nil))
      }
    }
    return results
  }

  /// The averaging a metric uses.
  func average(of m: ClassificationMetric) -> Averaging { m.average ?? options.average }

  /// Whether a metric reports a per-class vector.
  func isVector(_ m: ClassificationMetric) -> Bool {
    guard case .binary = task else {
      switch m.kind {
      case .confusionMatrix, .logLoss, .exactMatch, .hammingLoss, .calibrationError, .maxCalibrationError:
        return false
      case .mcc, .cohenKappa, .linearKappa, .quadraticKappa, .balancedAccuracy:
        if case .multiclass = task { return false }
        return average(of: m) == .perClass
      default: return average(of: m) == .perClass
      }
    }
    return false
  }
}
