import Foundation
import Testing

@testable import Objectives

/// The law cases of the catalogue's third part: the further regression sums (`RegressionExtras`,
/// through the objective that holds them), `PerplexityState`, `RankingState` and their objectives.
extension MergeableLawTests {
  static let catalogueRegressionMetrics: [RegressionMetric] = [
    .msle, .logCosh, .smape, .wmape, .tweedieDeviance(power: 0), .kendall, .ccc, .nrmse, .nrmseRange,
    .nrmseStd, .nrmseL2, .klDivergence, .jsDivergence, .klDivergenceLogProb, .jsDivergenceLogProb,
  ]
  static let positiveXs = xs.map { abs($0) + 0.25 }
  static let positiveYs = ys.map { abs($0) + 0.5 }
  static let tokens = (0..<120).map { ($0 * 7) % 5 == 4 ? -100 : ($0 * 3) % 4 }
  static let queries = xs.indices.map { "q\(($0 * 13) % 23)" }

  static func catalogueRegression(_ mode: AccumulationMode = .exact) throws -> Regression<Double> {
    try Regression<Double>(catalogueRegressionMetrics, numOutputs: 1, mode: mode)
  }

  static func updateCatalogueRegression(_ o: inout Regression<Double>, _ r: Range<Int>) throws {
    try o.update(Array(positiveXs[r]), Array(positiveYs[r]))
  }

  static func perplexity() throws -> Perplexity {
    try Perplexity(vocabularySize: 4, input: .logits, ignoreIndex: -100)
  }

  static func updatePerplexity(_ o: inout Perplexity, _ r: Range<Int>) throws {
    try o.update(r.flatMap { i in (0..<4).map { xs[(i * 4 + $0) % xs.count] } }, Array(tokens[r]))
  }

  static func ranking() throws -> RankingMetrics {
    try RankingMetrics(RankingMetric.Kind.allCases.map { RankingMetric($0, k: 3) } + [.ndcg])
  }

  static func updateRanking(_ o: inout RankingMetrics, _ r: Range<Int>) throws {
    try o.update(
      queries: Array(queries[r]), scores: r.map { (xs[$0] * 4).rounded() },
      grades: r.map { ys[$0] > 3 ? (ys[$0] > 5 ? 2 : 1) : 0 })
  }

  /// The law subject of an objective's state, read back through `restore`.
  static func stateSubject<O: Objective>(
    _ template: O, rows: Int, tolerance: Double, mismatched: O.State? = nil,
    update: @escaping (inout O, Range<Int>) throws -> Void
  ) -> LawSubject<O.State> where O.State: MergeableState {
    LawSubject(
      empty: template.state, rows: rows,
      accumulate: { s, r in
        var o = template
        try update(&o, r)
        try s.merge(o.state)
      },
      observe: { s in
        var o = template
        try o.restore(s)
        return flattened(o.compute())
      },
      tolerance: tolerance, mismatched: mismatched
    ).codable()
  }

  static let catalogue3: [LawCase] = [
    LawCase("RegressionExtras") {
      let template = try catalogueRegression()
      return LawSubject(
        empty: template.state.statistics!.extras!, rows: xs.count,
        accumulate: { s, r in
          var o = template
          try updateCatalogueRegression(&o, r)
          try s.merge(o.state.statistics!.extras!)
        },
        observe: { e in e.columns.flatMap { $0.map(\.value) } + e.rows.map(\.value) },
        tolerance: compensated,
        mismatched: RegressionExtras(elements: [.logCosh], divergences: [], outputs: 1)
      ).codable()
    },
    LawCase("RegressionState (catalogue metrics)") {
      stateSubject(
        try catalogueRegression(), rows: xs.count, tolerance: compensated,
        mismatched: try regressionObjective().state, update: updateCatalogueRegression)
    },
    LawCase("Regression (catalogue metrics, exact)") {
      try objectiveSubject(
        { try catalogueRegression() }, rows: xs.count, tolerance: compensated,
        update: updateCatalogueRegression)
    },
    LawCase("Regression (catalogue metrics, streaming)") {
      try objectiveSubject(
        { try catalogueRegression(.streaming) }, rows: xs.count, tolerance: compensated,
        batchInvariant: false,
        update: updateCatalogueRegression)
    },
    LawCase("PerplexityState") {
      stateSubject(
        try perplexity(), rows: tokens.count, tolerance: compensated,
        mismatched: try Perplexity(vocabularySize: 5, input: .logits).state, update: updatePerplexity)
    },
    LawCase("Perplexity") {
      try objectiveSubject(
        { try perplexity() }, rows: tokens.count, tolerance: compensated,
        mismatched: try Perplexity(vocabularySize: 4, input: .logProbabilities), update: updatePerplexity)
    },
    LawCase("RankingState") {
      stateSubject(
        try ranking(), rows: xs.count, tolerance: exact, mismatched: try RankingMetrics([.mrr]).state,
        update: updateRanking)
    },
    LawCase("RankingMetrics") {
      try objectiveSubject(
        { try ranking() }, rows: xs.count, tolerance: exact,
        mismatched: try RankingMetrics(emptyQueries: .skip), update: updateRanking)
    },
  ]
}
