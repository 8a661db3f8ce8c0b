import Foundation
import Testing

@testable import Objectives

/// Agreement with scikit-learn (and TorchMetrics-checked definitions) on the reference cases of
/// scripts/make_classification_fixtures.py, to 1e-9 relative on Double inputs.
@Suite struct ClassificationFixtureTests {
  static let binary = ClassificationFixture.load("classification_binary")
  static let multiclass = ClassificationFixture.load("classification_multiclass")
  static let multilabel = ClassificationFixture.load("classification_multilabel")

  @Test func thereAreAtLeastTwoHundredCases() {
    #expect(Self.binary.count + Self.multiclass.count + Self.multilabel.count >= 200)
  }

  @Test(arguments: binary) func binaryCase(_ f: ClassificationFixture) throws {
    try check(f, width: 1, targetWidth: 1) { mode in
      var o = f.options
      o.mode = mode
      return try BinaryClassification<Double>(metrics: f.metricList, options: o)
    }
  }

  @Test(arguments: multiclass) func multiclassCase(_ f: ClassificationFixture) throws {
    try check(f, width: f.inputKind == "labels" ? 1 : f.numClasses, targetWidth: 1) { mode in
      var o = f.options
      o.mode = mode
      return try MulticlassClassification<Double>(numClasses: f.numClasses, metrics: f.metricList, options: o)
    }
  }

  @Test(arguments: multilabel) func multilabelCase(_ f: ClassificationFixture) throws {
    try check(f, width: f.numClasses, targetWidth: f.numClasses) { mode in
      var o = f.options
      o.mode = mode
      return try MultilabelClassification<Double>(numLabels: f.numClasses, metrics: f.metricList, options: o)
    }
  }

  /// Whole data, random batches, random shards merged, and (where given) streaming batches.
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
    #expect(results.names == f.metrics)
    for (key, expected) in f.expected {
      let actual = try #require(results[key], "\(f.id): missing \(key)")
      #expect(closeEnough(actual, expected, relative: 1e-9), "\(f.id) \(key): \(actual) vs \(expected)")
    }

    var g = SeededGenerator(seed: f.id.utf8.reduce(7) { $0 &* 31 &+ UInt64($1) })
    var batched = try make(.exact)
    for r in randomRanges(rows, pieces: 4, using: &g) {
      let (s, t) = slice(r)
      try batched.update(s, t)
    }
    #expect(closeEnough(batched.compute(), results, relative: 1e-12), "\(f.id): batching changed results")

    var shards = try randomRanges(rows, pieces: 3, using: &g).map { r throws -> O in
      var o = try make(.exact)
      let (s, t) = slice(r)
      try? o.update(s, t)
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
