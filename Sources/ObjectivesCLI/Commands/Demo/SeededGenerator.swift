/// A deterministic random number generator (SplitMix64), so that a demo run is reproducible from
/// its seed on every platform.
struct SeededGenerator: RandomNumberGenerator, Sendable, Codable {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform number in [0, 1) with 53 random bits.
  mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

  /// The elements of `values` in a random order (Fisher–Yates, with this generator only, so the
  /// order does not depend on the standard library's shuffling algorithm).
  mutating func shuffled<T>(_ values: [T]) -> [T] {
    var a = values
    var i = a.count - 1
    while i > 0 {
      let j = Int(next() % UInt64(i + 1))
      a.swapAt(i, j)
      i -= 1
    }
    return a
  }
}
