import Foundation
import Testing

@testable import Objectives

/// Every state encodes with a plain `JSONEncoder` and decodes with a plain `JSONDecoder`, NaN,
/// infinities and `-0` included, bit for bit (issue 10, item 3).
@Suite struct StateCodingTests {
  /// A NaN with a payload and the sign bit set, which must keep its bits too.
  static let oddNaN = -Double(nan: 0x5_1234, signaling: false)
  static let specials: [Double] = [.nan, .infinity, -.infinity, -0.0, oddNaN]

  /// Encodes with `JSONEncoder()`, decodes with `JSONDecoder()`, and checks that the decoded value
  /// encodes to the same bytes (the encoding is exact, so equal bytes are equal bits, NaN included).
  @discardableResult
  func roundTrip<T: Codable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws -> T {
    let data = try JSONEncoder().encode(value)
    let back = try JSONDecoder().decode(T.self, from: data)
    let canonical = JSONEncoder()
    canonical.outputFormatting = [.sortedKeys]
    let before = String(decoding: try canonical.encode(value), as: UTF8.self)
    let after = String(decoding: try canonical.encode(back), as: UTF8.self)
    #expect(before == after, sourceLocation: sourceLocation)
    return back
  }

  /// The same names and values, compared by bit pattern.
  /// Bit for bit, except that the default NaN may come back without the sign bit that x86
  /// arithmetic sets (the policy writes it `nan`, whatever its sign).
  func identical(_ a: Results, _ b: Results) -> Bool {
    func bits(_ v: Double) -> UInt64 { v.bitPattern & ~(1 << 63) == Double.nan.bitPattern ? 0 : v.bitPattern }
    return a.names == b.names
      && zip(a, b).allSatisfy { x, y in x.value.values.map(bits) == y.value.values.map(bits) }
  }

  /// Round-trips an objective's state and checks that restoring it reproduces `compute()`.
  func checkObjective<O: Objective>(
    _ objective: O, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let back = try roundTrip(objective.state, sourceLocation: sourceLocation)
    var fresh = objective.emptied()
    try fresh.restore(back)
    #expect(identical(fresh.compute(), objective.compute()), sourceLocation: sourceLocation)
    try roundTrip(fresh.state, sourceLocation: sourceLocation)
  }

  @Test func numbersFollowOnePolicy() throws {
    for v in Self.specials + [0, 0x1p-1030, .greatestFiniteMagnitude, -1.5] {
      let back = try roundTrip(FiniteOrSpecial(v))
      #expect(back.value.bitPattern == v.bitPattern)
    }
    let text = String(
      decoding: try JSONEncoder().encode(Self.specials.map(FiniteOrSpecial.init)), as: UTF8.self)
    #expect(text.hasPrefix(#"["nan","inf","-inf",-0"#))
    #expect(text.contains(#""nan(0xfff8000000051234)""#))
    let legacy = #"["NaN","Infinity","-infinity","+inf",1.5]"#
    let read = try JSONDecoder().decode([FiniteOrSpecial].self, from: Data(legacy.utf8)).map(\.value)
    #expect(read[0].isNaN && read[1] == .infinity && read[2] == -.infinity && read[3] == .infinity)
  }

  @Test func accumulators() throws {
    for v in Self.specials {
      var sum = CompensatedSum(v)
      sum.compensation = -0.0
      #expect(try roundTrip(sum).sum.bitPattern == v.bitPattern)
    }
    var scaled = CompensatedSum(1e308)
    scaled.add(1e308)
    #expect(try roundTrip(scaled) == scaled)
    var mean = MeanAccumulator()
    mean.add(.infinity)
    mean.add(-0.0, weight: .nan)
    try roundTrip(mean)
    try roundTrip(Moments(count: 3, mean: -0.0, m2: .nan))
    try roundTrip(Moments(count: 3, mean: .infinity, m2: Self.oddNaN))
    try roundTrip(PairedMoments(count: 2, meanX: .nan, meanY: -.infinity, m2X: .infinity, m2Y: -0.0, cXY: 1))
    try roundTrip(ValueRange(lower: -.infinity, upper: -0.0))
    var floats = ScoreStore<Float>()
    for s: Float in [.infinity, -.infinity, -0.0, 0.25] { floats.append(s, positive: s > 0) }
    let back = try roundTrip(floats)
    #expect(back.positives.map(\.bitPattern) == floats.positives.map(\.bitPattern))
    #expect(back.negatives.map(\.bitPattern) == floats.negatives.map(\.bitPattern))
    var doubles = ScoreStore<Double>()
    for s in [Double.infinity, -0.0, 0x1p-1063] { doubles.append(s, positive: false) }
    #expect(try roundTrip(doubles).negatives.map(\.bitPattern) == doubles.negatives.map(\.bitPattern))
    // The former encoding, arrays of numbers, still decodes.
    let old = #"{"positives":[0.5,"inf"],"negatives":[-0.0]}"#
    let decoded = try JSONDecoder().decode(ScoreStore<Double>.self, from: Data(old.utf8))
    #expect(decoded.positives == [0.5, .infinity] && decoded.negatives[0].sign == .minus)
    var ranks = RankStore(precision: .double)
    ranks.append(.infinity, -0.0)
    ranks.append(.nan, 1)
    try roundTrip(ranks)
  }

  @Test func classificationStates() throws {
    for mode in [AccumulationMode.exact, .streaming] {
      var binary = try binaryMetrics(Double.self, inputKind: .logits, adding: [.logLoss], mode: mode)
      try binary.update([.infinity, -.infinity, -0.0, 0.5, .nan], [1, 0, 0, 1, 1])
      try checkObjective(binary)
      var poisoned = binary.state
      poisoned.logLoss = CompensatedSum(Self.oddNaN)
      poisoned.logLoss.compensation = -0.0
      var restored = binary.emptied()
      try restored.restore(poisoned)
      try checkObjective(restored)

      var floats = try multiclassMetrics(
        Float.self, numClasses: 3, inputKind: .logits, adding: [.crossEntropy, .topKAccuracy(2)], mode: mode)
      try floats.update([.infinity, 0, -0.0, 1, -.infinity, 2, 0.5, 0.25, .nan], [0, 2, 1])
      try checkObjective(floats)

      var labels = try multilabelMetrics(Double.self, numLabels: 2, adding: [.logLoss], mode: mode)
      try labels.update([1, 0, -0.0, 0.75], [1, 0, 0, 1])
      var state = labels.state
      state.logLoss = CompensatedSum(.infinity)
      var withInfinity = labels.emptied()
      try withInfinity.restore(state)
      try checkObjective(withInfinity)
    }
    var binned = try binaryMetrics(Float.self, rankEstimation: .binned(thresholds: 10))
    try binned.update([0.25, -0.0, 1], [0, 0, 1])
    try checkObjective(binned)
  }

  @Test func regressionStates() throws {
    for mode in [AccumulationMode.exact, .streaming] {
      var r = try Regression<Double>(
        RegressionMetric.defaults + [.mae, .mape, .explainedVariance, .cosineSimilarity], numOutputs: 2,
        mode: mode)
      try r.update([1, -0.0, .infinity, 2, 3, 4], [0.5, 1, 2, -.infinity, 1, 2])
      try checkObjective(r)
      var nan = try Regression<Float>(numOutputs: 1, mode: mode)
      try nan.update([1, .nan, 3], [1, 2, -0.0])
      try checkObjective(nan)
    }
  }

  @Test func lossAndCollectionStates() throws {
    var loss =
      try Loss<[Double], [Int], Double>("batch") { o, _ in .batch(o[0]) }
      | binaryMetrics(Double.self, inputKind: .logits, metrics: [.accuracy, .auroc])
    try loss.update([Double.infinity], [1])
    try loss.update([-0.0], [0])
    try loss.update([Double.nan], [1])
    try checkObjective(loss)
    var collection = MetricCollection<[Double], [Int]>()
    try collection.add(binaryMetrics(Double.self, inputKind: .logits, metrics: [.auroc]))
    try collection.add(binaryMetrics(Double.self, inputKind: .logits, metrics: [.logLoss], mode: .streaming))
    try collection.update([.infinity, -0.0, 1], [1, 0, 1])
    try collection.update([.nan], [1])
    try checkObjective(collection)
  }

  @Test func multiTaskAndSnapshotStates() throws {
    var tasks = MultiTaskMetrics<[String: [Double]], [String: [Double]]>(aggregate: .macro)
    try tasks.register("price", try Regression<Double>([.mse, .mae]))
    try tasks.register("rating", try Regression<Double>(mode: .streaming), weight: 2)
    try tasks.update(
      ["price": [1, .infinity], "rating": [-.infinity, 1]], ["price": [-0.0, 2], "rating": [1, 2]])
    try tasks.update(["price": [.nan]], ["price": [1]])
    try checkObjective(tasks)
    let snapshot = StateSnapshot.object([
      "a": .number(.nan), "b": .number(-.infinity), "c": .array([.number(-0.0), .number(.infinity)]),
    ])
    try roundTrip(snapshot)
  }

  @Test func trackingStates() throws {
    var meter = AverageMeter()
    try roundTrip(meter)
    meter.update(.infinity, n: 2)
    meter.update(-0.0)
    #expect(try roundTrip(meter).average == .infinity)
    var meters = AverageMeters()
    meters["loss"].update(.nan)
    meters["gap"].update(-.infinity)
    meters["zero"].update(-0.0)
    try roundTrip(meters)
    let results = Results([
      .init(name: "a", value: .scalar(Self.oddNaN)), .init(name: "b", value: .vector([-0.0, .infinity])),
      .init(name: "c", value: .matrix(rows: 1, columns: 2, values: [.nan, -.infinity])),
    ])
    #expect(identical(try roundTrip(results), results))
    var history = History()
    try history.log(results, step: 1)
    try history.log(["a": Double.infinity] as Results, step: 2)
    try roundTrip(history)
    let best = try #require(try history.best("a", direction: .maximize))
    #expect(best.value == .infinity)
    #expect(try roundTrip(best) == best)
    var stopper = try EarlyStopping(monitor: "loss", patience: 2, direction: .minimize)
    try stopper.update(-.infinity, time: 1)
    try stopper.update(.nan, time: 2)
    #expect(try roundTrip(stopper) == stopper)
    var table = SampleTable()
    try table.record(exampleIDs: [1, 2, 3, 4], columns: ["loss": [.nan, .infinity, -.infinity, -0.0]])
    try roundTrip(table)
  }
}
