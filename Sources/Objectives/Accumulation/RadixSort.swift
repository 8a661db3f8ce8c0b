/// An LSD radix sort of unsigned integer keys, the sorting step of the exact rank metrics.
///
/// Keys are sorted in 11-bit digits (3 passes for 32-bit keys, 6 for 64-bit keys). One counting
/// pass builds the histograms of every digit at once, and a digit on which all keys agree (the
/// exponent bits of probabilities, for example) is skipped, so sorting probabilities usually takes
/// two scatter passes.
/// - Complexity: O(n) time for a fixed key width, O(n) scratch memory supplied by the caller.
enum RadixSort {
  static let digitBits = 11
  static let bucketCount = 1 << digitBits
  /// Below this count a comparison sort is faster than clearing the histograms.
  static let smallCount = 512

  /// Sorts `keys` in ascending order, using `scratch` (at least as long) as the other buffer.
  ///
  /// Returns `true` when the sorted keys are in `keys`, `false` when they are in `scratch`
  /// (the first `keys.count` entries).
  static func sort<K: FixedWidthInteger & UnsignedInteger>(
    _ keys: UnsafeMutableBufferPointer<K>, scratch: UnsafeMutableBufferPointer<K>
  ) -> Bool {
    let n = keys.count
    if n < smallCount {
      var small = keys
      small.sort()
      return true
    }
    precondition(scratch.count >= n, "radix sort scratch is too small")
    let passes = (K.bitWidth + digitBits - 1) / digitBits
    let mask = K(bucketCount - 1)
    let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: passes * bucketCount)
    defer { counts.deallocate() }
    counts.initialize(repeating: 0)
    for key in keys {
      var k = key
      for p in 0..<passes {
        counts[p * bucketCount + Int(truncatingIfNeeded: k & mask)] += 1
        k >>= digitBits
      }
    }
    var source = keys
    var target = UnsafeMutableBufferPointer(rebasing: scratch[0..<n])
    var inKeys = true
    for p in 0..<passes {
      let shift = p * digitBits
      let base = p * bucketCount
      let first = Int(truncatingIfNeeded: (source[0] >> shift) & mask)
      if counts[base + first] == n { continue }
      var offset = 0
      for b in 0..<bucketCount {
        let c = counts[base + b]
        counts[base + b] = offset
        offset += c
      }
      for key in source {
        let d = base + Int(truncatingIfNeeded: (key >> shift) & mask)
        target[counts[d]] = key
        counts[d] += 1
      }
      swap(&source, &target)
      inKeys.toggle()
    }
    return inKeys
  }
}
