import Foundation
import Testing

@testable import Objectives

/// `objectives evaluate` for the catalogue's third part: `--task ranking`, `--task perplexity` and
/// the further regression names, against the fixtures of scripts/make_catalogue3_fixtures.py.
@Suite struct CLICatalogue3Tests {
  func json(_ arguments: [String], stdin: String) throws -> [String: Double] {
    let run = try CLI.run(["evaluate", "--format", "json"] + arguments + ["-"], stdin: stdin)
    #expect(run.status == 0, "\(run.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
    return object.compactMapValues { $0 as? Double }
  }

  @Test func rankingAgreesWithTorchMetrics() throws {
    for f in RankingFixtureTests.cases where ["graded_neg", "binary_skip", "ties_pos"].contains(f.id) {
      var csv = "id,query,target,score\n"
      for i in f.queries.indices {
        csv += "\(i),\(f.queries[i]),\(NumberFormatting.shortest(f.targets[i])),\(f.scores[i])\n"
      }
      let names = f.expected.keys.sorted()
      let out = try json(
        ["--task", "ranking", "--metrics", names.joined(separator: ","), "--empty-queries", f.empty],
        stdin: csv)
      for name in names {
        guard case .number(let expected) = f.expected[name] else { continue }
        #expect(abs((out[name] ?? .nan) - expected) < 1e-12, "\(f.id) \(name)")
      }
    }
    let defaults = try json(["--task", "ranking"], stdin: "query,target,score\na,1,0.5\na,0,0.9\n")
    #expect(Set(defaults.keys) == Set(RankingMetric.defaults.map(\.name)))
    #expect(defaults["mrr"] == 0.5)
  }

  @Test func rankingRefusals() throws {
    let csv = "query,target,score\na,0,0.5\nb,1,0.9\n"
    CLI.expectFailure(
      try CLI.run(["evaluate", "--task", "ranking", "--empty-queries", "error", "-"], stdin: csv),
      mentioning: ["query a has no relevant item"])
    CLI.expectFailure(
      try CLI.run(["evaluate", "--task", "ranking", "-"], stdin: "query,target,score\na,-1,0.5\n"),
      mentioning: ["relevance grade"])
    CLI.expectFailure(
      try CLI.run(["evaluate", "--task", "ranking", "--metrics", "ndcg@0", "-"], stdin: csv),
      mentioning: ["unknown ranking metric 'ndcg@0'"])
    CLI.expectFailure(
      try CLI.run(["evaluate", "--task", "ranking", "-"], stdin: "q,target,score\na,1,0.5\n"),
      mentioning: ["missing column 'query'"])
    CLI.expectFailure(
      try CLI.run(
        ["evaluate", "--task", "binary", "--empty-queries", "skip", "-"], stdin: "target,score\n1,0.5\n"),
      mentioning: ["'--empty-queries' does not apply to --task binary"])
    CLI.expectFailure(
      try CLI.run(["evaluate", "--task", "ranking", "--streaming", "-"], stdin: csv),
      mentioning: ["'--streaming' does not apply to --task ranking"])
  }

  @Test func perplexityAgreesWithTorchMetrics() throws {
    for f in PerplexityFixtureTests.cases where f.id.hasPrefix("ignore_") || f.id.hasPrefix("plain") {
      var csv = "target," + (0..<f.vocabulary).map { "score_\($0)" }.joined(separator: ",") + "\n"
      for (i, y) in f.targets.enumerated() {
        csv +=
          "\(y),"
          + f.scores[(i * f.vocabulary)..<((i + 1) * f.vocabulary)].map { "\($0)" }.joined(separator: ",")
          + "\n"
      }
      var arguments = ["--task", "perplexity", "--input", f.input]
      if let ignore = f.ignore_index { arguments += ["--ignore-index", "\(ignore)"] }
      let out = try json(arguments, stdin: csv)
      #expect(
        RegressionTestSupport.close(out["perplexity"] ?? .nan, f.expected ?? .nan, relative: 1e-12), "\(f.id)"
      )
    }
    CLI.expectFailure(
      try CLI.run(["evaluate", "--task", "perplexity", "-"], stdin: "target,score_0,score_1\n2,0.1,0.2\n"),
      mentioning: ["is not a token in 0..<2"])
    CLI.expectFailure(
      try CLI.run(
        ["evaluate", "--task", "perplexity", "--input", "probabilities", "-"], stdin: "target,score_0\n0,1\n"),
      mentioning: ["use logits or log_probabilities"])
  }

  @Test func furtherRegressionNamesAgreeWithTheFixtures() throws {
    let wanted = [
      "positive_k1_kendall", "positive_k1_tweedie_deviance=1.5", "positive_k1_smape", "positive_k1_ccc",
      "positive_k1_nrmse_range",
    ]
    for f in Catalogue3RegressionFixtureTests.cases where wanted.contains(f.id) {
      guard case .value(let expected) = f.expected else { continue }
      var csv = "target,prediction\n"
      for i in f.targets.indices { csv += "\(f.targets[i]),\(f.predictions[i])\n" }
      let exact = try json(["--task", "regression", "--metrics", f.metric], stdin: csv)
      #expect(RegressionTestSupport.close(exact[f.metric] ?? .nan, expected), "\(f.id)")
      if f.metric == "smape" {
        let streamed = try json(
          ["--task", "regression", "--streaming", "--chunk-rows", "7", "--metrics", f.metric], stdin: csv)
        #expect(RegressionTestSupport.close(streamed[f.metric] ?? .nan, expected, relative: 1e-12))
      }
    }
    let rows = "target_0,target_1,prediction_0,prediction_1\n0.2,0.8,0.5,0.5\n0.6,0.4,0.3,0.7\n"
    let divergence = try json(
      ["--task", "regression", "--metrics", "kl_divergence,js_divergence"], stdin: rows)
    let first: Double = 0.2 * log(0.2 / 0.5) + 0.8 * log(0.8 / 0.5)
    let second: Double = 0.6 * log(0.6 / 0.3) + 0.4 * log(0.4 / 0.7)
    let kl = (first + second) / 2
    #expect(abs((divergence["kl_divergence"] ?? .nan) - kl) < 1e-12)
    CLI.expectFailure(
      try CLI.run(
        ["evaluate", "--task", "regression", "--metrics", "tweedie_deviance=0.5", "-"],
        stdin: "target,prediction\n1,2\n"),
      mentioning: ["not defined for 0 < power < 1"])
    CLI.expectFailure(
      try CLI.run(
        ["evaluate", "--task", "regression", "--metrics", "tweedie_deviance=2", "-"],
        stdin: "target,prediction\n1,2\n0,1\n"),
      mentioning: ["the target 0.0 must be > 0"])
  }
}
