/// Something the radix sort can order: an unsigned integer key of at most 64 significant bits.
protocol RadixSortable {
  /// How many low bits of `radixKey` are significant.
  static var radixKeyBits: Int { get }
  /// The key to sort by, ascending.
  var radixKey: UInt64 { get }
}

/// A stable LSD radix sort, the sorting step of every exact rank metric (AUROC, average precision,
/// Spearman).
///
/// Keys are sorted in 11-bit digits (3 passes for 32-bit keys, 6 for 64-bit keys). One counting
/// pass builds the histograms of every digit at once, and a digit on which all keys agree (the
/// exponent bits of probabilities, for example) is skipped, so sorting probabilities usually takes
/// two scatter passes.
/// - Complexity: O(n) time for a fixed key width, O(n) scratch memory supplied by the caller.
enum RadixSort {
  static let digitBits = 11
  static let bucketCount = 1 << digitBits
  /// Below this count a stable insertion sort is faster than clearing the histograms.
  static let smallCount = 48

  /// Sorts unsigned integer keys ascending, using `scratch` (at least as long) as the other buffer.
  ///
  /// Returns `true` when the sorted keys are in `keys`, `false` when they are in `scratch`
  /// (the first `keys.count` entries).
  static func sort<K: FixedWidthInteger & UnsignedInteger>(
    _ keys: UnsafeMutableBufferPointer<K>, scratch: UnsafeMutableBufferPointer<K>
  ) -> Bool {
    sort(keys, scratch: scratch, keyBits: K.bitWidth) { UInt64(truncatingIfNeeded: $0) }
  }

  /// Sorts records stably by `radixKey` (see `sort(_:scratch:)` for the result).
  static func sort<R: RadixSortable>(
    _ records: UnsafeMutableBufferPointer<R>, scratch: UnsafeMutableBufferPointer<R>
  ) -> Bool {
    sort(records, scratch: scratch, keyBits: R.radixKeyBits) { $0.radixKey }
  }

  /// The algorithm, for any element with a key of `keyBits` significant bits.
  @inline(__always)
  static func sort<K>(
    _ keys: UnsafeMutableBufferPointer<K>, scratch: UnsafeMutableBufferPointer<K>, keyBits: Int,
    key radixKey: (K) -> UInt64
  ) -> Bool {
    let n = keys.count
    if n < smallCount {
      for i in 1..<max(n, 1) {
        let item = keys[i]
        var j = i
        while j > 0 && radixKey(keys[j - 1]) > radixKey(item) {
          keys[j] = keys[j - 1]
          j -= 1
        }
        keys[j] = item
      }
      return true
    }
    precondition(scratch.count >= n, "radix sort scratch is too small")
    let passes = (keyBits + digitBits - 1) / digitBits
    let mask = UInt64(bucketCount - 1)
    let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: passes * bucketCount)
    defer { counts.deallocate() }
    counts.initialize(repeating: 0)
    for key in keys {
      var k = radixKey(key)
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
      let first = Int(truncatingIfNeeded: (radixKey(source[0]) >> shift) & mask)
      if counts[base + first] == n { continue }
      var offset = 0
      for b in 0..<bucketCount {
        let c = counts[base + b]
        counts[base + b] = offset
        offset += c
      }
      for key in source {
        let d = base + Int(truncatingIfNeeded: (radixKey(key) >> shift) & mask)
        target[counts[d]] = key
        counts[d] += 1
      }
      swap(&source, &target)
      inKeys.toggle()
    }
    return inKeys
  }
}
