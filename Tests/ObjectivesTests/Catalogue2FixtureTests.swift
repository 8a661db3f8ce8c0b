import Foundation
import Testing

@testable import Objectives

/// Agreement with scikit-learn on the reference cases of scripts/make_catalogue2_fixtures.py
/// (Jaccard, Dice, mean IoU, weighted κ), to 1e-9 relative on Double inputs; every case is also
/// checked under random batching and random sharding merged in random order (the monoid laws).
@Suite struct Catalogue2FixtureTests {
  static let cases = ClassificationFixture.load("classification_catalogue2")

  @Test func everyTaskAndDegenerateStyleIsCovered() {
    #expect(Self.cases.count >= 90)
    for style in ["ties", "absent", "constant", "allneg", "allpos", "ign"] {
      #expect(Self.cases.contains { $0.id.contains(style) }, "\(style)")
    }
  }

  @Test(arguments: cases) func agreesWithTheReference(_ f: ClassificationFixture) throws {
    switch f.task {
    case "binary":
      try check(f, width: 1, targetWidth: 1) {
        try BinaryClassification<Double>(metrics: f.metricList, options: f.options)
      }
    case "multiclass":
      try check(f, width: f.inputKind == "labels" ? 1 : f.numClasses, targetWidth: 1) {
        try MulticlassClassification<Double>(
          numClasses: f.numClasses, metrics: f.metricList, options: f.options)
      }
    default:
      try check(f, width: f.numClasses, targetWidth: f.numClasses) {
        try MultilabelClassification<Double>(
          numLabels: f.numClasses, metrics: f.metricList, options: f.options)
      }
    }
  }

  private func check<O: Objective>(
    _ f: ClassificationFixture, width: Int, targetWidth: Int, make: () throws -> O
  ) throws where O.Output == [Double], O.Target == [Int] {
    let rows = f.targets.count / targetWidth
    func slice(_ r: Range<Int>) -> ([Double], [Int]) {
      (
        Array(f.scores[(r.lowerBound * width)..<(r.upperBound * width)]),
        Array(f.targets[(r.lowerBound * targetWidth)..<(r.upperBound * targetWidth)])
      )
    }
    var whole = try make()
    try whole.update(f.scores, f.targets)
    let results = whole.compute()
    #expect(Set(f.expected.keys).isSubset(of: Set(results.names)), "\(f.id): \(results.names)")
    for (key, expected) in f.expected {
      let actual = try #require(results[key], "\(f.id): missing \(key)")
      #expect(closeEnough(actual, expected, relative: 1e-9), "\(f.id) \(key): \(actual) vs \(expected)")
    }
    var g = SeededGenerator(seed: f.id.utf8.reduce(11) { $0 &* 31 &+ UInt64($1) })
    var batched = try make()
    for r in randomRanges(rows, pieces: 4, using: &g) {
      let (s, t) = slice(r)
      try batched.update(s, t)
    }
    #expect(closeEnough(batched.compute(), results, relative: 1e-12), "\(f.id): batching changed results")
    var shards = try randomRanges(rows, pieces: 3, using: &g).map { r throws -> O in
      var o = try make()
      let (s, t) = slice(r)
      try o.update(s, t)
      return o
    }
    shards.shuffle(using: &g)
    var merged = try make()
    for shard in shards { try merged.merge(shard) }
    #expect(closeEnough(merged.compute(), results, relative: 1e-12), "\(f.id): sharding changed results")
  }
}
