import Testing

@testable import Objectives

/// Every functional form equals the `compute()` of the objective it stands for, on the same data,
/// for every metric, task and averaging, and the named forms equal the general ones.
@Suite struct FunctionalTests {
  static let classes = 4
  static let labels = 3

  /// Random scores and targets for one task: probabilities (rows summing to 1 for multiclass).
  static func data(_ task: ClassificationTask, count: Int, seed: UInt64) -> (scores: [Double], targets: [Int])
  {
    var rng = SeededGenerator(seed: seed)
    switch task {
    case .binary:
      let targets = (0..<count).map { _ in Int.random(in: 0...1, using: &rng) }
      let scores = targets.map { t in
        min(1, max(0, Double(t) * 0.3 + Double.random(in: 0..<0.7, using: &rng)))
      }
      return (scores, targets)
    case .multiclass(let c):
      let targets = (0..<count).map { _ in Int.random(in: 0..<c, using: &rng) }
      var scores: [Double] = []
      for t in targets {
        var row = (0..<c).map { _ in Double.random(in: 0.01..<1, using: &rng) }
        row[t] += 0.5
        let total = row.reduce(0, +)
        scores += row.map { $0 / total }
      }
      return (scores, targets)
    case .multilabel(let l):
      let targets = (0..<(count * l)).map { _ in Int.random(in: 0...1, using: &rng) }
      let scores = targets.map { t in
        min(1, max(0, Double(t) * 0.3 + Double.random(in: 0..<0.7, using: &rng)))
      }
      return (scores, targets)
    }
  }

  static let tasks: [ClassificationTask] = [
    .binary, .multiclass(numClasses: classes), .multilabel(numLabels: labels),
  ]

  static let allMetrics: [ClassificationMetric] =
    ClassificationMetric.Kind.allCases.map { kind in
      switch kind {
      case .fBeta: return .fBeta(2)
      case .topKAccuracy: return .topKAccuracy(2)
      case .recallAtPrecision, .precisionAtRecall, .sensitivityAtSpecificity, .specificityAtSensitivity:
        return ClassificationMetric(kind, level: 0.6)
      case .partialAUROC: return .partialAUROC(maxFPR: 0.3)
      default: return ClassificationMetric(kind)
      }
    }

  static func sameValue(_ a: MetricValue, _ b: MetricValue) -> Bool {
    guard a.values.count == b.values.count else { return false }
    return zip(a.values, b.values).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
  }

  /// The results of the task's objective reporting `metrics`, updated once.
  static func objectiveResults(
    _ task: ClassificationTask, _ metrics: [ClassificationMetric], _ options: ClassificationOptions,
    _ scores: [Double], _ targets: [Int]
  ) throws -> Results {
    switch task {
    case .binary:
      var o = try BinaryClassification<Double>(metrics: metrics, options: options)
      try o.update(scores, targets)
      return o.compute()
    case .multiclass(let c):
      var o = try MulticlassClassification<Double>(numClasses: c, metrics: metrics, options: options)
      try o.update(scores, targets)
      return o.compute()
    case .multilabel(let l):
      var o = try MultilabelClassification<Double>(numLabels: l, metrics: metrics, options: options)
      try o.update(scores, targets)
      return o.compute()
    }
  }

  /// Whether the task's objective accepts `metric` (top-k accuracy is multiclass only, exact match
  /// multilabel only).
  static func accepts(_ task: ClassificationTask, _ metric: ClassificationMetric) -> Bool {
    switch (task, metric.kind) {
    case (.binary, .topKAccuracy), (.multilabel, .topKAccuracy), (.binary, .exactMatch),
      (.multiclass, .exactMatch), (.multilabel, .calibrationError), (.multilabel, .maxCalibrationError):
      return false
    default: return true
    }
  }

  /// Equal to 1e-12 relative: a regression objective reporting several metrics may reach one of
  /// them through other sufficient statistics (moments instead of a plain sum), so values agree to
  /// rounding, not bit for bit.
  static func close(_ a: MetricValue, _ b: MetricValue) -> Bool {
    guard a.values.count == b.values.count else { return false }
    return zip(a.values, b.values).allSatisfy { x, y in
      (x.isNaN && y.isNaN) || x == y || abs(x - y) <= 1e-12 * max(abs(x), abs(y))
    }
  }

  @Test(arguments: tasks)
  func generalFormEqualsTheObjective(task: ClassificationTask) throws {
    let (scores, targets) = Self.data(task, count: 200, seed: 7)
    for average in Averaging.allCases {
      let metrics = Self.allMetrics.map { $0.averaged(average) }
      let options = ClassificationOptions(average: average)
      // One objective reporting every metric the task accepts, as a user would build it.
      let accepted = metrics.filter { Self.accepts(task, $0) }
      let reported = try Self.objectiveResults(task, accepted, options, scores, targets)
      for metric in metrics {
        if let expected = reported[metric.name] {
          let value = try Functional.classification(metric, scores, targets, task: task, options: options)
          #expect(Self.sameValue(value, expected), "\(metric.name), \(task)")
        } else {
          #expect(throws: ObjectiveError.self, "\(metric.name), \(task)") {
            try Functional.classification(metric, scores, targets, task: task, options: options)
          }
        }
      }
    }
  }

  typealias Named = @Sendable ([Double], [Int], ClassificationTask, Averaging) throws -> Double

  static let named: [(ClassificationMetric, Named)] = [
    (.accuracy, { try Functional.accuracy($0, $1, task: $2, average: $3) }),
    (.precision, { try Functional.precision($0, $1, task: $2, average: $3) }),
    (.recall, { try Functional.recall($0, $1, task: $2, average: $3) }),
    (.f1, { try Functional.f1($0, $1, task: $2, average: $3) }),
    (.fBeta(0.5), { try Functional.fBeta($0, $1, beta: 0.5, task: $2, average: $3) }),
    (.specificity, { try Functional.specificity($0, $1, task: $2, average: $3) }),
    (.balancedAccuracy, { try Functional.balancedAccuracy($0, $1, task: $2, average: $3) }),
    (.mcc, { try Functional.mcc($0, $1, task: $2, average: $3) }),
    (.cohenKappa, { try Functional.cohenKappa($0, $1, task: $2, average: $3) }),
    (.auroc, { try Functional.auroc($0, $1, task: $2, average: $3) }),
    (.averagePrecision, { try Functional.averagePrecision($0, $1, task: $2, average: $3) }),
    (.logLoss, { try Functional.logLoss($0, $1, task: $2, average: $3) }),
    (.exactMatch, { try Functional.exactMatch($0, $1, task: $2, average: $3) }),
    (.hammingLoss, { try Functional.hammingLoss($0, $1, task: $2, average: $3) }),
    (.jaccard, { try Functional.jaccard($0, $1, task: $2, average: $3) }),
    (.dice, { try Functional.dice($0, $1, task: $2, average: $3) }),
    (.linearKappa, { try Functional.linearKappa($0, $1, task: $2, average: $3) }),
    (.quadraticKappa, { try Functional.quadraticKappa($0, $1, task: $2, average: $3) }),
    (.calibrationError, { s, t, task, _ in try Functional.calibrationError(s, t, task: task) }),
    (.maxCalibrationError, { s, t, task, _ in try Functional.maxCalibrationError(s, t, task: task) }),
    (.recallAtPrecision(0.6), { try operatingValue(.recallAtPrecision(0.6), $0, $1, $2, $3) }),
    (.precisionAtRecall(0.5), { try operatingValue(.precisionAtRecall(0.5), $0, $1, $2, $3) }),
    (.sensitivityAtSpecificity(0.7), { try operatingValue(.sensitivityAtSpecificity(0.7), $0, $1, $2, $3) }),
    (.specificityAtSensitivity(0.7), { try operatingValue(.specificityAtSensitivity(0.7), $0, $1, $2, $3) }),
    (.bestF1, { try operatingValue(.bestF1, $0, $1, $2, $3) }),
    (.youden, { try operatingValue(.youden, $0, $1, $2, $3) }),
    (.partialAUROC(maxFPR: 0.3), { try Functional.partialAUROC($0, $1, maxFPR: 0.3, task: $2, average: $3) }),
  ]

  /// The value of `Functional.operatingPoint` as a scalar (a vector is refused, as by the named
  /// forms), after checking that its threshold is the objective's.
  @Sendable static func operatingValue(
    _ m: ClassificationMetric, _ s: [Double], _ t: [Int], _ task: ClassificationTask, _ average: Averaging
  ) throws -> Double {
    let (value, threshold) = try Functional.operatingPoint(m, s, t, task: task, average: average)
    let reported = try objectiveResults(
      task, [m.averaged(average)], ClassificationOptions(average: average), s, t)
    #expect(sameValue(threshold, try #require(reported[m.averaged(average).resultKeys[1]])))
    guard let scalar = value.scalar else { throw ObjectiveError.invalidArgument("a vector") }
    return scalar
  }

  @Test(arguments: tasks)
  func namedFormsEqualTheGeneralForm(task: ClassificationTask) throws {
    let (scores, targets) = Self.data(task, count: 150, seed: 11)
    #expect(Self.named.count == ClassificationMetric.Kind.allCases.count - 2)  // all but confmat, top-k
    for (metric, function) in Self.named {
      for average in Averaging.allCases {
        let options = ClassificationOptions(average: average)
        let general = Result {
          try Functional.classification(
            metric.averaged(average), scores, targets, task: task, options: options)
        }
        let value = Result { try function(scores, targets, task, average) }
        switch (general, value) {
        case (.success(let g), .success(let v)):
          #expect(g.scalar.map { Self.sameValue(.scalar($0), .scalar(v)) } == true, "\(metric.name), \(task)")
        case (.success(let g), .failure):
          #expect(g.scalar == nil, "\(metric.name), \(task): a scalar was refused")
        case (.failure, .failure): break
        case (.failure, .success):
          Issue.record("\(metric.name), \(task): the named form accepted a refused metric")
        }
      }
    }
  }

  @Test func topKAccuracyAndConfusionMatrix() throws {
    let (scores, targets) = Self.data(.multiclass(numClasses: 4), count: 120, seed: 3)
    var o = try MulticlassClassification<Double>(
      numClasses: 4, metrics: [.topKAccuracy(2).averaged(.micro), .confusionMatrix])
    try o.update(scores, targets)
    let r = o.compute()
    #expect(try Functional.topKAccuracy(scores, targets, k: 2, numClasses: 4) == r["acc@2_micro"]?.scalar)
    let matrix = try Functional.confusionMatrix(scores, targets, task: .multiclass(numClasses: 4))
    #expect(matrix.flatMap { $0 }.map(Double.init) == r["confmat"]?.values)
    #expect(matrix.count == 4 && matrix.allSatisfy { $0.count == 4 })
    #expect(throws: ObjectiveError.self) { try Functional.topKAccuracy(scores, targets, k: 0, numClasses: 4) }
    #expect(throws: ObjectiveError.self) {
      try Functional.fBeta(scores, targets, beta: -1, task: .multiclass(numClasses: 4))
    }
  }

  /// The values the documentation shows.
  @Test func documentedValues() throws {
    #expect(try Functional.auroc([0.9, 0.2, 0.7, 0.4], [1, 0, 0, 1], task: .binary) == 0.75)
    #expect(try Functional.accuracy([0.9, 0.2, 0.7, 0.4], [1, 0, 0, 1], task: .binary) == 0.5)
  }

  @Test func errorsAreTheObjectivesErrors() {
    // A length mismatch and a target out of range throw as the objective's update does.
    #expect(throws: ObjectiveError.self) { try Functional.auroc([0.1, 0.9], [1], task: .binary) }
    #expect(throws: ObjectiveError.self) { try Functional.accuracy([0.1, 0.9], [1, 2], task: .binary) }
    #expect(throws: ObjectiveError.self) { try Functional.r2([1.0, 2], [1.0]) }
    #expect(throws: ObjectiveError.self) { try Functional.crossEntropyLoss([0, 1], [2], numClasses: 2) }
  }

  @Test func regressionFormsEqualTheObjective() throws {
    var rng = SeededGenerator(seed: 5)
    for outputs in [1, 3] {
      let targets = (0..<(90 * outputs)).map { _ in Double.random(in: -2..<2, using: &rng) }
      let predictions = targets.map { $0 + Double.random(in: -0.5..<0.5, using: &rng) }
      for aggregation in MultiOutputAggregation.allCases {
        let classic: [RegressionMetric.Kind] = [
          .mse, .rmse, .mae, .r2, .adjustedR2, .pearson, .spearman, .explainedVariance, .mape,
          .cosineSimilarity,
        ]
        let metrics = classic.map { kind in
          kind == .adjustedR2 ? RegressionMetric.adjustedR2(regressors: 2) : RegressionMetric(kind)
        }
        var o = try Regression<Double>(metrics, numOutputs: outputs, multioutput: aggregation)
        try o.update(predictions, targets)
        let reported = o.compute()
        for metric in metrics {
          let value = try Functional.regression(
            metric, predictions, targets, numOutputs: outputs, multioutput: aggregation)
          #expect(Self.close(value, try #require(reported[metric.name])), "\(metric.name)")
        }
        let named: [(String, () throws -> Double)] = [
          (
            "mse", { try Functional.mse(predictions, targets, numOutputs: outputs, multioutput: aggregation) }
          ),
          (
            "rmse",
            { try Functional.rmse(predictions, targets, numOutputs: outputs, multioutput: aggregation) }
          ),
          (
            "mae", { try Functional.mae(predictions, targets, numOutputs: outputs, multioutput: aggregation) }
          ),
          ("r2", { try Functional.r2(predictions, targets, numOutputs: outputs, multioutput: aggregation) }),
          (
            "adjusted_r2",
            {
              try Functional.adjustedR2(
                predictions, targets, regressors: 2, numOutputs: outputs, multioutput: aggregation)
            }
          ),
          (
            "pearson",
            { try Functional.pearson(predictions, targets, numOutputs: outputs, multioutput: aggregation) }
          ),
          (
            "spearman",
            { try Functional.spearman(predictions, targets, numOutputs: outputs, multioutput: aggregation) }
          ),
          (
            "explained_variance",
            {
              try Functional.explainedVariance(
                predictions, targets, numOutputs: outputs, multioutput: aggregation)
            }
          ),
          (
            "mape",
            { try Functional.mape(predictions, targets, numOutputs: outputs, multioutput: aggregation) }
          ),
          (
            "cosine_similarity",
            {
              try Functional.cosineSimilarity(
                predictions, targets, numOutputs: outputs, multioutput: aggregation)
            }
          ),
        ]
        #expect(named.count == classic.count)
        for (name, function) in named {
          let expected = try #require(reported[name])
          if let scalar = expected.scalar {
            #expect(Self.close(.scalar(try function()), .scalar(scalar)), "\(name)")
          } else {
            #expect(throws: ObjectiveError.self, "\(name) is a vector") { try function() }
          }
        }
      }
    }
  }

  @Test func lossFormsEqualTheLosses() throws {
    let o = [0.2, -1.5, 3.0, 0.7, 0.1, -0.4]
    let t = [0.0, -1.0, 2.0, 1.0, 0.5, 0.0]
    let p = [0.2, 0.9, 0.6, 0.35, 0.01, 0.99]
    let y = [0.0, 1.0, 1.0, 0.0, 0.0, 1.0]
    let cases: [(Double, Double)] = [
      (try Functional.mseLoss(o, t), try MSELoss().mean(o, t)),
      (try Functional.maeLoss(o, t, width: 2), try MAELoss(width: 2).mean(o, t)),
      (try Functional.huberLoss(o, t, delta: 0.5), try HuberLoss(delta: 0.5).mean(o, t)),
      (try Functional.smoothL1Loss(o, t, beta: 0.3), try SmoothL1Loss(beta: 0.3).mean(o, t)),
      (try Functional.binaryCrossEntropyLoss(p, y), try BinaryCrossEntropyLoss().mean(p, y)),
      (
        try Functional.binaryCrossEntropyWithLogitsLoss(o, y, positiveWeight: 2),
        try BinaryCrossEntropyWithLogitsLoss(positiveWeight: 2).mean(o, y)
      ),
      (try Functional.hingeLoss(o, y, labels: .binary), try HingeLoss(labels: .binary).mean(o, y)),
      (
        try Functional.crossEntropyLoss(o, [0, 2], numClasses: 3, labelSmoothing: 0.1),
        try CrossEntropyLoss(numClasses: 3, labelSmoothing: 0.1).mean(o, [0, 2])
      ),
      (
        try Functional.klDivergenceLoss(o, [0.2, 0.3, 0.5, 0.1, 0.1, 0.8], numClasses: 3, input: .logits),
        try KLDivergenceLoss(numClasses: 3, input: .logits).mean(o, [0.2, 0.3, 0.5, 0.1, 0.1, 0.8])
      ),
    ]
    for (k, (functional, direct)) in cases.enumerated() {
      #expect(functional.bitPattern == direct.bitPattern, "case \(k)")
    }
    let sum = try Functional.mseLoss(o, t, reduction: .sum)
    #expect(abs(sum - 6 * (try MSELoss().mean(o, t))) <= 1e-12 * sum)
  }
}
