import Foundation
import Testing

@testable import Objectives

/// Merge laws, split invariance and `Codable` round trips of the regression state.
@Suite struct RegressionPropertyTests {
  typealias Generator = RegressionTestSupport.Generator

  static let allMetrics: [RegressionMetric] = [
    .mse, .rmse, .mae, .mape, .r2, .adjustedR2(regressors: 2), .explainedVariance, .pearson, .spearman,
    .cosineSimilarity,
  ]

  /// Correlated data with an offset, `n × k` flat.
  static func data(n: Int, k: Int, seed: UInt64) -> (p: [Double], y: [Double]) {
    var g = Generator(seed: seed)
    var p: [Double] = []
    var y: [Double] = []
    for _ in 0..<n {
      for j in 0..<k {
        let t = 10 + Double(j) + g.normal() * Double(j + 1)
        y.append(t)
        p.append(0.8 * t + g.normal() * 0.7 + (g.next() % 7 == 0 ? 3 : 0))
      }
    }
    return (p, y)
  }

  static func updated(
    _ m: Regression<Double>, _ d: (p: [Double], y: [Double]), rows: Range<Int>
  ) throws -> Regression<Double> {
    var copy = m
    let k = m.numOutputs
    try copy.update(
      Array(d.p[(rows.lowerBound * k)..<(rows.upperBound * k)]),
      Array(d.y[(rows.lowerBound * k)..<(rows.upperBound * k)]))
    return copy
  }

  static func close(_ a: Results, _ b: Results, relative: Double = 1e-12) -> Bool {
    a.names == b.names
      && zip(a, b).allSatisfy {
        RegressionTestSupport.close($0.value, $1.value, relative: relative, floor: 1e-3)
      }
  }

  static let configurations: [(k: Int, aggregation: MultiOutputAggregation, precision: RankPrecision)] =
    [
      (1, .uniformAverage, .single), (3, .rawValues, .single), (3, .varianceWeighted, .double),
      (2, .uniformAverage, .double),
    ]

  @Test(arguments: 0..<4)
  func anyBatchingOrShardingGivesTheSameResults(configuration: Int) throws {
    let (k, aggregation, precision) = Self.configurations[configuration]
    let n = 1500
    let d = Self.data(n: n, k: k, seed: 100 + UInt64(configuration))
    let empty = try Regression<Double>(
      Self.allMetrics, numOutputs: k, multioutput: aggregation, rankPrecision: precision)
    let whole = try Self.updated(empty, d, rows: 0..<n).compute()
    var g = Generator(seed: 7 + UInt64(configuration))
    for trial in 0..<6 {
      // Sequential random batches.
      var sequential = empty
      for r in RegressionTestSupport.randomSplit(n, parts: 2 + trial * 5, using: &g) {
        sequential = try Self.updated(sequential, d, rows: r)
      }
      #expect(Self.close(sequential.compute(), whole), "batches, trial \(trial)")
      // Shards updated separately, merged in a random order.
      var shards = try RegressionTestSupport.randomSplit(n, parts: 2 + trial, using: &g).map {
        try Self.updated(empty, d, rows: $0)
      }
      shards.shuffle(using: &g)
      var merged = empty
      for s in shards { try merged.merge(s) }
      #expect(Self.close(merged.compute(), whole), "shards, trial \(trial)")
      #expect(merged.sampleCount == n)
    }
  }

  @Test(arguments: AccumulationMode.allCases)
  func mergeHasAnIdentityAndIsAssociative(mode: AccumulationMode) throws {
    let d = Self.data(n: 300, k: 2, seed: 5)
    let empty = try Regression<Double>(Self.allMetrics, numOutputs: 2, mode: mode)
    let a = try Self.updated(empty, d, rows: 0..<90)
    let b = try Self.updated(empty, d, rows: 90..<201)
    let c = try Self.updated(empty, d, rows: 201..<300)

    var withEmpty = a
    try withEmpty.merge(empty)
    #expect(withEmpty.state == a.state)
    var intoEmpty = empty
    try intoEmpty.merge(a)
    #expect(intoEmpty.state == a.state)

    var left = a
    try left.merge(b)
    try left.merge(c)
    var bc = b
    try bc.merge(c)
    var right = a
    try right.merge(bc)
    #expect(Self.close(left.compute(), right.compute()))
    #expect(left.sampleCount == 300 && right.sampleCount == 300)
  }

  @Test func streamingMergeEqualsSequentialUpdates() throws {
    let d = Self.data(n: 400, k: 1, seed: 9)
    let empty = try Regression<Double>(Self.allMetrics, mode: .streaming)
    var sequential = empty
    var shards: [Regression<Double>] = []
    for r in [0..<100, 100..<250, 250..<400] {
      sequential = try Self.updated(sequential, d, rows: r)
      shards.append(try Self.updated(empty, d, rows: r))
    }
    var merged = empty
    for s in shards.reversed() { try merged.merge(s) }
    #expect(Self.close(merged.compute(), sequential.compute()))
  }

  @Test func streamingIsExactForMeanErrors() throws {
    let d = Self.data(n: 500, k: 2, seed: 13)
    let metrics: [RegressionMetric] = [.mse, .mae, .mape, .cosineSimilarity]
    let exact = try Self.updated(
      try Regression<Double>(metrics, numOutputs: 2, multioutput: .rawValues), d, rows: 0..<500)
    var streaming = try Regression<Double>(
      metrics, numOutputs: 2, mode: .streaming, multioutput: .rawValues)
    var g = Generator(seed: 3)
    for r in RegressionTestSupport.randomSplit(500, parts: 9, using: &g) {
      streaming = try Self.updated(streaming, d, rows: r)
    }
    #expect(Self.close(streaming.compute(), exact.compute()))
    #expect(metrics.allSatisfy { $0.kind.isExactWhenStreamed })
  }

  static func roundTrip<T: Codable>(_ value: T) throws -> T {
    let encoder = JSONEncoder()
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try decoder.decode(T.self, from: encoder.encode(value))
  }

  @Test(arguments: [
    (AccumulationMode.exact, RankPrecision.single), (.exact, .double), (.streaming, .single),
  ])
  func stateRoundTripsThroughCodable(mode: AccumulationMode, precision: RankPrecision) throws {
    let d = Self.data(n: 250, k: 3, seed: 17)
    let empty = try Regression<Double>(
      Self.allMetrics, numOutputs: 3, mode: mode, multioutput: .rawValues, rankPrecision: precision)
    let m = try Self.updated(empty, d, rows: 0..<200)

    let decoded = try Self.roundTrip(m.state)
    #expect(decoded == m.state)
    var restored = empty
    try restored.restore(decoded)
    #expect(restored.compute() == m.compute())

    let snapshot = try StateSnapshot(of: m.state)
    var viaSnapshot = empty
    try viaSnapshot.restore(try snapshot.decode(RegressionState.self))
    #expect(viaSnapshot.state == m.state)

    // Restored state keeps accumulating like the original.
    let continued = try Self.updated(m, d, rows: 200..<250)
    let resumed = try Self.updated(restored, d, rows: 200..<250)
    #expect(continued.compute() == resumed.compute())
  }

  @Test func restoreRejectsAStateOfAnotherShape() throws {
    let d = Self.data(n: 20, k: 2, seed: 1)
    let two = try Self.updated(try Regression<Double>(numOutputs: 2), d, rows: 0..<20)
    var one = try Regression<Double>()
    #expect(throws: ObjectiveError.self) { try one.restore(two.state) }
    var streaming = try Regression<Double>(numOutputs: 2, mode: .streaming)
    #expect(throws: ObjectiveError.self) { try streaming.restore(two.state) }
    var withoutSpearman = try Regression<Double>([.pearson, .mse], numOutputs: 2)
    #expect(throws: ObjectiveError.self) { try withoutSpearman.restore(two.state) }
    #expect(throws: ObjectiveError.self) { try withoutSpearman.merge(two) }
  }

  @Test func partialStatesRoundTrip() throws {
    for metric in Self.allMetrics {
      let d = Self.data(n: 30, k: 2, seed: 2)
      let m = try Self.updated(try Regression<Double>([metric], numOutputs: 2), d, rows: 0..<30)
      let decoded = try Self.roundTrip(m.state)
      #expect(decoded == m.state, "\(metric)")
    }
  }
}
