import Foundation
import Testing

@testable import Objectives

@Suite struct AlgebraPropertyTests {
  typealias L = Loss<[Double], [Double], Double>

  static let lower: [L] = [
    ArrayLeaves.meanSquared("A", scale: 1), ArrayLeaves.squaredPlusOne("B", scale: 0.5),
    ArrayLeaves.meanSquared("C x D", scale: 3), ArrayLeaves.squaredPlusOne("E]\\", scale: 2),
  ]
  static let higher: [L] = [
    ArrayLeaves.similarity("H", scale: 2), ArrayLeaves.squaredPlusOne("G", scale: 1, direction: .maximize),
  ]

  /// Parsing a rendering renders identically and evaluates identically, on random compositions.
  @Test func formulasRoundTrip() throws {
    var rng = SeededGenerator(seed: 42)
    let generator = CompositionGenerator<[Double], [Double]>(lower: Self.lower, higher: Self.higher)
    let leaves = Self.lower + Self.higher
    var checked = 0
    for _ in 0..<1200 {
      let loss = generator.generate(
        depth: Int.random(in: 1...6, using: &rng),
        direction: (Bool.random(using: &rng) ? .maximize : .minimize), using: &rng)
      let formula = loss.formula
      let parsed = try L(parsing: formula, leaves: leaves)
      #expect(parsed.formula == formula)
      #expect(parsed.direction == loss.direction)
      #expect(parsed.formula(.latex) == loss.formula(.latex))
      let (o, t) = randomBatch(count: 3, using: &rng)
      let a = try loss.valueAndGradient(o, t).value
      let b = try parsed.valueAndGradient(o, t).value
      #expect(a == b || (a.isNaN && b.isNaN), "\(formula): \(a) vs \(b)")
      checked += 1
    }
    #expect(checked == 1200)
  }

  /// The same on compositions that ignore directions and use extreme constants (negative zero,
  /// overflowing folds, infinities, NaN) and deep nesting: the parsed loss has the same tree,
  /// formula and direction, and the strict parse refuses exactly what `checked()` refuses.
  @Test func extremeCompositionsAreFixedPoints() throws {
    var rng = SeededGenerator(seed: 2024)
    var generator = CompositionGenerator<[Double], [Double]>(lower: Self.lower, higher: Self.higher)
    generator.extreme = true
    let leaves = Self.lower + Self.higher
    var contradictory = 0
    var refusedStrictly = 0
    for _ in 0..<1500 {
      let loss = generator.generate(
        depth: Int.random(in: 1...12, using: &rng),
        direction: (Bool.random(using: &rng) ? .maximize : .minimize), using: &rng)
      guard loss.refusal == nil else { continue }
      try Self.expectFixedPoint(loss, leaves: leaves, using: &rng)
      if loss.hasContradictoryDirections { contradictory += 1 }
      let strict = Result { () throws(FormulaError) in
        try L(parsing: loss.formula, leaves: leaves, checking: .strict)
      }
      let checked = Result { () throws(CompositionError) in try loss.checked() }
      #expect(
        (try? strict.get()) != nil ? (try? checked.get()) != nil : (try? checked.get()) == nil,
        "\(loss.formula)")
      if (try? checked.get()) == nil { refusedStrictly += 1 }
    }
    #expect(contradictory > 100)
    #expect(refusedStrictly > 100)
  }

  /// Random formula strings with unary minus after binary operators, CR LF, negative zero, huge
  /// and non-finite numbers: whatever parses is a fixed point of rendering and parsing.
  @Test func randomFormulaStringsAreFixedPoints() throws {
    var rng = SeededGenerator(seed: 11)
    let leaves = Self.lower + Self.higher
    var parsed = 0
    for _ in 0..<2000 {
      let text = Self.randomFormula(depth: Int.random(in: 1...7, using: &rng), using: &rng)
      let loss: L
      do {
        loss = try L(parsing: text, leaves: leaves)
      } catch .noLeaf {
        continue
      } catch .tooDeep {
        continue
      }
      parsed += 1
      try Self.expectFixedPoint(loss, leaves: leaves, using: &rng)
    }
    #expect(parsed > 1000)
  }

  static func expectFixedPoint(_ loss: L, leaves: [L], using rng: inout SeededGenerator) throws {
    let formula = loss.formula
    let parsed = try L(parsing: formula, leaves: leaves)
    let sameTree = parsed.expression == loss.expression
    #expect(sameTree, "\(formula)")
    #expect(parsed.formula == formula)
    #expect(parsed.direction == loss.direction, "\(formula)")
    #expect(parsed.formula(.latex) == loss.formula(.latex))
    let (o, t) = randomBatch(count: 3, using: &rng)
    let a = try loss.valueAndGradient(o, t).value
    let b = try parsed.valueAndGradient(o, t).value
    #expect(a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN), "\(formula): \(a) vs \(b)")
  }

  static func randomFormula(depth: Int, using rng: inout SeededGenerator) -> String {
    let space = [" ", "", "\r\n", " \t"].randomElement(using: &rng)!
    if depth <= 1 || Int.random(in: 0..<5, using: &rng) == 0 {
      let atoms = [
        "[A]", "[B]", "[C x D]", "[E\\]\\\\]", "[H]", "[G]", "2", "0.5", "0", "1e308", "inf", "nan", "3",
        "1e-320",
      ]
      return atoms.randomElement(using: &rng)!
    }
    let f = randomFormula(depth: depth - 1, using: &rng)
    let g = randomFormula(depth: depth - 1, using: &rng)
    switch Int.random(in: 0..<9, using: &rng) {
    case 0: return f + space + "+" + space + g
    case 1: return f + space + "-" + space + g
    case 2: return f + space + "x" + space + g
    case 3: return f + space + "/" + space + g
    case 4, 5: return "-" + space + f
    case 6: return "(" + f + ")"
    case 7: return "(" + f + ")^" + ["2", "-1", "0.5", "-2", "3", "0"].randomElement(using: &rng)!
    default: return f + space + ["x", "/", "+", "-"].randomElement(using: &rng)! + space + "-" + g
    }
  }

  /// The chain rule through the tree agrees with central finite differences.
  @Test func gradientsMatchFiniteDifferences() throws {
    var rng = SeededGenerator(seed: 7)
    let generator = CompositionGenerator<[Double], [Double]>(
      lower: Self.lower, higher: Self.higher, smoothOnly: true)
    for _ in 0..<300 {
      let loss = generator.generate(
        depth: Int.random(in: 1...5, using: &rng),
        direction: (Bool.random(using: &rng) ? .maximize : .minimize), using: &rng)
      let (o, t) = randomBatch(count: Int.random(in: 1...4, using: &rng), using: &rng)
      let (value, gradient) = try loss.valueAndGradient(o, t)
      guard value.isFinite, abs(value) < 1e8 else { continue }
      for i in o.indices {
        let h = 1e-6 * max(1, abs(o[i]))
        var up = o
        var down = o
        up[i] += h
        down[i] -= h
        let numeric =
          (try loss.valueAndGradient(up, t).value - loss.valueAndGradient(down, t).value) / (2 * h)
        #expect(
          isClose(gradient[i], numeric, relative: 1e-5, absolute: 1e-6 * max(1, abs(value))),
          "\(loss.formula) ∂/∂o[\(i)]: \(gradient[i]) vs \(numeric)")
      }
    }
  }

  /// Accumulating per-sample data in any batches, or in shards merged later, gives the same result.
  @Test func splitAndMergeInvariance() throws {
    var rng = SeededGenerator(seed: 99)
    let perSample: [L] = [
      ArrayLeaves.squaredPlusOne("P", scale: 1), ArrayLeaves.squaredPlusOne("Q", scale: 0.25),
    ]
    let generator = CompositionGenerator<[Double], [Double]>(
      lower: perSample, higher: [ArrayLeaves.squaredPlusOne("R", scale: 2, direction: .maximize)])
    for _ in 0..<60 {
      var loss = generator.generate(depth: 4, direction: .minimize, using: &rng)
      let n = Int.random(in: 1...300, using: &rng)
      let (o, t) = randomBatch(count: n, using: &rng)
      var whole = loss
      try whole.update(o, t)
      // Random batches.
      var start = 0
      while start < n {
        let end = min(n, start + Int.random(in: 1...40, using: &rng))
        try loss.update(Array(o[start..<end]), Array(t[start..<end]))
        start = end
      }
      // Three shards merged in a random association.
      var shards = (0..<3).map { _ in whole.emptied() }
      for i in 0..<n { try shards[Int.random(in: 0..<3, using: &rng)].update([o[i]], [t[i]]) }
      var left = shards[0]
      try left.merge(shards[1])
      try left.merge(shards[2])
      var right = shards[1]
      try right.merge(shards[2])
      var associated = shards[0]
      try associated.merge(right)
      var identity = whole
      try identity.merge(whole.emptied())
      for candidate in [loss, left, associated, identity] {
        for (x, y) in zip(candidate.compute(), whole.compute()) {
          #expect(x.name == y.name)
          #expect(isClose(x.value.scalar!, y.value.scalar!, relative: 1e-12), "\(loss.formula) \(x.name)")
        }
      }
    }
  }
}

/// A dual number: a value and its derivative with respect to one parameter.
struct Dual: ObjectiveValue, Equatable {
  var value: Double
  var derivative: Double

  init(_ value: Double, _ derivative: Double) {
    self.value = value
    self.derivative = derivative
  }
  init(objectiveConstant: Double) { self.init(objectiveConstant, 0) }
  var objectiveDouble: Double { value }
  func raised(to p: Double) -> Dual {
    Dual(Foundation.pow(value, p), p == 0 ? 0 : p * Foundation.pow(value, p - 1) * derivative)
  }
  static func + (a: Dual, b: Dual) -> Dual { Dual(a.value + b.value, a.derivative + b.derivative) }
  static func - (a: Dual, b: Dual) -> Dual { Dual(a.value - b.value, a.derivative - b.derivative) }
  static func * (a: Dual, b: Dual) -> Dual {
    Dual(a.value * b.value, a.derivative * b.value + a.value * b.derivative)
  }
  static func / (a: Dual, b: Dual) -> Dual {
    Dual(a.value / b.value, (a.derivative * b.value - a.value * b.derivative) / (b.value * b.value))
  }
  static prefix func - (a: Dual) -> Dual { Dual(-a.value, -a.derivative) }
}

@Suite struct DualNumberTests {
  typealias D = Loss<Dual, Double, Dual>
  // Leaves of θ (the output, seeded with derivative 1) and a target t.
  let a = D("A") { o, t in .batch((o - Dual(objectiveConstant: t)) * (o - Dual(objectiveConstant: t))) }
  let b = D("B") { o, _ in .samples([o * Dual(objectiveConstant: 3), o + Dual(objectiveConstant: 1)]) }
  let h = D("H", direction: .maximize) { o, _ in .batch(o * o + Dual(objectiveConstant: 1)) }

  @Test func derivativeFlowsThroughEveryOperator() throws {
    let theta = 1.5
    let t = 0.5
    // f(θ) per sample i: A² + 0.5 B_i + 2/H + A·B_i/3 + (-(-A))³ + H⁻² - 1, with every operator.
    var loss = a ** 2 + 0.5 * b + 2 / h + (a * b) / 3 + (-(-a)) ** 3 + h ** -2 - 1
    let value = try loss.forward(Dual(theta, 1), t)
    // Analytic: A = (θ-t)², A' = 2(θ-t); B = [3θ, θ+1], B' = [3, 1]; H = θ²+1, H' = 2θ.
    let A = (theta - t) * (theta - t)
    let dA = 2 * (theta - t)
    let H = theta * theta + 1
    let dH = 2 * theta
    var f = 0.0
    var df = 0.0
    for (B, dB) in [(3 * theta, 3.0), (theta + 1, 1.0)] {
      f += A * A + 0.5 * B + 2 / H + A * B / 3 + A * A * A + 1 / (H * H) - 1
      df +=
        2 * A * dA + 0.5 * dB - 2 * dH / (H * H) + (dA * B + A * dB) / 3 + 3 * A * A * dA - 2 * dH
        / (H * H * H)
    }
    #expect(isClose(value.value, f / 2, relative: 1e-14))
    #expect(isClose(value.derivative, df / 2, relative: 1e-14))
    #expect(loss.compute().scalar("Combined Loss").map { isClose($0, f / 2, relative: 1e-14) } == true)
  }
}
