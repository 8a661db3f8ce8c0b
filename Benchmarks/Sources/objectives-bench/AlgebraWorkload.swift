import Objectives

/// The `algebra` workload of reference_bench.py: one `forward` of the 8-term composition
/// `[L0]^2 + 0.5 x [L1] + 0.2 x [L2] + ... + 0.7 x [L7]`, leaf k = (output - target) * (k + 1),
/// on scalar `Double` outputs 1.5 and targets 0.5.
///
/// Two lines are printed: the library (`objectives`) and the same formula written by hand
/// (`handwritten`) with the same leaf closures and the same accumulation (the combined value and
/// the eight components, each in a `MeanAccumulator`). `seconds` is per forward call.
enum AlgebraWorkload {
  typealias LeafFunction = @Sendable (Double, Double) throws(ObjectiveError) -> Evaluation<Double>

  /// The eight leaf closures, shared by the library loss and the handwritten loop.
  static let leafFunctions: [LeafFunction] = (0..<8).map(leafFunction)

  /// Leaf k: `(output - target) * (k + 1)`, one value for the batch.
  static func leafFunction(_ k: Int) -> LeafFunction {
    let factor = Double(k + 1)
    return { o, t in .batch((o - t) * factor) }
  }

  /// The scalar weights of terms 1...7 (term 0 is squared, weight 1).
  static let weights: [Double] = [1, 0.5, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]

  static func makeLoss() -> Loss<Double, Double, Double> {
    let leaves = (0..<8).map { k in Loss<Double, Double, Double>("L\(k)", leafFunctions[k]) }
    var loss = leaves[0] ** 2 + 0.5 * leaves[1]
    for k in 2..<8 { loss = loss + weights[k] * leaves[k] }
    return loss
  }

  /// Times `rounds` rounds, each `calls` forwards of the library then `calls` of the handwritten
  /// formula (interleaved, so that both see the same machine load). `seconds` is the fastest
  /// round's time per call (timing noise only adds time); every round is printed in `runs`.
  static func run(calls: Int, rounds: Int) throws {
    let output = opaque(1.5)
    let target = opaque(0.5)
    var loss = makeLoss()
    var hand = Handwritten()
    var sink = 0.0
    for _ in 0..<min(calls, 10_000) {  // warm-up
      sink += try loss.forward(output, target)
      sink += try hand.forward(output, target)
    }
    var runs: [Double] = []
    var handRuns: [Double] = []
    for _ in 0..<max(1, rounds) {
      loss.reset()
      var start = now()
      for _ in 0..<calls { sink += try loss.forward(output, target) }
      runs.append((now() - start) / Double(calls))
      hand = Handwritten()
      start = now()
      for _ in 0..<calls { sink += try hand.forward(output, target) }
      handRuns.append((now() - start) / Double(calls))
    }
    blackHole(sink)

    let results = loss.compute()
    let values = results.names.compactMap { name in results.scalar(name).map { (name, $0) } }
    let ours = runs.min()!
    let extra: [(String, JSONValue)] = [
      ("unit", .string("seconds per forward call")), ("calls", .integer(calls)),
      ("statistic", .string("min")),
    ]
    emit(
      workload: "algebra", library: "objectives", seconds: ours, values: values,
      extra: [("formula", .string(loss.formula))] + extra + [("runs", .array(runs.map { .number($0) }))])
    let handSeconds = handRuns.min()!
    let handValues =
      [("Combined Loss", hand.combined.mean)] + (0..<8).map { ("L\($0)", hand.components[$0].mean) }
    emit(
      workload: "algebra", library: "handwritten", seconds: handSeconds, values: handValues,
      extra: extra + [("runs", .array(handRuns.map { .number($0) }))])
    let roundRatios = zip(runs, handRuns).map { $0 / $1 }
    emit(
      workload: "algebra", library: "objectives/handwritten", seconds: ours / handSeconds, values: [],
      extra: [
        ("unit", .string("ratio of the fastest rounds")),
        ("median_round_ratio", .number(median(roundRatios))),
      ])
  }

  /// The formula written by hand: the same closures, the same accumulators.
  struct Handwritten {
    var combined = MeanAccumulator()
    var components = [MeanAccumulator](repeating: MeanAccumulator(), count: 8)
    let functions = AlgebraWorkload.leafFunctions

    mutating func forward(_ o: Double, _ t: Double) throws(ObjectiveError) -> Double {
      var v = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
      try withUnsafeMutableBytes(of: &v) { raw throws(ObjectiveError) in
        let values = raw.bindMemory(to: Double.self)
        for k in 0..<8 {
          guard case .batch(let x, let w) = try functions[k](o, t) else {
            throw .invalidArgument("the algebra workload's leaves return batch values")
          }
          values[k] = x
          components[k].add(x, weight: w)
        }
      }
      let value =
        v.0 * v.0 + 0.5 * v.1 + 0.2 * v.2 + 0.3 * v.3 + 0.4 * v.4 + 0.5 * v.5 + 0.6 * v.6 + 0.7 * v.7
      combined.add(value)
      return value
    }
  }
}
