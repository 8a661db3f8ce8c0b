import Foundation
import Testing

@testable import Objectives

/// Agreement with TorchMetrics and scipy on the cases of scripts/make_catalogue3_fixtures.py
/// (MSLE, log-cosh, SMAPE, WMAPE, Tweedie deviance, Kendall's τ-b, CCC, NRMSE, KL / JS), to 1e-9
/// relative, in one batch, in random batches and in merged shards; streaming mode where it is exact.
@Suite struct Catalogue3RegressionFixtureTests {
  struct Case: Decodable, CustomTestStringConvertible, Sendable {
    enum Expected: Decodable, Sendable {
      case value(Double)
      case error
      case refused

      init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
          self = .value(.nan)
        } else if let v = try? c.decode(Double.self) {
          self = .value(v)
        } else {
          switch try c.decode(String.self) {
          case "inf": self = .value(.infinity)
          case "-inf": self = .value(-.infinity)
          case "refused": self = .refused
          default: self = .error
          }
        }
      }
    }
    var id: String
    var metric: String
    var outputs: Int
    var predictions: [Double]
    var targets: [Double]
    var expected: Expected
    var testDescription: String { id }
  }

  static let cases: [Case] =
    (try? RegressionTestSupport.fixture("catalogue3_regression", as: [Case].self)) ?? []

  @Test func everyMetricAndDegenerateStyleIsCovered() {
    #expect(Self.cases.count >= 100)
    for name in RegressionMetric.knownNames
    where ![
      "mse", "rmse", "mae", "r2", "pearson", "spearman",
      "explained_variance", "mape", "cosine_similarity", "nrmse_mean", "tweedie_deviance=P",
    ].contains(name) {
      #expect(Self.cases.contains { $0.metric == name }, "\(name)")
    }
    for style in ["ties", "constant", "zeros", "negative", "refused", "zero_mass", "error"] {
      #expect(
        Self.cases.contains {
          $0.id.contains(style)
            || (style == "error" && { if case .error = $0.expected { true } else { false } }($0))
        }, "\(style)")
    }
  }

  @Test(arguments: cases) func agreesWithTheReference(_ f: Case) throws {
    let metric = try #require(RegressionMetric(named: f.metric), "\(f.metric)")
    let rows = f.predictions.count / f.outputs
    switch f.expected {
    case .refused:
      #expect(throws: ObjectiveError.self) { try Regression<Double>([metric], numOutputs: f.outputs) }
    case .error:
      var o = try Regression<Double>([metric], numOutputs: f.outputs)
      #expect(throws: ObjectiveError.self) { try o.update(f.predictions, f.targets) }
      #expect(o.sampleCount == 0)
    case .value(let expected):
      var g = SeededGenerator(seed: UInt64(f.id.utf8.reduce(7) { $0 &* 31 &+ UInt64($1) }))
      let modes: [AccumulationMode] = metric.kind.isExactWhenStreamed ? [.exact, .streaming] : [.exact]
      for mode in modes {
        // One batch.
        var whole = try Regression<Double>([metric], numOutputs: f.outputs, mode: mode)
        try whole.update(f.predictions, f.targets)
        let value = try #require(whole.compute()[f.metric]?.scalar)
        #expect(RegressionTestSupport.close(value, expected), "\(f.id) \(mode): \(value) vs \(expected)")
        // Random batches into random shards, merged in order.
        let cuts = ([0, rows] + (0..<3).map { _ in Int.random(in: 0...rows, using: &g) }).sorted()
        var merged = try Regression<Double>([metric], numOutputs: f.outputs, mode: mode)
        for (a, b) in zip(cuts, cuts.dropFirst()) {
          var shard = merged.emptied()
          let range = (a * f.outputs)..<(b * f.outputs)
          try shard.update(Array(f.predictions[range]), Array(f.targets[range]))
          try merged.merge(shard)
        }
        let split = try #require(merged.compute()[f.metric]?.scalar)
        #expect(RegressionTestSupport.close(split, expected, relative: 1e-9, floor: 1e-12), "\(f.id) split")
      }
    }
  }

  @Test func rowsAndFloatInputsAgreeWithFlatDoubles() throws {
    for f in Self.cases where f.outputs > 1 {
      guard case .value(let expected) = f.expected, let metric = RegressionMetric(named: f.metric) else {
        continue
      }
      var o = try Regression<Double>([metric], numOutputs: f.outputs)
      let k = f.outputs
      let rows = stride(from: 0, to: f.predictions.count, by: k).map { Array(f.predictions[$0..<($0 + k)]) }
      let targets = stride(from: 0, to: f.targets.count, by: k).map { Array(f.targets[$0..<($0 + k)]) }
      try o.update(rows: rows, targets)
      let value = try #require(o.compute()[f.metric]?.scalar)
      #expect(RegressionTestSupport.close(value, expected), "\(f.id)")
    }
  }
}
