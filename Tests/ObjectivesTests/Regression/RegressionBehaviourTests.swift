import Foundation
import Testing

@testable import Objectives

/// NaN policies, typed errors, degenerate inputs, streaming, sharing and configuration of
/// `Regression`.
@Suite struct RegressionBehaviourTests {
  static let all: [RegressionMetric] = [
    .mse, .rmse, .mae, .mape, .r2, .explainedVariance, .pearson, .spearman, .cosineSimilarity,
  ]

  @Test func emptyStateGivesNaNOfTheOutputShape() throws {
    let one = try Regression<Double>(Self.all)
    #expect(one.compute().allSatisfy { $0.value.scalar?.isNaN == true })
    let raw = try Regression<Double>(Self.all, numOutputs: 3, multioutput: .rawValues)
    for entry in raw.compute() {
      if entry.name == "cosine_similarity" {
        #expect(entry.value.scalar?.isNaN == true)
      } else {
        #expect(entry.value.values.count == 3 && entry.value.values.allSatisfy(\.isNaN), "\(entry.name)")
      }
    }
    var streaming = try Regression<Double>(Self.all, mode: .streaming)
    #expect(streaming.compute().allSatisfy { $0.value.scalar?.isNaN == true })
    try streaming.update([], [])
    #expect(streaming.sampleCount == 0)
  }

  @Test func resultKeysAndDirections() throws {
    let m = try regressionMetrics()
    #expect(m.compute().names == ["pearson", "spearman", "r2", "mse", "rmse"])
    #expect(m.compute().entries.map(\.direction) == [.maximize, .maximize, .maximize, .minimize, .minimize])
    let extended = try regressionMetrics(adding: [
      .mae, .explainedVariance, .mape, .cosineSimilarity, .adjustedR2(regressors: 1),
    ])
    #expect(
      extended.compute().names == [
        "pearson", "spearman", "r2", "mse", "rmse", "mae", "explained_variance", "mape", "cosine_similarity",
        "adjusted_r2",
      ])
    let replaced = try regressionMetrics(metrics: [.mae], adding: [.mse.named("mae")])
    #expect(replaced.metrics == [RegressionMetric.mse.named("mae")])
  }

  @Test func invalidConfigurationsThrow() {
    #expect(throws: ObjectiveError.self) { try Regression<Double>(numOutputs: 0) }
    #expect(throws: ObjectiveError.self) { try Regression<Double>([]) }
    #expect(throws: ObjectiveError.self) { try Regression<Double>([.mse, .mse]) }
    #expect(throws: ObjectiveError.self) { try Regression<Double>([.adjustedR2(regressors: -1)]) }
  }

  @Test func lengthMismatchesThrowAndLeaveTheStateUnchanged() throws {
    var m = try Regression<Double>(Self.all, numOutputs: 2)
    try m.update([1, 2, 3, 4], [1, 2, 3, 5])
    let before = m.state
    #expect(throws: ObjectiveError.lengthMismatch(what: "targets", expected: 4, actual: 3)) {
      try m.update([1, 2, 3, 4], [1, 2, 3])
    }
    #expect(throws: ObjectiveError.self) { try m.update([1, 2, 3], [1, 2, 3]) }
    #expect(throws: ObjectiveError.lengthMismatch(what: "target row 1", expected: 2, actual: 1)) {
      try m.update(rows: [[1, 2], [3, 4]], [[1, 2], [3]])
    }
    #expect(throws: ObjectiveError.lengthMismatch(what: "target rows", expected: 2, actual: 1)) {
      try m.update(rows: [[1, 2], [3, 4]], [[1, 2]])
    }
    #expect(m.state == before)
  }

  @Test func errorPolicyNamesTheRowAndKeepsTheState() throws {
    var m = try Regression<Double>(Self.all, numOutputs: 2, nanPolicy: .error)
    try m.update([1, 2, 3, 4, 5, 6], [1, 2, 3, 5, 5, 7])
    let before = m.state
    var big = [Double](repeating: 1, count: 2 * 5000)
    big[2 * 4321 + 1] = .nan
    #expect(throws: ObjectiveError.nonFinite(what: "prediction (output 1)", position: 4321)) {
      try m.update(big, big.map { $0 + 1 })
    }
    #expect(throws: ObjectiveError.nonFinite(what: "target (output 0)", position: 1)) {
      try m.update(rows: [[1, 2], [3, 4]], [[1, 2], [.infinity, 4]])
    }
    #expect(m.state == before)
    var single = try Regression<Float>(nanPolicy: .error)
    #expect(throws: ObjectiveError.nonFinite(what: "target", position: 2)) {
      try single.update([1, 2, 3], [1, 2, .nan])
    }
    #expect(single.sampleCount == 0)
  }

  @Test func ignorePolicyDropsWholeRows() throws {
    var g = RegressionTestSupport.Generator(seed: 4)
    let n = 3000
    var p = (0..<(2 * n)).map { _ in g.normal() }
    var y = p.map { $0 + g.normal() * 0.5 }
    var cleanP: [Double] = []
    var cleanY: [Double] = []
    for r in 0..<n {
      if r % 97 == 5 { p[2 * r] = .nan }
      if r % 89 == 7 { y[2 * r + 1] = -.infinity }
      if r % 97 != 5 && r % 89 != 7 {
        cleanP += p[(2 * r)..<(2 * r + 2)]
        cleanY += y[(2 * r)..<(2 * r + 2)]
      }
    }
    var ignoring = try Regression<Double>(
      Self.all, numOutputs: 2, multioutput: .rawValues, nanPolicy: .omit)
    try ignoring.update(p, y)
    var clean = try Regression<Double>(Self.all, numOutputs: 2, multioutput: .rawValues)
    try clean.update(cleanP, cleanY)
    #expect(ignoring.sampleCount == cleanP.count / 2)
    // Block boundaries differ after dropping rows, so agreement is to rounding.
    #expect(RegressionTestSupport.close(ignoring.compute(), clean.compute(), relative: 1e-12))
  }

  @Test func propagateMakesOnlyTheAffectedOutputNaN() throws {
    var m = try Regression<Double>(Self.all, numOutputs: 2, multioutput: .rawValues)
    try m.update([1, 1, 2, 2, 3, .nan, 4, 3], [1, 2, 2, 3, 3.5, 4, 4, 5])
    for entry in m.compute() where entry.name != "cosine_similarity" {
      #expect(!entry.value.values[0].isNaN && entry.value.values[1].isNaN, "\(entry.name)")
    }
    var spearmanOnly = try Regression<Double>([.spearman])
    try spearmanOnly.update([1, 2, .infinity], [1, 2, 3])
    #expect(spearmanOnly.compute().scalar("spearman")?.isNaN == true)
  }

  @Test func constantTargetsFollowScikitLearnExactly() throws {
    // scikit-learn sees rounding noise in the variance of [0.1, 0.1, 0.1] and returns about -1.7e31;
    // the constancy test here is exact, so the documented convention holds.
    var imperfect = try Regression<Double>([.r2, .explainedVariance, .pearson])
    try imperfect.update([0.1, 0.1, 0.2], [0.1, 0.1, 0.1])
    #expect(imperfect.compute().scalar("r2") == 0)
    #expect(imperfect.compute().scalar("explained_variance") == 0)
    #expect(imperfect.compute().scalar("pearson")?.isNaN == true)
    var perfect = try Regression<Double>([.r2, .explainedVariance])
    try perfect.update([0.1, 0.1, 0.1], [0.1, 0.1, 0.1])
    #expect(perfect.compute().scalar("r2") == 1)
    #expect(perfect.compute().scalar("explained_variance") == 1)
    var single = try Regression<Double>([.r2, .explainedVariance, .pearson, .spearman, .mse])
    try single.update([2], [1])
    let r = single.compute()
    #expect(r.scalar("r2")?.isNaN == true)
    #expect(r.scalar("explained_variance") == 1)
    #expect(r.scalar("pearson")?.isNaN == true && r.scalar("spearman")?.isNaN == true)
    #expect(r.scalar("mse") == 1)
  }

  @Test func floatAndDoubleInputsAgree() throws {
    var g = RegressionTestSupport.Generator(seed: 8)
    let p = (0..<5001).map { _ in Float(g.normal()) }
    let y = p.map { $0 + Float(g.normal()) }
    var f = try Regression<Float>(Self.all)
    try f.update(p, y)
    var d = try Regression<Double>(Self.all)
    try d.update(p.map(Double.init), y.map(Double.init))
    #expect(f.compute() == d.compute())
    var buffered = try Regression<Float>(Self.all)
    try p.withUnsafeBufferPointer { pb in
      try y.withUnsafeBufferPointer { yb in try buffered.update(outputs: pb, targets: yb) }
    }
    #expect(buffered.state == f.state)
  }

  #if arch(x86_64) && !os(Windows) && !os(Android)
    @Test func otherFloatingPointTypesAreWidened() throws {
      let p: [Float80] = [1, 2, 3.5, 4]
      let y: [Float80] = [1.5, 2, 3, 5]
      var wide = try Regression<Float80>(Self.all)
      try wide.update(p, y)
      var d = try Regression<Double>(Self.all)
      try d.update(p.map(Double.init), y.map(Double.init))
      #expect(wide.compute() == d.compute())
    }
  #endif

  @Test func streamingAveragesBatchValuesBySampleCount() throws {
    var m = try Regression<Double>([.pearson, .mse, .r2], mode: .streaming)
    let batches: [([Double], [Double])] = [
      ([1, 2, 3, 4], [1, 3, 2, 4]), ([5, 3, 1], [4, 4, 1]), ([7], [9]),
    ]
    var pearson = MeanAccumulator()
    var r2 = MeanAccumulator()
    for (p, y) in batches {
      let batch = try m.forwardResults(p, y)
      var alone = try Regression<Double>([.pearson, .mse, .r2])
      try alone.update(p, y)
      #expect(RegressionTestSupport.close(batch, alone.compute(), relative: 1e-15))
      if let v = alone.compute().scalar("pearson"), !v.isNaN { pearson.add(v, weight: Double(p.count)) }
      if let v = alone.compute().scalar("r2"), !v.isNaN { r2.add(v, weight: Double(p.count)) }
    }
    // The one-row batch is degenerate for Pearson and R²: it is left out of their averages.
    #expect(RegressionTestSupport.close(m.compute().scalar("pearson") ?? .nan, pearson.mean, relative: 1e-15))
    #expect(RegressionTestSupport.close(m.compute().scalar("r2") ?? .nan, r2.mean, relative: 1e-15))
    // MSE is exact when streamed: Σ(y − ŷ)² = 2 + 2 + 4 over 8 rows.
    #expect(m.compute().scalar("mse") == 1)
    try m.update([1, .nan], [1, 2])
    #expect(m.compute().scalar("mse")?.isNaN == true)
  }

  @Test func exactAndStreamingConvertIntoEachOther() throws {
    let exact = try regressionMetrics(numOutputs: 2, adding: [.mae])
    let streaming = exact.converted(to: .streaming)
    #expect(streaming.mode == .streaming && streaming.metrics == exact.metrics && streaming.numOutputs == 2)
    #expect(streaming.converted(to: .exact).state == exact.state)
  }

  @Test func sharingStateJoinsMetricsOfTheSameConfiguration() throws {
    let a = try Regression<Double>([.pearson, .mse])
    let b = try Regression<Double>([.mse, .spearman, .r2])
    let shared = try #require(a.sharingState(with: b))
    #expect(shared.metrics == [.pearson, .mse, .spearman, .r2])
    #expect(a.sharingState(with: try Regression<Double>([.mse], numOutputs: 2)) == nil)
    #expect(a.sharingState(with: try Regression<Double>([.mae.named("mse")])) == nil)
    var used = a
    try used.update([1, 2], [1, 3])
    #expect(used.sharingState(with: b) == nil)
    #expect(used.sharingState(with: used)?.state == used.state)
    // The shared objective reports what each would have reported.
    var joint = shared
    var left = a
    var right = b
    try joint.update([1, 2, 4, 3], [1, 3, 3, 5])
    try left.update([1, 2, 4, 3], [1, 3, 3, 5])
    try right.update([1, 2, 4, 3], [1, 3, 3, 5])
    for entry in Array(left.compute()) + Array(right.compute()) {
      #expect(joint.compute()[entry.name] == entry.value)
    }
  }

  @Test func addingAndRemovingMetrics() throws {
    let m = try regressionMetrics()
    #expect(
      m.adding([.mae, .r2.aggregated(.rawValues)]).metrics.map(\.name) == [
        "pearson", "spearman", "r2", "mse", "rmse", "mae",
      ])
    #expect(m.removing(["spearman", "pearson"]).metrics.map(\.name) == ["r2", "mse", "rmse"])
    #expect(m.removing(Set(m.metrics.map(\.name))).metrics == m.metrics)
  }

  @Test func perMetricAggregationOverridesTheDefault() throws {
    var m = try Regression<Double>(
      [.mse, .mse.named("mse_raw").aggregated(.rawValues)], numOutputs: 2)
    try m.update([1, 2, 3, 4], [1, 3, 3, 6])
    #expect(m.compute()["mse"] == .scalar(1.25))
    #expect(m.compute()["mse_raw"] == .vector([0, 2.5]))
  }

  @Test func largeSpearmanWithTiesMatchesANaiveRanking() throws {
    var g = RegressionTestSupport.Generator(seed: 12)
    let n = 20000
    let p = (0..<n).map { _ in (g.normal() * 40).rounded() / 4 }
    let y = p.map { -$0 * 3 + (g.normal() * 200).rounded() }
    var m = try Regression<Double>([.spearman])
    try m.update(p, y)
    let expected = naiveSpearman(p, y)
    #expect(RegressionTestSupport.close(m.compute().scalar("spearman") ?? .nan, expected, relative: 1e-12))
  }

  /// Pearson's correlation of average ranks computed by sorting.
  func naiveSpearman(_ x: [Double], _ y: [Double]) -> Double {
    func ranks(_ v: [Double]) -> [Double] {
      let order = v.indices.sorted { v[$0] < v[$1] }
      var r = [Double](repeating: 0, count: v.count)
      var i = 0
      while i < order.count {
        var j = i
        while j + 1 < order.count && v[order[j + 1]] == v[order[i]] { j += 1 }
        for t in i...j { r[order[t]] = Double(i + j) / 2 + 1 }
        i = j + 1
      }
      return r
    }
    let rx = ranks(x)
    let ry = ranks(y)
    let mx = rx.reduce(0, +) / Double(x.count)
    let my = ry.reduce(0, +) / Double(y.count)
    var sxy = 0.0
    var sxx = 0.0
    var syy = 0.0
    for i in rx.indices {
      sxy += (rx[i] - mx) * (ry[i] - my)
      sxx += (rx[i] - mx) * (rx[i] - mx)
      syy += (ry[i] - my) * (ry[i] - my)
    }
    return sxy / (sxx * syy).squareRoot()
  }
}

extension RegressionBehaviourTests {
  @Test func streamingKeepsDegenerateOutputsApartFromNonFiniteOnes() throws {
    var m = try Regression<Double>(
      [.pearson], numOutputs: 2, mode: .streaming, multioutput: .rawValues)
    // Output 0 is constant in the first batch (degenerate, skipped); output 1 sees a NaN (kept).
    try m.update([1, 1, 1, .nan, 1, 2], [1, 2, 2, 3, 3, 4])
    try m.update([1, 2, 2, 3, 3, 5], [1, 1, 2, 2, 3, 3])
    let value = m.compute()["pearson"]?.values ?? []
    #expect(value.count == 2 && !value[0].isNaN && value[1].isNaN)
  }
}
