import Foundation
import Testing

@testable import Objectives

/// The radix sort, the order-preserving keys, the exact curves and the binned error bound.
@Suite struct ClassificationRankTests {
  @Test(arguments: [0, 1, 2, 100, 511, 512, 5000, 70_000])
  func radixSortSortsUInt32(count: Int) {
    var g = SeededGenerator(seed: UInt64(count) + 1)
    var keys = (0..<count).map { _ in
      UInt32.random(in: 0...UInt32.max, using: &g) >> (count % 3 == 0 ? 16 : 0)
    }
    let expected = keys.sorted()
    var scratch = [UInt32](repeating: 0, count: count)
    let inKeys = keys.withUnsafeMutableBufferPointer { k in
      scratch.withUnsafeMutableBufferPointer { RadixSort.sort(k, scratch: $0) }
    }
    #expect((inKeys ? keys : Array(scratch.prefix(count))) == expected)
  }

  @Test func radixSortSortsUInt64() {
    var g = SeededGenerator(seed: 99)
    var keys = (0..<20_000).map { _ in UInt64.random(in: 0...UInt64.max, using: &g) }
    keys += keys.prefix(500)  // duplicates
    let expected = keys.sorted()
    var scratch = [UInt64](repeating: 0, count: keys.count)
    let inKeys = keys.withUnsafeMutableBufferPointer { k in
      scratch.withUnsafeMutableBufferPointer { RadixSort.sort(k, scratch: $0) }
    }
    #expect((inKeys ? keys : scratch) == expected)
  }

  @Test func sortKeysPreserveOrderAndRoundTrip() {
    var g = SeededGenerator(seed: 5)
    var doubles: [Double] = [
      0, -0.0, 1, -1, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
      .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0.5, 0.5,
    ]
    doubles += (0..<2000).map { _ in Double.random(in: -1e6...1e6, using: &g) }
    for a in doubles.prefix(200) {
      for b in doubles.prefix(200) {
        #expect((a < b) == (a.sortKey < b.sortKey))
        #expect((a == b) == (a.sortKey == b.sortKey))
      }
      #expect(Double(sortKey: a.sortKey) == a)
    }
    let floats = doubles.map { Float($0) }
    #expect(floats.sorted(by: { $0.sortKey < $1.sortKey }) == floats.sorted())
    for f in floats { #expect(Float(sortKey: f.sortKey) == f) }
  }

  @Test func aurocTiesGetHalfCreditAsInScikitLearn() throws {
    // roc_auc_score([0,0,1,1], [0.2,0.5,0.5,0.9]) = 0.875; average_precision_score = 0.8333…
    var m = try BinaryClassification<Double>(metrics: [.auroc, .averagePrecision])
    try m.update([0.2, 0.5, 0.5, 0.9], [0, 0, 1, 1])
    let r = m.compute()
    #expect(r.scalar("auroc") == 0.875)
    #expect(closeEnough(r.scalar("auprc")!, 5.0 / 6.0, relative: 1e-15))
  }

  struct CurveFixture: Decodable, Sendable, CustomTestStringConvertible {
    struct ROC: Decodable, Sendable {
      let fpr: [FiniteOrSpecial]
      let tpr: [FiniteOrSpecial]
      let thresholds: [FiniteOrSpecial]
    }
    struct PR: Decodable, Sendable {
      let precision: [FiniteOrSpecial]
      let recall: [FiniteOrSpecial]
      let thresholds: [FiniteOrSpecial]
    }
    let id: String
    let scores: [Double]
    let targets: [Int]
    let roc: ROC
    let pr: PR
    var testDescription: String { id }
  }

  static let curves: [CurveFixture] = {
    struct File: Decodable { let cases: [CurveFixture] }
    let url = Bundle.module.url(
      forResource: "classification_curves", withExtension: "json", subdirectory: "Fixtures")!
    return try! JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
  }()

  @Test(arguments: curves) func curvesMatchScikitLearn(_ f: CurveFixture) throws {
    var m = try BinaryClassification<Double>(metrics: [.auroc])
    try m.update(f.scores, f.targets)
    let roc = m.rocCurve()
    #expect(roc.count == f.roc.fpr.count)
    for (i, p) in roc.enumerated() where i < f.roc.fpr.count {
      #expect(closeEnough(p.falsePositiveRate, f.roc.fpr[i].value, relative: 1e-12))
      #expect(closeEnough(p.truePositiveRate, f.roc.tpr[i].value, relative: 1e-12))
      #expect(closeEnough(p.threshold, f.roc.thresholds[i].value, relative: 1e-12))
    }
    // scikit-learn lists PR points by increasing threshold and ends with (1, 0) without threshold.
    let pr = m.precisionRecallCurve()
    let n = f.pr.precision.count
    #expect(pr.count == n)
    for (i, p) in pr.enumerated() where i < n {
      #expect(closeEnough(p.precision, f.pr.precision[n - 1 - i].value, relative: 1e-12))
      #expect(closeEnough(p.recall, f.pr.recall[n - 1 - i].value, relative: 1e-12))
      if i > 0 { #expect(closeEnough(p.threshold, f.pr.thresholds[n - 1 - i].value, relative: 1e-12)) }
    }
  }

  @Test func curvesNeedStoredScores() throws {
    var m = try BinaryClassification<Double>(metrics: [.accuracy])
    try m.update([0.1, 0.9], [0, 1])
    #expect(m.rocCurve().isEmpty && m.precisionRecallCurve().isEmpty)
  }

  @Test func logitCurveThresholdsAreProbabilities() throws {
    var m = try BinaryClassification<Double>(inputKind: .logits, metrics: [.auroc])
    try m.update([0, 2, -2], [0, 1, 0])
    let thresholds = m.rocCurve().map(\.threshold)
    #expect(thresholds[0] == .infinity)
    #expect(closeEnough(thresholds[1], 1 / (1 + exp(-2.0)), relative: 1e-15))
    #expect(thresholds[2] == 0.5)
  }

  @Test(arguments: [5, 20, 100, 1000])
  func binnedRankMetricsStayWithinTheirBound(thresholds: Int) throws {
    var g = SeededGenerator(seed: UInt64(thresholds))
    let n = 3000
    let targets = (0..<n).map { _ in Double.random(in: 0..<1, using: &g) < 0.3 ? 1 : 0 }
    let scores = targets.map { t in min(1, Double.random(in: 0..<0.8, using: &g) + 0.25 * Double(t)) }
    var exact = try BinaryClassification<Double>(metrics: [.auroc, .averagePrecision])
    var binned = try BinaryClassification<Double>(
      metrics: [.auroc, .averagePrecision], rankEstimation: .binned(thresholds: thresholds))
    try exact.update(scores, targets)
    try binned.update(scores, targets)
    let bound = try #require(binned.binnedErrorBounds)
    let e = exact.compute()
    let b = binned.compute()
    #expect(abs(b.scalar("auroc")! - e.scalar("auroc")!) <= bound.auroc)
    #expect(abs(b.scalar("auprc")! - e.scalar("auprc")!) <= bound.averagePrecision)
    #expect(bound.auroc < 1.0 / Double(thresholds - 1))
    #expect(exact.binnedErrorBounds == nil)
  }

  @Test func binnedValuesAreTheExactValuesOfQuantisedScores() throws {
    var g = SeededGenerator(seed: 11)
    let t = 11
    let targets = (0..<500).map { _ in Int.random(in: 0...1, using: &g) }
    let scores = targets.map { _ in Double.random(in: 0...1, using: &g) }
    let histogram = try ScoreHistogram(thresholds: t)
    let quantised = scores.map { histogram.threshold(histogram.bin(of: $0)) }
    var exact = try BinaryClassification<Double>(metrics: [.auroc, .averagePrecision])
    try exact.update(quantised, targets)
    var binned = try BinaryClassification<Double>(
      metrics: [.auroc, .averagePrecision], rankEstimation: .binned(thresholds: t))
    try binned.update(scores, targets)
    #expect(closeEnough(exact.compute(), binned.compute(), relative: 1e-12))
  }

  @Test func histogramBinsFollowGreaterOrEqualThresholds() throws {
    let h = try ScoreHistogram(thresholds: 5)  // 0, .25, .5, .75, 1
    #expect(h.bin(of: 0) == 0)
    #expect(h.bin(of: 0.2499) == 0)
    #expect(h.bin(of: 0.25) == 1)
    #expect(h.bin(of: 0.5) == 2)
    #expect(h.bin(of: 0.9999) == 3)
    #expect(h.bin(of: 1) == 4)
    let fine = try ScoreHistogram(thresholds: 101)
    for i in 0...100 { #expect(fine.bin(of: fine.threshold(i)) == i) }
  }
}
