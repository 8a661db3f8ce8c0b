import Foundation
import Testing

@testable import Objectives

/// Catalogue objectives join losses and each other through `|`.
@Suite struct CatalogueAlgebraTests {
  @Test func lossWatchesCatalogueMetrics() throws {
    let ce = Loss(try CrossEntropyLoss(numClasses: 3), name: "CE")
    var loss = ce | multiclassMetrics(Double.self, numClasses: 3, inputKind: .logits)
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
      binaryMetrics(Double.self, metrics: [.accuracy, .f1])
      | binaryMetrics(Double.self, metrics: [.mcc, .auroc])
    #expect(collection.count == 1)
    #expect(collection.reportedNames == ["acc", "f1", "mcc", "auroc"])
    var c = collection
    try c.update([0.9, 0.2, 0.7, 0.4], [1, 0, 0, 1])
    #expect(c.compute().scalar("acc") == 0.5)
    #expect(c.compute().scalar("auroc") == 0.75)
  }

  @Test func differentConfigurationsReportingOneNameAreRefused() async {
    await #expect(processExitsWith: .failure) {
      _ =
        binaryMetrics(Double.self, metrics: [.accuracy])
        | binaryMetrics(Double.self, metrics: [.accuracy], threshold: 0.7)
    }
  }

  @Test func collectionUpdatesAreAtomic() throws {
    let metric = Metric<[Double], [Int]>("count") { o, _ in .batch(Double(o.count)) }
    var c = metric | multiclassMetrics(Double.self, numClasses: 2, metrics: [.accuracy])
    try c.update([0.9, 0.1], [0])
    #expect(throws: ObjectiveError.self) { try c.update([0.9, 0.1], [5]) }
    #expect(c.compute().scalar("count") == 2)
    #expect(c.compute().scalar("acc") == 1)
  }
}
