import Foundation
import Testing

@testable import Objectives

/// The laws of `MergeableState` (identity, associativity, split invariance, checkpoint and
/// continue, refusal of other shapes), checked by one generic test over every conforming
/// accumulator and state type and over every kind of `Objective`, each with its tolerance.
@Suite struct MergeableLawTests {
  static let exact = 0.0
  static let compensated = 1e-12

  /// Deterministic data shared by the cases.
  static func values(_ n: Int, seed: UInt64, scale: Double = 1) -> [Double] {
    var g = SeededGenerator(seed: seed)
    return (0..<n).map { _ in (Double.random(in: -1...1, using: &g) * 1024).rounded() / 1024 * scale + 3 }
  }
  static let xs = values(301, seed: 1, scale: 7)
  static let ys = values(301, seed: 2, scale: 5)
  static let weights = values(301, seed: 3).map { $0 - 1.5 }
  static let binary = ClassificationPropertyTests.binaryData(240, seed: 4)
  static let multiclass = ClassificationPropertyTests.multiclassData(180, classes: 4, seed: 5)
  static let multilabel = ClassificationPropertyTests.multilabelData(150, labels: 3, seed: 6)

  static func binaryObjective(
    _ mode: AccumulationMode = .exact, _ rank: RankEstimation = .exact
  ) throws -> BinaryClassification<Double> {
    try BinaryClassification<Double>(
      metrics: ClassificationPropertyTests.everything, ignoreIndex: -100, mode: mode, rankEstimation: rank)
  }

  static func regressionObjective(_ mode: AccumulationMode = .exact) throws -> RegressionMetrics<Double> {
    try RegressionMetrics<Double>(
      RegressionPropertyTests.allMetrics, numOutputs: 1, mode: mode, rankPrecision: .double)
  }

  static func updateClassification<O: Objective>(
    _ data: ClassificationPropertyTests.Data
  ) -> (inout O, Range<Int>) throws -> Void where O.Output == [Double], O.Target == [Int] {
    { o, r in
      let (s, t) = data.slice(r)
      try o.update(s, t)
    }
  }

  static func updateRegression(_ o: inout RegressionMetrics<Double>, _ r: Range<Int>) throws {
    try o.update(Array(xs[r]), Array(ys[r]))
  }

  // MARK: Accumulators

  static let accumulators: [LawCase] = [
    LawCase("CompensatedSum") {
      LawSubject(
        empty: CompensatedSum(), rows: xs.count,
        accumulate: { s, r in for i in r { s.add(xs[i] * 1e6 + ys[i] * 1e-6) } },
        observe: { [$0.value] }, tolerance: compensated
      ).codable()
    },
    LawCase("CompensatedSum with NaN and infinities") {
      let terms = xs.indices.map { i in i == 17 ? Double.nan : i == 40 ? .infinity : xs[i] }
      return LawSubject(
        empty: CompensatedSum(), rows: terms.count,
        accumulate: { s, r in for i in r { s.add(terms[i]) } },
        observe: { [$0.value] }, tolerance: compensated
      ).codable()
    },
    LawCase("MeanAccumulator") {
      LawSubject(
        empty: MeanAccumulator(), rows: xs.count,
        accumulate: { s, r in for i in r { s.add(xs[i], weight: abs(weights[i])) } },
        observe: { [$0.mean, Double($0.count)] }, tolerance: compensated
      ).codable()
    },
    LawCase("Moments") {
      LawSubject(
        empty: Moments(), rows: xs.count, accumulate: { s, r in for i in r { s.add(xs[i]) } },
        observe: { [Double($0.count), $0.mean, $0.variance] }, tolerance: compensated
      ).codable()
    },
    LawCase("PairedMoments") {
      LawSubject(
        empty: PairedMoments(), rows: xs.count, accumulate: { s, r in for i in r { s.add(xs[i], ys[i]) } },
        observe: { [Double($0.count), $0.meanX, $0.meanY, $0.correlation, $0.x.variance] },
        tolerance: compensated
      ).codable()
    },
    LawCase("ValueRange") {
      LawSubject(
        empty: ValueRange(lower: .infinity, upper: -.infinity), rows: xs.count,
        accumulate: { s, r in for i in r { s.merge(ValueRange(lower: xs[i], upper: xs[i])) } },
        observe: { [$0.lower, $0.upper] }, tolerance: exact
      ).codable()
    },
    LawCase("ScoreStore") {
      LawSubject(
        empty: ScoreStore<Float>(), rows: xs.count,
        accumulate: { s, r in for i in r { s.append(Float(xs[i]), positive: ys[i] > 3) } },
        observe: storedScores,
        tolerance: exact
      ).codable()
    },
    LawCase("ScoreHistogram") {
      LawSubject(
        empty: try ScoreHistogram(thresholds: 11), rows: xs.count,
        accumulate: { s, r in for i in r { s.add((xs[i] + 4) / 14, positive: ys[i] > 3) } },
        observe: { ($0.positives + $0.negatives).map(Double.init) }, tolerance: exact,
        mismatched: try ScoreHistogram(thresholds: 5)
      ).codable()
    },
    LawCase("RankStore") {
      LawSubject(
        empty: RankStore(precision: .double), rows: xs.count,
        accumulate: { s, r in for i in r { s.append(xs[i], ys[i]) } },
        observe: { [Double($0.count), $0.spearman()] }, tolerance: exact,
        mismatched: RankStore(precision: .single)
      ).codable()
    },
    LawCase("AverageMeter") {
      LawSubject(
        empty: AverageMeter(), rows: xs.count,
        accumulate: { s, r in for i in r { s.update(xs[i], n: i % 4) } },
        observe: { [$0.average, $0.sum, Double($0.count), $0.last] }, tolerance: compensated
      ).codable()
    },
    LawCase("AverageMeters") {
      LawSubject(
        empty: AverageMeters(), rows: xs.count,
        accumulate: { s, r in
          for i in r { s[i % 3 == 0 ? "loss" : "acc"].update(xs[i], n: 1 + i % 2) }
        },
        observe: { m in m.names.flatMap { [m[$0].average, Double(m[$0].count)] } }, tolerance: compensated
      ).codable()
    },
    LawCase("SampleHistory") {
      LawSubject(
        empty: SampleHistory(axis: .epoch), rows: xs.count,
        accumulate: { s, r in try recordSampleRows(&s, r, xs, ys) },
        observe: sampleHistoryCells, tolerance: exact,
        mismatched: SampleHistory(axis: .step)
      ).codable()
    },
    LawCase("SampleHistory keeping the worst 5") {
      LawSubject(
        empty: try SampleHistory(
          axis: .epoch, retention: .worst(count: 5, by: "loss", higherIsBetter: false)),
        rows: xs.count, accumulate: { s, r in try recordSampleRows(&s, r, xs, ys) },
        observe: sampleHistoryCells, tolerance: exact,
        mismatched: try SampleHistory(
          axis: .epoch, retention: .worst(count: 4, by: "loss", higherIsBetter: false))
      ).codable()
    },
  ]

  // MARK: States of the catalogue objectives

  static let states: [LawCase] = [
    LawCase("ClassificationState (binary, exact)") {
      let template = try binaryObjective()
      let update: (inout BinaryClassification<Double>, Range<Int>) throws -> Void = updateClassification(
        binary)
      return LawSubject(
        empty: template.state, rows: binary.rows,
        accumulate: { s, r in
          var o = template
          try update(&o, r)
          try s.merge(o.state)
        },
        observe: { s in
          var o = template
          try o.restore(s)
          return flattened(o.compute())
        },
        tolerance: compensated, mismatched: try MulticlassClassification<Double>(numClasses: 3).state
      ).codable()
    },
    LawCase("RegressionState (exact)") {
      let template = try regressionObjective()
      return LawSubject(
        empty: template.state, rows: xs.count,
        accumulate: { s, r in
          var o = template
          try updateRegression(&o, r)
          try s.merge(o.state)
        },
        observe: { s in
          var o = template
          try o.restore(s)
          return flattened(o.compute())
        },
        tolerance: compensated, mismatched: try regressionObjective(.streaming).state
      ).codable()
    },
    LawCase("RegressionStatistics") {
      let template = try regressionObjective()
      return LawSubject(
        empty: template.state.statistics!, rows: xs.count,
        accumulate: { s, r in
          var o = template
          try updateRegression(&o, r)
          try s.merge(o.state.statistics!)
        },
        observe: { s in
          var o = template
          var state = o.state
          state.statistics = s
          state.sampleCount = s.count
          try o.restore(state)
          return flattened(o.compute())
        },
        tolerance: compensated
      ).codable()
    },
    LawCase("RegressionColumnState") {
      let template = try regressionObjective()
      return LawSubject(
        empty: template.state.statistics!.columns[0], rows: xs.count,
        accumulate: { s, r in
          var o = template
          try updateRegression(&o, r)
          try s.merge(o.state.statistics!.columns[0])
        },
        observe: { c in
          [
            Double(c.moments.count), c.moments.correlation, c.m2Error, c.squaredError.value,
            c.absoluteError.value, c.ranks?.spearman() ?? -2, c.errorRange?.lower ?? -2,
          ]
        },
        tolerance: compensated,
        mismatched: RegressionColumnState(ranks: .single)
      ).codable()
    },
  ]

  // MARK: Objectives

  static let objectives: [LawCase] = [
    LawCase("BinaryClassification (exact)") {
      try objectiveSubject(
        { try binaryObjective() }, rows: binary.rows, tolerance: compensated,
        update: updateClassification(binary))
    },
    LawCase("BinaryClassification (binned)") {
      try objectiveSubject(
        { try binaryObjective(.exact, .binned(thresholds: 17)) }, rows: binary.rows,
        tolerance: compensated, update: updateClassification(binary))
    },
    LawCase("BinaryClassification (streaming)") {
      try objectiveSubject(
        { try binaryObjective(.streaming) }, rows: binary.rows, tolerance: compensated,
        batchInvariant: false, update: updateClassification(binary))
    },
    LawCase("MulticlassClassification (exact)") {
      try objectiveSubject(
        {
          try MulticlassClassification<Double>(
            numClasses: 4, inputKind: .logits,
            metrics: ClassificationPropertyTests.everything + [.topKAccuracy(2)], ignoreIndex: -100)
        }, rows: multiclass.rows, tolerance: compensated,
        mismatched: try MulticlassClassification<Double>(numClasses: 5),
        update: updateClassification(multiclass))
    },
    LawCase("MulticlassClassification (streaming)") {
      try objectiveSubject(
        {
          try MulticlassClassification<Double>(
            numClasses: 4, inputKind: .logits, metrics: [.accuracy, .f1, .auroc], ignoreIndex: -100,
            mode: .streaming)
        }, rows: multiclass.rows, tolerance: compensated, batchInvariant: false,
        update: updateClassification(multiclass))
    },
    LawCase("MultilabelClassification (exact)") {
      try objectiveSubject(
        {
          try MultilabelClassification<Double>(
            numLabels: 3, metrics: ClassificationPropertyTests.everything + [.exactMatch], ignoreIndex: -100)
        }, rows: multilabel.rows, tolerance: compensated, update: updateClassification(multilabel))
    },
    LawCase("RegressionMetrics (exact)") {
      try objectiveSubject(
        { try regressionObjective() }, rows: xs.count, tolerance: compensated,
        mismatched: try regressionObjective(.streaming), update: updateRegression)
    },
    LawCase("RegressionMetrics (streaming)") {
      try objectiveSubject(
        { try regressionObjective(.streaming) }, rows: xs.count, tolerance: compensated,
        batchInvariant: false, update: updateRegression)
    },
    LawCase("Metric") {
      try objectiveSubject({ accuracy }, rows: xs.count, tolerance: compensated) { o, r in
        for i in r { try o.update(xs[i], ys[i]) }
      }
    },
    LawCase("MetricCollection") {
      try objectiveSubject({ accuracy | gap }, rows: xs.count, tolerance: compensated) { o, r in
        for i in r { try o.update(xs[i], ys[i]) }
      }
    },
    LawCase("Loss watching metrics") {
      try objectiveSubject(
        { (Leaves.squared("MSE") + Leaves.absolute("MAE")) | accuracy | gap }, rows: xs.count,
        tolerance: compensated
      ) { o, r in
        for i in r { try o.update(xs[i], ys[i]) }
      }
    },
    LawCase("MultiTaskMetrics") {
      try objectiveSubject(
        {
          var m = MultiTaskMetrics<[String: [Double]], [String: [Double]]>(aggregate: .micro)
          try m.register("regression", try regressionObjective())
          try m.register("mean", MultiTaskTests.MeanMagnitude())
          return m
        }, rows: xs.count, tolerance: compensated
      ) { o, r in
        let x = Array(xs[r])
        let y = Array(ys[r])
        try o.update(["regression": x, "mean": x], ["regression": y, "mean": y])
      }
    },
  ]

  static func storedScores(_ s: ScoreStore<Float>) -> [Double] {
    let p: [Double] = s.positives.sorted().map { Double($0) }
    let n: [Double] = s.negatives.sorted().map { Double($0) }
    return p + [Double.nan] + n
  }

  static let accuracy = Metric<Double, Double>("Accuracy", higherIsBetter: true) { o, t in
    .batch(o.rounded() == t.rounded() ? 1 : 0)
  }
  static let gap = Metric<Double, Double>("Gap") { o, t in .batch(o - t) }

  @Test(arguments: accumulators + states + objectives)
  func laws(_ lawCase: LawCase) throws {
    try lawCase.run()
  }
}

/// Records rows `r` as samples `i % 17` at epoch `i / 17` with a loss and a correctness column.
func recordSampleRows(_ s: inout SampleHistory, _ r: Range<Int>, _ xs: [Double], _ ys: [Double]) throws {
  for i in r {
    try s.record(
      time: i / 17, exampleIDs: [i % 17], columns: [("loss", [xs[i]]), ("correct", [ys[i] > 3 ? 1 : 0])])
  }
}

/// Every cell of a sample history, in column, time and id order, preceded by its coordinates.
func sampleHistoryCells(_ h: SampleHistory) -> [Double] {
  h.columns.sorted().flatMap { name in
    h.times.flatMap { t in
      h.values(name, at: t).sorted { $0.key < $1.key }.flatMap { [Double(t), Double($0.key), $0.value] }
    }
  }
}
