import Foundation
import Objectives
import Testing

/// What `print` shows for the values a user prints: readable text, never a Swift dump.
@Suite struct DescriptionTests {
  func lossHistory() throws -> History {
    var history = History()
    for (epoch, value) in [(1, 0.3), (2, 0.135), (3, 0.2)] {
      try history.log(
        Results([.init(name: "val/loss", value: .scalar(value), direction: .minimize)]), epoch: epoch)
    }
    try history.log(Results([.init(name: "train/acc", value: .vector([0.5, 1]))]), step: 10)
    return history
  }

  @Test func bestValueHistoryAndTimeAxis() throws {
    let history = try lossHistory()
    let best = try #require(try history.best("val/loss"))
    #expect("\(best)" == "best val/loss = 0.1350 at epoch 2 (min)")
    #expect("\(TimeAxis.epoch) \(TimeAxis.step)" == "epoch step")
    #expect(
      "\(history)" == """
        History of 2 series:
          val/loss: 3 points by epoch, last 0.2000 at epoch 3 (min)
          train/acc: 1 point by step, last [0.5, 1] at step 10
        """)
    #expect("\(History())" == "History (empty)")
    #expect("\(history["val/loss"]!.points[1])" == "2: 0.1350")
    #expect(!"\(history)".contains("Objectives."))
  }

  @Test func earlyStopping() throws {
    var stopper = try EarlyStopping(monitor: "val/loss", patience: 2, minDelta: 1e-4)
    #expect(
      "\(stopper)"
        == "early stopping on val/loss: no value yet, 0 of 2 checks without improvement, minDelta 0.0001, continue"
    )
    try stopper.update(0.3, time: 1, direction: .minimize)
    try stopper.update(0.2, time: 2, direction: .minimize)
    try stopper.update(0.25, time: 3, direction: .minimize)
    #expect(
      "\(stopper)"
        == "early stopping on val/loss (min): best 0.2000 at 2, 1 of 2 checks without improvement, minDelta 0.0001, continue"
    )
    try stopper.update(0.2, time: 4, direction: .minimize)
    #expect("\(stopper)".hasSuffix("2 of 2 checks without improvement, minDelta 0.0001, stop"))
  }

  @Test func metersAndResults() throws {
    var meters = AverageMeters()
    meters.update(["loss": 2.0], n: 2)
    meters.update(["loss": 4.0])
    #expect("\(meters)" == "loss: 4.0000 (2.6667)")
    var meter = AverageMeter()
    meter.update(1.5)
    #expect("\(meter)" == "1.5000 (1.5000)")
    let results = Results([
      .init(name: "acc", value: .scalar(0.5)), .init(name: "f1", value: .vector([1, 0.25])),
    ])
    #expect("\(results)" == "{acc: 0.5, f1: [1, 0.25]}")
    #expect("\(MetricValue.matrix(rows: 2, columns: 2, values: [1, 2, 3, 4]))" == "[[1, 2], [3, 4]]")
  }

  @Test func sampleTable() throws {
    var table = SampleTable()
    #expect("\(table)" == "SampleTable of 0 rows (0 examples), no columns")
    table.constants = ["epoch": 3, "split": "val"]
    try table.record(exampleIDs: [0, 1, 1], columns: ["loss": [0.1, 2.3, .nan]])
    #expect(
      "\(table)"
        == "SampleTable of 3 rows (2 examples), columns: epoch, split, loss; constants epoch = 3, split = val"
    )
  }

  @Test func rowsAndCurvePointsInArrays() throws {
    var table = SampleTable()
    table.constants = ["split": "val"]
    try table.record(exampleIDs: [7, 8], columns: ["loss": [0.5, 2]])
    let worst = try table.worst(1, by: "loss", direction: .minimize)
    #expect("\(worst)" == "[example 8 (row 1): loss = 2, split = val]")
    var binary = try binaryMetrics(metrics: [.auroc])
    try binary.update([0.9, 0.4], [1, 0])
    #expect(
      "\(binary.rocCurve())"
        == "[fpr 0.0000, tpr 0.0000 at threshold inf, fpr 0.0000, tpr 1.0000 at threshold 0.9000, "
        + "fpr 1.0000, tpr 1.0000 at threshold 0.4000]")
    #expect("\(binary.precisionRecallCurve()[1])" == "precision 1.0000, recall 1.0000 at threshold 0.9000")
  }

  @Test func catalogueObjectives() throws {
    var binary = try binaryMetrics(Float.self)
    try binary.update([0.9, 0.2], [1, 0])
    #expect(
      "\(binary)"
        == "binary classification [auroc, auprc, acc, f1, mcc] on probabilities, threshold 0.5, exact mode; 2 samples"
    )
    let multiclass = try multiclassMetrics(
      numClasses: 10, inputKind: .logits, metrics: [.accuracy, .f1.averaged(.perClass)], ignoreIndex: -100,
      nanPolicy: .omit)
    #expect(
      "\(multiclass)"
        == "multiclass classification of 10 classes [acc, f1_none] on logits, macro average, exact mode, ignore index -100, NaN omit; 0 samples"
    )
    let multilabel = try multilabelMetrics(
      numLabels: 1, metrics: [.exactMatch], average: .perClass, mode: .streaming,
      rankEstimation: .binned(thresholds: 50))
    #expect(
      "\(multilabel)"
        == "multilabel classification of 1 label [exact_match] on probabilities, threshold 0.5, per-class values, streaming mode, binned ranks (50 thresholds); 0 rows"
    )
    var regression = try regressionMetrics(numOutputs: 2, metrics: [.mse, .r2], nanPolicy: .error)
    try regression.update([1, 2, 3, 4], [1, 2, 3, 5])
    #expect(
      "\(regression)" == "regression of 2 outputs [mse, r2], uniformAverage, exact mode, NaN error; 2 rows")
    #expect(
      "\(try regressionMetrics())"
        == "regression of 1 output [pearson, spearman, r2, mse, rmse], exact mode; 0 rows")
    var tasks = MultiTaskMetrics<[Double], [Int]>(aggregate: .macro, prefix: "val/")
    try tasks.register("sentiment", binaryMetrics(metrics: [.accuracy]), outputs: { $0 }, targets: { $0 })
    #expect("\(tasks)" == "multi-task metrics of 1 task [sentiment], macro aggregate, keys val/…")
  }

  @Test func incompatibleOptionsAreNamedReadably() throws {
    var a = try binaryMetrics(metrics: [.accuracy])
    let b = try binaryMetrics(metrics: [.accuracy], threshold: 0.7)
    do {
      try a.merge(b)
      Issue.record("merging different thresholds did not throw")
    } catch {
      #expect(
        error.description
          == "incompatible state: classification options differ: probabilities, threshold 0.5, macro average, exact mode vs probabilities, threshold 0.7, macro average, exact mode"
      )
    }
  }
}
