import Testing

@testable import Objectives

/// The library's name registries: every name reads back to the metric that reports it.
@Suite struct RegistryTests {
  static var classificationMetrics: [ClassificationMetric] {
    let plain: [ClassificationMetric] = [
      .accuracy, .precision, .recall, .f1, .specificity, .balancedAccuracy, .mcc, .cohenKappa,
      .confusionMatrix, .auroc, .averagePrecision, .logLoss, .exactMatch, .hammingLoss, .fBeta(2),
      .fBeta(0.5),
      .topKAccuracy(3),
    ]
    return [.crossEntropy] + plain + plain.flatMap { m in Averaging.allCases.map { m.averaged($0) } }
  }

  @Test func everyClassificationMetricRoundTripsThroughItsName() {
    for metric in Self.classificationMetrics {
      #expect(ClassificationMetric(named: metric.name) == metric, "\(metric.name)")
    }
    // The parameterised forms are listed with a placeholder (acc@K, fB, ece@N, recall_at_precision=X).
    for name in ClassificationMetric.knownNames
    where !name.hasSuffix("K") && name != "fB" && !name.hasSuffix("@N") && !name.hasSuffix("=X") {
      let metric = ClassificationMetric(named: name)
      #expect(metric?.name == name)
    }
    #expect(ClassificationMetric(named: "roc_auc") == .auroc)
    #expect(ClassificationMetric(named: "accuracy_micro") == .accuracy.averaged(.micro))
    #expect(ClassificationMetric(named: "nope") == nil && ClassificationMetric(named: "f0") == nil)
    #expect(ClassificationMetric(named: "acc@0") == nil)
    // The second catalogue's parameterised names.
    let parameterised: [ClassificationMetric] = [
      .calibrationError(bins: 10), .maxCalibrationError(bins: 7), .recallAtPrecision(0.9),
      .precisionAtRecall(0.5), .sensitivityAtSpecificity(0.8), .specificityAtSensitivity(0.8),
      .partialAUROC(maxFPR: 0.1),
    ]
    for metric in parameterised {
      #expect(ClassificationMetric(named: metric.name) == metric, "\(metric.name)")
    }
    #expect(
      ClassificationMetric(named: "mean_iou_macro") == nil && ClassificationMetric(named: "ece_micro") == nil)
  }

  @Test func everyRegressionMetricRoundTripsThroughItsName() {
    for known in RegressionMetric.knownNames {
      let base = known.replacing("=P", with: "=1.5")
      for name in [base, base + "_raw", base + "_variance_weighted"] {
        let metric = RegressionMetric(named: name)
        #expect(metric?.name == name)
        #expect(metric.flatMap { RegressionMetric(named: $0.name) } == metric)
      }
    }
    #expect(RegressionMetric(named: "mse_raw")?.aggregation == .rawValues)
    #expect(RegressionMetric(named: "nope") == nil)
  }

  @Test func formulaLeafNamesComeFromTheTokenizer() throws {
    #expect(try FormulaSyntax.leafNames(in: #"[CE] + 0.5 x [a\]b] - [CE]"#) == ["CE", "a]b"])
    #expect(throws: FormulaError.self) { try FormulaSyntax.leafNames(in: "[CE + 1") }
  }

  @Test func positiveClassRuleMatchesTheMetrics() {
    let probabilities = ClassificationOptions(threshold: 0.3)
    #expect(probabilities.isPositive(0.31) && !probabilities.isPositive(0.3))
    let logits = ClassificationOptions(inputKind: .logits, threshold: 0.5)
    #expect(logits.isPositive(0.001) && !logits.isPositive(0))
  }

  @Test func softmaxFollowsTheLogSoftmaxRule() {
    let p = Functional.softmax([0, 0, .infinity, 1, .infinity, 2], numClasses: 3)
    #expect(Array(p[0..<3]) == [0, 0, 1])
    #expect(Array(p[3..<6]) == [0, 1, 0])
    #expect(Functional.softmax([.nan, 1], numClasses: 2).allSatisfy { $0.isNaN })
  }
}

/// The registry of built-in losses: name and parameters to a loss, or an error naming the problem.
@Suite struct LossRegistryTests {
  @Test func everyNameMakesItsLossWithDefaultsAndItsName() throws {
    for name in BuiltinLoss.names {
      let parameters: [String: LossParameter] =
        BuiltinLoss.parameterNames[name]!.contains("classes") ? ["classes": 3] : [:]
      let loss = try BuiltinLoss(named: name, parameters: parameters).loss
      #expect(loss.name == name)
    }
    #expect(BuiltinLoss.names.count == 9)
  }

  @Test func parametersReachTheLoss() throws {
    guard
      case .elementwise(let huber) = try BuiltinLoss(named: "huber", parameters: ["delta": 0.5, "name": "h"])
    else {
      Issue.record("huber is elementwise")
      return
    }
    let direct = try HuberLoss(delta: 0.5, name: "h")
    #expect(try huber.values([0, 3], [1, 0]) == direct.values([0, 3], [1, 0]))
    guard
      case .crossEntropy(let ce) = try BuiltinLoss(
        named: "cross_entropy", parameters: ["classes": 3, "label_smoothing": 0.1])
    else {
      Issue.record("cross_entropy takes class indices")
      return
    }
    #expect(ce.numClasses == 3 && ce.labelSmoothing == 0.1)
    guard
      case .elementwise(let hinge) = try BuiltinLoss(
        named: "hinge", parameters: ["labels": "binary", "squared": true])
    else { return }
    #expect(try hinge.values([0.5], [0]) == HingeLoss(labels: .binary, squared: true).values([0.5], [0]))
  }

  @Test func badNamesAndParametersAreNamedInTheError() {
    func reason(_ name: String, _ parameters: [String: LossParameter]) -> String {
      do {
        _ = try BuiltinLoss(named: name, parameters: parameters)
        return ""
      } catch {
        return error.description
      }
    }
    #expect(reason("hubber", [:]).contains("unknown loss \"hubber\""))
    #expect(reason("huber", ["delt": 1]).contains("unknown parameter \"delt\""))
    #expect(reason("huber", ["delta": "big"]).contains("\"delta\" must be a number"))
    #expect(reason("cross_entropy", [:]).contains("\"classes\" is required"))
    #expect(reason("mse", ["width": 1.5]).contains("\"width\" must be an integer"))
    #expect(reason("hinge", ["labels": "x"]).contains("\"labels\" must be signed or binary"))
    #expect(reason("huber", ["delta": -1]).contains("delta"))
  }
}

/// One curve accessor, `rocCurve(class:)`, on every classification objective.
@Suite struct CurveAccessorTests {
  @Test func oneAccessorWithADefaultForBinaryAndEmptyOutsideTheClasses() throws {
    var binary = try BinaryClassification<Double>(metrics: [.auroc])
    try binary.update([0.1, 0.9, 0.4], [0, 1, 1])
    #expect(binary.rocCurve() == binary.rocCurve(class: 0) && !binary.rocCurve().isEmpty)
    #expect(binary.rocCurve(class: 1).isEmpty && binary.precisionRecallCurve(class: -1).isEmpty)
    var multiclass = try MulticlassClassification<Double>(numClasses: 2, metrics: [.auroc])
    try multiclass.update([0.9, 0.1, 0.2, 0.8], [0, 1])
    #expect(!multiclass.rocCurve(class: 1).isEmpty && multiclass.rocCurve(class: 2).isEmpty)
  }
}
