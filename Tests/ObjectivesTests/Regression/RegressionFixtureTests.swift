import Foundation
import Testing

@testable import Objectives

/// Agreement with scikit-learn, SciPy and TorchMetrics on the cases of
/// scripts/make_regression_fixtures.py, to 1e-9 relative on `Double` inputs.
@Suite struct RegressionFixtureTests {
  struct Expectation: Decodable {
    var raw: [Double]
    var uniform: Double
    var weighted: Double

    func value(_ aggregation: MultiOutputAggregation) -> MetricValue {
      switch aggregation {
      case .rawValues: return raw.count == 1 ? .scalar(raw[0]) : .vector(raw)
      case .uniformAverage: return .scalar(uniform)
      case .varianceWeighted: return .scalar(weighted)
      }
    }
  }

  struct Adjusted: Decodable {
    var regressors: Int
    var raw: [Double]
    var uniform: Double
    var weighted: Double
  }

  struct Case: Decodable {
    var name: String
    var n: Int
    var k: Int
    var predictions: [Double]
    var targets: [Double]
    var float32_rank_safe: Bool
    var expected: [String: ExpectedValue]
    var adjusted_r2: Adjusted?
  }

  enum ExpectedValue: Decodable {
    case scalar(Double)
    case aggregated(Expectation)

    init(from decoder: any Decoder) throws {
      if let d = try? decoder.singleValueContainer().decode(Double.self) {
        self = .scalar(d)
      } else {
        self = .aggregated(try Expectation(from: decoder))
      }
    }
  }

  static let cases: [Case] = (try? RegressionTestSupport.fixture("regression_cases", as: [Case].self)) ?? []

  static let allMetrics: [RegressionMetric] = [
    .mse, .rmse, .mae, .mape, .r2, .explainedVariance, .pearson, .spearman, .cosineSimilarity,
  ]

  @Test func fixturesAreLoaded() {
    #expect(Self.cases.count >= 100)
  }

  @Test(arguments: MultiOutputAggregation.allCases)
  func exactModeAgreesWithReferences(aggregation: MultiOutputAggregation) throws {
    for c in Self.cases {
      for precision in RankPrecision.allCases where precision == .double || c.float32_rank_safe {
        var m = try Regression<Double>(
          Self.allMetrics, numOutputs: c.k, multioutput: aggregation, rankPrecision: precision)
        try m.update(c.predictions, c.targets)
        let results = m.compute()
        for metric in Self.allMetrics {
          guard let expected = c.expected[metric.name] else {
            Issue.record("\(c.name): no reference for \(metric.name)")
            continue
          }
          let want: MetricValue
          switch expected {
          case .scalar(let v): want = .scalar(v)
          case .aggregated(let e): want = e.value(aggregation)
          }
          // Scores live on a unit scale: near 0 they are rounding noise, compared to 1e-15 absolute.
          let floor = metric.kind.direction == .maximize ? 1e-6 : 1e-300
          #expect(
            RegressionTestSupport.close(results[metric.name], want, floor: floor),
            "\(c.name) \(metric.name) \(aggregation) \(precision): \(String(describing: results[metric.name])) vs \(want)"
          )
        }
      }
    }
  }

  @Test func rowsInputMatchesFlatInput() throws {
    for c in Self.cases {
      var flat = try Regression<Double>(Self.allMetrics, numOutputs: c.k, multioutput: .rawValues)
      var rows = flat
      try flat.update(c.predictions, c.targets)
      let p = (0..<c.n).map { Array(c.predictions[($0 * c.k)..<($0 * c.k + c.k)]) }
      let y = (0..<c.n).map { Array(c.targets[($0 * c.k)..<($0 * c.k + c.k)]) }
      try rows.update(rows: p, y)
      #expect(RegressionTestSupport.close(flat.compute(), rows.compute(), relative: 0), "\(c.name)")
    }
  }

  @Test(arguments: MultiOutputAggregation.allCases)
  func adjustedR2AgreesWithTorchMetrics(aggregation: MultiOutputAggregation) throws {
    var checked = 0
    for c in Self.cases {
      guard let adjusted = c.adjusted_r2 else { continue }
      var m = try Regression<Double>(
        [.adjustedR2(regressors: adjusted.regressors)], numOutputs: c.k, multioutput: aggregation)
      try m.update(c.predictions, c.targets)
      let want: MetricValue
      switch aggregation {
      case .rawValues: want = c.k == 1 ? .scalar(adjusted.raw[0]) : .vector(adjusted.raw)
      case .uniformAverage: want = .scalar(adjusted.uniform)
      case .varianceWeighted: want = .scalar(adjusted.weighted)
      }
      #expect(
        RegressionTestSupport.close(m.compute()["adjusted_r2"], want, floor: 1e-6), "\(c.name) \(aggregation)"
      )
      checked += 1
    }
    #expect(checked >= 40)
  }
}
