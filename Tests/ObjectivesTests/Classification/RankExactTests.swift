import Foundation
import Testing

@testable import Objectives

/// Rank metrics on `Double` data rank by the full order of `Double` (issue 10, item 7): Spearman
/// against SciPy and AUROC / average precision against scikit-learn, to 1e-12, on data that a
/// `Float` rounding of the values ranks differently (scripts/make_regression_fixtures.py and
/// scripts/make_classification_fixtures.py, `--rank-exact`).
@Suite struct RankExactTests {
  struct SpearmanCase: Decodable {
    var name: String
    var predictions: [Double]
    var targets: [Double]
    var spearman: Double
    var float32_differs: Bool
  }

  struct ScoreCase: Decodable {
    var id: String
    var scores: [Double]
    var targets: [Int]
    var auroc: Double
    var average_precision: Double
    var float32_differs: Bool
  }

  static let spearmanCases =
    (try? RegressionTestSupport.fixture("rank_exact_cases", as: [SpearmanCase].self)) ?? []

  static let scoreCases: [ScoreCase] = {
    struct File: Decodable { var cases: [ScoreCase] }
    return (try? RegressionTestSupport.fixture("classification_rank_exact", as: File.self).cases) ?? []
  }()

  func close(_ a: Double?, _ b: Double) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= 1e-12 * max(abs(b), 1e-3)
  }

  @Test func spearmanOnDoubleRanksByTheFullOrder() throws {
    #expect(Self.spearmanCases.count == 6)
    for c in Self.spearmanCases {
      var m = try Regression<Double>([.spearman])
      #expect(m.rankPrecision == .double)
      // In two batches, so that the stores are merged too.
      let half = c.predictions.count / 2
      try m.update(Array(c.predictions[..<half]), Array(c.targets[..<half]))
      try m.update(Array(c.predictions[half...]), Array(c.targets[half...]))
      let value = m.compute().scalar("spearman")
      #expect(close(value, c.spearman), "\(c.name): \(String(describing: value)) vs \(c.spearman)")
      var factory = try regressionMetrics(metrics: [.spearman])
      try factory.update(c.predictions, c.targets)
      #expect(close(factory.compute().scalar("spearman"), c.spearman), "\(c.name)")
      // The opt-in Float approximation is what the fixture discriminates against.
      var single = try Regression<Double>([.spearman], rankPrecision: .single)
      try single.update(c.predictions, c.targets)
      let approximate = single.compute().scalar("spearman") ?? .nan
      #expect(c.float32_differs == !(abs(approximate - c.spearman) <= 1e-9), "\(c.name)")
    }
  }

  @Test func floatInputKeepsThirtyTwoBitKeys() throws {
    #expect(RankPrecision.exact(for: Float.self) == .single)
    #expect(RankPrecision.exact(for: Double.self) == .double)
    #expect(try Regression<Float>([.spearman]).rankPrecision == .single)
    #expect(try regressionMetrics(of: Float.self, metrics: [.spearman]).rankPrecision == .single)
    #expect(RankStore().precision == .double)
  }

  @Test func aurocAndAveragePrecisionOnDoubleScores() throws {
    #expect(Self.scoreCases.count == 3)
    for c in Self.scoreCases {
      #expect(c.float32_differs, "\(c.id) does not discriminate")
      var m = try binaryMetrics(Double.self, metrics: [.auroc, .averagePrecision])
      try m.update(c.scores, c.targets)
      let r = m.compute()
      #expect(close(r.scalar("auroc"), c.auroc), "\(c.id)")
      #expect(close(r.scalar("auprc"), c.average_precision), "\(c.id)")
      // One-vs-rest on two classes: class 1's scores are the same ranking.
      var two = try multilabelMetrics(Double.self, numLabels: 1, metrics: [.auroc, .averagePrecision])
      try two.update(c.scores, c.targets)
      #expect(close(two.compute().scalar("auroc"), c.auroc), "\(c.id)")
    }
  }
}
