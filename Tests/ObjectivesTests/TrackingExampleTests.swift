import Foundation
import Testing

@testable import Objectives

/// The training loop of Docs/Tracking.md, run for real: a softmax classifier on three noisy 2-D
/// classes, trained by mini-batch gradient descent on cross-entropy + Brier score.
///
/// `TrainingExample.results` builds the `Results` by hand; it stands in for the algebra's
/// `loss.compute()` / `forwardResults` and is the only part to replace when `Loss` lands.
/// Set `OBJECTIVES_DOCS_IMAGES` to a folder to write the pictures of the docs there.
enum TrainingExample {
  static let classes = ["cat", "dog", "bird"]

  struct Sample {
    var id: Int
    var features: [Double]
    var label: Int
  }

  /// Two raw coordinates expanded to cubic polynomial features (so that a small training set
  /// overfits), plus a bias.
  static func features(_ x: Double, _ y: Double) -> [Double] {
    [1, x, y, x * x, x * y, y * y, x * x * x, x * x * y, x * y * y, y * y * y]
  }

  static func data(count: Int, seed: UInt64, firstID: Int) -> [Sample] {
    var g = ChartGallery.Generator(state: seed)
    let centres = [(-1.2, 0.0), (1.2, 0.2), (0.0, 1.6)]
    return (0..<count).map { i in
      let label = Int(g.next() * 3) % 3
      let r = 0.75 * sqrt(-2 * log(max(g.next(), 1e-12)))
      let a = 2 * Double.pi * g.next()
      let (cx, cy) = centres[label]
      let noisy = g.next() < 0.08 ? Int(g.next() * 3) % 3 : label
      return Sample(id: firstID + i, features: features(cx + r * cos(a), cy + r * sin(a)), label: noisy)
    }
  }

  struct Model {
    var weights = Array(repeating: Array(repeating: 0.0, count: 10), count: 3)

    func probabilities(_ x: [Double]) -> [Double] {
      let z = weights.map { w in zip(w, x).reduce(0) { $0 + $1.0 * $1.1 } }
      let m = z.max() ?? 0
      let e = z.map { exp($0 - m) }
      let s = e.reduce(0, +)
      return e.map { $0 / s }
    }

    /// One gradient step on cross-entropy + Brier score over a batch.
    mutating func step(_ batch: ArraySlice<Sample>, rate: Double) {
      var grad = Array(repeating: Array(repeating: 0.0, count: 10), count: 3)
      for s in batch {
        let p = probabilities(s.features)
        let y = (0..<3).map { $0 == s.label ? 1.0 : 0.0 }
        let inner = (0..<3).reduce(0.0) { $0 + (p[$1] - y[$1]) * p[$1] }
        for j in 0..<3 {
          let dz = (p[j] - y[j]) + 2 * p[j] * ((p[j] - y[j]) - inner)
          for k in 0..<10 { grad[j][k] += dz * s.features[k] / Double(batch.count) }
        }
      }
      for j in 0..<3 { for k in 0..<10 { weights[j][k] -= rate * grad[j][k] } }
    }
  }

  /// Per-sample values: the loss terms, the prediction and its confidence.
  struct Scored {
    var crossEntropy: Double
    var brier: Double
    var predicted: Int
    var confidence: Double
    var probabilities: [Double]
  }

  static func score(_ model: Model, _ s: Sample) -> Scored {
    let p = model.probabilities(s.features)
    let predicted = p.indices.max { p[$0] < p[$1] } ?? 0
    let brier = p.indices.reduce(0.0) { $0 + pow(p[$1] - ($1 == s.label ? 1 : 0), 2) }
    return Scored(
      crossEntropy: -log(max(p[s.label], 1e-300)), brier: brier, predicted: predicted,
      confidence: p[predicted],
      probabilities: p)
  }

  // MARK: the stand-in for the algebra

  /// What `loss.compute()` will return for `loss = cross_entropy + brier` watched with accuracy.
  static func results(_ scored: [Scored], _ samples: some Collection<Sample>) -> Results {
    let n = Double(scored.count)
    let ce = scored.reduce(0) { $0 + $1.crossEntropy } / n
    let brier = scored.reduce(0) { $0 + $1.brier } / n
    let correct = zip(scored, samples).filter { $0.predicted == $1.label }.count
    return Results([
      .init(name: "loss", value: .scalar(ce + brier), higherIsBetter: false),
      .init(name: "cross_entropy", value: .scalar(ce), higherIsBetter: false),
      .init(name: "brier", value: .scalar(brier), higherIsBetter: false),
      .init(name: "accuracy", value: .scalar(Double(correct) / n), higherIsBetter: true),
    ])
  }

  /// The confusion matrix (row = true class) as a metric would report it.
  static func confusion(_ scored: [Scored], _ samples: [Sample]) -> MetricValue {
    var counts = Array(repeating: 0.0, count: 9)
    for (s, x) in zip(scored, samples) { counts[x.label * 3 + s.predicted] += 1 }
    return .matrix(rows: 3, columns: 3, values: counts)
  }

  // MARK: the loop

  struct Outcome {
    var history: History
    var stopper: EarlyStopping
    var stoppedAt: Int?
    var table: SampleTable
    var lastMeters: AverageMeters
    var final: Results
    var valScored: [Scored]
    var val: [Sample]
  }

  static func run(maxEpochs: Int = 150, log: (String) -> Void = { _ in }) throws -> Outcome {
    let train = data(count: 64, seed: 11, firstID: 0)
    let val = data(count: 400, seed: 12, firstID: 10_000)
    var model = Model()
    var history = History()
    var stopper = try EarlyStopping(monitor: "val/loss", patience: 8, minDelta: 1e-4)
    var table = SampleTable()
    var meters = AverageMeters()
    var stoppedAt: Int?
    var final = Results()
    var valScored: [Scored] = []

    for epoch in 1...maxEpochs {
      meters.reset()
      for start in stride(from: 0, to: train.count, by: 16) {
        let batch = train[start..<min(start + 16, train.count)]
        let batchResults = results(batch.map { score(model, $0) }, batch)  // forwardResults(…) later
        meters.update(batchResults, n: batch.count)
        model.step(batch, rate: 0.05)
      }
      try history.log(meters.averageResults.renamed(prefix: "train/"), epoch: epoch)

      valScored = val.map { score(model, $0) }
      let valResults = results(valScored, val)  // loss.compute() later
      try history.log(valResults.renamed(prefix: "val/"), epoch: epoch)
      final = valResults
      final.append(.init(name: "confusion", value: confusion(valScored, val)))

      table.constants = ["epoch": .number(Double(epoch)), "split": "val"]
      try table.record(
        exampleIDs: val.map(\.id),
        columns: [
          "loss": valScored.map { .number($0.crossEntropy + $0.brier) },
          "predicted": valScored.map { .text(classes[$0.predicted]) },
          "label": val.map { .text(classes[$0.label]) },
          "confidence": valScored.map { .number($0.confidence) },
        ])

      log("epoch \(epoch)\t\(meters.formatted(".3f"))")
      if try stopper.update(valResults.renamed(prefix: "val/"), time: epoch) {
        stoppedAt = epoch
        break
      }
    }
    return Outcome(
      history: history, stopper: stopper, stoppedAt: stoppedAt, table: table, lastMeters: meters,
      final: final,
      valScored: valScored, val: val)
  }
}

@Suite struct TrackingExampleTests {
  @Test func trainingLoopProducesConsistentTracking() throws {
    let outDir = ProcessInfo.processInfo.environment["OBJECTIVES_DOCS_IMAGES"]
    let o = try TrainingExample.run(log: { if outDir != nil { print($0) } })
    let h = o.history
    #expect(
      h.names == [
        "train/loss", "train/cross_entropy", "train/brier", "train/accuracy",
        "val/loss", "val/cross_entropy", "val/brier", "val/accuracy",
      ])
    #expect(h["train/loss"]?.higherIsBetter == false)
    #expect(h["val/accuracy"]?.higherIsBetter == true)
    let epochs = try #require(h["val/loss"]?.times.last)
    // Early stopping agrees with a replay of the history; without a minimum delta its best is the
    // history's best, with one it may be an earlier, slightly worse epoch.
    let best = try #require(try h.best("val/loss"))
    let replay = try EarlyStopping.replay(h, monitor: "val/loss", patience: 8, minDelta: 1e-4)
    #expect(replay.stopper == o.stopper && replay.stoppedAt == o.stoppedAt)
    let stopperBest = try #require(o.stopper.best)
    #expect(stopperBest.time <= best.time && stopperBest.value >= best.value)
    let exact = try EarlyStopping.replay(h, monitor: "val/loss", patience: 1000)
    #expect(exact.stopper.best?.time == best.time && exact.stopper.best?.value == best.value)
    if let stop = o.stoppedAt {
      #expect(stop == epochs)
      #expect(stop - stopperBest.time == o.stopper.patience)
    }
    // Training improves on the first epoch.
    let trainLoss = try #require(h["train/loss"]?.scalars)
    #expect(trainLoss.last! < trainLoss.first!)
    // The per-sample table has one row per validation sample per epoch, and its averages match
    // the logged validation loss at the last epoch.
    #expect(o.table.count == 400 * epochs)
    let lastEpoch = o.table.filtered { $0["epoch"] == .number(Double(epochs)) }
    #expect(lastEpoch.count == 400)
    let avg = try #require(lastEpoch.averages(split: "val").scalar("val_loss_avg"))
    let logged = try #require(h["val/loss"]?.scalars.last)
    #expect(abs(avg - logged) <= 1e-12 * logged)
    let worst = try lastEpoch.worst(5, by: "loss", higherIsBetter: false)
    #expect(worst.count == 5)
    #expect(
      zip(worst, worst.dropFirst()).allSatisfy { ($0["loss"]?.number ?? 0) >= ($1["loss"]?.number ?? 0) })
    // Exports read back identically.
    #expect(try History(csv: h.csv()).isIdentical(to: h))
    #expect(try SampleTable(jsonLines: o.table.jsonLines()).isIdentical(to: o.table))

    // The pictures.
    let curves = try TrainValidationChart(
      history: h, quantities: ["loss", "cross_entropy", "brier"], title: "Loss and its components")
    let accuracy = try LineChart(
      history: h, names: ["train/accuracy", "val/accuracy"], title: "Accuracy", yLabel: "accuracy")
    let confusion = try ConfusionMatrixChart(
      try #require(o.final["confusion"]), labels: TrainingExample.classes,
      title: "Validation confusion matrix")
    var normalised = confusion
    normalised.normalization = .trueLabels
    normalised.title = "Validation, normalised by true class"
    var roc: [CurveChart.Curve] = []
    var pr: [CurveChart.Curve] = []
    for (c, name) in TrainingExample.classes.enumerated() {
      let scores = o.valScored.map { $0.probabilities[c] }
      let labels = o.val.map { $0.label == c ? 1 : 0 }
      let r = ChartGallery.roc(scores, labels)  // a ROC metric's points later
      roc.append(try .init(name: "\(name) vs rest", x: r.x, y: r.y, area: ChartGallery.trapezoid(r.x, r.y)))
      let p = ChartGallery.precisionRecall(scores, labels)
      pr.append(
        try .init(name: "\(name) vs rest", x: p.x, y: p.y, area: ChartGallery.averagePrecision(p.x, p.y)))
    }
    let rocChart = CurveChart(kind: .roc, curves: roc, title: "Validation ROC, one vs rest")
    let prChart = CurveChart(
      kind: .precisionRecall, curves: pr, title: "Validation precision-recall, one vs rest")
    for svg in [
      curves.svg(), accuracy.svg(), confusion.svg(), normalised.svg(), rocChart.svg(), prChart.svg(),
    ] {
      #expect(XMLTreeBuilder.parse(svg) != nil)
    }
    #expect(roc.allSatisfy { ($0.area ?? 0) > 0.5 })

    if let outDir {
      let files = [
        ("training-curves", curves.svg()), ("training-accuracy", accuracy.svg()),
        ("confusion", confusion.svg()), ("confusion-normalised", normalised.svg()),
        ("roc", rocChart.svg()), ("precision-recall", prChart.svg()),
      ]
      for (name, svg) in files {
        try svg.write(toFile: outDir + "/" + name + ".svg", atomically: true, encoding: .utf8)
      }
      print(o.final.table())
      print("best", best, "stopped at", o.stoppedAt as Any)
      for r in worst { print(r.exampleID, r.values) }
      print(lastEpoch.averages(split: "val"))
      print(h.csv().split(separator: "\n").prefix(4).joined(separator: "\n"))
      print(o.table.jsonLines().split(separator: "\n").prefix(2).joined(separator: "\n"))
    }
  }
}
