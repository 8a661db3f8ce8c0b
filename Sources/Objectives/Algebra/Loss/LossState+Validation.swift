/// The invariants a decoded (possibly tampered or corrupted) loss state must meet before it is
/// restored or merged: the batch count and every accumulator's count are exact integers in
/// `0...countLimit` (2⁶¹, so two valid counts add without overflow and a restored loss has room
/// for 2⁶¹ more batches), and the summed weights are non-negative numbers.
extension LossState {
  /// The largest count a loss state may hold: 2⁶¹.
  static var countLimit: Int { 1 << 61 }

  /// Throws `ObjectiveError.malformedInput` naming the first part that breaks an invariant.
  func validate() throws(ObjectiveError) {
    guard batches >= 0 && batches <= Self.countLimit else {
      throw corrupted("batches is \(batches), not a count in 0...\(Self.countLimit)")
    }
    try Self.check(combined, "combined")
    for (k, accumulator) in components.enumerated() { try Self.check(accumulator, "components[\(k)]") }
  }

  /// Throws when `other` is corrupted or when a merged count would exceed `countLimit`.
  func checkMergeable(_ other: LossState) throws(ObjectiveError) {
    try validate()
    try other.validate()
    let pairs =
      [("batches", batches, other.batches), ("combined.count", combined.count, other.combined.count)]
      + zip(components, other.components).enumerated().map {
        ("components[\($0)].count", $1.0.count, $1.1.count)
      }
    for (path, a, b) in pairs where a + b > Self.countLimit {
      throw .incompatibleState("merging would overflow \(path): \(a) + \(b) exceeds \(Self.countLimit)")
    }
  }

  static func check(_ accumulator: MeanAccumulator, _ path: String) throws(ObjectiveError) {
    guard accumulator.count >= 0 && accumulator.count <= countLimit else {
      throw corrupted("\(path).count is \(accumulator.count), not a count in 0...\(countLimit)")
    }
    let weight = accumulator.weight.value
    guard !weight.isNaN && weight >= 0 else {
      throw corrupted("\(path).weight is \(weight), not a non-negative total weight")
    }
  }

  private func corrupted(_ reason: String) -> ObjectiveError { Self.corrupted(reason) }

  private static func corrupted(_ reason: String) -> ObjectiveError {
    .malformedInput(line: 0, column: 0, reason: "corrupted loss state: " + reason)
  }
}
