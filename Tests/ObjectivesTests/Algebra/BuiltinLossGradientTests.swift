import Foundation
import Testing

@testable import Objectives

/// Vector-Jacobian products of the built-in losses against central finite differences, and their
/// typed errors.
@Suite struct BuiltinLossGradientTests {
  typealias Generator = RegressionTestSupport.Generator

  /// Checks `vectorJacobianProduct` against `(f(o + h·eⱼ) − f(o − h·eⱼ)) / 2h` for
  /// `f = Σᵢ cᵢ·ℓᵢ`, to 1e-6 relative (1e-7 absolute near 0).
  static func checkGradient<L: PerSampleLoss>(
    _ loss: L, _ outputs: [Double], _ targets: L.Target, seed: UInt64,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws where L.Output == [Double] {
    var g = Generator(seed: seed)
    let n = try loss.values(outputs, targets).count
    let cotangents = (0..<n).map { _ in g.normal() }
    let vjp = try loss.vectorJacobianProduct(outputs, targets, cotangents: cotangents)
    #expect(vjp.count == outputs.count, sourceLocation: sourceLocation)
    func f(_ o: [Double]) throws -> Double {
      zip(try loss.values(o, targets), cotangents).reduce(0) { $0 + $1.0 * $1.1 }
    }
    for j in outputs.indices {
      let h = 1e-6 * max(1, abs(outputs[j]))
      var up = outputs
      var down = outputs
      up[j] += h
      down[j] -= h
      let numeric = (try f(up) - f(down)) / (2 * h)
      #expect(
        abs(numeric - vjp[j]) <= 1e-6 * max(abs(numeric), 0.1), "\(loss.name)[\(j)]: \(vjp[j]) vs \(numeric)",
        sourceLocation: sourceLocation)
    }
  }

  static func normals(_ count: Int, scale: Double = 1, _ g: inout Generator) -> [Double] {
    (0..<count).map { _ in g.normal() * scale }
  }

  @Test(arguments: [1, 3])
  func elementwiseLossesMatchFiniteDifferences(width: Int) throws {
    var g = Generator(seed: 11 + UInt64(width))
    let n = 7
    let o = Self.normals(n * width, scale: 2, &g)
    var t = Self.normals(n * width, scale: 2, &g)
    // Keep away from the kinks of |e| at 0, ±delta and ±beta.
    for j in t.indices {
      let e = o[j] - t[j]
      for kink in [0.0, 0.7, -0.7, 1.3, -1.3] where abs(e - kink) < 0.01 { t[j] += 0.05 }
    }
    try Self.checkGradient(MSELoss(width: width), o, t, seed: 1)
    try Self.checkGradient(MAELoss(width: width), o, t, seed: 2)
    try Self.checkGradient(HuberLoss(delta: 0.7, width: width), o, t, seed: 3)
    try Self.checkGradient(SmoothL1Loss(beta: 1.3, width: width), o, t, seed: 4)
    try Self.checkGradient(SmoothL1Loss(beta: 0, width: width), o, t, seed: 5)

    let p = (0..<(n * width)).map { _ in Double.random(in: 0.05...0.95, using: &g) }
    let soft = (0..<(n * width)).map { _ in Double.random(in: 0...1, using: &g) }
    try Self.checkGradient(BinaryCrossEntropyLoss(width: width), p, soft, seed: 6)
    try Self.checkGradient(BinaryCrossEntropyWithLogitsLoss(width: width), o, soft, seed: 7)
    try Self.checkGradient(
      BinaryCrossEntropyWithLogitsLoss(positiveWeight: 3, width: width), o, soft, seed: 8)

    let signs = (0..<(n * width)).map { _ in Bool.random(using: &g) ? 1.0 : -1.0 }
    let decisions = zip(o, signs).map { abs(1 - $0 * $1) < 0.01 ? $0 + 0.05 : $0 }
    try Self.checkGradient(HingeLoss(width: width), decisions, signs, seed: 9)
    try Self.checkGradient(HingeLoss(squared: true, width: width), decisions, signs, seed: 10)
    try Self.checkGradient(
      HingeLoss(labels: .binary, width: width), decisions, signs.map { $0 > 0 ? 1 : 0 }, seed: 11)
  }

  @Test(arguments: [0.0, 0.2])
  func crossEntropyMatchesFiniteDifferences(smoothing: Double) throws {
    var g = Generator(seed: 21)
    let classes = 5
    let n = 6
    let logits = Self.normals(n * classes, scale: 3, &g)
    let labels = (0..<n).map { _ in Int.random(in: 0..<classes, using: &g) }
    try Self.checkGradient(
      CrossEntropyLoss(numClasses: classes, labelSmoothing: smoothing), logits, labels, seed: 22)
  }

  @Test(arguments: KLDivergenceLoss.Input.allCases)
  func klDivergenceMatchesFiniteDifferences(input: KLDivergenceLoss.Input) throws {
    var g = Generator(seed: 31)
    let classes = 4
    let n = 5
    let z = Self.normals(n * classes, &g)
    var outputs = z
    if input == .logProbabilities {
      for i in 0..<n {
        let row = z[(i * classes)..<(i * classes + classes)]
        let lse = log(row.map { exp($0) }.reduce(0, +))
        for c in 0..<classes { outputs[i * classes + c] = z[i * classes + c] - lse }
      }
    }
    var targets = (0..<(n * classes)).map { _ in Double.random(in: 0.01...1, using: &g) }
    for i in 0..<n {
      let s = targets[(i * classes)..<(i * classes + classes)].reduce(0, +)
      for c in 0..<classes { targets[i * classes + c] /= s }
    }
    targets[0] = 0
    try Self.checkGradient(KLDivergenceLoss(numClasses: classes, input: input), outputs, targets, seed: 32)
    try Self.checkGradient(
      KLDivergenceLoss(numClasses: classes, input: input, logTarget: true), outputs,
      targets.map { log(max($0, 1e-3)) }, seed: 33)
  }

  @Test func klDivergenceOfIdenticalDistributionsIsZero() throws {
    let p = [0.2, 0.3, 0.5, 0.0, 0.25, 0.75]
    let logQ = p.map { $0 == 0 ? -50 : log($0) }
    let values = try KLDivergenceLoss(numClasses: 3).values(logQ, p)
    #expect(values.allSatisfy { abs($0) < 1e-15 })
  }

  @Test func crossEntropyIsStableForLargeLogits() throws {
    let loss = try CrossEntropyLoss(numClasses: 3)
    let values = try loss.values([1000, 0, -1000, 1000, 0, -1000], [0, 1])
    #expect(values[0] == 0)
    #expect(abs(values[1] - 1000) < 1e-9)
    let logits = try BinaryCrossEntropyWithLogitsLoss().values([800, -800], [0, 1])
    #expect(logits == [800, 800])
  }

  @Test func lossErrorsNameTheProblem() throws {
    #expect(throws: ObjectiveError.lengthMismatch(what: "mse targets", expected: 3, actual: 2)) {
      try MSELoss().values([1, 2, 3], [1, 2])
    }
    #expect(throws: ObjectiveError.self) { try MSELoss(width: 2).values([1, 2, 3], [1, 2, 3]) }
    #expect(throws: ObjectiveError.lengthMismatch(what: "mae cotangents", expected: 2, actual: 1)) {
      try MAELoss().vectorJacobianProduct([1, 2], [1, 2], cotangents: [1])
    }
    #expect(throws: ObjectiveError.invalidValue(what: "probability", value: 1.5, position: 1)) {
      try BinaryCrossEntropyLoss().values([0.5, 1.5], [0, 1])
    }
    #expect(throws: ObjectiveError.invalidValue(what: "target", value: -1, position: 0)) {
      try BinaryCrossEntropyWithLogitsLoss().values([0.5], [-1])
    }
    #expect(throws: ObjectiveError.invalidValue(what: "hinge target", value: 0, position: 0)) {
      try HingeLoss().values([0.5], [0])
    }
    #expect(throws: ObjectiveError.labelOutOfRange(label: 3, count: 3, position: 1)) {
      try CrossEntropyLoss(numClasses: 3).values([0, 0, 0, 0, 0, 0], [0, 3])
    }
    #expect(throws: ObjectiveError.invalidValue(what: "target probability", value: -0.5, position: 1)) {
      try KLDivergenceLoss(numClasses: 2).values([-1, -1], [1.5, -0.5])
    }
    #expect(throws: ObjectiveError.self) { try HuberLoss(delta: 0) }
    #expect(throws: ObjectiveError.self) { try SmoothL1Loss(beta: -1) }
    #expect(throws: ObjectiveError.self) { try CrossEntropyLoss(numClasses: 2, labelSmoothing: 1.5) }
    #expect(throws: ObjectiveError.self) { try KLDivergenceLoss(numClasses: 0) }
  }

  @Test func nanFlowsThroughLosses() throws {
    #expect(try MSELoss().values([.nan], [1])[0].isNaN)
    #expect(try BinaryCrossEntropyLoss().values([.nan], [1])[0].isNaN)
    #expect(try HuberLoss().vectorJacobianProduct([.nan], [1], cotangents: [1])[0].isNaN)
  }

  @Test func meanAndGradientOfMean() throws {
    let loss = MSELoss()
    #expect(try loss.mean([1, 2, 3], [1, 1, 1]) == 5.0 / 3)
    #expect(try loss.gradientOfMean([1, 2, 3], [1, 1, 1]) == [0, 2.0 / 3, 4.0 / 3])
    #expect(try loss.mean([], []).isNaN)
  }
}
