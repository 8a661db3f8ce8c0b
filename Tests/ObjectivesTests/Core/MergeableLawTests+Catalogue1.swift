import Foundation
import Testing

@testable import Objectives

/// The states of issue 12 under the generic law test: aggregators, running windows, extremes so
/// far and the bootstrap.
extension MergeableLawTests {
  static func aggregatorCase(_ name: String, _ make: @escaping @Sendable () -> Aggregator, weighted: Bool)
    -> LawCase
  {
    let values = xs.indices.map { i in i == 30 || i == 200 ? Double.nan : xs[i] }
    return LawCase(name) {
      var s = try objectiveSubject(
        make, rows: values.count, tolerance: compensated,
        mismatched: Aggregator(.mean, nanPolicy: .error, name: "other")
      ) { o, r in
        try o.update(Array(values[r]), weighted ? r.map { abs(weights[$0]) } : [])
      }
      s.encode = { try JSONEncoder().encode($0) }
      s.decode = { _, data in try JSONDecoder().decode(Aggregator.self, from: data) }
      return s
    }
  }

  static let catalogue1: [LawCase] = [
    LawCase("WeightedMoments") {
      LawSubject(
        empty: WeightedMoments(), rows: xs.count,
        accumulate: { s, r in for i in r { s.add(xs[i], weight: abs(weights[i])) } },
        observe: { [$0.weight.value, $0.mean, $0.variance] }, tolerance: compensated
      ).codable()
    },
    LawCase("WeightedBinaryClassification (exact)") {
      try objectiveSubject(
        { try WeightedBinaryClassification(metrics: [.accuracy, .f1, .auroc, .averagePrecision]) },
        rows: binary.rows, tolerance: compensated,
        mismatched: try WeightedBinaryClassification(metrics: [.accuracy])
      ) { o, r in
        let (s, t) = binary.slice(r)
        let kept = t.indices.filter { t[$0] != -100 }
        try o.update(
          kept.map { s[$0] }, kept.map { t[$0] }, weights: kept.map { abs(weights[r.lowerBound + $0]) })
      }
    },
    LawCase("WeightedRegression") {
      try objectiveSubject(
        { try WeightedRegression([.mse, .rmse, .mae, .r2, .explainedVariance]) }, rows: xs.count,
        tolerance: compensated, mismatched: try WeightedRegression([.mse])
      ) { o, r in try o.update(Array(xs[r]), Array(ys[r]), weights: r.map { abs(weights[$0]) }) }
    },
    aggregatorCase("Aggregator (weighted mean, warn)", { Aggregator(.mean) }, weighted: true),
    aggregatorCase("Aggregator (sum, ignore)", { Aggregator(.sum, nanPolicy: .ignore) }, weighted: true),
    aggregatorCase(
      "Aggregator (max, propagate)", { Aggregator(.max, nanPolicy: .propagate) }, weighted: false),
    aggregatorCase("Aggregator (min, warn)", { Aggregator(.min) }, weighted: false),
    aggregatorCase("Aggregator (concatenation)", { Aggregator(.concatenation) }, weighted: false),
    LawCase("Running (binary exact, window 3)") {
      try objectiveSubject(
        { try Running(try binaryObjective(), window: 3) }, rows: binary.rows, tolerance: compensated,
        batchInvariant: false, mismatched: try Running(try binaryObjective(), window: 4),
        update: updateClassification(binary))
    },
    LawCase("Running (regression streaming, window 2)") {
      try objectiveSubject(
        { try Running(try regressionObjective(.streaming), window: 2) }, rows: xs.count,
        tolerance: compensated, batchInvariant: false
      ) { o, r in try o.update(Array(xs[r]), Array(ys[r])) }
    },
    LawCase("ExtremesSoFar (regression mse)") {
      try objectiveSubject(
        { try ExtremesSoFar(try regressionObjective(), key: "mse") }, rows: xs.count, tolerance: compensated,
        batchInvariant: false
      ) { o, r in try o.update(Array(xs[r]), Array(ys[r])) }
    },
    LawCase("Bootstrap (binary exact)") {
      try objectiveSubject(
        {
          try Bootstrap(
            try binaryMetrics(metrics: [.accuracy, .auroc, .f1], ignoreIndex: -100), replicates: 8, seed: 5)
        },
        rows: binary.rows, tolerance: compensated,
        mismatched: try Bootstrap(
          try binaryMetrics(metrics: [.accuracy, .auroc, .f1], ignoreIndex: -100), replicates: 8, seed: 6)
      ) { o, r in
        if o.nextRow == 0 { o.nextRow = r.lowerBound }
        let (s, t) = binary.slice(r)
        try o.update(s, t)
      }
    },
  ]
}
