import Foundation
import Testing

@testable import Objectives

/// Agreement with TorchMetrics' `CompositionalMetric` on the cases of
/// scripts/make_metric_algebra_fixtures.py: the metric expression, fed the same batches, computes
/// the formula over the merged states as TorchMetrics does. TorchMetrics computes the binary
/// metrics in float32, hence the 1e-6 relative tolerance there (1e-10 for the float64 regression
/// metrics). The per-batch mean, what a `Loss` reports, is checked too, to show the two meanings
/// differ on the same data.
@Suite struct MetricAlgebraFixtureTests {
  struct Case: Decodable {
    var formula: String
    var torchmetrics: Double
    var components: [String: Double]
    var per_batch_mean: Double
  }
  struct Part: Decodable {
    var preds: [Double]
    var target: [Double]
    var cases: [Case]
  }
  struct Fixture: Decodable {
    var batches: [Int]
    var binary: Part
    var regression: Part
  }

  static func fixture() throws -> Fixture {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/metric_algebra", withExtension: "json"))
    return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
  }

  static func batches<T>(_ values: [T], _ sizes: [Int]) -> [[T]] {
    var out: [[T]] = []
    var start = 0
    for n in sizes {
      out.append(Array(values[start..<(start + n)]))
      start += n
    }
    return out
  }

  @Test func binaryFormulasAgreeWithCompositionalMetric() throws {
    let f = try Self.fixture()
    let metrics: [ClassificationMetric] = [.auroc, .precision, .recall, .f1, .accuracy, .specificity]
    let source = MetricSource(try binaryMetrics(Double.self, metrics: metrics))
    let preds = Self.batches(f.binary.preds, f.batches)
    let targets = Self.batches(f.binary.target.map { Int($0) }, f.batches)
    var worst = 0.0
    for c in f.binary.cases {
      var e = try MetricExpression(parsing: c.formula, source: source, checking: .lenient)
      #expect(e.formula == c.formula)
      for (o, t) in zip(preds, targets) { try e.update(o, t) }
      let value = try #require(e.compute().scalar(c.formula))
      #expect(isClose(value, c.torchmetrics, relative: 1e-6), "\(c.formula): \(value) vs \(c.torchmetrics)")
      worst = max(worst, abs(value - c.torchmetrics) / abs(c.torchmetrics))

      // The loss meaning: the same formula over per-batch values, averaged.
      let leaves = metrics.map { m -> Loss<[Double], [Int], Double> in
        Loss(m.name, direction: m.direction ?? .minimize) {
          (o: [Double], t: [Int]) throws(ObjectiveError) in
          var batch = try binaryMetrics(Double.self, metrics: [m])
          try batch.update(o, t)
          return .batch(batch.compute().scalar(m.name) ?? .nan)
        }
      }
      var loss = try Loss(parsing: c.formula, leaves: leaves)
      for (o, t) in zip(preds, targets) { try loss.update(o, t) }
      let averaged = try #require(loss.compute().first?.value.scalar)
      #expect(isClose(averaged, c.per_batch_mean, relative: 1e-6), "\(c.formula) per batch")
      #expect(!isClose(averaged, value, relative: 1e-4), "\(c.formula): the two meanings coincide")
    }
    #expect(worst < 1e-6)
  }

  @Test func regressionFormulasAgreeWithCompositionalMetric() throws {
    let f = try Self.fixture()
    let source = MetricSource(try regressionMetrics(metrics: [.mse, .pearson, .r2]))
    let preds = Self.batches(f.regression.preds, f.batches)
    let targets = Self.batches(f.regression.target, f.batches)
    for c in f.regression.cases {
      var e = try MetricExpression(parsing: c.formula, source: source)
      for (o, t) in zip(preds, targets) { try e.update(o, t) }
      let value = try #require(e.compute().scalar(c.formula))
      #expect(isClose(value, c.torchmetrics, relative: 1e-10), "\(c.formula): \(value) vs \(c.torchmetrics)")
      #expect(!isClose(value, c.per_batch_mean, relative: 1e-4))
    }
  }
}
