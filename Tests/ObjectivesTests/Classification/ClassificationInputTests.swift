import Foundation
import Testing

@testable import Objectives

/// Bad input, NaN policies, input kinds, degenerate data, factories and result keys.
@Suite struct ClassificationInputTests {
  /// Expects `body` to throw exactly `expected`.
  func expectError(_ expected: ObjectiveError, _ body: () throws -> Void) {
    do {
      try body()
      Issue.record("expected \(expected), nothing was thrown")
    } catch {
      #expect(error as? ObjectiveError == expected)
    }
  }

  @Test func badBinaryBatchesThrowAndLeaveTheStateUnchanged() throws {
    var m = try BinaryClassification<Double>(
      metrics: ClassificationMetric.defaults + [.logLoss], ignoreIndex: -100, nanPolicy: .error)
    try m.update([0.2, 0.7, 0.9], [0, 1, 1])
    let before = m.state
    expectError(.lengthMismatch(what: "scores and targets", expected: 2, actual: 3)) {
      try m.update([0.1, 0.2, 0.3], [0, 1])
    }
    expectError(.labelOutOfRange(label: 2, count: 2, position: 2)) {
      try m.update([0.1, 0.2, 0.3], [0, 1, 2])
    }
    expectError(.nonFinite(what: "score", position: 1)) { try m.update([0.1, .nan, 0.3], [0, 1, -100]) }
    expectError(.invalidValue(what: "probability", value: 1.5, position: 0)) { try m.update([1.5], [1]) }
    #expect(m.state == before)
    // The ignore index is skipped before the score is looked at.
    try m.update([.nan], [-100])
    #expect(m.state == before)

    var labels = try BinaryClassification<Double>(inputKind: .labels)
    expectError(.invalidValue(what: "predicted label", value: 0.5, position: 1)) {
      try labels.update([1, 0.5], [1, 0])
    }
    #expect(labels.state.isEmpty)
  }

  @Test func badMulticlassBatchesThrowAndLeaveTheStateUnchanged() throws {
    var m = try MulticlassClassification<Double>(numClasses: 3, nanPolicy: .error)
    try m.update([0.2, 0.3, 0.5, 0.1, 0.8, 0.1], [2, 1])
    let before = m.state
    expectError(.lengthMismatch(what: "scores (rows × classes)", expected: 6, actual: 5)) {
      try m.update([0.2, 0.3, 0.5, 0.1, 0.8], [2, 1])
    }
    expectError(.labelOutOfRange(label: 3, count: 3, position: 1)) {
      try m.update([0.2, 0.3, 0.5, 0.1, 0.8, 0.1], [2, 3])
    }
    expectError(.labelOutOfRange(label: -1, count: 3, position: 0)) {
      try m.update([0.2, 0.3, 0.5], [-1])
    }
    expectError(.nonFinite(what: "score", position: 4)) {
      try m.update([0.2, 0.3, 0.5, 0.1, .nan, 0.1], [2, 1])
    }
    expectError(.invalidValue(what: "probability", value: -0.25, position: 5)) {
      try m.update([0.2, 0.3, 0.5, 0.1, 0.8, -0.25], [2, 1])
    }
    expectError(.lengthMismatch(what: "scores of row 1", expected: 3, actual: 2)) {
      try m.update(rows: [[0.2, 0.3, 0.5], [0.5, 0.5]], targets: [0, 1])
    }
    #expect(m.state == before)

    var labels = try MulticlassClassification<Double>(numClasses: 3, inputKind: .labels)
    expectError(.invalidValue(what: "predicted class", value: 3, position: 1)) {
      try labels.update([0, 3], [0, 1])
    }
    expectError(.invalidValue(what: "predicted class", value: 1.5, position: 0)) {
      try labels.update([1.5], [0])
    }
    #expect(labels.state.isEmpty)
    var strict = try MulticlassClassification<Double>(numClasses: 3, inputKind: .labels, nanPolicy: .error)
    expectError(.nonFinite(what: "predicted class", position: 1)) { try strict.update([0, .nan], [0, 1]) }
    #expect(strict.state.isEmpty)
  }

  @Test func badMultilabelBatchesThrowAndLeaveTheStateUnchanged() throws {
    var m = try MultilabelClassification<Double>(numLabels: 2, nanPolicy: .error)
    try m.update([0.2, 0.9, 0.6, 0.1], [0, 1, 1, 0])
    let before = m.state
    expectError(.lengthMismatch(what: "targets (a multiple of 2 labels)", expected: 4, actual: 3)) {
      try m.update([0.2, 0.9, 0.6], [0, 1, 1])
    }
    expectError(.labelOutOfRange(label: 2, count: 2, position: 3)) {
      try m.update([0.2, 0.9, 0.6, 0.1], [0, 1, 1, 2])
    }
    expectError(.nonFinite(what: "score", position: 2)) {
      try m.update([0.2, 0.9, .nan, 0.1], [0, 1, 1, 0])
    }
    expectError(.lengthMismatch(what: "targets of row 0", expected: 2, actual: 1)) {
      try m.update(rows: [[0.2, 0.9]], targets: [[0]])
    }
    #expect(m.state == before)
  }

  @Test func nanPropagatesIntoEveryAffectedValue() throws {
    var b = try BinaryClassification<Double>(metrics: ClassificationMetric.defaults + [.confusionMatrix])
    try b.update([0.2, .nan, 0.9], [0, 1, 1])
    for e in b.compute() { #expect(e.value.values.allSatisfy { $0.isNaN }) }
    // Streaming: the NaN batch poisons the running mean.
    var s = try BinaryClassification<Double>(metrics: [.accuracy], mode: .streaming)
    try s.update([0.2, 0.9], [0, 1])
    try s.update([.nan], [1])
    try s.update([0.2, 0.9], [0, 1])
    #expect(s.compute().scalar("acc")!.isNaN)
    // Multilabel: only the label with a NaN, and every average, become NaN.
    var l = try MultilabelClassification<Double>(
      numLabels: 2, metrics: [.recall.averaged(.perClass), .recall])
    try l.update([0.9, .nan, 0.8, 0.3], [1, 1, 1, 0])
    let v = try #require(l.compute()["recall_none"]?.values)
    #expect(v[0] == 1 && v[1].isNaN)
    #expect(l.compute().scalar("recall")!.isNaN)
  }

  @Test func nanIgnoredSamplesAreSkipped() throws {
    let scores = [0.2, .nan, 0.9, 0.4, 0.6]
    let targets = [0, 1, 1, 1, 0]
    var ignoring = try BinaryClassification<Double>(
      metrics: ClassificationMetric.defaults + [.logLoss, .confusionMatrix], nanPolicy: .omit)
    try ignoring.update(scores, targets)
    var filtered = try BinaryClassification<Double>(
      metrics: ClassificationMetric.defaults + [.logLoss, .confusionMatrix])
    try filtered.update([0.2, 0.9, 0.4, 0.6], [0, 1, 1, 0])
    #expect(ignoring.compute() == filtered.compute())

    var mc = try MulticlassClassification<Double>(numClasses: 2, nanPolicy: .omit)
    try mc.update([0.3, 0.7, .nan, 0.5, 0.6, 0.4], [1, 0, 0])
    var mcFiltered = try MulticlassClassification<Double>(numClasses: 2)
    try mcFiltered.update([0.3, 0.7, 0.6, 0.4], [1, 0])
    #expect(mc.compute() == mcFiltered.compute())

    // Logits are not scanned before accumulation; NaN rows are found while accumulating.
    let metrics = ClassificationMetric.defaults + [.crossEntropy, .confusionMatrix]
    var logits = try MulticlassClassification<Double>(
      numClasses: 3, inputKind: .logits, metrics: metrics, nanPolicy: .omit)
    try logits.update([1, 2, 0, .nan, 0, 1, 0, 0, 3, 2, 1, 0], [1, 0, 2, 0])
    var logitsFiltered = try MulticlassClassification<Double>(
      numClasses: 3, inputKind: .logits, metrics: metrics)
    try logitsFiltered.update([1, 2, 0, 0, 0, 3, 2, 1, 0], [1, 2, 0])
    #expect(logits.compute() == logitsFiltered.compute())
    // The accumulated data are equal; the states' configurations differ in the NaN policy.
    #expect(logits.core.state == logitsFiltered.core.state)
    var propagating = try MulticlassClassification<Double>(
      numClasses: 3, inputKind: .logits, metrics: metrics)
    try propagating.update([1, 2, 0, .nan, 0, 1], [1, 0])
    #expect(propagating.compute().allSatisfy { $0.value.values.allSatisfy(\.isNaN) })
  }

  @Test func degenerateDataFollowTheDocumentedConventions() throws {
    let empty = try BinaryClassification<Double>(metrics: ClassificationMetric.defaults + [.confusionMatrix])
    let r = empty.compute()
    for key in ["auroc", "auprc", "acc", "f1", "mcc"] { #expect(r.scalar(key)!.isNaN) }
    #expect(r["confmat"] == .matrix(rows: 2, columns: 2, values: [0, 0, 0, 0]))

    var oneClass = try BinaryClassification<Double>(metrics: [.auroc, .averagePrecision, .precision, .mcc])
    try oneClass.update([0.1, 0.8, 0.3], [0, 0, 0])
    let o = oneClass.compute()
    #expect(o.scalar("auroc")!.isNaN && o.scalar("auprc")!.isNaN)
    #expect(o.scalar("precision") == 0 && o.scalar("mcc") == 0)  // zero division → 0

    var allPositive = try BinaryClassification<Double>(metrics: [.averagePrecision])
    try allPositive.update([0.1, 0.8], [1, 1])
    #expect(allPositive.compute().scalar("auprc")!.isNaN)

    var empties = try MulticlassClassification<Double>(
      numClasses: 3, metrics: [.f1.averaged(.perClass), .auroc])
    #expect(empties.compute()["f1_none"]!.values.allSatisfy { $0.isNaN })
    try empties.update([0.2, 0.3, 0.5], [2])
    #expect(empties.compute().scalar("auroc")!.isNaN)  // one class present: every class undefined
  }

  @Test func floatAndDoubleAgreeOnRepresentableScores() throws {
    var g = SeededGenerator(seed: 21)
    let scores = (0..<3000).map { _ in Double(Int.random(in: 0...1024, using: &g)) / 1024 }
    let targets = scores.map { s in Double.random(in: 0...1, using: &g) < s ? 1 : 0 }
    let metrics = ClassificationMetric.defaults + [.logLoss, .cohenKappa, .balancedAccuracy]
    var d = try BinaryClassification<Double>(metrics: metrics)
    var f = try BinaryClassification<Float>(metrics: metrics)
    try d.update(scores, targets)
    try f.update(scores.map { Float($0) }, targets)
    #expect(closeEnough(d.compute(), f.compute(), relative: 1e-15))
  }

  @Test func floatLogitsTrackDoubleLogits() throws {
    var g = SeededGenerator(seed: 23)
    let k = 5
    let logits = (0..<(2000 * k)).map { _ in Double.random(in: -5...5, using: &g) }
    let targets = (0..<2000).map { _ in Int.random(in: 0..<k, using: &g) }
    let metrics = ClassificationMetric.defaults + [.crossEntropy, .averagePrecision.averaged(.micro)]
    var d = try MulticlassClassification<Double>(numClasses: k, inputKind: .logits, metrics: metrics)
    var f = try MulticlassClassification<Float>(numClasses: k, inputKind: .logits, metrics: metrics)
    try d.update(logits, targets)
    try f.update(logits.map { Float($0) }, targets)
    #expect(closeEnough(d.compute(), f.compute(), relative: 1e-5))
    var ld = try MultilabelClassification<Double>(numLabels: k, inputKind: .logits, metrics: metrics)
    var lf = try MultilabelClassification<Float>(numLabels: k, inputKind: .logits, metrics: metrics)
    let labels = targets.flatMap { t in (0..<k).map { $0 == t || $0 == (t + 2) % k ? 1 : 0 } }
    try ld.update(logits, labels)
    try lf.update(logits.map { Float($0) }, labels)
    #expect(closeEnough(ld.compute(), lf.compute(), relative: 1e-5))
  }

  @Test func nestedRowsMatchFlatBuffers() throws {
    let rows: [[Double]] = [[0.1, 2, -1], [0.5, 0.2, 0.1], [3, 0, 1], [0, 0, 0]]
    let targets = [1, 0, 2, 1]
    var flat = try multiclassMetrics(Double.self, numClasses: 3, inputKind: .logits, adding: [.crossEntropy])
    var nested = flat
    try flat.update(rows.flatMap { $0 }, targets)
    try nested.update(rows: rows, targets: targets)
    #expect(flat.compute() == nested.compute())

    let labelRows: [[Int]] = [[1, 0, 1], [0, 0, 1], [1, 1, 0], [0, 1, 0]]
    var ml = try MultilabelClassification<Double>(numLabels: 3, inputKind: .logits)
    var mlNested = ml
    try ml.update(rows.flatMap { $0 }, labelRows.flatMap { $0 })
    try mlNested.update(rows: rows, targets: labelRows)
    #expect(ml.compute() == mlNested.compute())
  }

  @Test func logitsAndProbabilitiesGiveTheSameMetrics() throws {
    var g = SeededGenerator(seed: 22)
    let k = 4
    let logits = (0..<(200 * k)).map { _ in Double.random(in: -4...4, using: &g) }
    let targets = (0..<200).map { _ in Int.random(in: 0..<k, using: &g) }
    var probabilities = [Double]()
    for i in 0..<200 {
      let row = logits[(i * k)..<(i * k + k)]
      let m = row.max()!
      let e = row.map { exp($0 - m) }
      let s = e.reduce(0, +)
      probabilities += e.map { $0 / s }
    }
    let metrics = ClassificationMetric.defaults + [.crossEntropy, .topKAccuracy(2)]
    var fromLogits = try MulticlassClassification<Double>(numClasses: k, inputKind: .logits, metrics: metrics)
    var fromProbabilities = try MulticlassClassification<Double>(numClasses: k, metrics: metrics)
    try fromLogits.update(logits, targets)
    try fromProbabilities.update(probabilities, targets)
    #expect(closeEnough(fromLogits.compute(), fromProbabilities.compute(), relative: 1e-12))

    let binaryLogits = logits.prefix(200).map { $0 }
    let binaryTargets = targets.map { $0 % 2 } + Array(repeating: 1, count: 100)
    var bl = try BinaryClassification<Double>(inputKind: .logits, metrics: metrics.dropLast(), threshold: 0.3)
    var bp = try BinaryClassification<Double>(metrics: metrics.dropLast(), threshold: 0.3)
    try bl.update(binaryLogits + Array(repeating: 0, count: 100), binaryTargets)
    try bp.update((binaryLogits + Array(repeating: 0, count: 100)).map { 1 / (1 + exp(-$0)) }, binaryTargets)
    #expect(closeEnough(bl.compute(), bp.compute(), relative: 1e-12))
  }

  @Test func factoriesUseDanLingDefaultsAndReplaceByKey() throws {
    let b = try binaryMetrics(Float.self)
    #expect(b.metrics.map(\.name) == ["auroc", "auprc", "acc", "f1", "mcc"])
    #expect(b.options.average == .macro && b.options.mode == .exact)
    let c: MulticlassClassification<Double> = try multiclassMetrics(
      numClasses: 5, adding: [.accuracy.named("auroc"), .topKAccuracy(3)], mode: .streaming)
    #expect(c.metrics.map(\.name) == ["auroc", "auprc", "acc", "f1", "mcc", "acc@3"])
    #expect(c.metrics[0].kind == .accuracy)
    let l = try multilabelMetrics(Double.self, numLabels: 3, metrics: [.exactMatch, .hammingLoss])
    #expect(l.metrics.map(\.name) == ["exact_match", "hamming_loss"])
    #expect(
      try l.adding([.f1.averaged(.micro)]).metrics.map(\.name) == ["exact_match", "hamming_loss", "f1_micro"])
    #expect(try l.replacingMetrics(with: [.auroc]).metrics.map(\.name) == ["auroc"])
  }

  @Test func resultKeysCarryTheirDirection() throws {
    var m = try MulticlassClassification<Double>(
      numClasses: 3,
      metrics: [
        .accuracy, .fBeta(0.5), .crossEntropy, .hammingLoss, .confusionMatrix, .cohenKappa,
        .recall.averaged(.perClass),
      ])
    try m.update([0.2, 0.3, 0.5, 0.6, 0.3, 0.1], [2, 1])
    let r = m.compute()
    #expect(r.names == ["acc", "f0_5", "cross_entropy", "hamming_loss", "confmat", "kappa", "recall_none"])
    #expect(
      r.entries.map(\.direction) == [.maximize, .maximize, .minimize, .minimize, nil, .maximize, .maximize])
    #expect(r["confmat"] == .matrix(rows: 3, columns: 3, values: [0, 0, 0, 1, 0, 0, 0, 0, 1]))
    #expect(r["recall_none"] == .vector([0, 0, 1]))
  }

  @Test func multiclassTopKTiesGoToTheLowerIndex() throws {
    var m = try MulticlassClassification<Double>(
      numClasses: 3, metrics: [.accuracy.averaged(.micro), .topKAccuracy(2).averaged(.micro)])
    // Row scores tie everywhere: the prediction is class 0, the top-2 are classes 0 and 1.
    try m.update([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5], [0, 1, 2])
    let r = m.compute()
    #expect(closeEnough(r.scalar("acc_micro")!, 1.0 / 3.0, relative: 1e-15))
    #expect(closeEnough(r.scalar("acc@2_micro")!, 2.0 / 3.0, relative: 1e-15))
  }
}
