import Foundation
import Testing

@testable import Objectives

/// Agreement with TorchMetrics and scikit-learn on the cases of
/// scripts/make_catalogue1_fixtures.py: aggregators and their NaN policies, min / max so far,
/// running windows and class names. TorchMetrics computes in float32, hence 1e-6 relative.
@Suite struct Catalogue1FixtureTests {
  static func fixture() throws -> [String: Any] {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/catalogue1", withExtension: "json"))
    return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
  }

  /// A fixture number: a JSON number or one of the strings "nan", "inf", "-inf".
  static func number(_ any: Any?) -> Double {
    if let s = any as? String { return FiniteOrSpecial.number(for: s) ?? .nan }
    return (any as? NSNumber)?.doubleValue ?? .nan
  }
  static func numbers(_ any: Any?) -> [Double] { ((any as? [Any]) ?? []).map(number) }

  static func batches<T>(_ values: [T], _ sizes: [Int]) -> [[T]] {
    var out: [[T]] = []
    var start = 0
    for n in sizes {
      out.append(Array(values[start..<(start + n)]))
      start += n
    }
    return out
  }

  static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-6) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a == b { return true }
    return abs(a - b) <= tolerance * max(abs(a), abs(b), 1)
  }

  @Test func aggregatorsAgreeWithTorchMetrics() throws {
    let f = try #require(try Self.fixture()["aggregators"] as? [String: Any])
    let values = Self.numbers(f["values"])
    let weights = Self.numbers(f["weights"])
    let sizes = try #require(f["sizes"] as? [Int])
    let nanCount = try #require(f["nan_count"] as? Int)
    let cases = try #require(f["cases"] as? [[String: Any]])
    #expect(cases.count == 23)  // 5 kinds × 3 policies, the mean also weighted, and 5 errors
    for c in cases {
      let kind = try #require(AggregationKind(rawValue: c["kind"] as? String ?? ""))
      let policy = try #require(AggregationNaNPolicy(rawValue: c["policy"] as? String ?? ""))
      let weighted = c["weighted"] as? Bool ?? false
      var a = Aggregator(kind, nanPolicy: policy)
      if policy == .error {
        #expect(c["raises"] as? Bool == true)
        #expect(throws: ObjectiveError.self) { try a.update(values, []) }
        #expect(a.count == 0)
        continue
      }
      for (v, w) in zip(Self.batches(values, sizes), Self.batches(weights, sizes)) {
        try a.update(v, weighted ? w : [])
      }
      let expected = Self.numbers(c["expected"])
      let got = a.value.values
      #expect(got.count == expected.count, "\(kind) \(policy)")
      for (x, y) in zip(got, expected) {
        #expect(Self.close(x, y), "\(kind) \(policy) \(weighted): \(x) vs \(y)")
      }
      #expect(a.nanWarnings == (policy == .warn ? nanCount : 0))
      #expect(
        a.compute().scalar(kind.rawValue + "/nan_warnings") == (policy == .warn ? Double(nanCount) : nil))
    }
  }

  @Test func runningWindowsAgreeWithTorchMetrics() throws {
    let f = try #require(try Self.fixture()["windows"] as? [String: Any])
    let sizes = try #require(f["sizes"] as? [Int])
    let scores = Self.batches(Self.numbers(f["scores"]), sizes)
    let targets = Self.batches(try #require(f["targets"] as? [Int]), sizes)
    let predictions = Self.batches(Self.numbers(f["predictions"]), sizes)
    let regressionTargets = Self.batches(Self.numbers(f["regression_targets"]), sizes)
    for c in try #require(f["running"] as? [[String: Any]]) {
      let key = try #require(c["key"] as? String)
      let window = try #require(c["window"] as? Int)
      let windowed = Self.numbers(c["windowed"])
      let lifetime = Self.numbers(c["lifetime"])
      var got: [(Double, Double)] = []
      if key == "mse" {
        var r = try Running(try regressionMetrics(metrics: [.mse]), window: window)
        for (p, t) in zip(predictions, regressionTargets) {
          try r.update(p, t)
          let results = r.compute()
          got.append((results.scalar("mse") ?? .nan, results.scalar("mse" + r.suffix) ?? .nan))
        }
      } else {
        let metric: ClassificationMetric = key == "acc" ? .accuracy : .auroc
        var r = try Running(try binaryMetrics(metrics: [metric]), window: window)
        for (p, t) in zip(scores, targets) {
          try r.update(p, t)
          got.append((r.lifetime.compute().scalar(key) ?? .nan, r.windowResults().scalar(key) ?? .nan))
        }
      }
      for (i, (l, w)) in got.enumerated() {
        #expect(Self.close(l, lifetime[i]), "\(key) lifetime after batch \(i): \(l) vs \(lifetime[i])")
        #expect(
          Self.close(w, windowed[i]), "\(key) window \(window) after batch \(i): \(w) vs \(windowed[i])")
      }
    }
    for c in try #require(f["extremes"] as? [[String: Any]]) {
      let key = try #require(c["key"] as? String)
      let (mins, maxs) = (Self.numbers(c["min"]), Self.numbers(c["max"]))
      var got: [(min: Double, max: Double)] = []
      if key == "mse" {
        var e = try ExtremesSoFar(try regressionMetrics(metrics: [.mse]), key: "mse")
        for (p, t) in zip(predictions, regressionTargets) {
          try e.update(p, t)
          got.append(e.extremes)
        }
      } else {
        var e = try ExtremesSoFar(try binaryMetrics(metrics: [.accuracy]), key: "acc")
        for (p, t) in zip(scores, targets) {
          try e.update(p, t)
          got.append(e.extremes)
        }
      }
      for (i, g) in got.enumerated() {
        #expect(Self.close(g.min, mins[i]) && Self.close(g.max, maxs[i]), "\(key) after batch \(i): \(g)")
      }
    }
  }

  @Test func classNamesAgreeWithClasswiseWrapper() throws {
    let f = try #require(try Self.fixture()["classwise"] as? [String: Any])
    let names = try #require(f["names"] as? [String])
    let expected = try #require(f["expected"] as? [String: Any])
    var m = try multiclassMetrics(numClasses: 3, inputKind: .logits, metrics: [.f1.averaged(.perClass)])
      .namingClasses(names)
    try m.update(Self.numbers(f["logits"]), try #require(f["targets"] as? [Int]))
    let results = m.compute()
    #expect(results.names == names.map { "f1/" + $0 })
    for n in names {
      let want = Self.number(expected["multiclassf1score_" + n])
      #expect(Self.close(results.scalar("f1/" + n) ?? .nan, want), "f1/\(n)")
    }
    #expect(throws: ObjectiveError.self) { _ = try m.namingClasses(["a", "a", "b"]) }
    #expect(throws: ObjectiveError.self) { _ = try m.namingClasses(["a", "b"]) }
  }

  @Test func weightedRegressionAgreesWithScikitLearn() throws {
    let f = try #require(try Self.fixture()["weighted"] as? [String: Any])
    let sizes = try #require(f["sizes"] as? [Int])
    let weights = Self.numbers(f["weights"])
    let predictions = Self.numbers(f["predictions"])
    let targets = Self.numbers(f["regression_targets"])
    let expected = try #require(f["regression"] as? [String: Any])
    let metrics: [RegressionMetric] = [.mse, .rmse, .mae, .r2, .explainedVariance]
    var whole = try WeightedRegression(metrics)
    try whole.update(predictions, targets, weights: weights)
    var batched = try WeightedRegression(metrics)
    for (p, (t, w)) in zip(
      Self.batches(predictions, sizes), zip(Self.batches(targets, sizes), Self.batches(weights, sizes)))
    {
      try batched.update(p, t, weights: w)
    }
    for (key, want) in expected {
      let want = Self.number(want)
      for o in [whole, batched] {
        let got = o.compute().scalar(key) ?? .nan
        #expect(Self.close(got, want, 1e-12), "\(key): \(got) vs \(want)")
      }
    }
    let rmse = whole.compute().scalar("rmse") ?? .nan
    #expect(Self.close(rmse, Self.number(expected["mse"]).squareRoot(), 1e-12))
    // Unweighted rows weigh 1: the same as the unweighted objective.
    var ones = try WeightedRegression(metrics)
    try ones.update(predictions, targets)
    var plain = try regressionMetrics(metrics: metrics)
    try plain.update(predictions, targets)
    for m in metrics {
      #expect(
        Self.close(ones.compute().scalar(m.name) ?? .nan, plain.compute().scalar(m.name) ?? .nan, 1e-12))
    }
    #expect(throws: ObjectiveError.self) { try ones.update([1], [1], weights: [-1]) }
    #expect(throws: ObjectiveError.self) { _ = try WeightedRegression([.spearman]) }
  }

  @Test func weightedBinaryAgreesWithScikitLearn() throws {
    let f = try #require(try Self.fixture()["weighted"] as? [String: Any])
    let sizes = try #require(f["sizes"] as? [Int])
    let weights = Self.numbers(f["weights"])
    let scores = Self.numbers(f["scores"])
    let targets = try #require(f["targets"] as? [Int])
    let expected = try #require(f["binary"] as? [String: Any])
    let metrics: [ClassificationMetric] = [.accuracy, .precision, .recall, .f1, .auroc, .averagePrecision]
    var whole = try WeightedBinaryClassification(metrics: metrics)
    try whole.update(scores, targets, weights: weights)
    var batched = try WeightedBinaryClassification(metrics: metrics)
    for (s, (t, w)) in zip(
      Self.batches(scores, sizes), zip(Self.batches(targets, sizes), Self.batches(weights, sizes)))
    {
      try batched.update(s, t, weights: w)
    }
    var streaming = try WeightedBinaryClassification(metrics: metrics, options: .init(mode: .streaming))
    try streaming.update(scores, targets, weights: weights)
    for (key, want) in expected {
      let want = Self.number(want)
      for o in [whole, batched, streaming] {
        let got = o.compute().scalar(key) ?? .nan
        #expect(Self.close(got, want, 1e-12), "\(key): \(got) vs \(want)")
      }
    }
    // Weights of 1 give the unweighted objective's values.
    var ones = try WeightedBinaryClassification(metrics: metrics)
    try ones.update(scores, targets)
    var plain = try binaryMetrics(metrics: metrics)
    try plain.update(scores, targets)
    for m in metrics {
      #expect(
        Self.close(ones.compute().scalar(m.name) ?? .nan, plain.compute().scalar(m.name) ?? .nan, 1e-12),
        "\(m.name)")
    }
    #expect(throws: ObjectiveError.self) { try ones.update([0.5], [1], weights: [.nan]) }
    #expect(throws: ObjectiveError.self) { try ones.update([0.5], [2]) }
    #expect(throws: ObjectiveError.self) { _ = try WeightedBinaryClassification(metrics: [.mcc]) }
  }
}
