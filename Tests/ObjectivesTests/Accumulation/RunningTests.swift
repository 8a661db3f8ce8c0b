import Foundation
import Testing

@testable import Objectives

/// Running windows and aggregators beyond the fixtures: names, step-wise merging, checkpoints and
/// refusal of other shapes.
@Suite struct RunningTests {
  @Test func windowIsTheObjectiveOnTheLastBatches() throws {
    var r = try Running(Aggregator(.mean), window: 2)
    for batch in [[1.0, 2], [3], [5, 7]] { try r.update(batch, []) }
    #expect(r.compute().scalar("mean") == 3.6)
    #expect(r.compute().scalar("mean_last2") == 5)
    #expect(r.batches.count == 2)
    #expect(throws: ObjectiveError.self) { _ = try Running(Aggregator(.sum), window: 0) }
  }

  @Test func stepwiseMergeAlignsTheNewestBatches() throws {
    var a = try Running(Aggregator(.sum), window: 2)
    var b = a
    for x in [1.0, 2, 3] { try a.update([x], []) }
    for x in [10.0, 20] { try b.update([x], []) }
    var stepwise = a
    try stepwise.mergeStepwise(b)
    #expect(stepwise.compute().scalar("sum") == 36)
    #expect(stepwise.compute().scalar("sum_last2") == 35)  // (2 + 10) + (3 + 20)
    var sequential = a
    try sequential.merge(b)
    #expect(sequential.compute().scalar("sum_last2") == 30)  // 10 + 20 came after 1, 2, 3
    #expect(throws: ObjectiveError.self) { try a.merge(try Running(Aggregator(.sum), window: 3)) }
  }

  @Test func checkpointRestoresTheRing() throws {
    var r = try Running(try regressionMetrics(metrics: [.mse]), window: 3)
    for i in 0..<5 { try r.update([Double(i), 1], [0, 1]) }
    let data = try JSONEncoder().encode(r.state)
    var restored = r.emptied()
    try restored.restore(try JSONDecoder().decode(type(of: r.state), from: data))
    #expect(restored.compute() == r.compute())
    try r.update([9], [0])
    try restored.update([9], [0])
    #expect(restored.compute() == r.compute())
    var other = try Running(try regressionMetrics(metrics: [.mse]), window: 2)
    #expect(throws: ObjectiveError.self) { try other.restore(r.state) }
  }

  @Test func aggregatorPoliciesAndRefusals() throws {
    var m = Aggregator(.max, nanPolicy: .propagate)
    try m.update([1, .nan, 3], [])
    #expect(m.value.scalar?.isNaN == true)
    var w = Aggregator(.mean, nanPolicy: .ignore)
    try w.update([1, .nan, 4], [1, 5, 3])
    #expect(w.value.scalar == 3.25)
    #expect(w.compute().names == ["mean"])
    var low = Aggregator(.min)
    #expect(throws: ObjectiveError.self) { try low.update([1], [2]) }
    #expect(throws: ObjectiveError.self) { try w.update([1], [-1]) }
    #expect(throws: ObjectiveError.self) { try w.merge(Aggregator(.mean, nanPolicy: .warn)) }
    #expect(Aggregator(.sum).value.scalar == 0 && Aggregator(.min).value.scalar == .infinity)
    #expect(AggregationNaNPolicy(.omit) == .ignore && AggregationNaNPolicy(.error) == .error)
    let json = try JSONEncoder().encode(m)
    #expect(try JSONDecoder().decode(Aggregator.self, from: json).value.scalar?.isNaN == true)
  }
}
