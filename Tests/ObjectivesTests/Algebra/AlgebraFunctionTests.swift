import Foundation
import Testing

@testable import Objectives

/// Elementary functions and parameters in the loss algebra: rendering, parsing, directions,
/// gradients (outputs and parameters) against finite differences, schedules.
@Suite struct AlgebraFunctionTests {
  typealias L = Loss<[Double], [Double], Double>

  static let lower = AlgebraPropertyTests.lower
  static let higher = AlgebraPropertyTests.higher

  @Test func rendersInEveryStyle() {
    let a = Self.lower[0]
    let b = Self.lower[1]
    let s = L.parameter("s")
    #expect((exp(-s) * a + s).formula == "exp(-{s}) x [A] + {s}")
    #expect(min(a, b).formula == "min([A], [B])")
    #expect(clamp(a, 0, 1).formula == "clamp([A], 0, 1)")
    #expect((sqrt(a) ** 2).formula == "sqrt([A])^2")
    #expect((-log(a)).formula == "-log([A])")
    #expect(abs(a - b).formula(.latex) == "\\left|\\mathrm{A} - \\mathrm{B}\\right|")
    #expect(sqrt(a).formula(.latex) == "\\sqrt{\\mathrm{A}}")
    #expect((exp(-s) * a).formula(.latex) == "\\exp\\left(-\\mathit{s}\\right) \\cdot \\mathrm{A}")
    #expect(max(a, 2).formula(.markdown) == "max(`A`, 2)")
    #expect(L.parameter("a}b\\").formula == "{a\\}b\\\\}")
  }

  @Test func directionsFollowTheArguments() throws {
    let a = Self.lower[0]
    let h = Self.higher[0]
    #expect(exp(a).direction == .minimize)
    #expect(log(h).direction == .maximize)
    #expect(sqrt(-a).direction == .maximize)
    #expect(abs(h).direction == .maximize)
    #expect(min(h, Self.higher[1]).direction == .maximize)
    #expect(clamp(-h, 0, 1).direction == .minimize)
    let s = L.parameter("s")
    #expect((exp(-s) * a + s).direction == .minimize)
    #expect((exp(-s) * h).direction == .maximize)
    let mixed = max(a, h)
    #expect(mixed.hasContradictoryDirections)
    #expect(mixed.direction == .minimize)
    #expect(throws: CompositionError.self) { try mixed.checked() }
    do {
      _ = try mixed.checked()
    } catch {
      #expect(
        "\(error)".hasPrefix(
          "cannot compose max([A], [H]): the left side [A] is lower is better, the right side [H] is higher is better"
        ))
    }
    #expect(throws: FormulaError.self) {
      try L(parsing: "min([A], [H])", leaves: Self.lower + Self.higher, checking: .strict)
    }
  }

  @Test func parsesFunctionsAndParameters() throws {
    let leaves = Self.lower + Self.higher
    let loss = try L(parsing: "exp(-{s}) x [A] + {s}", leaves: leaves, parameters: ["s": 0.5])
    #expect(loss.parameters == ["s": 0.5])
    #expect(loss.parameterNames == ["s"])
    #expect(try L(parsing: "clamp([A] , -1,2)", leaves: leaves).formula == "clamp([A], -1, 2)")
    #expect(try L(parsing: "[A] x exp(1)", leaves: leaves).formula == "2.718281828459045 x [A]")
    #expect(try L(parsing: "max(min([A], [B]), 0)^2", leaves: leaves).formula == "max(min([A], [B]), 0)^2")
    for bad in ["min([A])", "exp [A]", "clamp([A], 1)", "exq([A])", "{s", "min([A], [B]"] {
      #expect(throws: FormulaError.self, "\(bad)") { try L(parsing: bad, leaves: leaves) }
    }
    do {
      _ = try L(parsing: "min([A])", leaves: leaves)
    } catch {
      #expect(error == .syntax("min takes 2 arguments, found 1", position: 7))
    }
  }

  @Test func evaluatesWithPyTorchConventions() throws {
    let a = Loss<Double, Double, Double>("A") { o, _ in .batch(o) }
    let b = Loss<Double, Double, Double>("B") { _, t in .batch(t) }
    var m = min(a, b)
    #expect(try m.forward(1, 2) == 1)
    #expect(try m.forward(.nan, 2).isNaN)
    #expect(try m.forward(2, .nan).isNaN)
    var c = clamp(a, 0, 1)
    #expect(try c.forward(-3, 0) == 0)
    #expect(try c.forward(0.25, 0) == 0.25)
    #expect(try c.forward(3, 0) == 1)
    // Subgradients at the kinks, as torch: abs'(0) = 0, min/max split ties, clamp passes at bounds.
    #expect(ElementaryFunction.abs.partials([0]) == [0])
    #expect(ElementaryFunction.min.partials([1, 1]) == [0.5, 0.5])
    #expect(ElementaryFunction.max.partials([2, 1]) == [1, 0])
    #expect(ElementaryFunction.clamp.partials([1, 0, 1]) == [1, 0, 0])
    #expect(ElementaryFunction.clamp.partials([-1, 0, 1]) == [0, 1, 0])
    #expect(ElementaryFunction.clamp.partials([0.5, 2, 1]) == [0, 0, 1])
    #expect(ElementaryFunction.min([1]).isNaN)
    #expect(Double.applying(.clamp, to: [1, 2]).isNaN)
  }

  @Test func unsupportedValueTypesAreRefusedNotTrapped() throws {
    let d = Loss<Dual, Double, Dual>("A") { o, _ in .batch(o) }
    let e = Loss<Double, Double, Dual>("A") { _, _ in .batch(Dual(1, 0)) }
    _ = d
    let refused = try? Loss<Double, Double, Dual>(parsing: "exp([A])", leaves: [e])
    #expect(refused == nil)
    do {
      _ = try Loss<Double, Double, Dual>(parsing: "exp([A])", leaves: [e])
    } catch {
      #expect(error == .composition(.unsupportedFunction(valueType: "Dual"), position: 0))
    }
  }

  @Test func parametersAreSetReportedAndConflictsRecorded() throws {
    let a = Loss<Double, Double, Double>("CE") { o, t in .batch((o - t) * (o - t)) }
    let s = Loss<Double, Double, Double>.parameter("s")
    var weighted = exp(-s) * a + s
    #expect(try weighted.forward(3, 1) == 4)
    try weighted.setParameter("s", to: log(2))
    #expect(isClose(try weighted.forward(3, 1), 2 + log(2)))
    #expect(weighted.compute().names == ["Combined Loss", "CE", "{s}"])
    #expect(weighted.compute().scalar("{s}") == log(2))
    #expect(throws: ObjectiveError.self) { try weighted.setParameter("t", to: 1) }
    // A warm-up weight, scheduled per epoch.
    var warm = a * Loss<Double, Double, Double>.parameter("warmup", value: 0)
    for epoch in 0..<3 {
      try warm.setParameter("warmup", to: min(1, Double(epoch) / 2))
      warm.reset()
      try warm.update(3, 1)
      #expect(warm.compute().scalar("Combined Loss") == 4 * min(1, Double(epoch) / 2))
    }
    let conflict = Loss<Double, Double, Double>.parameter("s", value: 1) + s
    #expect(conflict.refusal == .parameterConflict(name: "s", first: 1, second: 0))
    #expect(throws: ObjectiveError.self) {
      var c = conflict; try c.update(1, 1)
    }
  }

  /// Random compositions with functions and parameters are fixed points of rendering and parsing.
  @Test func compositionsWithFunctionsRoundTrip() throws {
    var rng = SeededGenerator(seed: 515)
    var generator = CompositionGenerator<[Double], [Double]>(lower: Self.lower, higher: Self.higher)
    generator.elementary = true
    let leaves = Self.lower + Self.higher
    var functions = 0
    for _ in 0..<800 {
      let loss = generator.generate(
        depth: Int.random(in: 1...6, using: &rng),
        direction: (Bool.random(using: &rng) ? .maximize : .minimize), using: &rng)
      let parsed = try L(parsing: loss.formula, leaves: leaves, parameters: loss.parameters)
      #expect(parsed.expression == loss.expression, "\(loss.formula)")
      #expect(parsed.formula == loss.formula)
      #expect(parsed.formula(.latex) == loss.formula(.latex))
      #expect(parsed.direction == loss.direction, "\(loss.formula)")
      let (o, t) = randomBatch(count: 3, using: &rng)
      let x = try loss.valueAndGradient(o, t).value
      let y = try parsed.valueAndGradient(o, t).value
      #expect(x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN), "\(loss.formula)")
      if loss.expression.usesFunctions { functions += 1 }
    }
    #expect(functions > 300)
  }

  /// Gradients with respect to the outputs and to the parameters agree with central differences.
  @Test func gradientsMatchFiniteDifferences() throws {
    var rng = SeededGenerator(seed: 77)
    var generator = CompositionGenerator<[Double], [Double]>(
      lower: Self.lower, higher: Self.higher, smoothOnly: true)
    generator.elementary = true
    var parameterChecks = 0
    for _ in 0..<300 {
      let loss = generator.generate(
        depth: Int.random(in: 1...5, using: &rng),
        direction: (Bool.random(using: &rng) ? .maximize : .minimize), using: &rng)
      let (o, t) = randomBatch(count: Int.random(in: 1...4, using: &rng), using: &rng)
      let (value, gradient, parameters) = try loss.valueAndGradients(o, t)
      guard value.isFinite, Swift.abs(value) < 1e8 else { continue }
      let tolerance = 1e-6 * Swift.max(1, Swift.abs(value))
      for i in o.indices {
        let h = 1e-6 * Swift.max(1, Swift.abs(o[i]))
        var up = o
        var down = o
        up[i] += h
        down[i] -= h
        let numeric =
          (try loss.valueAndGradient(up, t).value - loss.valueAndGradient(down, t).value) / (2 * h)
        #expect(
          isClose(gradient[i], numeric, relative: 1e-5, absolute: tolerance), "\(loss.formula) ∂/∂o[\(i)]")
      }
      for (name, g) in parameters {
        let p = loss.parameters[name]!
        var up = loss
        var down = loss
        try up.setParameter(name, to: p + 1e-6)
        try down.setParameter(name, to: p - 1e-6)
        let numeric = (try up.valueAndGradient(o, t).value - down.valueAndGradient(o, t).value) / 2e-6
        #expect(isClose(g, numeric, relative: 1e-5, absolute: tolerance), "\(loss.formula) ∂/∂{\(name)}")
        parameterChecks += 1
      }
    }
    #expect(parameterChecks > 50)
  }

  /// Uncertainty weighting learns s = log(CE) by gradient descent on the parameter alone.
  @Test func uncertaintyWeightingLearnsTheLogOfTheLoss() throws {
    let ce = Loss<Double, Double, Double>("CE") { o, t in .batch((o - t) * (o - t)) }
    var loss =
      exp(-Loss<Double, Double, Double>.parameter("s")) * ce + Loss<Double, Double, Double>.parameter("s")
    for _ in 0..<400 {
      let (_, g) = try loss.valueAndParameterGradient(3, 1)
      try loss.setParameter("s", to: loss.parameters["s"]! - 0.1 * g["s"]!)
    }
    #expect(isClose(loss.parameters["s"]!, log(4), relative: 1e-6))
  }

  /// A scheduled weight is recorded in the history every epoch, beside the loss.
  @Test func scheduledParametersAreRecordedInTheHistory() throws {
    let ce = Loss<Double, Double, Double>("CE") { o, t in .batch((o - t) * (o - t)) }
    var loss = ce * Loss<Double, Double, Double>.parameter("warmup")
    var history = History()
    for epoch in 1...4 {
      try loss.setParameter("warmup", to: Swift.min(1, Double(epoch) / 3))
      loss.reset()
      try loss.update(3, 1)
      try history.log(loss.compute(), epoch: epoch)
    }
    #expect(history["{warmup}"]?.scalars == [1.0 / 3, 2.0 / 3, 1, 1])
    #expect(history["Combined Loss"]?.scalars == [4.0 / 3, 8.0 / 3, 4, 4])
  }

  /// Extreme compositions with functions (contradictions, non-finite constants) are fixed points,
  /// and the strict parse refuses exactly what `checked()` refuses.
  @Test func extremeCompositionsWithFunctionsAreFixedPoints() throws {
    var rng = SeededGenerator(seed: 4049)
    var generator = CompositionGenerator<[Double], [Double]>(lower: Self.lower, higher: Self.higher)
    generator.extreme = true
    generator.elementary = true
    let leaves = Self.lower + Self.higher
    var refused = 0
    var contradictory = 0
    for _ in 0..<800 {
      let loss = generator.generate(
        depth: Int.random(in: 1...8, using: &rng),
        direction: (Bool.random(using: &rng) ? .maximize : .minimize), using: &rng)
      guard loss.refusal == nil else { continue }
      let parsed = try L(parsing: loss.formula, leaves: leaves, parameters: loss.parameters)
      #expect(parsed.expression == loss.expression, "\(loss.formula)")
      #expect(parsed.direction == loss.direction, "\(loss.formula)")
      let strict = try? L(
        parsing: loss.formula, leaves: leaves, parameters: loss.parameters, checking: .strict)
      let checked = try? loss.checked()
      #expect((strict == nil) == (checked == nil), "\(loss.formula)")
      if checked == nil { refused += 1 }
      if loss.hasContradictoryDirections { contradictory += 1 }
    }
    #expect(refused > 100)
    #expect(contradictory > 50)
  }
}
