import Foundation
import Testing

@testable import Objectives

/// Catalogue objectives join losses and each other through `|`.
@Suite struct CatalogueAlgebraTests {
  @Test func lossWatchesCatalogueMetrics() throws {
    let ce = Loss(try CrossEntropyLoss(numClasses: 3), name: "CE")
    var loss = try ce | multiclassMetrics(numClasses: 3, inputKind: .logits)
    let logits = [2.0, 0.5, -1.0, 0.1, 0.2, 0.3, -1, 3, 0.5]
    let labels = [0, 2, 1]
    let value = try loss.forward(logits, labels)
    #expect(isClose(value, try CrossEntropyLoss(numClasses: 3).mean(logits, labels), relative: 1e-14))
    let results = loss.compute()
    #expect(results.names.first == "CE")
    #expect(results.names.contains("acc") && results.names.contains("auroc"))
    #expect(results.scalar("acc") == 1)
    // The watched metrics' state checkpoints with the loss.
    var restored = loss.emptied()
    try restored.restore(
      JSONDecoder().decode(LossState.self, from: JSONEncoder().encode(loss.state)))
    #expect(restored.compute() == results)
  }

  @Test func equalConfigurationsShareOneState() throws {
    let collection =
      try binaryMetrics(metrics: [.accuracy, .f1])
      | binaryMetrics(metrics: [.mcc, .auroc])
    #expect(collection.count == 1)
    #expect(collection.reportedNames == ["acc", "f1", "mcc", "auroc"])
    var c = collection
    try c.update([0.9, 0.2, 0.7, 0.4], [1, 0, 0, 1])
    #expect(c.compute().scalar("acc") == 0.5)
    #expect(c.compute().scalar("auroc") == 0.75)
  }

  @Test func differentConfigurationsReportingOneNameAreRefused() throws {
    var joined =
      try binaryMetrics(metrics: [.accuracy])
      | binaryMetrics(metrics: [.accuracy], threshold: 0.7)
    #expect(throws: CompositionError.self) { try joined.checked() }
    #expect(throws: ObjectiveError.self) { try joined.update([0.9], [1]) }
  }

  @Test func collectionUpdatesAreAtomic() throws {
    let metric = Metric<[Double], [Int]>("count") { o, _ in .batch(Double(o.count)) }
    var c = try metric | multiclassMetrics(numClasses: 2, metrics: [.accuracy])
    try c.update([0.9, 0.1], [0])
    #expect(throws: ObjectiveError.self) { try c.update([0.9, 0.1], [5]) }
    #expect(c.compute().scalar("count") == 2)
    #expect(c.compute().scalar("acc") == 1)
  }
}

@Suite struct MulticlassLargeBatchTests {
  /// A batch large enough to be accumulated in two halves on two cores gives the same results as
  /// small batches, and an error in the second half names its position in the whole batch.
  @Test func largeBatchesMatchSmallBatchesAndReportGlobalPositions() throws {
    var g = SeededGenerator(seed: 5)
    let k = 10
    let n = (1 << 18) / k + 7
    let logits = (0..<(n * k)).map { _ in Float.random(in: -4...4, using: &g) }
    let labels = (0..<n).map { _ in Int.random(in: 0..<k, using: &g) }
    let metrics: [ClassificationMetric] = [.accuracy, .f1, .auroc, .averagePrecision, .mcc, .crossEntropy]
    var whole = try multiclassMetrics(Float.self, numClasses: k, inputKind: .logits, metrics: metrics)
    var batched = whole
    try whole.update(logits, labels)
    for start in stride(from: 0, to: n, by: 1000) {
      let end = min(n, start + 1000)
      try batched.update(Array(logits[(start * k)..<(end * k)]), Array(labels[start..<end]))
    }
    for (a, b) in zip(whole.compute(), batched.compute()) {
      #expect(a.name == b.name)
      #expect(isClose(a.value.scalar!, b.value.scalar!, relative: 1e-12), "\(a.name)")
    }
    var bad = labels
    bad[n - 3] = k
    let before = whole.compute()
    #expect(throws: ObjectiveError.labelOutOfRange(label: k, count: k, position: n - 3)) {
      try whole.update(logits, bad)
    }
    #expect(whole.compute() == before)
  }
}
