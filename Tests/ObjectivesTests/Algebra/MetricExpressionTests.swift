import Foundation
import Testing

@testable import Objectives

/// Counts the batches it sees, through a reference shared by every copy.
final class UpdateCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0
  var count: Int { lock.withLock { value } }
  func increment() { lock.withLock { value += 1 } }
}

/// A user objective reporting two values (`sum` and `count`), counting its updates.
struct CountingObjective: Objective {
  let counter: UpdateCounter
  var state = [0.0, 0.0]
  mutating func update(_ outputs: [Double], _ targets: [Double]) throws(ObjectiveError) {
    counter.increment()
    state[0] += outputs.reduce(0, +)
    state[1] += Double(outputs.count)
  }
  func compute() -> Results {
    var r = Results()
    r.append("sum", state[0], direction: .maximize)
    r.append("count", state[1], direction: .maximize)
    return r
  }
  mutating func reset() { state = [0, 0] }
  mutating func merge(_ other: CountingObjective) throws(ObjectiveError) {
    state[0] += other.state[0]
    state[1] += other.state[1]
  }
  mutating func restore(_ state: [Double]) throws(ObjectiveError) { self.state = state }
}

@Suite struct MetricExpressionTests {
  typealias M = MetricExpression<[Double], [Double]>

  @Test func sharedStatesAreUpdatedOncePerBatch() throws {
    let counter = UpdateCounter()
    let metric = Metric<[Double], [Double]>("mean", direction: .maximize) { o, _ in
      counter.increment()
      return .samples(o)
    }
    let m = M(metric)
    var e = m + m * 2 + exp(M(metric)) - min(m, 1)
    #expect(e.sources.count == 1)
    for batch in [[1.0, 2], [3], [4, 5, 6]] { try e.update(batch, batch) }
    #expect(counter.count == 3)
    let mean = 21.0 / 6
    #expect(isClose(e.compute().scalar(e.name)!, mean + 2 * mean + Foundation.exp(mean) - 1))

    // Two values of one source share its state.
    let objectCounter = UpdateCounter()
    let source = MetricSource(CountingObjective(counter: objectCounter))
    var ratio = source["sum"] / source["count"]
    for batch in [[1.0, 2], [3], [4, 5, 6]] { try ratio.update(batch, batch) }
    #expect(objectCounter.count == 3)
    #expect(ratio.compute().scalar("[sum] / [count]") == mean)

    // Equal objectives wrapped separately are two states (identity, never value comparison).
    let twice =
      MetricSource(CountingObjective(counter: objectCounter))["sum"]
      + MetricSource(CountingObjective(counter: objectCounter))["count"]
    var t = twice
    try t.update([1], [1])
    #expect(objectCounter.count == 5)
    // ... and two different sources reporting one key are refused, never merged.
    let clash =
      MetricSource(CountingObjective(counter: objectCounter))["sum"]
      + MetricSource(CountingObjective(counter: objectCounter))["sum"]
    guard case .duplicateName(let name, _, _)? = clash.refusal else {
      Issue.record("expected a clash")
      return
    }
    #expect(name == "sum")
    #expect(throws: ObjectiveError.self) {
      var c = clash; try c.update([1], [1])
    }
  }

  @Test func catalogueValuesComposeOverAllTheData() throws {
    let scores = MetricSource(try binaryMetrics(Double.self, metrics: [.auroc, .precision, .recall]))
    var balanced = (scores["precision"] + scores["recall"]) / 2
    var gap = 1 - scores["auroc"]
    #expect(balanced.formula == "([precision] + [recall]) / 2")
    #expect(balanced.direction == .maximize)
    #expect(gap.direction == .minimize)
    let o = [0.9, 0.2, 0.7, 0.4, 0.6, 0.1, 0.8, 0.3]
    let t = [1, 0, 0, 1, 1, 0, 1, 0]
    var reference = try binaryMetrics(Double.self, metrics: [.auroc, .precision, .recall])
    try reference.update(o, t)
    let all = reference.compute()
    // In chunks of 3: the same value as one batch.
    var start = 0
    while start < o.count {
      let end = Swift.min(o.count, start + 3)
      try balanced.update(Array(o[start..<end]), Array(t[start..<end]))
      try gap.update(Array(o[start..<end]), Array(t[start..<end]))
      start = end
    }
    #expect(
      balanced.compute().scalar(balanced.name) == (all.scalar("precision")! + all.scalar("recall")!) / 2)
    #expect(gap.compute().scalar("1 - [auroc]") == 1 - all.scalar("auroc")!)
    #expect(balanced.evaluate(all) == balanced.compute().scalar(balanced.name))
    let unknown = scores["rocauc"]
    #expect(unknown.refusal == .unknownKey(key: "rocauc", available: ["auroc", "precision", "recall"]))
  }

  @Test func statesMergeCheckpointAndRefuseAnotherShape() throws {
    let scores = MetricSource(try binaryMetrics(Double.self, metrics: [.auroc, .f1]))
    let f = sqrt(scores["auroc"] * scores["f1"])
    var rng = SeededGenerator(seed: 3)
    let o = (0..<60).map { _ in Double.random(in: 0...1, using: &rng) }
    let t = (0..<60).map { _ in Int.random(in: 0...1, using: &rng) }
    var whole = f
    try whole.update(o, t)
    var left = f
    var right = f
    try left.update(Array(o[..<25]), Array(t[..<25]))
    try right.update(Array(o[25...]), Array(t[25...]))
    var merged = left
    try merged.merge(right)
    #expect(isClose(merged.compute().scalar(f.name)!, whole.compute().scalar(f.name)!))
    var identity = whole
    try identity.merge(f.emptied())
    #expect(identity.compute() == whole.compute())

    let data = try JSONEncoder().encode(whole.state)
    let decoded = try JSONDecoder().decode(MetricExpressionState.self, from: data)
    var restored = f
    try restored.restore(decoded)
    #expect(restored.compute() == whole.compute())
    var other = scores["auroc"] * scores["f1"]
    #expect(throws: ObjectiveError.self) { try other.restore(decoded) }
    #expect(other.compute().isEmpty)
    #expect(throws: ObjectiveError.self) { try other.merge(whole) }
    #expect(f.emptied().compute().isEmpty)
  }

  @Test func algebraicLaws() throws {
    let counter = UpdateCounter()
    let s = MetricSource(CountingObjective(counter: counter))
    let a = s["sum"]
    let b = s["count"]
    let c = M.metric(Metric<[Double], [Double]>("c") { o, _ in .batch(o.first ?? 0) }, "c")
    var rng = SeededGenerator(seed: 5)
    let batches = (0..<4).map { _ in (0..<3).map { _ in Double.random(in: 0.5...2, using: &rng) } }
    func value(_ e: M) throws -> Double {
      var e = e
      for x in batches { try e.update(x, x) }
      return e.compute().scalar(e.name)!
    }
    #expect(((a + b) + c).formula == (a + (b + c)).formula)
    #expect(try isClose(value(a + b), value(b + a)))
    #expect(try isClose(value(a * b), value(b * a)))
    #expect(try isClose(value(2 * (a + b)), value(2 * a + 2 * b)))
    #expect(try isClose(value(-(-a)), value(a)))
    #expect(try isClose(value(a / b * b), value(a)))
    #expect(try isClose(value(log(exp(c))), value(c)))
    #expect(try isClose(value(sqrt(c) ** 2), value(c)))
    #expect(try isClose(value(max(a, b) + min(a, b)), value(a + b)))
    #expect((a + 0).formula == a.formula)
    #expect((1 * a).formula == a.formula)
    #expect((0 - a).formula == (-a).formula)
    #expect((1 / a).formula == (a ** -1).formula)
  }

  @Test func directionsAndStrictCheck() throws {
    let scores = MetricSource(try binaryMetrics(Double.self, metrics: [.auroc, .logLoss, .confusionMatrix]))
    #expect((1 - scores["auroc"]).direction == .minimize)
    #expect((scores["auroc"] - scores["log_loss"]).direction == .maximize)
    let mixed = scores["auroc"] + scores["log_loss"]
    #expect(mixed.direction == nil)
    #expect(throws: CompositionError.self) { try mixed.checked() }
    #expect((try? mixed.checked(.lenient)) != nil)
    #expect((scores["auroc"] + scores["confmat"]).direction == nil)
    let user = M(Metric<[Double], [Double]>("u") { _, _ in .batch(1) })
    #expect((user + 1).direction == nil)
  }

  /// Random metric expressions are fixed points of rendering and parsing, in every style.
  @Test func formulasRoundTrip() throws {
    let counter = UpdateCounter()
    let source = MetricSource(CountingObjective(counter: counter))
    let atoms = [source["sum"], source["count"]]
    var rng = SeededGenerator(seed: 21)
    func random(_ depth: Int) -> M {
      if depth <= 1 || Int.random(in: 0..<4, using: &rng) == 0 { return atoms.randomElement(using: &rng)! }
      let x = random(depth - 1)
      let y = random(depth - 1)
      let c = [0.5, 2, -1.5, 0, 1e-8].randomElement(using: &rng)!
      switch Int.random(in: 0..<14, using: &rng) {
      case 0: return x + y
      case 1: return x - y
      case 2: return x * y
      case 3: return x / y
      case 4: return c - x
      case 5: return c * x
      case 6: return x ** [2.0, -1, 0.5].randomElement(using: &rng)!
      case 7: return -x
      case 8: return exp(x)
      case 9: return log(x) + sqrt(y)
      case 10: return abs(x)
      case 11: return min(x, y) * max(x, c)
      case 12: return clamp(x, -1, c)
      default: return x * M.parameter("w", value: 0.25)
      }
    }
    for _ in 0..<500 {
      let e = random(Int.random(in: 1...6, using: &rng))
      let parsed = try M(parsing: e.formula, source: source, parameters: e.parameters)
      #expect(parsed.expression == e.expression, "\(e.formula)")
      #expect(parsed.formula == e.formula)
      #expect(parsed.formula(.latex) == e.formula(.latex))
      #expect(parsed.formula(.markdown) == e.formula(.markdown))
      #expect(parsed.direction == e.direction)
      var x = e
      var y = parsed
      try x.update([1, 2], [0])
      try y.update([1, 2], [0])
      let u = x.compute().scalar(e.name)!
      let v = y.compute().scalar(e.name)!
      #expect(u.bitPattern == v.bitPattern || (u.isNaN && v.isNaN))
    }
  }

  /// A metric expression joins a loss with `|` and is reported after it, over all the data.
  @Test func watchedByALoss() throws {
    let scores = MetricSource(try binaryMetrics(Double.self, metrics: [.precision, .recall]))
    let balanced = ((scores["precision"] + scores["recall"]) / 2).named("balanced")
    let bce = Loss<[Double], [Int], Double>("BCE") { o, t in
      .samples(zip(o, t).map { -Foundation.log($1 == 1 ? $0 : 1 - $0) })
    }
    var loss = bce | balanced
    #expect(loss.reportedNames == ["BCE", "balanced"])
    try loss.update([0.9, 0.8], [1, 0])
    try loss.update([0.7, 0.6, 0.4, 0.1], [1, 1, 1, 0])
    #expect(loss.compute().scalar("balanced") == 0.75)
  }
}
