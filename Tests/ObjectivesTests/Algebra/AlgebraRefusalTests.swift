import Foundation
import Testing

@testable import Objectives

/// Operators never stop the program: contradictory directions compose into a minimised loss, and
/// compositions that cannot be made sound are recorded in the result, which refuses every batch.
/// The strict check (`checked()`, the throwing forms, parsing with `.strict`) returns typed errors.
@Suite struct AlgebraRefusalTests {
  let mse = Leaves.squared("MSE")
  let mae = Leaves.absolute("MAE")
  let ce = Leaves.squared("CE")
  let acc = Leaves.constant("Acc", 0.5, direction: .maximize)

  @Test func throwingFormsExplainTheRefusal() {
    #expect(throws: CompositionError.self) { try mse.subtracting(mae) }
    #expect(throws: CompositionError.self) { try mse.dividing(by: mae) }
    #expect(throws: CompositionError.self) { try mse.adding(acc) }
    #expect(throws: CompositionError.self) { try mse.multiplying(by: acc) }
    #expect(throws: CompositionError.self) { try mse.adding(mae.scaled(by: -2)) }
    #expect(throws: CompositionError.self) { try mse.raised(to: .nan) }
    #expect(throws: CompositionError.self) { try mse.adding(.infinity) }
    #expect(throws: CompositionError.self) { try mse.divided(by: 0) }
    #expect(throws: Never.self) { try mse.subtracting(acc) }
    #expect(throws: Never.self) { try mse.dividing(by: acc) }
    do {
      _ = try mse.subtracting(mae)
    } catch {
      #expect(error.description.contains("[MSE]") && error.description.contains("[MAE]"))
      #expect(error.description.contains("lower is better"))
    }
    let other = Leaves.absolute("MSE")
    do {
      _ = try mse.adding(other)
      Issue.record("two different leaves named MSE must be refused")
    } catch {
      guard case .duplicateName(let name, let first, let second) = error else { return }
      #expect(name == "MSE")
      #expect(first.contains("AlgebraSupport.swift") && second.contains("AlgebraSupport.swift"))
    }
    // A component named like the composite would hide the combined value.
    let combined = Leaves.squared("Combined Loss")
    #expect(throws: CompositionError.self) { try combined.adding(mae) }
  }

  /// Issue 10, item 5: these ended in a fatal error.
  @Test func contradictoryDirectionsComposeIntoAMinimisedLoss() throws {
    for (loss, formula) in [
      (mse - mae, "[MSE] - [MAE]"), (mse / (1 + mae), "[MSE] / (1 + [MAE])"),
      ((mse + mae) * acc, "([MSE] + [MAE]) x [Acc]"), (mse + -1 * mae, "[MSE] - [MAE]"),
      (-(mse - mae), "-([MSE] - [MAE])"),
    ] {
      var l = loss
      #expect(l.formula == formula)
      #expect(l.direction == .minimize, "\(formula)")
      #expect(l.hasContradictoryDirections)
      #expect(l.refusal == nil)
      #expect(throws: Never.self) { try l.checked(.lenient) }
      #expect(throws: CompositionError.self) { try l.checked() }
      try l.update(1, 3)
      let r = l.compute()
      #expect(r[0].direction == .minimize)
      // Components keep their own directions.
      for entry in r.entries.dropFirst() {
        #expect(entry.direction == (entry.name == "Acc" ? .maximize : .minimize), "\(formula) \(entry.name)")
      }
    }
    var difference = mse - mae
    #expect(try difference.forward(1, 3) == 2)
  }

  /// The strict message renders the composition with the renderer, parentheses included.
  @Test func strictRefusalsRenderBothSidesWithParentheses() throws {
    do {
      _ = try (mse / (mae + ce)).checked()
      Issue.record("must be refused")
    } catch {
      guard case .contradictoryDirections(let composition, let op, let left, _, let right, _) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(composition == "[MSE] / ([MAE] + [CE])")
      #expect((op, left, right) == ("/", "[MSE]", "[MAE] + [CE]"))
      #expect(error.description.hasPrefix("cannot compose [MSE] / ([MAE] + [CE]): the left side [MSE]"))
    }
    do {
      _ = try (2 * (mse + mae) - ce * 3).checked()
      Issue.record("must be refused")
    } catch {
      guard
        case .contradictoryDirections(let composition, "-", let left, .minimize, let right, .minimize) = error
      else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(composition == "2 x ([MSE] + [MAE]) - 3 x [CE]")
      #expect(left == "2 x ([MSE] + [MAE])")
      #expect(right == "3 x [CE]")
    }
    // Accepted strictly: every side agrees once `-` and `/` flip.
    #expect(try (mse - acc).checked().formula == "[MSE] - [Acc]")
    #expect(try (mse / acc + 2 * ce).checked().direction == .minimize)
  }

  /// Issue 10, item 5: duplicate names through an operator stopped the program.
  @Test func duplicateNamesAreRecordedNotFatal() throws {
    var clash = mse + Leaves.absolute("MSE")
    #expect(clash.refusal != nil)
    #expect(throws: CompositionError.self) { try clash.checked(.lenient) }
    #expect(throws: ObjectiveError.self) { try clash.update(1, 2) }
    #expect(clash.compute().isEmpty)
    // A refused loss stays refused, and does not grow, when composed further.
    let further = (clash * 2 + mae) ** 2
    #expect(further.refusal == clash.refusal)
    var composite = Leaves.squared("Combined Loss") + mae
    #expect(throws: ObjectiveError.self) { try composite.update(1, 2) }
  }

  @Test func clashingMetricsAreRecordedNotFatal() throws {
    let a = Metric<Double, Double>("m") { o, _ in .batch(o) }
    let b = Metric<Double, Double>("m") { _, t in .batch(t) }
    var joined = a | b
    #expect(throws: CompositionError.self) { try joined.checked() }
    #expect(throws: ObjectiveError.self) { try joined.update(1, 2) }
    var collection = MetricCollection<Double, Double>([a, b])
    #expect(collection.refusal != nil)
    #expect(throws: ObjectiveError.self) { try collection.update(1, 2) }
    // A loss watching a metric named like one of its components.
    var watched = (mse + mae) | Metric<Double, Double>("MSE") { o, _ in .batch(o) }
    #expect(throws: CompositionError.self) { try watched.checked(.lenient) }
    #expect(throws: ObjectiveError.self) { try watched.update(1, 2) }
  }

  /// Non-finite constants through operators are IEEE values, rendered so that they parse back.
  @Test func nonFiniteConstantsAreValues() throws {
    var scaled = mse * .infinity
    #expect(scaled.formula == "inf x [MSE]")
    #expect(try scaled.forward(1, 3) == .infinity)
    #expect(throws: CompositionError.nonFiniteConstant(.infinity)) { try scaled.checked() }
    // Issue 10, item 1: the accumulated value of an infinite batch stays infinite.
    #expect(scaled.compute().scalar("Combined Loss") == .infinity)
    #expect((mse ** .nan).formula == "[MSE]^nan")
    #expect((mse * 1e308 * 10).formula == "inf x [MSE]")
    #expect((mse + .infinity - .infinity).formula == "[MSE] + nan")
  }

  /// Compositions deeper than the limit are recorded, and stop growing. (Rendering a sum used to
  /// render its first term twice, exponential in the depth: this took minutes.)
  @Test(.timeLimit(.minutes(1))) func tooDeepCompositionsAreRecorded() {
    var loss = mse
    for _ in 0..<200 { loss = -(loss * 2 + mae) }
    #expect(loss.refusal == .tooDeep(limit: 64))
    #expect(loss.depth <= 70)
  }
}
