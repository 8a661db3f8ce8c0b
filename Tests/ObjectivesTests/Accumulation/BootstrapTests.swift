import Foundation
import Testing

@testable import Objectives

/// The Poisson bootstrap: the same intervals for the same seed whatever the batching or sharding,
/// other intervals for another seed, intervals that contain the value, and counts that are
/// Poisson(1).
@Suite struct BootstrapTests {
  static let data = ClassificationPropertyTests.binaryData(400, seed: 11)

  static func bootstrap(seed: UInt64 = 7) throws -> Bootstrap<BinaryClassification<Double>, Double, Int> {
    try Bootstrap(
      try binaryMetrics(metrics: [.accuracy, .auroc], ignoreIndex: -100), replicates: 60, seed: seed)
  }

  static func run(_ ranges: [Range<Int>], seed: UInt64 = 7) throws -> Bootstrap<
    BinaryClassification<Double>, Double, Int
  > {
    var b = try bootstrap(seed: seed)
    for r in ranges {
      let (s, t) = data.slice(r)
      try b.update(s, t)
    }
    return b
  }

  @Test func sameIntervalsWhateverTheBatching() throws {
    let whole = try Self.run([0..<400]).compute()
    let chunked = try Self.run([0..<1, 1..<77, 77..<300, 300..<400]).compute()
    #expect(whole == chunked)
    // Shards that know their first row merge to the single pass.
    var first = try Self.run([0..<150])
    var second = try Self.bootstrap()
    second.nextRow = 150
    let (s, t) = Self.data.slice(150..<400)
    try second.update(s, t)
    try first.merge(second)
    #expect(first.compute() == whole)
    #expect(try Self.run([0..<400], seed: 8).compute() != whole)
  }

  @Test func intervalsBracketTheValue() throws {
    let b = try Self.run([0..<400])
    let intervals = b.intervals()
    #expect(intervals.map(\.name) == ["acc", "auroc"])
    for i in intervals {
      #expect(i.low < i.value && i.value < i.high, "\(i)")
      #expect(i.high - i.low < 0.2 && i.level == 0.95)
    }
    let r = b.compute()
    #expect(r.names == ["acc", "auroc", "acc/low", "acc/high", "auroc/low", "auroc/high"])
  }

  @Test func countsArePoissonOne() {
    var sum = 0
    var squares = 0
    var zeros = 0
    let n = 200_000
    for row in 0..<n {
      let k = BootstrapSampling.count(seed: 3, row: row, replicate: row % 7)
      sum += k
      squares += k * k
      if k == 0 { zeros += 1 }
    }
    let mean = Double(sum) / Double(n)
    let variance = Double(squares) / Double(n) - mean * mean
    #expect(abs(mean - 1) < 0.01 && abs(variance - 1) < 0.02)
    #expect(abs(Double(zeros) / Double(n) - exp(-1)) < 0.005)
  }

  @Test func percentilesInterpolateLikeNumPy() {
    // numpy.percentile([1, 2, 3, 4, 10], [2.5, 97.5]) == [1.1, 9.4]
    let (low, high) = BootstrapSampling.percentileInterval([4, 1, 10, 3, 2, .nan], level: 0.95)
    #expect(abs(low - 1.1) < 1e-12 && abs(high - 9.4) < 1e-12)
  }

  @Test func badConfigurationThrows() throws {
    let m = try binaryMetrics()
    #expect(throws: ObjectiveError.self) { _ = try Bootstrap(m, replicates: 1, seed: 0) }
    #expect(throws: ObjectiveError.self) { _ = try Bootstrap(m, replicates: 10, seed: 0, level: 1) }
    var b = try Bootstrap(m, replicates: 3, seed: 0)
    #expect(throws: ObjectiveError.self) { try b.merge(try Bootstrap(m, replicates: 3, seed: 1)) }
  }
}
