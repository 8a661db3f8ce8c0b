import Foundation
import Testing

@testable import Objectives

/// Checkpoint and resume everywhere: every state type of the law test, and every kind of objective
/// and tracker (each classification task and mode, regression, multi-task, a loss watching
/// metrics, collections, metric expressions, meters, history, early stopping), checkpointed at
/// every batch boundary through a plain JSON round trip, equal an uninterrupted run bit for bit.
@Suite struct CheckpointResumeTests {
  typealias Law = MergeableLawTests

  /// The law test's data with non-finite values in it: NaN and infinities must survive a
  /// checkpoint too.
  static let poisoned: [Double] = Law.xs.indices.map { i in
    i == 31 ? .nan : i == 77 ? .infinity : i == 150 ? -.infinity : Law.xs[i]
  }

  static func update<O: Objective>(
    _ data: ClassificationPropertyTests.Data
  ) -> (inout O, Range<Int>) throws -> Void where O.Output == [Double], O.Target == [Int] {
    Law.updateClassification(data)
  }

  static func updateFloat<O: Objective>(
    _ data: ClassificationPropertyTests.Data
  ) -> (inout O, Range<Int>) throws -> Void where O.Output == [Float], O.Target == [Int] {
    { o, r in
      let (s, t) = data.slice(r)
      try o.update(s.map { Float($0) }, t)
    }
  }

  /// Binary scores with a NaN among them.
  static let binaryWithNaN: ClassificationPropertyTests.Data = {
    var d = Law.binary
    d.scores[7] = .nan
    return d
  }()

  /// Multiclass predictions given as labels: the target, or the next class on every third row.
  static let multiclassLabels: ClassificationPropertyTests.Data = {
    var d = Law.multiclass
    d.scores = d.targets.enumerated().map { (i: Int, t: Int) -> Double in
      if t < 0 { return 0 }
      return Double(i % 3 == 0 ? (t + 1) % 4 : t)
    }
    d.width = 1
    return d
  }()

  static let case0: ResumeCase = ResumeCase("BinaryClassification<Float> (exact, NaN score)") {
    () -> ResumeSubject<BinaryClassification<Float>> in
    objectiveResumeSubject(
      {
        try BinaryClassification<Float>(metrics: ClassificationPropertyTests.everything, ignoreIndex: -100)
      },
      rows: binaryWithNaN.rows, update: updateFloat(binaryWithNaN))
  }

  static let case1: ResumeCase = ResumeCase("BinaryClassification<Float> (binned)") {
    () -> ResumeSubject<BinaryClassification<Float>> in
    objectiveResumeSubject(
      {
        try BinaryClassification<Float>(
          metrics: [.accuracy, .auroc, .averagePrecision], ignoreIndex: -100,
          rankEstimation: .binned(thresholds: 33))
      }, rows: Law.binary.rows, update: updateFloat(Law.binary))
  }

  static let case2: ResumeCase = ResumeCase("MulticlassClassification (binned, micro)") {
    () -> ResumeSubject<MulticlassClassification<Double>> in
    objectiveResumeSubject(
      {
        try MulticlassClassification<Double>(
          numClasses: 4, inputKind: .logits, metrics: [.accuracy, .f1, .auroc, .confusionMatrix],
          ignoreIndex: -100,
          average: .micro, rankEstimation: .binned(thresholds: 9))
      }, rows: Law.multiclass.rows, update: update(Law.multiclass))
  }

  static let case3: ResumeCase = ResumeCase("MulticlassClassification (labels)") {
    () -> ResumeSubject<MulticlassClassification<Double>> in
    objectiveResumeSubject(
      {
        try MulticlassClassification<Double>(
          numClasses: 4, inputKind: .labels, metrics: [.accuracy, .f1, .mcc, .confusionMatrix],
          ignoreIndex: -100)
      }, rows: multiclassLabels.rows, update: update(multiclassLabels))
  }

  static let case4: ResumeCase = ResumeCase("MultilabelClassification (streaming)") {
    () -> ResumeSubject<MultilabelClassification<Double>> in
    objectiveResumeSubject(
      {
        try MultilabelClassification<Double>(
          numLabels: 3, metrics: [.accuracy, .f1, .auroc, .exactMatch], ignoreIndex: -100, mode: .streaming)
      }, rows: Law.multilabel.rows, update: update(Law.multilabel))
  }

  static let case5: ResumeCase = ResumeCase("MultilabelClassification (binned)") {
    () -> ResumeSubject<MultilabelClassification<Double>> in
    objectiveResumeSubject(
      {
        try MultilabelClassification<Double>(
          numLabels: 3, metrics: [.accuracy, .auroc, .averagePrecision], ignoreIndex: -100,
          rankEstimation: .binned(thresholds: 11))
      }, rows: Law.multilabel.rows, update: update(Law.multilabel))
  }

  static let case6: ResumeCase = ResumeCase("Regression (two outputs, raw values, non-finite)") {
    () -> ResumeSubject<Regression<Double>> in
    objectiveResumeSubject(
      {
        try Regression<Double>(
          RegressionPropertyTests.allMetrics, numOutputs: 2, multioutput: .rawValues, rankPrecision: .double
        )
      }, rows: poisoned.count / 2
    ) { o, r in
      try o.update(
        Array(poisoned[(2 * r.lowerBound)..<(2 * r.upperBound)]),
        Array(Law.ys[(2 * r.lowerBound)..<(2 * r.upperBound)]))
    }
  }

  static let case7: ResumeCase = ResumeCase("Regression<Float> (streaming)") {
    () -> ResumeSubject<Regression<Float>> in
    objectiveResumeSubject(
      { try Regression<Float>([.mse, .r2, .pearson, .spearman], mode: .streaming) },
      rows: Law.xs.count
    ) { o, r in
      try o.update(Law.xs[r].map { Float($0) }, Law.ys[r].map { Float($0) })
    }
  }

  static let case8: ResumeCase = ResumeCase("MetricExpression") {
    () -> ResumeSubject<MetricExpression<Double, Double>> in
    objectiveResumeSubject(
      { (MetricExpression(Law.accuracy) + 2 * MetricExpression(Law.gap)) / 3 }, rows: poisoned.count
    ) { o, r in
      for i in r { try o.update(poisoned[i], Law.ys[i]) }
    }
  }

  static let case9: ResumeCase = ResumeCase("Loss watching metrics (non-finite values)") {
    () -> ResumeSubject<Loss<Double, Double, Double>> in
    objectiveResumeSubject(
      { (Leaves.squared("MSE") + 0.5 * Leaves.absolute("MAE")) | Law.accuracy | Law.gap },
      rows: poisoned.count
    ) { o, r in
      for i in r { _ = try o.forward(poisoned[i], Law.ys[i]) }
    }
  }

  static let case10: ResumeCase = ResumeCase("AverageMeter (non-finite values)") {
    () -> ResumeSubject<AverageMeter> in
    codableResumeSubject(
      { AverageMeter() }, rows: poisoned.count,
      update: { m, r in for i in r { m.update(poisoned[i], n: 1 + i % 3) } },
      observe: { [$0.average, $0.sum, Double($0.count), $0.last] })
  }

  static let case11: ResumeCase = ResumeCase("History") { () -> ResumeSubject<History> in
    codableResumeSubject(
      { History() }, rows: poisoned.count,
      update: { h, r in
        for i in r {
          try h.log(
            Results([
              .init(name: "loss", value: .scalar(poisoned[i]), direction: .minimize),
              .init(name: "per class", value: .vector([Law.ys[i], poisoned[i]])),
            ]), epoch: i + 1)
        }
      },
      observe: { h in h.series.flatMap { $0.points.flatMap { [Double($0.time)] + $0.value.values } } })
  }

  static let case12: ResumeCase = ResumeCase("EarlyStopping") { () -> ResumeSubject<EarlyStopping> in
    codableResumeSubject(
      { try EarlyStopping(monitor: "loss", patience: 40, minDelta: 1e-3, direction: .minimize) },
      rows: poisoned.count,
      update: { s, r in for i in r { _ = try s.update(poisoned[i], time: i + 1) } },
      observe: { s in
        [s.best?.value ?? -1, Double(s.best?.time ?? -1), Double(s.waited), s.shouldStop ? 1 : 0]
      })
  }

  static let extra: [ResumeCase] = [
    case0, case1, case2, case3, case4, case5, case6, case7, case8, case9, case10, case11, case12,
  ]

  @Test(arguments: (Law.accumulators + Law.states + Law.objectives).map(ResumeCase.init) + extra)
  func resumesBitForBit(_ resumeCase: ResumeCase) throws {
    try resumeCase.run()
  }
}
