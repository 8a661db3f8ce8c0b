import Foundation
import Synchronization
import Testing

@testable import Objectives

/// Counts calls from `@Sendable` closures.
final class CallCounter: Sendable {
  let calls = Atomic<Int>(0)
  func tick() { calls.add(1, ordering: .relaxed) }
  var value: Int { calls.load(ordering: .relaxed) }
}

@Suite struct AlgebraLifecycleTests {
  typealias L = Loss<[Double], [Double], Double>

  /// MSE as a batch scalar, MAE per sample, as in DRYTorch's tutorial.
  let mse = L("MSE") { o, t in
    .batch(zip(o, t).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / Double(o.count))
  }
  let mae = L("MAE") { o, t in .samples(zip(o, t).map { abs($0 - $1) }) }

  @Test func tutorialCase() throws {
    var loss = mse ** 2 + 0.5 * mae
    #expect(loss.formula == "[MSE]^2 + 0.5 x [MAE]")
    let value = try loss.forward([1], [3])
    #expect(value == 17)
    let results = loss.compute()
    #expect(results.names == ["Combined Loss", "MSE", "MAE"])
    #expect(results.scalar("Combined Loss") == 17)
    #expect(results.scalar("MSE") == 4)
    #expect(results.scalar("MAE") == 2)
    #expect(results[0].direction == .minimize)
  }

  @Test func batchValuesCountOncePerBatchAndSamplesOncePerSample() throws {
    let s = Metric<[Double], [Double]>("S") { o, _ in .batch(o.reduce(0, +) / Double(o.count)) }
    let v = Metric<[Double], [Double]>("V") { o, _ in .samples(o) }
    var collection = s | v
    try collection.update([1, 1, 1], [0, 0, 0])
    try collection.update([9], [0])
    #expect(collection.compute().scalar("S") == 5)
    #expect(collection.compute().scalar("V") == 3)
  }

  @Test func compositeIsTheMeanOfItsValuesNotTheValueOfMeans() throws {
    var square = mse ** 2
    try square.update([1], [0])
    try square.update([3], [0])
    #expect(square.compute().scalar("Loss") == 41)
    #expect(square.compute().scalar("MSE") == 5)
  }

  @Test func perSampleCompositesCountEverySample() throws {
    var loss = mse + mae
    try loss.update([1, 1, 1], [0, 0, 0])
    try loss.update([3], [0])
    let r = loss.compute()
    #expect(r.scalar("Combined Loss") == 4.5)
    #expect(r.scalar("MSE") == 5)
    #expect(r.scalar("MAE") == 1.5)
  }

  @Test func forwardReturnsTheBatchMean() throws {
    var loss = mse + mae
    #expect(try loss.forward([1, 2], [0, 0]) == 4)
    #expect(loss.compute().scalar("Combined Loss") == 4)
    #expect(loss.compute().scalar("MSE") == 2.5)
    #expect(loss.compute().scalar("MAE") == 1.5)
  }

  @Test func weightedBatchValues() throws {
    let weighted = L("W") { o, _ in .batch(o.reduce(0, +) / Double(o.count), weight: Double(o.count)) }
    var loss = weighted
    try loss.update([1, 1, 1], [0, 0, 0])
    try loss.update([9], [0])
    #expect(loss.compute().scalar("W") == 3)
  }

  @Test func keyOrderIsFirstAppearance() throws {
    let ce = L("CE") { o, _ in .batch(o[0]) }
    for (loss, keys) in [
      (mse + mae, ["Combined Loss", "MSE", "MAE"]),
      (mae + mse, ["Combined Loss", "MAE", "MSE"]),
      (-mse, ["Negative MSE", "MSE"]),
      (mse ** 2, ["Loss", "MSE"]),
      ((mse + mae) + mse, ["Combined Loss", "MSE", "MAE"]),
      (ce * (mae + mse), ["Combined Loss", "CE", "MAE", "MSE"]),
      (1 / mse, ["Loss", "MSE"]),
    ] {
      var l = loss
      try l.update([1], [3])
      #expect(l.compute().names == keys)
    }
  }

  @Test func computeBeforeUpdateIsEmptyAndResetEmpties() throws {
    var loss = mse + mae
    #expect(loss.compute().isEmpty)
    try loss.update([1], [3])
    loss.reset()
    #expect(loss.compute().isEmpty)
  }

  @Test func aLeafUsedTwiceIsEvaluatedOnce() throws {
    let counter = CallCounter()
    let a = L("A") { o, _ in
      counter.tick()
      return .batch(o[0])
    }
    var loss = a + a * 2 + (a ** 2) / 3 | Metric<[Double], [Double]>("m") { o, _ in .batch(o[0]) }
    try loss.update([2], [0])
    #expect(counter.value == 1)
    #expect(loss.compute().names == ["Combined Loss", "A", "m"])
  }

  @Test func lengthMismatchBetweenPerSampleLeavesThrowsAndChangesNothing() throws {
    let first = L("First") { o, _ in .samples(o) }
    let second = L("Second") { o, _ in .samples(Array(o.dropLast())) }
    var loss = first + second
    #expect(throws: ObjectiveError.self) { try loss.update([1, 2], [0, 0]) }
    #expect(loss.compute().isEmpty)
  }

  @Test func lossKeepsItsValueWhenJoinedWithMetrics() throws {
    let accuracy = Metric<[Double], [Double]>("Accuracy", direction: .maximize) { o, t in
      .samples(zip(o, t).map { abs($0 - $1) < 0.5 ? 1 : 0 })
    }
    var loss = (mse + mae) | accuracy
    let value = try loss.forward([1, 2], [1, 0])
    #expect(value == 3)
    let r = loss.compute()
    #expect(r.names == ["Combined Loss", "MSE", "MAE", "Accuracy"])
    #expect(r.scalar("Accuracy") == 0.5)
    #expect(r.entries[3].direction == .maximize)
    // `|` shares `+`'s precedence: (m | a) + b is (a + b) | m.
    let grouped = accuracy | mse + mae
    #expect(grouped.formula == "[MSE] + [MAE]")
    #expect(grouped.reportedNames == ["Combined Loss", "MSE", "MAE", "Accuracy"])
  }

  @Test func stateRoundTripsAndMerges() throws {
    var a = mse ** 2 + 0.5 * mae
    var b = a
    try a.update([1, 2], [0, 0])
    try b.update([3], [1])
    var restored = (mse ** 2 + 0.5 * mae)
    restored.reset()
    let data = try JSONEncoder().encode(a.state)
    try restored.restore(JSONDecoder().decode(LossState.self, from: data))
    #expect(restored.compute() == a.compute())
    try a.merge(b)
    #expect(a.compute().scalar("MAE") == 5.0 / 3)
    var other = mse + mae
    #expect(throws: ObjectiveError.self) { try other.merge(a) }
  }

  @Test func parseErrorsCarryPositions() throws {
    let acc = L("Acc", direction: .maximize) { o, _ in .batch(o[0]) }
    let leaves = [mse, mae, acc]
    #expect(throws: FormulaError.unknownName("CE", position: 8)) {
      try L(parsing: "[MSE] + [CE]", leaves: leaves)
    }
    #expect(
      throws: FormulaError.syntax(
        "expected [name], a number or '(' but found the end of the formula", position: 7)
    ) {
      try L(parsing: "[MSE] +", leaves: leaves)
    }
    #expect(try L(parsing: "[MSE] - [MAE]", leaves: leaves).formula == "[MSE] - [MAE]")
    do {
      _ = try L(parsing: "[MSE] - [MAE]", leaves: leaves, checking: .strict)
      Issue.record("a same-direction difference must be refused by the strict check")
    } catch {
      guard case .composition(.contradictoryDirections, let p) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(p == 6)
      #expect(error.pointing(at: "[MSE] - [MAE]") == "[MSE] - [MAE]\n      ^")
    }
    #expect(try L(parsing: "[MSE] - [Acc]", leaves: leaves).formula == "[MSE] - [Acc]")
    #expect(throws: FormulaError.self) { try L(parsing: "[MSE", leaves: leaves) }
    #expect(throws: FormulaError.self) { try L(parsing: "2 + 3", leaves: leaves) }
    #expect(throws: FormulaError.self) { try L(parsing: "[MSE] ^ [MAE]", leaves: leaves) }
    #expect(throws: FormulaError.self) { try L(parsing: "[MSE] + 1e999", leaves: leaves) }
  }

  @Test func hostileFormulasAreBounded() {
    let deep = String(repeating: "(", count: 100_000) + "[MSE]" + String(repeating: ")", count: 100_000)
    #expect(throws: FormulaError.tooLong(length: 200_005, limit: 10_000)) {
      try L(parsing: deep, leaves: [mse])
    }
    let nested = String(repeating: "(", count: 2000) + "[MSE]" + String(repeating: ")", count: 2000)
    #expect(throws: FormulaError.tooDeep(limit: 64, position: 64)) { try L(parsing: nested, leaves: [mse]) }
    let minuses = String(repeating: "-", count: 5000) + "[MSE]"
    #expect(throws: FormulaError.self) { try L(parsing: minuses, leaves: [mse]) }
  }

  @Test func parsedFormulasEvaluate() throws {
    var loss = try L(parsing: "[MSE]^2 + 0.5 * [MAE]", leaves: [mse, mae])
    #expect(loss.formula == "[MSE]^2 + 0.5 x [MAE]")
    #expect(try loss.forward([1], [3]) == 17)
  }
}
