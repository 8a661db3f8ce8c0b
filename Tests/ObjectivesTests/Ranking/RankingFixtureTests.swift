import Foundation
import Testing

@testable import Objectives

/// Agreement with TorchMetrics' retrieval metrics on the cases of
/// scripts/make_catalogue3_fixtures.py (binary and graded relevance, ties, queries without relevant
/// items under every empty-query action), in one batch and in shards merged in order.
@Suite struct RankingFixtureTests {
  struct Case: Decodable, CustomTestStringConvertible, Sendable {
    enum Value: Decodable, Sendable {
      case number(Double)
      case error
      init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let v = try? c.decode(Double.self) { self = .number(v) } else { self = .error }
      }
    }
    var id: String
    var queries: [String]
    var scores: [Double]
    var targets: [Double]
    var empty: String
    var expected: [String: Value]
    var tie_sensitive: Bool
    var testDescription: String { id }
  }

  static let cases: [Case] = (try? RegressionTestSupport.fixture("catalogue3_ranking", as: [Case].self)) ?? []

  @Test func everyStyleIsCovered() {
    #expect(Self.cases.count == 13)
    for style in ["binary", "graded", "ties", "neg", "pos", "skip", "error", "all_empty", "all_tied"] {
      #expect(Self.cases.contains { $0.id.contains(style) }, "\(style)")
    }
  }

  @Test(arguments: cases) func agreesWithTheReference(_ f: Case) throws {
    let names = f.expected.keys.sorted()
    let metrics = try names.map { try #require(RankingMetric(named: $0), "\($0)") }
    let action = try #require(EmptyQueryAction(rawValue: f.empty))
    var whole = try RankingMetrics(metrics, emptyQueries: action)
    try whole.update(queries: f.queries, scores: f.scores, grades: f.targets)
    var merged = whole.emptied()
    for cut in stride(from: 0, to: f.scores.count, by: 4) {
      let r = cut..<min(cut + 4, f.scores.count)
      var shard = merged.emptied()
      try shard.update(queries: Array(f.queries[r]), scores: Array(f.scores[r]), grades: Array(f.targets[r]))
      try merged.merge(shard)
    }
    for objective in [whole, merged] {
      if f.expected.values.contains(where: { if case .error = $0 { true } else { false } }) {
        #expect(throws: ObjectiveError.self) { try objective.checkedResults() }
        #expect(objective.compute().allSatisfy { $0.value.scalar?.isNaN == true })
        continue
      }
      let results = try objective.checkedResults()
      for name in names {
        guard case .number(let expected) = f.expected[name] else { continue }
        let value = try #require(results[name]?.scalar)
        #expect(abs(value - expected) < 1e-12, "\(f.id) \(name): \(value) vs \(expected)")
      }
    }
  }

  @Test func badInputIsRefusedAndLeavesTheStateUnchanged() throws {
    var o = try RankingMetrics([.ndcg])
    try o.update(queries: ["a"], scores: [0.5], grades: [1])
    let before = o.state
    #expect(throws: ObjectiveError.self) {
      try o.update(queries: ["a", "b"], scores: [0.1, .nan], grades: [0, 1])
    }
    #expect(throws: ObjectiveError.self) { try o.update(queries: ["a"], scores: [0.1], grades: [-1]) }
    #expect(throws: ObjectiveError.self) {
      try o.update(queries: ["a"], scores: [0.1, 0.2], grades: [0, 1])
    }
    #expect(o.state == before)
    #expect(throws: ObjectiveError.self) { try RankingMetrics([]) }
    #expect(throws: ObjectiveError.self) { try RankingMetrics([RankingMetric(.mrr, k: 0)]) }
    #expect(throws: ObjectiveError.self) { try RankingMetrics([.mrr, .mrr]) }
    var other = try RankingMetrics([.mrr])
    #expect(throws: ObjectiveError.self) { try other.merge(o) }
    #expect(throws: ObjectiveError.self) { try other.restore(o.state) }
    #expect(RankingMetric(named: "ndcg@0") == nil)
    #expect(RankingMetric(named: "ndcg@x") == nil)
    #expect(RankingMetric(named: "hit_rate@3") == RankingMetric(.hitRate, k: 3))
    #expect(try RankingMetrics().compute()["ndcg"]?.scalar?.isNaN == true)
  }

  @Test func stateRoundTripsThroughJSONWithInfiniteScores() throws {
    var o = try RankingMetrics([.ndcg, .mrr])
    try o.update(queries: ["a", "a", "b"], scores: [.infinity, -.infinity, 1], grades: [0, 2, 1])
    let data = try JSONEncoder().encode(o.state)
    var p = o.emptied()
    try p.restore(try JSONDecoder().decode(RankingState.self, from: data))
    #expect(p.compute() == o.compute())
    #expect(p.state == o.state)
    #expect(p.compute()["mrr"]?.scalar == 0.75)
  }
}
