import Foundation
import Testing

@testable import Objectives

/// Infinities stay infinite and overflow does not turn into NaN (issue 10, item 1).
@Suite struct NonFiniteTests {
  @Test func compensatedSumKeepsInfinity() {
    var s = CompensatedSum()
    s.add(1)
    s.add(.infinity)
    s.add(2)
    #expect(s.value == .infinity)
    #expect(s.compensation == 0)
    var n = CompensatedSum()
    n.add(-.infinity)
    #expect(n.value == -.infinity)
    n.add(.infinity)
    #expect(n.value.isNaN)
    var merged = CompensatedSum(0.1)
    merged.add(0.2)
    merged.merge(s)
    #expect(merged.value == .infinity)
  }

  @Test func overflowingSumIsInfiniteAndItsMeanIsFinite() {
    var s = CompensatedSum()
    s.add(1e308)
    s.add(1e308)
    #expect(s.value == .infinity)
    #expect(s.value(dividedBy: 2) == 1e308)
    s.add(-1e308)
    #expect(s.value == 1e308)
    var a = CompensatedSum(1e308)
    a.merge(CompensatedSum(1e308))
    #expect(a.value(dividedBy: 2) == 1e308)
    var b = CompensatedSum(1e308)
    b.merge(a)
    #expect(abs(b.value(dividedBy: 3) - 1e308) <= 1e-15 * 1e308)
    // Small terms after a rescaling still count.
    var c = CompensatedSum(1.5e308)
    c.add(1.5e308)
    c.add(-1.5e308)
    c.add(-1.5e308)
    c.add(1)
    #expect(c.value == 1)
  }

  @Test func meanOfTwoBatchesOfHugeValues() throws {
    var m = MeanAccumulator()
    m.add(1e308)
    m.add(1e308)
    #expect(m.mean == 1e308)
    var w = MeanAccumulator()
    w.add(1e308, weight: 3)
    w.add(1e308, weight: 1)
    #expect(w.mean == 1e308)
    var loss = Loss<[Double], [Double], Double>("huge") { _, _ in .batch(1e308) }
    try loss.update([0], [0])
    try loss.update([0], [0])
    #expect(loss.compute().scalar("huge") == 1e308)
  }

  @Test func lossOfAnInfiniteBatchIsInfinite() throws {
    var loss = Loss<[Double], [Double], Double>("diverging") { o, _ in .batch(o[0]) }
    try loss.update([0.5], [0])
    try loss.update([.infinity], [0])
    try loss.update([0.25], [0])
    #expect(loss.compute().scalar("diverging") == .infinity)
    var mse = Loss(MSELoss(), name: "MSE")
    try mse.update([1, .infinity], [0, 0])
    #expect(mse.compute().scalar("MSE") == .infinity)
    #expect(try MSELoss().mean([1e154, 1e154], [-1e154, -1e154]) == .infinity)
  }

  @Test func averageMeterAfterInfinity() throws {
    var m = AverageMeter()
    m.update(1)
    m.update(.infinity, n: 4)
    m.update(2)
    #expect(m.average == .infinity)
    #expect(m.sum == .infinity)
    var huge = AverageMeter()
    huge.update(1e308, n: 2)
    huge.update(1e308)
    #expect(huge.average == 1e308)
    #expect(huge.sum == .infinity)
    var meters = AverageMeters()
    meters["loss"].update(.infinity)
    meters["loss"].update(3)
    #expect(meters.averages["loss"] == .infinity)
    var other = AverageMeters()
    other["loss"].update(-.infinity)
    meters.merge(other)
    #expect(meters.averages["loss"]!.isNaN)
  }

  @Test func momentsWithInfinityAndHugeValues() {
    var m = Moments()
    m.add(1)
    m.add(.infinity)
    m.add(2)
    #expect(m.mean == .infinity)
    #expect(m.m2 == .infinity)
    var one = Moments()
    one.add(-.infinity)
    #expect(one.mean == -.infinity && one.m2 == 0)
    var both = m
    both.merge(one)
    #expect(both.mean.isNaN && both.m2.isNaN)
    var huge = Moments()
    huge.add(1e308)
    huge.add(1e308)
    #expect(huge.mean == 1e308 && huge.m2 == 0)
    var opposite = Moments()
    opposite.add(-1.5e308)
    opposite.add(1.5e308)
    #expect(opposite.mean == 0 && opposite.m2 == .infinity)
    var left = Moments([1e308, 1e308])
    left.merge(Moments([-1e308, -1e308]))
    #expect(left.mean == 0 && left.m2 == .infinity)
    #expect(Moments([1, .infinity]).mean == .infinity)
    #expect(Moments([1, .infinity]).m2 == .infinity)
    #expect(Moments([1e308, 1e308]).mean == 1e308)
    var merged = Moments([1, 2])
    merged.merge(Moments([.infinity]))
    #expect(merged.mean == .infinity && merged.m2 == .infinity)
  }

  @Test func crossEntropyOfInfiniteLogits() throws {
    let ce = try CrossEntropyLoss(numClasses: 3)
    // Rows: the target is the only +inf; another class is +inf; the target is -inf; the target
    // is one of two +inf; a row of -inf; -inf next to finite logits on another class.
    let logits: [Double] = [
      .infinity, 1, 2, 0, .infinity, 2, -.infinity, 1, 2, .infinity, .infinity, 0,
      -.infinity, -.infinity, -.infinity, 3, -.infinity, 1,
    ]
    let v = try ce.values(logits, [0, 0, 0, 1, 2, 0])
    #expect(v[0] == 0)
    #expect(v[1] == .infinity)
    #expect(v[2] == .infinity)
    #expect(abs(v[3] - log(2)) <= 1e-15)
    #expect(abs(v[4] - log(3)) <= 1e-15)
    #expect(abs(v[5] - (try CrossEntropyLoss(numClasses: 2).values([3, 1], [0])[0])) <= 1e-15)
    #expect(try ce.values([.nan, .infinity, 0], [1])[0].isNaN)
    let smooth = try CrossEntropyLoss(numClasses: 3, labelSmoothing: 0.1)
    #expect(try smooth.values([.infinity, 1, 2], [0])[0] == .infinity)
    let g = try ce.vectorJacobianProduct([.infinity, 1, 2], [0], cotangents: [1])
    #expect(g == [0, 0, 0])
    let g2 = try ce.vectorJacobianProduct([.infinity, .infinity, 2], [2], cotangents: [1])
    #expect(g2 == [0.5, 0.5, -1])
    var loss = Loss(ce, name: "CE")
    try loss.update([1, 2, 3], [0])
    try loss.update([.infinity, 0, 0], [1])
    #expect(loss.compute().scalar("CE") == .infinity)
  }

  @Test func klDivergenceOfInfiniteLogits() throws {
    let kl = try KLDivergenceLoss(numClasses: 2, input: .logits)
    #expect(try kl.values([.infinity, 0], [1, 0])[0] == 0)
    #expect(try kl.values([.infinity, 0], [0.5, 0.5])[0] == .infinity)
    #expect(try kl.values([.infinity, 0], [0, 1])[0] == .infinity)
  }

  @Test func binaryLogLossOfInfiniteLogits() throws {
    var m = try binaryMetrics(Double.self, inputKind: .logits, metrics: [.logLoss])
    try m.update([.infinity, -.infinity], [1, 0])
    #expect(m.compute().scalar("log_loss") == 0)
    try m.update([-.infinity], [1])
    #expect(m.compute().scalar("log_loss") == .infinity)
    let bce = BinaryCrossEntropyWithLogitsLoss()
    #expect(try bce.values([.infinity, -.infinity, .infinity], [1, 0, 0]) == [0, 0, .infinity])
  }

  @Test func multiclassLogLossOfInfiniteLogits() throws {
    for mode in [AccumulationMode.exact, .streaming] {
      var m = try multiclassMetrics(
        Double.self, numClasses: 3, inputKind: .logits, metrics: [.crossEntropy, .auroc], mode: mode)
      try m.update([.infinity, 1, 2, 0, 1, 2], [0, 2])
      let expected = try CrossEntropyLoss(numClasses: 3).values([0, 1, 2], [2])[0] / 2
      #expect(abs(m.compute().scalar("cross_entropy")! - expected) <= 1e-15)
      try m.update([.infinity, 1, 2], [1])
      #expect(m.compute().scalar("cross_entropy") == .infinity)
      try m.update([.infinity, .infinity, -.infinity], [1])
      #expect(m.compute().scalar("cross_entropy") == .infinity)
      #expect(m.compute()["auroc"] != nil)
    }
    var tie = try multiclassMetrics(Float.self, numClasses: 2, inputKind: .logits, metrics: [.crossEntropy])
    try tie.update([.infinity, .infinity, -.infinity, -.infinity], [0, 1])
    #expect(abs(tie.compute().scalar("cross_entropy")! - log(2)) <= 1e-15)
  }
}

/// `objectives evaluate` with infinite logits: the metric and the per-sample file show the limits.
@Suite struct NonFiniteCLITests {
  @Test func evaluateAndPerSampleFileWithInfiniteLogits() throws {
    let directory = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let input = directory.appendingPathComponent("logits.csv")
    try Data("target,score_0,score_1,score_2\n0,inf,1,2\n2,-inf,-inf,0\n1,inf,1,2\n".utf8).write(to: input)
    let samples = directory.appendingPathComponent("samples.csv").path
    let run = try CLI.run([
      "evaluate", "--task", "multiclass", "--input", "logits", "--metrics", "cross_entropy,acc",
      "--format", "json", "--per-sample", samples, input.path,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains(#""cross_entropy": "inf""#), "\(run.stdout)")
    let text = try String(contentsOfFile: samples, encoding: .utf8)
    let rows = text.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
    #expect(
      rows[0] == ["line", "target", "predicted", "confidence", "true_class_probability", "correct", "loss"])
    #expect(rows[1] == ["2", "0", "0", "1", "1", "1", "0"])
    #expect(rows[2] == ["3", "2", "2", "1", "1", "1", "0"])
    #expect(rows[3] == ["4", "1", "0", "1", "0", "0", "inf"])
  }
}
