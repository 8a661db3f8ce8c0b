import Foundation
import Testing

@testable import Objectives

/// Agreement with scikit-learn on the reference cases of scripts/make_catalogue2_fixtures.py
/// (Jaccard, Dice, mean IoU, weighted κ), to 1e-9 relative on Double inputs; every case is also
/// checked under random batching and random sharding merged in random order (the monoid laws).
@Suite struct Catalogue2FixtureTests {
  static let cases = ClassificationFixture.load("classification_catalogue2")

  @Test func everyTaskAndDegenerateStyleIsCovered() {
    #expect(Self.cases.count >= 120)
    for style in [
      "ties", "absent", "constant", "allneg", "allpos", "ign", "calibration", "empty_bins", "confident",
    ] {
      #expect(Self.cases.contains { $0.id.contains(style) }, "\(style)")
    }
  }

  @Test(arguments: cases) func agreesWithTheReference(_ f: ClassificationFixture) throws {
    switch f.task {
    case "binary":
      try check(f, width: 1, targetWidth: 1) {
        try BinaryClassification<Double>(metrics: f.metricList, options: f.options($0))
      }
    case "multiclass":
      try check(f, width: f.inputKind == "labels" ? 1 : f.numClasses, targetWidth: 1) {
        try MulticlassClassification<Double>(
          numClasses: f.numClasses, metrics: f.metricList, options: f.options($0))
      }
    default:
      try check(f, width: f.numClasses, targetWidth: f.numClasses) {
        try MultilabelClassification<Double>(
          numLabels: f.numClasses, metrics: f.metricList, options: f.options($0))
      }
    }
  }

  @Test func calibrationConfigurationIsChecked() {
    #expect(throws: ObjectiveError.self) {
      try binaryMetrics(inputKind: .labels, metrics: [.calibrationError])
    }
    #expect(throws: ObjectiveError.self) {
      try multilabelMetrics(numLabels: 2, metrics: [.maxCalibrationError])
    }
    #expect(throws: ObjectiveError.self) { try binaryMetrics(metrics: [.calibrationError(bins: 0)]) }
    #expect(ClassificationMetric.calibrationError(bins: 10).name == "ece@10")
    #expect(ClassificationMetric.maxCalibrationError.name == "mce")
  }

  @Test func reliabilityBinsAndChart() throws {
    var g = SeededGenerator(seed: 5)
    let n = 500
    let targets = (0..<n).map { _ in Int.random(in: 0..<3, using: &g) }
    var scores: [Double] = []
    for t in targets {
      var row = (0..<3).map { _ in Double.random(in: 0..<1, using: &g) }
      row[t] += 0.8
      let sum = row.reduce(0, +)
      scores += row.map { $0 / sum }
    }
    var m = try multiclassMetrics(
      numClasses: 3, metrics: [.calibrationError(bins: 10), .maxCalibrationError])
    try m.update(scores, targets)
    let bins = m.reliability()
    #expect(bins.reduce(0) { $0 + $1.count } == n)
    #expect(bins.allSatisfy { $0.upper - $0.lower == 0.1 || abs($0.upper - $0.lower - 0.1) < 1e-12 })
    // ECE from the bars equals the metric.
    let ece = bins.reduce(0.0) { $0 + Double($1.count) / Double(n) * abs($1.accuracy - $1.confidence) }
    #expect(abs(ece - (m.compute()["ece@10"]?.scalar ?? .nan)) < 1e-12)
    #expect(m.reliability(bins: 15).count <= 16 && !m.reliability(bins: 15).isEmpty)
    #expect(m.reliability(bins: 7).isEmpty)
    let svg = try #require(m.reliabilityChart()).svg()
    #expect(svg.components(separatedBy: "class=\"bar\"").count - 1 == bins.count)
    #expect(svg.contains("ECE = "))
    #expect(m.converted(to: .streaming).reliabilityChart() == nil)
  }

  private func check<O: Objective>(
    _ f: ClassificationFixture, width: Int, targetWidth: Int, make: (AccumulationMode) throws -> O
  ) throws where O.Output == [Double], O.Target == [Int] {
    let rows = f.targets.count / targetWidth
    func slice(_ r: Range<Int>) -> ([Double], [Int]) {
      (
        Array(f.scores[(r.lowerBound * width)..<(r.upperBound * width)]),
        Array(f.targets[(r.lowerBound * targetWidth)..<(r.upperBound * targetWidth)])
      )
    }
    var whole = try make(.exact)
    try whole.update(f.scores, f.targets)
    let results = whole.compute()
    #expect(Set(f.expected.keys).isSubset(of: Set(results.names)), "\(f.id): \(results.names)")
    for (key, expected) in f.expected {
      let actual = try #require(results[key], "\(f.id): missing \(key)")
      #expect(closeEnough(actual, expected, relative: 1e-9), "\(f.id) \(key): \(actual) vs \(expected)")
    }
    var g = SeededGenerator(seed: f.id.utf8.reduce(11) { $0 &* 31 &+ UInt64($1) })
    var batched = try make(.exact)
    for r in randomRanges(rows, pieces: 4, using: &g) {
      let (s, t) = slice(r)
      try batched.update(s, t)
    }
    #expect(closeEnough(batched.compute(), results, relative: 1e-12), "\(f.id): batching changed results")
    var shards = try randomRanges(rows, pieces: 3, using: &g).map { r throws -> O in
      var o = try make(.exact)
      let (s, t) = slice(r)
      try o.update(s, t)
      return o
    }
    shards.shuffle(using: &g)
    var merged = try make(.exact)
    for shard in shards { try merged.merge(shard) }
    #expect(closeEnough(merged.compute(), results, relative: 1e-12), "\(f.id): sharding changed results")

    if let batches = f.batches, let expectedStreaming = f.expectedStreaming {
      var streaming = try make(.streaming)
      var start = 0
      for size in batches {
        let (s, t) = slice(start..<(start + size))
        try streaming.update(s, t)
        start += size
      }
      let streamed = streaming.compute()
      for (key, expected) in expectedStreaming {
        let actual = try #require(streamed[key])
        #expect(
          closeEnough(actual, expected, relative: 1e-9), "\(f.id) streaming \(key): \(actual) vs \(expected)")
      }
    }
  }
}

extension ClassificationFixture {
  /// The case's options in `mode`.
  func options(_ mode: AccumulationMode) -> ClassificationOptions {
    var o = options
    o.mode = mode
    return o
  }
}
