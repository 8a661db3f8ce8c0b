import Foundation
import Testing

@testable import Objectives

/// Configuration from runtime values: every bad value throws `ObjectiveError.invalidArgument`
/// naming it, at every entry point, instead of trapping.
@Suite struct ConfigurationTests {
  /// Expects `body` to throw `.invalidArgument` whose message contains every one of `words`.
  func expectInvalid(
    _ words: [String], sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
  ) {
    do {
      try body()
      Issue.record("no error; expected one mentioning \(words)", sourceLocation: sourceLocation)
    } catch {
      guard case .invalidArgument(let message) = error as? ObjectiveError else {
        Issue.record("expected invalidArgument, got \(error)", sourceLocation: sourceLocation)
        return
      }
      for w in words {
        #expect(message.contains(w), "\"\(message)\" does not mention \(w)", sourceLocation: sourceLocation)
      }
    }
  }

  @Test func taskWidthsThrow() {
    expectInvalid(["numClasses", "1"]) { _ = try MulticlassClassification<Float>(numClasses: 1) }
    expectInvalid(["numClasses", "-3"]) { _ = try multiclassMetrics(numClasses: -3) }
    expectInvalid(["numLabels", "0"]) { _ = try MultilabelClassification<Double>(numLabels: 0) }
    expectInvalid(["numLabels", "0"]) { _ = try multilabelMetrics(Float.self, numLabels: 0) }
    expectInvalid(["numOutputs", "0"]) { _ = try Regression<Double>(numOutputs: 0) }
    expectInvalid(["numClasses", "0"]) { _ = try CrossEntropyLoss(numClasses: 0) }
    expectInvalid(["numClasses", "0"]) { _ = try KLDivergenceLoss(numClasses: 0) }
  }

  @Test func thresholdsThrow() {
    expectInvalid(["threshold", "1.5"]) { _ = try binaryMetrics(threshold: 1.5) }
    expectInvalid(["threshold", "-0.1"]) { _ = try BinaryClassification<Float>(threshold: -0.1) }
    expectInvalid(["threshold", "nan"]) { _ = try multilabelMetrics(numLabels: 2, threshold: .nan) }
    expectInvalid(["threshold", "2.0"]) {
      _ = try BinaryClassification<Double>(options: ClassificationOptions(threshold: 2))
    }
    // The options are a value with public fields: a bad value set later is caught too.
    var options = ClassificationOptions()
    options.threshold = 7
    expectInvalid(["threshold", "7.0"]) {
      _ = try MultilabelClassification<Double>(numLabels: 3, options: options)
    }
  }

  @Test func binnedRankEstimationNeedsTwoThresholds() {
    expectInvalid(["2 thresholds", "got 1"]) {
      _ = try binaryMetrics(rankEstimation: .binned(thresholds: 1))
    }
    expectInvalid(["2 thresholds", "got 0"]) {
      _ = try multiclassMetrics(numClasses: 3, rankEstimation: .binned(thresholds: 0))
    }
    expectInvalid(["2 thresholds", "got 1"]) { _ = try ScoreHistogram(thresholds: 1) }
  }

  @Test func metricsTheTaskCannotReportThrowNamingTheirPosition() {
    expectInvalid(["metric 1", "f0", "β > 0", "0.0"]) {
      _ = try binaryMetrics(metrics: [.accuracy, .fBeta(0)])
    }
    expectInvalid(["metric 0", "β", "inf"]) {
      _ = try multiclassMetrics(numClasses: 3, metrics: [.fBeta(.infinity)])
    }
    expectInvalid(["metric 5", "k ≥ 1", "got 0"]) {
      _ = try multiclassMetrics(numClasses: 3, adding: [.topKAccuracy(0)])
    }
    expectInvalid(["metric 0", "acc@2", "multiclass", "binary"]) {
      _ = try BinaryClassification<Float>(metrics: [.topKAccuracy(2)])
    }
    expectInvalid(["acc@2", "multilabel"]) {
      _ = try multilabelMetrics(numLabels: 2, metrics: [.topKAccuracy(2)])
    }
    expectInvalid(["exact_match", "multiclass"]) {
      _ = try MulticlassClassification<Double>(numClasses: 4, metrics: [.exactMatch])
    }
    expectInvalid(["exact_match", "binary"]) { _ = try binaryMetrics(Float.self, adding: [.exactMatch]) }
  }

  @Test func addingAndReplacingMetricsCheckTheNewList() throws {
    let binary = try binaryMetrics()
    expectInvalid(["acc@3", "binary"]) { _ = try binary.adding([.topKAccuracy(3)]) }
    expectInvalid(["exact_match"]) { _ = try binary.replacingMetrics(with: [.exactMatch]) }
    let multiclass = try multiclassMetrics(numClasses: 3)
    #expect(try multiclass.adding([.topKAccuracy(2)]).metrics.last?.name == "acc@2")
    expectInvalid(["f-2", "β"]) { _ = try multiclass.replacingMetrics(with: [.fBeta(-2)]) }
  }

  @Test func trackingConfigurationThrows() {
    expectInvalid(["patience", "-1"]) { _ = try EarlyStopping(monitor: "val/loss", patience: -1) }
    expectInvalid(["minDelta", "nan"]) {
      _ = try EarlyStopping(monitor: "val/loss", patience: 1, minDelta: .nan)
    }
    // A runtime string (a literal argument is a literal conversion, checked by a precondition).
    let spec = ["%.4q"].joined()
    expectInvalid(["%.4q"]) { _ = try FloatFormat(spec) }
  }

  @Test func factoriesDefaultToDoubleAndTakeTheDocumentedOrder() throws {
    let binary = try binaryMetrics()
    #expect(type(of: binary) == BinaryClassification<Double>.self)
    #expect(type(of: try multilabelMetrics(numLabels: 2)) == MultilabelClassification<Double>.self)
    let float: MulticlassClassification<Float> = try multiclassMetrics(numClasses: 3)
    #expect(float.numClasses == 3)
    // Shape, input kind, metrics, then the other options: the order of Docs/Metrics.md.
    let m = try multiclassMetrics(
      Float.self, numClasses: 10, inputKind: .logits, adding: [.topKAccuracy(5), .crossEntropy],
      average: .weighted)
    #expect(m.metrics.map(\.name) == ["auroc", "auprc", "acc", "f1", "mcc", "acc@5", "cross_entropy"])
    #expect(m.options.inputKind == .logits && m.options.average == .weighted)
    let b = try BinaryClassification<Float>(inputKind: .logits, metrics: [.accuracy], threshold: 0.3)
    #expect(b.options.threshold == 0.3)
  }

  @Test func chartStylesTakeAnyIndex() {
    // A negative style index trapped (a negative remainder used as an array index).
    #expect(ChartStyle.color(-1) == ChartStyle.colors[7])
    #expect(ChartStyle.color(-8) == ChartStyle.colors[0])
    #expect(ChartStyle.dash(-1) == ChartStyle.dashes[3])
    #expect(ChartStyle.dash(-8) == ChartStyle.dashes[3])
    #expect(ChartStyle.dash(-9) == ChartStyle.dashes[2])
    #expect(ChartStyle.color(9) == ChartStyle.colors[1] && ChartStyle.dash(9) == ChartStyle.dashes[1])
    #expect(ChartStyle.color(Int.min) == ChartStyle.colors[0])
  }

  @Test func goodConfigurationsStillBuild() throws {
    #expect(try MulticlassClassification<Float>(numClasses: 2).numClasses == 2)
    #expect(try multilabelMetrics(numLabels: 1).numLabels == 1)
    #expect(try binaryMetrics(threshold: 0).options.threshold == 0)
    #expect(try binaryMetrics(threshold: 1).options.threshold == 1)
    #expect(
      try binaryMetrics(rankEstimation: .binned(thresholds: 2)).options.rankEstimation
        == .binned(thresholds: 2))
    #expect(try ScoreHistogram(thresholds: 2).thresholds == 2)
  }

  /// A calibration metric with no bin is a configuration error, not a trap.
  @Test func calibrationWithoutBinsThrows() {
    #expect(throws: ObjectiveError.self) { try binaryMetrics(metrics: [.calibrationError(bins: 0)]) }
    #expect(throws: ObjectiveError.self) {
      try multiclassMetrics(numClasses: 3, metrics: [.maxCalibrationError(bins: -1)])
    }
  }
}
