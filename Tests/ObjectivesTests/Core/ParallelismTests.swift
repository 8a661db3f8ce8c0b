import Foundation
import Testing

@testable import Objectives

/// `Parallelism.serial` keeps every call on the calling thread and changes no result: the
/// parallel paths (per-class ranking in `compute()`, multiclass batches accumulated in halves,
/// bucketed radix sorts) give bit-identical values and states either way.
@Suite(.serialized) struct ParallelismTests {
  /// Results and state of `make()` updated with one batch, under `setting`.
  func run<O: Objective>(
    _ setting: Parallelism, _ make: () throws -> O, _ update: (inout O) throws -> Void
  ) throws -> (results: [Double], state: Data) {
    let before = Parallelism.current
    Parallelism.current = setting
    defer { Parallelism.current = before }
    var o = try make()
    try update(&o)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return (flattened(o.compute()), try encoder.encode(o.state))
  }

  func expectBitIdentical<O: Objective>(_ make: () throws -> O, _ update: (inout O) throws -> Void) throws {
    let parallel = try run(.automatic, make, update)
    let serial = try run(.serial, make, update)
    #expect(parallel.results.count == serial.results.count)
    for (p, s) in zip(parallel.results, serial.results) {
      #expect(p.bitPattern == s.bitPattern || (p.isNaN && s.isNaN), "\(p) vs \(s)")
    }
    #expect(parallel.state == serial.state)
  }

  @Test func largeMulticlassUpdateAndComputeAreBitIdentical() throws {
    // 50 000 × 6 scores: the batch is accumulated in halves, the classes are ranked in parallel.
    let data = ClassificationPropertyTests.multiclassData(50_000, classes: 6, seed: 21)
    try expectBitIdentical({
      try MulticlassClassification<Double>(
        numClasses: 6, inputKind: .logits, metrics: [.accuracy, .auroc, .averagePrecision, .logLoss],
        ignoreIndex: -100, average: .weighted)
    }) { try $0.update(data.scores, data.targets) }
  }

  @Test func bucketedRadixSortsAreBitIdentical() throws {
    // More than 2¹⁷ scores per store: the bucketed radix sort shares its buckets between workers.
    let binary = ClassificationPropertyTests.binaryData(300_000, seed: 22)
    try expectBitIdentical({
      try BinaryClassification<Double>(metrics: [.auroc, .averagePrecision], ignoreIndex: -100)
    }) { try $0.update(binary.scores, binary.targets) }
    let (p, y) = RegressionPropertyTests.data(n: 150_000, k: 1, seed: 23)
    try expectBitIdentical({ try Regression<Double>([.spearman, .pearson]) }) { try $0.update(p, y) }
  }

  @Test func theSettingIsReadBack() {
    let before = Parallelism.current
    defer { Parallelism.current = before }
    Parallelism.current = .serial
    #expect(Parallelism.current == .serial)
    Parallelism.current = .automatic
    #expect(Parallelism.current == .automatic)
  }
}
