import Foundation
import Testing

@testable import Objectives

/// The training loop of Docs/Tracking.md, run for real: a softmax classifier on three noisy 2-D
/// classes, trained by mini-batch gradient descent on `cross_entropy + brier`, composed with the
/// algebra from the built-in cross-entropy and a Brier-score leaf, with gradients from the
/// composite's vector-Jacobian product, and accuracy and the confusion matrix watched.
/// Set `OBJECTIVES_DOCS_IMAGES` to a folder to write the pictures of the docs there.
enum TrainingExample {
  static let classes = ["cat", "dog", "bird"]
  typealias L = Loss<[Double], [Int], Double>

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

  /// Softmax of each row of flat `n × 3` logits.
  static func probabilities(_ logits: [Double]) -> [Double] {
    var p = logits
    for row in stride(from: 0, to: logits.count, by: 3) {
      let m = max(logits[row], logits[row + 1], logits[row + 2])
      let e = (0..<3).map { exp(logits[row + $0] - m) }
      let s = e.reduce(0, +)
      for c in 0..<3 { p[row + c] = e[c] / s }
    }
    return p
  }

  /// The Brier score Σ_c (p_c − y_c)² of softmax probabilities, per sample, as a leaf with its
  /// vector-Jacobian product with respect to the logits.
  static let brier = L(
    "brier",
    { logits, labels in
      let p = probabilities(logits)
      return .samples(
        labels.indices.map { i in
          (0..<3).reduce(0.0) { $0 + pow(p[i * 3 + $1] - ($1 == labels[i] ? 1 : 0), 2) }
        })
    },
    vectorJacobianProduct: { logits, labels, cotangents in
      let p = probabilities(logits)
      var g = [Double](repeating: 0, count: logits.count)
      for i in labels.indices {
        let d = (0..<3).map { p[i * 3 + $0] - ($0 == labels[i] ? 1 : 0) }
        let inner = (0..<3).reduce(0.0) { $0 + d[$1] * p[i * 3 + $1] }
        for j in 0..<3 { g[i * 3 + j] = cotangents[i] * 2 * p[i * 3 + j] * (d[j] - inner) }
      }
      return g
    })

  static let crossEntropy = try! CrossEntropyLoss(numClasses: 3)

  /// `[cross_entropy] + [brier]`, watching accuracy and the confusion matrix.
  static func makeLoss() throws -> L {
    try Loss(crossEntropy, name: "cross_entropy") + brier
      | multiclassMetrics(numClasses: 3, inputKind: .logits, metrics: [.accuracy, .confusionMatrix])
  }

  struct Model {
    var weights = Array(repeating: Array(repeating: 0.0, count: 10), count: 3)

    /// Flat `n × 3` logits.
    func logits(_ samples: some Collection<Sample>) -> [Double] {
      samples.flatMap { s in weights.map { w in zip(w, s.features).reduce(0) { $0 + $1.0 * $1.1 } } }
    }

    /// One gradient step, given the gradient of the batch's loss with respect to the logits.
    mutating func step(_ batch: some Collection<Sample>, gradient: [Double], rate: Double) {
      for (i, s) in batch.enumerated() {
        for j in 0..<3 { for k in 0..<10 { weights[j][k] -= rate * gradient[i * 3 + j] * s.features[k] } }
      }
    }
  }

  // MARK: the loop

  struct Outcome {
    var history: History
    var stopper: EarlyStopping
    var stoppedAt: Int?
    var table: SampleTable
    var lastMeters: AverageMeters
    var final: Results
    var valLogits: [Double]
    var val: [Sample]
  }

  static func run(maxEpochs: Int = 150, log: (String) -> Void = { _ in }) throws -> Outcome {
    let train = data(count: 64, seed: 11, firstID: 0)
    let val = data(count: 400, seed: 12, firstID: 10_000)
    let loss = try makeLoss()
    var model = Model()
    var history = History()
    var stopper = try EarlyStopping(monitor: "val/Combined Loss", patience: 8, minDelta: 1e-4)
    var table = SampleTable()
    var meters = AverageMeters()
    var stoppedAt: Int?
    var final = Results()
    var valLogits: [Double] = []

    for epoch in 1...maxEpochs {
      meters.reset()
      for start in stride(from: 0, to: train.count, by: 16) {
        let batch = train[start..<min(start + 16, train.count)]
        var step = loss.emptied()
        let (_, gradient) = try step.forwardWithGradient(model.logits(batch), batch.map(\.label))
        meters.update(step.compute(), n: batch.count)
        model.step(batch, gradient: gradient, rate: 0.05)
      }
      try history.log(meters.averageResults.renamed(prefix: "train/"), epoch: epoch)

      var validation = loss.emptied()
      valLogits = model.logits(val)
      let labels = val.map(\.label)
      try validation.update(valLogits, labels)
      final = validation.compute()
      let scalars = final.filter { $0.value.scalar != nil }
      try history.log(scalars.renamed(prefix: "val/"), epoch: epoch)

      let p = probabilities(valLogits)
      let predicted = val.indices.map { i in (0..<3).max { p[i * 3 + $0] < p[i * 3 + $1] }! }
      table.constants = ["epoch": .number(Double(epoch)), "split": "val"]
      try table.record(
        exampleIDs: val.map(\.id),
        columns: [
          "loss": try perSampleLoss(valLogits, labels).map { .number($0) },
          "predicted": predicted.map { .text(classes[$0]) },
          "label": val.map { .text(classes[$0.label]) },
          "confidence": val.indices.map { .number(p[$0 * 3 + predicted[$0]]) },
        ])

      log("epoch \(epoch)\t\(meters.formatted(".3f"))")
      if try stopper.update(scalars.renamed(prefix: "val/"), time: epoch) {
        stoppedAt = epoch
        break
      }
    }
    return Outcome(
      history: history, stopper: stopper, stoppedAt: stoppedAt, table: table, lastMeters: meters,
      final: final, valLogits: valLogits, val: val)
  }

  /// Each validation sample's combined loss: its cross-entropy plus its Brier score.
  static func perSampleLoss(_ logits: [Double], _ labels: [Int]) throws -> [Double] {
    let ce = try crossEntropy.values(logits, labels)
    let p = probabilities(logits)
    return labels.indices.map { i in
      ce[i] + (0..<3).reduce(0.0) { $0 + pow(p[i * 3 + $1] - ($1 == labels[i] ? 1 : 0), 2) }
    }
  }
}

@Suite struct TrackingExampleTests {
  @Test func trainingLoopProducesConsistentTracking() throws {
    let outDir = ProcessInfo.processInfo.environment["OBJECTIVES_DOCS_IMAGES"]
    let o = try TrainingExample.run(log: { if outDir != nil { print($0) } })
    let h = o.history
    #expect(
      h.names == [
        "train/Combined Loss", "train/cross_entropy", "train/brier", "train/acc",
        "val/Combined Loss", "val/cross_entropy", "val/brier", "val/acc",
      ])
    #expect(h["train/Combined Loss"]?.direction == .minimize)
    #expect(h["val/acc"]?.direction == .maximize)
    let epochs = try #require(h["val/Combined Loss"]?.times.last)
    // Early stopping agrees with a replay of the history; without a minimum delta its best is the
    // history's best, with one it may be an earlier, slightly worse epoch.
    let best = try #require(try h.best("val/Combined Loss"))
    let replay = try EarlyStopping.replay(h, monitor: "val/Combined Loss", patience: 8, minDelta: 1e-4)
    #expect(replay.stopper == o.stopper && replay.stoppedAt == o.stoppedAt)
    let stopperBest = try #require(o.stopper.best)
    #expect(stopperBest.time <= best.time && stopperBest.value >= best.value)
    let exact = try EarlyStopping.replay(h, monitor: "val/Combined Loss", patience: 1000)
    #expect(exact.stopper.best?.time == best.time && exact.stopper.best?.value == best.value)
    if let stop = o.stoppedAt {
      #expect(stop == epochs)
      #expect(stop - stopperBest.time == o.stopper.patience)
    }
    // Training improves on the first epoch.
    let trainLoss = try #require(h["train/Combined Loss"]?.scalars)
    #expect(trainLoss.last! < trainLoss.first!)
    // The per-sample table has one row per validation sample per epoch, and its averages match
    // the logged validation loss at the last epoch.
    #expect(o.table.count == 400 * epochs)
    let lastEpoch = o.table.filtered { $0["epoch"] == .number(Double(epochs)) }
    #expect(lastEpoch.count == 400)
    let avg = try #require(lastEpoch.averages(split: "val").scalar("val_loss_avg"))
    let logged = try #require(h["val/Combined Loss"]?.scalars.last)
    #expect(abs(avg - logged) <= 1e-12 * logged)
    let worst = try lastEpoch.worst(5, by: "loss", direction: .minimize)
    #expect(worst.count == 5)
    #expect(
      zip(worst, worst.dropFirst()).allSatisfy { ($0["loss"]?.number ?? 0) >= ($1["loss"]?.number ?? 0) })
    // Exports read back identically.
    #expect(try History(csv: h.csv()).isIdentical(to: h))
    #expect(try SampleTable(jsonLines: o.table.jsonLines()).isIdentical(to: o.table))

    // The pictures.
    let curves = try TrainValidationChart(
      history: h, quantities: ["Combined Loss", "cross_entropy", "brier"], title: "Loss and its components")
    let accuracy = try LineChart(
      history: h, names: ["train/acc", "val/acc"], title: "Accuracy", yLabel: "accuracy")
    let confusion = try ConfusionMatrixChart(
      try #require(o.final["confmat"]), labels: TrainingExample.classes,
      title: "Validation confusion matrix")
    var normalised = confusion
    normalised.normalization = .trueLabels
    normalised.title = "Validation, normalised by true class"
    // ROC and precision-recall curves, one class against the rest, from the metrics themselves.
    var curves3 = try MulticlassClassification<Double>(
      numClasses: 3, inputKind: .logits,
      metrics: [.auroc.averaged(.perClass), .averagePrecision.averaged(.perClass)])
    try curves3.update(o.valLogits, o.val.map(\.label))
    let areas = curves3.compute()
    let auroc = try #require(areas.entries.first?.value.values)
    let ap = try #require(areas.entries.last?.value.values)
    var roc: [CurveChart.Curve] = []
    var pr: [CurveChart.Curve] = []
    for (c, name) in TrainingExample.classes.enumerated() {
      let r = curves3.rocCurve(class: c)
      roc.append(
        try .init(
          name: "\(name) vs rest", x: r.map(\.falsePositiveRate), y: r.map(\.truePositiveRate), area: auroc[c]
        ))
      let p = curves3.precisionRecallCurve(class: c)
      pr.append(try .init(name: "\(name) vs rest", x: p.map(\.recall), y: p.map(\.precision), area: ap[c]))
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
