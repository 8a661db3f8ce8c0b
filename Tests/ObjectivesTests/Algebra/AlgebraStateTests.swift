import Foundation
import Testing

@testable import Objectives

/// Every operator starts empty (issue 10, item 4), restore refuses a state of another shape
/// (item 2), and summing a non-empty list needs no unwrapping (item 10).
@Suite struct AlgebraStateTests {
  typealias L = Loss<Double, Double, Double>
  let mse = Leaves.squared("MSE")
  let mae = Leaves.absolute("MAE")
  let accuracy = Metric<Double, Double>("Accuracy", direction: .maximize) { o, t in .batch(o == t ? 1 : 0) }

  /// `loss | metric` kept the loss's accumulated values while `loss + mae` started empty.
  @Test func everyOperatorStartsEmpty() throws {
    var loss = mse
    try loss.update(1, 3)
    var metric = accuracy
    try metric.update(1, 1)
    var other = mae
    try other.update(1, 3)
    for composed in [
      loss | metric, metric | loss, loss | other, loss + other, loss - other, loss * 2, loss / 2, 2 / loss,
      loss ** 2, -loss, loss + 0, loss * 1, loss ** 1, loss - 0, 0 + loss, L.sum(loss, other),
    ] {
      #expect(composed.compute().isEmpty, "\(composed.formula)")
    }
    #expect((metric | Metric<Double, Double>("m") { o, _ in .batch(o) }).compute().isEmpty)
    #expect(MetricCollection([metric]).compute().isEmpty)
    // `watch` is not an operator: it keeps both states.
    var watching = loss
    try watching.watch(metric)
    #expect(watching.compute().scalar("Accuracy") == 1)
  }

  /// The state of `[MSE]^2 + [MAE]` restored into `[MSE] + [MAE]`.
  @Test func restoreRefusesAStateOfAnotherShape() throws {
    var squared = mse ** 2 + mae
    try squared.update(1, 3)
    var plain = mse + mae
    try plain.update(0, 0)
    let before = plain.compute()
    let data = try JSONEncoder().encode(squared.state)
    let state = try JSONDecoder().decode(LossState.self, from: data)
    #expect(state.formula == "[MSE]^2 + [MAE]")
    #expect(throws: ObjectiveError.self) { try plain.restore(state) }
    #expect(plain.compute() == before)
    // Same formula, other names.
    let renamed = Leaves.squared("MSE2") + mae
    var target = renamed
    #expect(throws: ObjectiveError.self) { try target.restore((mse + mae).state) }
    // The same shape restores.
    var same = mse ** 2 + mae
    try same.restore(state)
    #expect(same.compute() == squared.compute())
  }

  @Test func restoreRefusesACollectionOfOtherMembers() throws {
    let m = Metric<Double, Double>("M") { o, _ in .batch(o) }
    let n = Metric<Double, Double>("N") { _, t in .batch(t) }
    var first = accuracy | m
    try first.update(1, 2)
    var second = accuracy | n
    #expect(throws: ObjectiveError.self) { try second.restore(first.state) }
    #expect(second.compute().isEmpty)
    var same = accuracy | m
    try same.restore(first.state)
    #expect(same.compute() == first.compute())
    // A loss's joined metrics are part of its shape.
    var watched = (mse | m)
    try watched.update(1, 2)
    var watchedOther = (mse | n)
    #expect(throws: ObjectiveError.self) { try watchedOther.restore(watched.state) }
  }

  @Test func summingANonEmptyList() throws {
    let ce = Leaves.squared("CE")
    let total: L = .sum(mse, mae, ce)
    #expect(total.formula == "[MSE] + [MAE] + [CE]")
    #expect(L.sum(mse, [mae, ce]).formula == "[MSE] + [MAE] + [CE]")
    #expect(L.sum(mse).formula == "[MSE]")
    #expect([mse, mae, ce].sum()?.formula == "[MSE] + [MAE] + [CE]")
    #expect([L]().sum() == nil)
  }
}
