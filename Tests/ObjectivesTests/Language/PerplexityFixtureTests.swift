import Foundation
import Testing

@testable import Objectives

/// Agreement with TorchMetrics' `perplexity` on the cases of scripts/make_catalogue3_fixtures.py
/// (logits and log-probabilities, ignore index, every token ignored), in one batch and in merged
/// shards; refusals of bad input.
@Suite struct PerplexityFixtureTests {
  struct Case: Decodable, CustomTestStringConvertible, Sendable {
    var id: String
    var input: String
    var vocabulary: Int
    var ignore_index: Int?
    var scores: [Double]
    var targets: [Int]
    var expected: Double?
    var testDescription: String { id }
  }

  static let cases: [Case] =
    (try? RegressionTestSupport.fixture("catalogue3_perplexity", as: [Case].self)) ?? []

  @Test func casesAreLoaded() {
    #expect(Self.cases.count == 10)
    #expect(Self.cases.contains { $0.expected == nil })
  }

  @Test(arguments: cases) func agreesWithTorchMetrics(_ f: Case) throws {
    let input = try #require(Perplexity.Input(rawValue: f.input))
    let expected = f.expected ?? .nan
    var whole = try Perplexity(vocabularySize: f.vocabulary, input: input, ignoreIndex: f.ignore_index)
    try whole.update(f.scores, f.targets)
    let value = try #require(whole.compute()["perplexity"]?.scalar)
    #expect(RegressionTestSupport.close(value, expected, relative: 1e-12), "\(value) vs \(expected)")
    var merged = whole.emptied()
    for cut in stride(from: 0, to: f.targets.count, by: 3) {
      let end = min(cut + 3, f.targets.count)
      var shard = merged.emptied()
      try shard.update(
        Array(f.scores[(cut * f.vocabulary)..<(end * f.vocabulary)]), Array(f.targets[cut..<end]))
      try merged.merge(shard)
    }
    let split = try #require(merged.compute()["perplexity"]?.scalar)
    #expect(RegressionTestSupport.close(split, expected, relative: 1e-12))
  }

  @Test func badInputIsRefusedAndLeavesTheStateUnchanged() throws {
    var p = try Perplexity(vocabularySize: 3, input: .logits, ignoreIndex: -100)
    try p.update([0, 1, 2], [2])
    let before = p.state
    #expect(throws: ObjectiveError.labelOutOfRange(label: 3, count: 3, position: 1)) {
      try p.update([0, 1, 2, 0, 1, 2], [0, 3])
    }
    #expect(throws: ObjectiveError.self) { try p.update([0, 1], [0]) }
    #expect(p.state == before)
    #expect(throws: ObjectiveError.self) { try Perplexity(vocabularySize: 0, input: .logits) }
    var other = try Perplexity(vocabularySize: 3, input: .logProbabilities)
    #expect(throws: ObjectiveError.self) { try other.merge(p) }
    #expect(throws: ObjectiveError.self) { try other.restore(p.state) }
  }

  @Test func stateRoundTripsThroughJSON() throws {
    var p = try Perplexity(vocabularySize: 2, input: .logProbabilities)
    try p.update([0, -.infinity], [1])
    #expect(p.compute()["perplexity"]?.scalar == .infinity)
    let data = try JSONEncoder().encode(p.state)
    var q = p.emptied()
    try q.restore(try JSONDecoder().decode(PerplexityState.self, from: data))
    #expect(q.compute()["perplexity"]?.scalar == .infinity)
    #expect(q.sampleCount == 1)
  }
}
