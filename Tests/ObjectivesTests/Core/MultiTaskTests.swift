import Foundation
import Testing

@testable import Objectives

/// `MultiTaskMetrics`: flattened keys, aggregates, prefixes, errors, merging and state.
@Suite struct MultiTaskTests {
  struct Batch: Sendable {
    var price: [Double]
    var rating: [Double]?
  }

  /// A minimal objective that is not `SampleCounting`: the mean absolute value of its outputs.
  struct MeanMagnitude: Objective {
    var total = MeanAccumulator()
    mutating func update(_ outputs: [Double], _ targets: [Double]) throws(ObjectiveError) {
      guard outputs.count == targets.count else {
        throw .lengthMismatch(what: "targets", expected: outputs.count, actual: targets.count)
      }
      for v in outputs { total.add(abs(v)) }
    }
    func compute() -> Results {
      Results([.init(name: "pearson", value: .scalar(total.mean), direction: .minimize)])
    }
    mutating func reset() { total = MeanAccumulator() }
    mutating func merge(_ other: MeanMagnitude) throws(ObjectiveError) { total.merge(other.total) }
    var state: MeanAccumulator { total }
    mutating func restore(_ state: MeanAccumulator) throws(ObjectiveError) { total = state }
  }

  static func container(
    _ aggregate: MultiTaskAggregate? = nil, prefix: String = "", postfix: String = ""
  ) throws -> MultiTaskMetrics<Batch, Batch> {
    var m = MultiTaskMetrics<Batch, Batch>(aggregate: aggregate, prefix: prefix, postfix: postfix)
    try m.register(
      "price", regressionMetrics(metrics: [.pearson, .mse]), weight: 3, outputs: { $0.price },
      targets: { $0.price })
    try m.register(
      "rating", regressionMetrics(metrics: [.mse, .pearson, .mae]), weight: 1, outputs: { $0.rating },
      targets: { $0.rating })
    return m
  }

  static let outputs = Batch(price: [1, 2, 3, 4.5], rating: [3, 1])
  static let targets = Batch(price: [1.5, 2, 2.5, 5], rating: [2, 2])

  @Test func resultsAreFlattenedPerTask() throws {
    var m = try Self.container()
    try m.update(Self.outputs, Self.targets)
    var price = try regressionMetrics(metrics: [.pearson, .mse])
    try price.update(Self.outputs.price, Self.targets.price)
    var rating = try regressionMetrics(metrics: [.mse, .pearson, .mae])
    try rating.update(Self.outputs.rating ?? [], Self.targets.rating ?? [])
    var expected = price.compute().renamed(prefix: "price.")
    expected.append(contentsOf: rating.compute().renamed(prefix: "rating."))
    #expect(RegressionTestSupport.close(m.compute(), expected, relative: 0))
    #expect(m.taskNames == ["price", "rating"])
    #expect(m.samples(of: "price") == 4 && m.samples(of: "rating") == 2 && m.samples(of: "other") == nil)
  }

  @Test(arguments: MultiTaskAggregate.allCases)
  func aggregatesMatchOnExactNamesAndSkipNaN(aggregate: MultiTaskAggregate) throws {
    var m = try Self.container(aggregate, prefix: "val/", postfix: "@1")
    try m.update(Self.outputs, Self.targets)
    let r = m.compute()
    let priceMSE = try #require(r.scalar("val/price.mse@1"))
    let ratingMSE = try #require(r.scalar("val/rating.mse@1"))
    let (wp, wr): (Double, Double) =
      switch aggregate {
      case .macro: (1, 1)
      case .micro: (4, 2)
      case .weighted: (3, 1)
      }
    #expect(r.scalar("val/aggregate.mse@1") == (wp * priceMSE + wr * ratingMSE) / (wp + wr))
    // The rating task's Pearson is NaN (constant targets): only the price task counts.
    #expect(r.scalar("val/rating.pearson@1")?.isNaN == true)
    #expect(r.scalar("val/aggregate.pearson@1") == r.scalar("val/price.pearson@1"))
    // A metric reported by one task only is averaged over that task.
    #expect(r.scalar("val/aggregate.mae@1") == r.scalar("val/rating.mae@1"))
    #expect(r.names.suffix(3) == ["val/aggregate.pearson@1", "val/aggregate.mse@1", "val/aggregate.mae@1"])
    #expect(r.first { $0.name == "val/aggregate.mse@1" }?.direction == .minimize)
  }

  @Test func vectorsAverageComponentwiseAndShapesMustAgree() {
    let a = Results([
      .init(name: "x", value: .vector([1, .nan]), direction: .maximize), .init(name: "m", value: .scalar(1)),
    ])
    let b = Results([
      .init(name: "x", value: .vector([3, 4]), direction: .minimize),
      .init(name: "m", value: .vector([1, 2])),
    ])
    let avg = MultiTaskAggregate.average([(a, 1), (b, 1)])
    #expect(avg.names == ["x"])
    #expect(avg["x"] == .vector([2, 4]))
    #expect(avg.first?.direction == nil)
    let none = MultiTaskAggregate.average([(Results([.init(name: "s", value: .scalar(.nan))]), 1)])
    #expect(none.scalar("s")?.isNaN == true)
  }

  @Test func aBatchWithoutATaskSkipsIt() throws {
    var m = try Self.container(.micro)
    try m.update(Batch(price: [1, 2, 3], rating: nil), Batch(price: [1, 2, 4], rating: nil))
    #expect(m.samples(of: "rating") == 0)
    #expect(m.compute().scalar("rating.mse")?.isNaN == true)
    #expect(throws: ObjectiveError.invalidArgument("task rating has outputs but no targets in this batch")) {
      try m.update(Batch(price: [1], rating: [1]), Batch(price: [1], rating: nil))
    }
  }

  @Test func aFailingTaskLeavesEveryTaskUnchanged() throws {
    var m = try Self.container()
    try m.update(Self.outputs, Self.targets)
    let before = m.state
    #expect(throws: ObjectiveError.lengthMismatch(what: "targets", expected: 2, actual: 3)) {
      try m.update(Batch(price: [1, 2], rating: [1, 2]), Batch(price: [1, 2], rating: [1, 2, 3]))
    }
    #expect(m.state == before)
  }

  @Test func registrationIsValidated() throws {
    var m = try Self.container()
    let model = try regressionMetrics()
    #expect(throws: ObjectiveError.self) {
      try m.register("price", model, outputs: { $0.price }, targets: { $0.price })
    }
    #expect(throws: ObjectiveError.self) {
      try m.register("aggregate", model, outputs: { $0.price }, targets: { $0.price })
    }
    #expect(throws: ObjectiveError.self) {
      try m.register("", model, outputs: { $0.price }, targets: { $0.price })
    }
    #expect(throws: ObjectiveError.self) {
      try m.register("x", model, weight: -1, outputs: { $0.price }, targets: { $0.price })
    }
    #expect(throws: ObjectiveError.self) {
      try m.register("y", model, weight: .nan, outputs: { $0.price }, targets: { $0.price })
    }
    let extended = try m.registering("z", model, outputs: { $0.price }, targets: { $0.price })
    #expect(extended.taskNames == ["price", "rating", "z"] && m.taskNames == ["price", "rating"])
  }

  @Test func dictionaryBatchesAndObjectivesWithoutSampleCounts() throws {
    var m = MultiTaskMetrics<[String: [Double]], [String: [Double]]>(aggregate: .micro)
    try m.register("a", MeanMagnitude())
    try m.register("b", MeanMagnitude())
    try m.update(["a": [1, -3], "b": [10, 20, 30, 40]], ["a": [0, 0], "b": [0, 0, 0, 0]])
    try m.update(["a": [2]], ["a": [0]])
    #expect(m.samples(of: "a") == 3 && m.samples(of: "b") == 4)
    let r = m.compute()
    #expect(r.scalar("a.pearson") == 2 && r.scalar("b.pearson") == 25)
    let expected: Double = (3 * 2 + 4 * 25) / 7
    #expect(r.scalar("aggregate.pearson") == expected)
  }

  @Test func mergeByTaskIsSplitInvariant() throws {
    var g = RegressionTestSupport.Generator(seed: 3)
    let batches = (0..<6).map { i in
      (
        Batch(
          price: (0..<(5 + i)).map { _ in g.normal() },
          rating: i % 2 == 0 ? (0..<3).map { _ in g.normal() } : nil),
        Batch(
          price: (0..<(5 + i)).map { _ in g.normal() },
          rating: i % 2 == 0 ? (0..<3).map { _ in g.normal() } : nil)
      )
    }
    var sequential = try Self.container(.micro)
    var left = try Self.container(.micro)
    var right = try Self.container(.micro)
    for (i, (o, t)) in batches.enumerated() {
      try sequential.update(o, t)
      if i < 2 { try left.update(o, t) } else { try right.update(o, t) }
    }
    var merged = left
    try merged.merge(right)
    #expect(RegressionTestSupport.close(merged.compute(), sequential.compute(), relative: 1e-12))
    var withEmpty = merged
    try withEmpty.merge(try Self.container(.micro))
    #expect(withEmpty.state == merged.state)
    var other = MultiTaskMetrics<Batch, Batch>()
    try other.register("price", regressionMetrics(), outputs: { $0.price }, targets: { $0.price })
    #expect(throws: ObjectiveError.self) { try merged.merge(other) }
  }

  @Test func stateRoundTripsThroughCodable() throws {
    var m = try Self.container(.weighted, prefix: "test/")
    try m.update(Self.outputs, Self.targets)
    let data = try StateSnapshot.encoder.encode(m.state)
    let decoded = try StateSnapshot.decoder.decode(MultiTaskState.self, from: data)
    #expect(decoded == m.state)
    var fresh = try Self.container(.weighted, prefix: "test/")
    try fresh.restore(decoded)
    #expect(RegressionTestSupport.close(fresh.compute(), m.compute(), relative: 0))
    #expect(fresh.samples(of: "price") == 4)
    var wrong = MultiTaskMetrics<Batch, Batch>()
    #expect(throws: ObjectiveError.self) { try wrong.restore(decoded) }
    fresh.reset()
    #expect(fresh.samples(of: "price") == 0)
    #expect(fresh.compute().scalar("test/price.mse")?.isNaN == true)
  }

  @Test func forwardGivesTheBatchResults() throws {
    var m = try Self.container(.macro)
    let batch = try m.forwardResults(Self.outputs, Self.targets)
    #expect(RegressionTestSupport.close(batch, m.compute(), relative: 0))
    try m.update(Self.outputs, Self.targets)
    #expect(m.samples(of: "price") == 8)
  }
}

@Suite struct MultiTaskClassificationTests {
  struct Batch: Sendable {
    var sentiment: [Double]
    var topic: [Double]
  }

  struct Labels: Sendable {
    var sentiment: [Int]
    var topic: [Int]
  }

  /// Classification tasks count their own samples, so the micro aggregate weights by them.
  @Test func microAggregateWeightsClassificationTasksBySamples() throws {
    var m = MultiTaskMetrics<Batch, Labels>(aggregate: .micro, prefix: "val/")
    try m.register(
      "sentiment", binaryMetrics(Double.self, metrics: [.accuracy]), outputs: { $0.sentiment },
      targets: { $0.sentiment })
    try m.register(
      "topic",
      multiclassMetrics(Double.self, numClasses: 2, metrics: [.accuracy.averaged(.micro).named("acc")]),
      outputs: { $0.topic }, targets: { $0.topic })
    try m.update(
      Batch(sentiment: [0.9, 0.1, 0.8, 0.3], topic: [0.9, 0.1, 0.2, 0.8]),
      Labels(sentiment: [1, 0, 0, 0], topic: [0, 1]))
    let r = m.compute()
    #expect(m.samples(of: "sentiment") == 4 && m.samples(of: "topic") == 2)
    #expect(r.scalar("val/sentiment.acc") == 0.75)
    #expect(r.scalar("val/topic.acc") == 1)
    #expect(r.scalar("val/aggregate.acc").map { isClose($0, (4 * 0.75 + 2 * 1) / 6) } == true)
  }
}
