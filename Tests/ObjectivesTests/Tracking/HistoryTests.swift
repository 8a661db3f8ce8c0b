import Foundation
import Testing

@testable import Objectives

@Suite struct HistoryTests {
  static func results(_ loss: Double, _ acc: Double) -> Results {
    Results([
      .init(name: "val/loss", value: .scalar(loss), direction: .minimize),
      .init(name: "val/acc", value: .scalar(acc), direction: .maximize),
      .init(name: "val/raw", value: .scalar(loss * 2)),
    ])
  }

  static func sample() throws -> History {
    var h = History()
    let losses = [0.9, 0.5, .nan, 0.5, 0.7, 0.4]
    let accs = [0.6, 0.7, .nan, 0.9, 0.9, 0.8]
    for (i, (l, a)) in zip(losses, accs).enumerated() { try h.log(results(l, a), epoch: i + 1) }
    return h
  }

  @Test func keepsSeriesWithTheTimeAxis() throws {
    let h = try Self.sample()
    #expect(h.names == ["val/loss", "val/acc", "val/raw"])
    let loss = try #require(h["val/loss"])
    #expect(loss.axis == .epoch)
    #expect(loss.times == [1, 2, 3, 4, 5, 6])
    #expect(loss.scalars[5] == 0.4)
    #expect(loss.direction == .minimize)
  }

  @Test func bestUsesTheDirectionOfEachEntry() throws {
    let h = try Self.sample()
    let loss = try #require(try h.best("val/loss"))
    #expect(loss.value == 0.4 && loss.time == 6 && loss.index == 5)
    // Ties are not improvements: 0.9 at epochs 4 and 5, the earliest wins.
    let acc = try #require(try h.best("val/acc"))
    #expect(acc.value == 0.9 && acc.time == 4)
    // An explicit direction overrides.
    let worstLoss = try #require(try h.best("val/loss", direction: .maximize))
    #expect(worstLoss.value == 0.9 && worstLoss.time == 1)
  }

  @Test func unknownDirectionIsReportedNotGuessed() throws {
    let h = try Self.sample()
    #expect(throws: ObjectiveError.self) { try h.best("val/raw") }
    do {
      _ = try h.best("val/raw")
    } catch {
      #expect(error.description.contains("unknown"))
      #expect(error.description.contains("direction"))
    }
    let best = try #require(try h.best("val/raw", direction: .minimize))
    #expect(best.value == 0.8)
    #expect(h.bestValues().map(\.name) == ["val/loss", "val/acc"])
    #expect(
      h.bestValues(directions: ["val/raw": .minimize]).map(\.name) == ["val/loss", "val/acc", "val/raw"])
    #expect(throws: ObjectiveError.self) { try h.best("missing") }
  }

  @Test func allNaNHasNoBest() throws {
    var h = History()
    try h.log("x", .nan, time: 0, axis: .step, direction: .maximize)
    try h.log("x", .nan, time: 1, axis: .step)
    #expect(try h.best("x") == nil)
  }

  @Test func rulesAreCheckedBeforeAnythingIsStored() throws {
    var h = try Self.sample()
    let before = h
    #expect(throws: ObjectiveError.self) { try h.log(Self.results(1, 1), epoch: 6) }  // time must increase
    #expect(throws: ObjectiveError.self) { try h.log(Self.results(1, 1), step: 7) }  // axis is fixed
    let flipped = Results([.init(name: "val/acc", value: .scalar(1), direction: .minimize)])
    #expect(throws: ObjectiveError.self) { try h.log(flipped, epoch: 9) }  // direction is fixed
    #expect(h.isIdentical(to: before))
    // A direction learned later fills in an unknown one.
    try h.log(Results([.init(name: "val/raw", value: .scalar(0.1), direction: .minimize)]), epoch: 7)
    #expect(h["val/raw"]?.direction == .minimize)
  }

  @Test func differentNamesMayUseDifferentAxes() throws {
    var h = History()
    try h.log(["train/loss": 1.0], step: 100)
    try h.log(["val/loss": 0.9], epoch: 1)
    try h.log(["train/loss": 0.8], step: 200)
    #expect(h["train/loss"]?.axis == .step)
    #expect(h["val/loss"]?.axis == .epoch)
  }

  @Test func vectorsAndMatricesAreStoredButHaveNoBest() throws {
    var h = History()
    try h.log(
      Results([
        .init(name: "cm", value: .matrix(rows: 2, columns: 2, values: [1, 2, 3, 4]), direction: .maximize)
      ]),
      epoch: 0)
    #expect(h["cm"]?.last == .matrix(rows: 2, columns: 2, values: [1, 2, 3, 4]))
    #expect(throws: ObjectiveError.self) { try h.best("cm") }
  }
}

@Suite struct EarlyStoppingTests {
  @Test func stopsAfterPatienceChecksWithoutImprovement() throws {
    var s = try EarlyStopping(monitor: "loss", patience: 2, direction: .minimize)
    #expect(try !s.update(1.0, time: 1))
    #expect(try !s.update(0.8, time: 2))
    #expect(try !s.update(0.9, time: 3))
    #expect(s.waited == 1)
    #expect(try s.update(0.85, time: 4))
    #expect(s.shouldStop)
    #expect(s.best?.value == 0.8 && s.best?.time == 2)
    // Once stopped, it stays stopped even if a later value improves.
    #expect(try s.update(0.1, time: 5))
  }

  @Test func tiesAreNotImprovements() throws {
    var s = try EarlyStopping(monitor: "acc", patience: 2, direction: .maximize)
    try s.update(0.5, time: 1)
    try s.update(0.5, time: 2)
    #expect(!s.lastImproved && s.waited == 1)
    try s.update(0.5, time: 3)
    #expect(s.shouldStop)
    #expect(s.best?.time == 1)
  }

  @Test func minDeltaMustBeExceeded() throws {
    var s = try EarlyStopping(monitor: "loss", patience: 5, minDelta: 0.1, direction: .minimize)
    try s.update(1.0, time: 1)
    try s.update(0.9, time: 2)  // better by exactly minDelta (within rounding): not an improvement
    #expect(!s.lastImproved)
    try s.update(0.95, time: 3)
    #expect(!s.lastImproved && s.waited == 2)
    try s.update(0.85, time: 4)
    #expect(s.lastImproved && s.waited == 0)
    #expect(s.best?.value == 0.85 && s.best?.time == 4)
  }

  @Test func nanIsNeverAnImprovement() throws {
    var s = try EarlyStopping(monitor: "loss", patience: 2, direction: .minimize)
    try s.update(.nan, time: 1)
    #expect(!s.lastImproved && s.best == nil && s.waited == 1)
    try s.update(3, time: 2)
    #expect(s.lastImproved && s.best?.value == 3)
    try s.update(.nan, time: 3)
    #expect(!s.lastImproved)
    #expect(try s.update(.nan, time: 4))
    var higher = try EarlyStopping(monitor: "acc", patience: 0, direction: .maximize)
    try higher.update(0.3, time: 0)
    #expect(try higher.update(.nan, time: 1))
  }

  @Test func directionComesFromResultsOrIsRequired() throws {
    var s = try EarlyStopping(monitor: "val/loss", patience: 1)
    let r = HistoryTests.results(0.5, 0.5)
    try s.update(r, time: 1)
    #expect(s.resolvedDirection == .minimize)
    try s.update(HistoryTests.results(0.4, 0.5), time: 2)
    #expect(s.lastImproved)
    var unknown = try EarlyStopping(monitor: "val/raw", patience: 1)
    let before = unknown
    #expect(throws: ObjectiveError.self) { try unknown.update(r, time: 1) }
    #expect(unknown == before)
    var missing = try EarlyStopping(monitor: "nope", patience: 1, direction: .maximize)
    #expect(throws: ObjectiveError.self) { try missing.update(r, time: 1) }
  }

  @Test func invalidSettingsThrow() {
    #expect(throws: ObjectiveError.self) { try EarlyStopping(monitor: "x", patience: -1) }
    #expect(throws: ObjectiveError.self) { try EarlyStopping(monitor: "x", patience: 1, minDelta: -0.1) }
    #expect(throws: ObjectiveError.self) { try EarlyStopping(monitor: "x", patience: 1, minDelta: .nan) }
  }

  @Test func replayOverAHistory() throws {
    let h = try HistoryTests.sample()
    // val/loss: 0.9, 0.5, nan, 0.5, 0.7, 0.4 → waits 1 (nan), 2 (tie) → stops at epoch 4 with patience 2.
    let (stopper, stoppedAt) = try EarlyStopping.replay(h, monitor: "val/loss", patience: 2)
    #expect(stoppedAt == 4)
    #expect(stopper.best?.value == 0.5 && stopper.best?.time == 2)
    let (_, later) = try EarlyStopping.replay(h, monitor: "val/loss", patience: 3)
    #expect(later == 5)
    let (last, never) = try EarlyStopping.replay(h, monitor: "val/loss", patience: 4)
    #expect(never == nil)
    #expect(last.best?.value == 0.4 && last.best?.time == 6 && !last.shouldStop)
  }

  @Test func stateIsCodable() throws {
    var s = try EarlyStopping(monitor: "loss", patience: 3, minDelta: 0.01, direction: .minimize)
    try s.update(1, time: 1)
    try s.update(2, time: 2)
    let back = try JSONDecoder().decode(EarlyStopping.self, from: JSONEncoder().encode(s))
    #expect(back == s)
  }
}
