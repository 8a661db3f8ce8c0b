import Foundation
import Testing

@testable import Objectives

/// Merge laws, split invariance, Codable round trips, sharing and conversion, on random data for
/// every task, mode and rank estimation.
@Suite struct ClassificationPropertyTests {
  /// A random data set for one task: scores (row-major) and targets, with ties and ignored targets.
  struct Data {
    var scores: [Double]
    var targets: [Int]
    var width: Int
    var targetWidth: Int
    var rows: Int { targets.count / targetWidth }

    func slice(_ r: Range<Int>) -> ([Double], [Int]) {
      (
        Array(scores[(r.lowerBound * width)..<(r.upperBound * width)]),
        Array(targets[(r.lowerBound * targetWidth)..<(r.upperBound * targetWidth)])
      )
    }
  }

  static func binaryData(_ n: Int, seed: UInt64) -> Data {
    var g = SeededGenerator(seed: seed)
    let targets = (0..<n).map { _ in
      Int.random(in: 0..<10, using: &g) == 0 ? -100 : Int.random(in: 0...1, using: &g)
    }
    let scores = (0..<n).map { _ in (Double.random(in: 0...1, using: &g) * 64).rounded() / 64 }
    return Data(scores: scores, targets: targets, width: 1, targetWidth: 1)
  }

  static func multiclassData(_ n: Int, classes: Int, seed: UInt64) -> Data {
    var g = SeededGenerator(seed: seed)
    let targets = (0..<n).map { _ in
      Int.random(in: 0..<12, using: &g) == 0 ? -100 : Int.random(in: 0..<classes, using: &g)
    }
    let scores = (0..<(n * classes)).map { _ in (Double.random(in: -3...3, using: &g) * 8).rounded() / 8 }
    return Data(scores: scores, targets: targets, width: classes, targetWidth: 1)
  }

  static func multilabelData(_ n: Int, labels: Int, seed: UInt64) -> Data {
    var g = SeededGenerator(seed: seed)
    let targets = (0..<(n * labels)).map { _ in
      Int.random(in: 0..<10, using: &g) == 0 ? -100 : Int.random(in: 0...1, using: &g)
    }
    let scores = (0..<(n * labels)).map { _ in (Double.random(in: 0...1, using: &g) * 32).rounded() / 32 }
    return Data(scores: scores, targets: targets, width: labels, targetWidth: labels)
  }

  static let everything: [ClassificationMetric] = [
    .accuracy, .precision, .recall, .f1, .fBeta(2), .specificity, .balancedAccuracy, .mcc, .cohenKappa,
    .confusionMatrix, .auroc, .averagePrecision, .logLoss, .hammingLoss,
  ]

  static let configurations: [(AccumulationMode, RankEstimation)] = [
    (.exact, .exact), (.exact, .binned(thresholds: 17)), (.streaming, .exact),
  ]

  /// Every law, for objectives made by `make` on `data`.
  func checkLaws<O: Objective>(_ data: Data, seed: UInt64, _ make: () throws -> O) throws
  where O.Output == [Double], O.Target == [Int], O.State == ClassificationState<Double> {
    var g = SeededGenerator(seed: seed)
    let ranges = randomRanges(data.rows, pieces: 5, using: &g)
    let parts = try ranges.map { r -> O in
      var o = try make()
      let (s, t) = data.slice(r)
      try o.update(s, t)
      return o
    }
    var sequential = try make()
    for r in ranges {
      let (s, t) = data.slice(r)
      try sequential.update(s, t)
    }
    let streaming = sequential.state.streamed.isEmpty == false

    // Identity: merging an empty objective changes nothing, both ways.
    var left = sequential
    try left.merge(make())
    #expect(left.state == sequential.state)
    var right = try make()
    try right.merge(sequential)
    #expect(right.state == sequential.state)

    // Associativity: (a + b) + c against a + (b + c).
    var ab = parts[0]
    try ab.merge(parts[1])
    try ab.merge(parts[2])
    var bc = parts[1]
    try bc.merge(parts[2])
    var a = parts[0]
    try a.merge(bc)
    #expect(a.state.confusion == ab.state.confusion)
    #expect(closeEnough(a.compute(), ab.compute(), relative: 1e-12))

    // Split invariance: shards merged = sequential batches (= one batch in exact mode).
    var merged = try make()
    for p in parts.shuffled(using: &g) { try merged.merge(p) }
    #expect(merged.state.confusion == sequential.state.confusion)
    #expect(closeEnough(merged.compute(), sequential.compute(), relative: 1e-12))
    if !streaming {
      var whole = try make()
      try whole.update(data.scores, data.targets)
      #expect(whole.state.confusion == sequential.state.confusion)
      #expect(whole.state.samples == sequential.state.samples)
      #expect(closeEnough(whole.compute(), sequential.compute(), relative: 1e-12))
    }

    // Codable round trip through JSON, restored into an empty objective.
    let encoder = JSONEncoder()
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let data = try encoder.encode(sequential.state)
    let decoded = try decoder.decode(ClassificationState<Double>.self, from: data)
    #expect(decoded == sequential.state)
    var restored = try make()
    try restored.restore(decoded)
    #expect(closeEnough(restored.compute(), sequential.compute(), relative: 0))
    let snapshot = try StateSnapshot(of: sequential.state)
    var fromSnapshot = try make()
    try fromSnapshot.restore(try snapshot.decode(ClassificationState<Double>.self))
    #expect(closeEnough(fromSnapshot.compute(), sequential.compute(), relative: 0))

    // Reset returns to the empty state.
    var reset = sequential
    reset.reset()
    #expect(try reset.state == make().state)
  }

  @Test(arguments: 0..<3) func binaryLaws(configuration: Int) throws {
    let (mode, rank) = Self.configurations[configuration]
    for (n, seed) in [(0, 1), (1, 2), (37, 3), (2000, 4)] {
      try checkLaws(Self.binaryData(n, seed: UInt64(seed)), seed: UInt64(seed)) {
        try BinaryClassification<Double>(
          metrics: Self.everything, ignoreIndex: -100, mode: mode, rankEstimation: rank)
      }
    }
  }

  @Test(arguments: 0..<3) func multiclassLaws(configuration: Int) throws {
    let (mode, rank) = Self.configurations[configuration]
    for average in Averaging.allCases {
      for (n, seed) in [(0, 5), (3, 6), (400, 7)] {
        try checkLaws(Self.multiclassData(n, classes: 5, seed: UInt64(seed)), seed: UInt64(seed)) {
          try MulticlassClassification<Double>(
            numClasses: 5, inputKind: .logits, metrics: Self.everything + [.topKAccuracy(2)],
            ignoreIndex: -100, average: average, mode: mode, rankEstimation: rank)
        }
      }
    }
  }

  @Test(arguments: 0..<3) func multilabelLaws(configuration: Int) throws {
    let (mode, rank) = Self.configurations[configuration]
    for average in Averaging.allCases {
      for (n, seed) in [(0, 8), (2, 9), (300, 10)] {
        try checkLaws(Self.multilabelData(n, labels: 4, seed: UInt64(seed)), seed: UInt64(seed)) {
          try MultilabelClassification<Double>(
            numLabels: 4, metrics: Self.everything + [.exactMatch], ignoreIndex: -100, average: average,
            mode: mode, rankEstimation: rank)
        }
      }
    }
  }

  @Test func largeMulticlassIsSplitInvariantWithParallelCompute() throws {
    // Enough stored scores that classes are ranked in parallel.
    let data = Self.multiclassData(8_000, classes: 6, seed: 12)
    try checkLaws(data, seed: 12) {
      try MulticlassClassification<Double>(
        numClasses: 6, inputKind: .logits,
        metrics: [.auroc, .averagePrecision.averaged(.micro), .averagePrecision], ignoreIndex: -100,
        average: .weighted)
    }
  }

  @Test func mergeRejectsDifferentConfigurations() throws {
    var a = try BinaryClassification<Double>()
    #expect(throws: ObjectiveError.self) { try a.merge(BinaryClassification<Double>(threshold: 0.3)) }
    #expect(throws: ObjectiveError.self) { try a.merge(BinaryClassification<Double>(metrics: [.accuracy])) }
    var m = try MulticlassClassification<Double>(numClasses: 3)
    #expect(throws: ObjectiveError.self) { try m.merge(MulticlassClassification<Double>(numClasses: 4)) }
    let streaming = try BinaryClassification<Double>(mode: .streaming)
    #expect(throws: ObjectiveError.self) { try a.restore(streaming.state) }
    let other = try MulticlassClassification<Double>(numClasses: 4)
    #expect(throws: ObjectiveError.self) { try m.restore(other.state) }
    do {
      try a.merge(BinaryClassification<Double>(threshold: 0.3))
      Issue.record("merge should have thrown")
    } catch {
      guard case .incompatibleState = error else {
        Issue.record("expected incompatibleState, got \(error)")
        return
      }
    }
  }

  @Test func sharingUnitesMetricListsByDeclaredIdentity() throws {
    let accuracy = try BinaryClassification<Double>(metrics: [.accuracy, .f1])
    let ranking = try BinaryClassification<Double>(metrics: [.auroc, .f1])
    var shared = try #require(accuracy.sharingState(with: ranking))
    #expect(shared.metrics.map(\.name) == ["acc", "f1", "auroc"])
    let data = Self.binaryData(500, seed: 13)
    var a = accuracy
    var r = ranking
    try shared.update(data.scores, data.targets.map { max($0, 0) })
    try a.update(data.scores, data.targets.map { max($0, 0) })
    try r.update(data.scores, data.targets.map { max($0, 0) })
    let s = shared.compute()
    #expect(s["acc"] == a.compute()["acc"] && s["f1"] == a.compute()["f1"])
    #expect(s["auroc"] == r.compute()["auroc"])
    // Different options: never shared, even when the values would coincide.
    #expect(try accuracy.sharingState(with: BinaryClassification(metrics: [.auroc], threshold: 0.4)) == nil)
    // The same key meaning different metrics: not shared.
    let micro = try BinaryClassification<Double>(metrics: [.accuracy.named("f1")])
    #expect(accuracy.sharingState(with: micro) == nil)
    // Non-empty, different states: not shared.
    #expect(a.sharingState(with: ranking) == nil)
  }

  @Test func conversionKeepsConfigurationAndEmptiesState() throws {
    var exact = try multiclassMetrics(Double.self, numClasses: 3, adding: [.topKAccuracy(2)])
    try exact.update([0.2, 0.3, 0.5, 0.6, 0.3, 0.1], [2, 0])
    let streaming = exact.converted(to: .streaming)
    #expect(streaming.options.mode == .streaming)
    #expect(streaming.metrics == exact.metrics)
    #expect(streaming.state.isEmpty)
    let back = streaming.converted(to: .exact)
    #expect(back.options == exact.options && back.metrics == exact.metrics)
    #expect(back.state == exact.emptied().state)
  }

  @Test func forwardResultsGiveTheBatchAndAccumulate() throws {
    var m = try BinaryClassification<Double>(metrics: [.accuracy])
    let first = try m.forwardResults([0.9, 0.1], [1, 1])
    let second = try m.forwardResults([0.9, 0.8], [1, 1])
    #expect(first.scalar("acc") == 0.5 && second.scalar("acc") == 1)
    #expect(m.compute().scalar("acc") == 0.75)
  }
}
