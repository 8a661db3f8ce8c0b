import Testing

@testable import Objectives

/// Refused compositions stop the process with a message naming both sides (exit tests), and the
/// throwing forms return the same refusal as a typed error.
@Suite struct AlgebraRefusalTests {
  @Test func throwingFormsExplainTheRefusal() {
    let mse = Leaves.squared("MSE")
    let mae = Leaves.absolute("MAE")
    let acc = Leaves.constant("Acc", 0.5, higherIsBetter: true)
    #expect(throws: CompositionError.self) { try mse.subtracting(mae) }
    #expect(throws: CompositionError.self) { try mse.dividing(by: mae) }
    #expect(throws: CompositionError.self) { try mse.adding(acc) }
    #expect(throws: CompositionError.self) { try mse.multiplying(by: acc) }
    #expect(throws: CompositionError.self) { try mse.adding(mae.scaled(by: -2)) }
    #expect(throws: CompositionError.self) { try mse.raised(to: .nan) }
    #expect(throws: CompositionError.self) { try mse.adding(.infinity) }
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

  @Test func contradictoryDirectionsStopTheProgram() async {
    await #expect(processExitsWith: .failure) {
      _ = Leaves.squared("MSE") - Leaves.absolute("MAE")
    }
  }

  @Test func duplicateNamesStopTheProgram() async {
    await #expect(processExitsWith: .failure) {
      _ = Leaves.squared("MSE") + Leaves.absolute("MSE")
    }
  }

  @Test func clashingMetricsStopTheProgram() async {
    await #expect(processExitsWith: .failure) {
      let a = Metric<Double, Double>("m") { o, _ in .batch(o) }
      let b = Metric<Double, Double>("m") { _, t in .batch(t) }
      _ = a | b
    }
  }
}
