import Dispatch

/// Something the radix sort can order: an unsigned integer key of at most 64 significant bits.
protocol RadixSortable {
  /// How many low bits of `radixKey` are significant.
  static var radixKeyBits: Int { get }
  /// The key to sort by, ascending.
  var radixKey: UInt64 { get }
}

/// How the radix sort reads the key of an element (a static function, so worker threads need no
/// captured closure).
protocol RadixKeying: SendableMetatype {
  associatedtype Element
  /// How many low bits of the key are significant.
  static var keyBits: Int { get }
  static func key(_ element: Element) -> UInt64
}

/// Unsigned integers are their own keys.
enum IntegerKeying<K: FixedWidthInteger & UnsignedInteger>: RadixKeying {
  static var keyBits: Int { K.bitWidth }
  @inline(__always) static func key(_ element: K) -> UInt64 { UInt64(truncatingIfNeeded: element) }
}

/// Records are sorted by their `radixKey`.
enum RecordKeying<R: RadixSortable>: RadixKeying {
  static var keyBits: Int { R.radixKeyBits }
  @inline(__always) static func key(_ element: R) -> UInt64 { element.radixKey }
}

/// A stable radix sort, the sorting step of every exact rank metric (AUROC, average precision,
/// Spearman).
///
/// - Small inputs (fewer than ``smallCount`` elements) use a stable insertion sort.
/// - Medium inputs use a least-significant-digit sort on 11-bit digits: one counting pass builds the
///   histograms of every digit, and a digit on which all keys agree (the exponent bits of
///   probabilities, for example) is skipped.
/// - Large inputs (at least ``bucketedCount``) make one most-significant-digit pass on the top 11
///   bits, then sort each bucket on its remaining bits with 8-bit digits, while the bucket is in
///   cache. Buckets are independent, so they are shared between two cores (one after the other
///   under `Parallelism.serial`); each bucket is sorted alone, so the result does not depend on the
///   number of threads.
/// - Complexity: O(n) time for a fixed key width, O(n) scratch memory supplied by the caller.
enum RadixSort {
  static let digitBits = 11
  static let bucketCount = 1 << digitBits
  /// Below this count a stable insertion sort is faster than clearing the histograms.
  static let smallCount = 48
  /// From this count on, the most-significant-digit pass and per-bucket sorts are used.
  static let bucketedCount = 1 << 17

  /// Sorts unsigned integer keys ascending, using `scratch` (at least as long) as the other buffer.
  ///
  /// Returns `true` when the sorted keys are in `keys`, `false` when they are in `scratch`
  /// (the first `keys.count` entries).
  @_specialize(where K == UInt32)
  @_specialize(where K == UInt64)
  static func sort<K: FixedWidthInteger & UnsignedInteger>(
    _ keys: UnsafeMutableBufferPointer<K>, scratch: UnsafeMutableBufferPointer<K>
  ) -> Bool {
    sort(keys, scratch: scratch, by: IntegerKeying<K>.self)
  }

  /// Sorts records stably by `radixKey` (see `sort(_:scratch:)` for the result).
  @_specialize(where R == PackedRankRecord)
  @_specialize(where R == WideRankRecord)
  static func sort<R: RadixSortable>(
    _ records: UnsafeMutableBufferPointer<R>, scratch: UnsafeMutableBufferPointer<R>
  ) -> Bool {
    sort(records, scratch: scratch, by: RecordKeying<R>.self)
  }

  /// The algorithm, for any element whose key `E` reads.
  @inline(__always)
  static func sort<E: RadixKeying>(
    _ keys: UnsafeMutableBufferPointer<E.Element>, scratch: UnsafeMutableBufferPointer<E.Element>,
    by _: E.Type
  ) -> Bool {
    let n = keys.count
    if n < smallCount {
      insertionSort(keys.baseAddress, count: n, by: E.self)
      return true
    }
    precondition(scratch.count >= n, "radix sort scratch is too small")
    if n >= bucketedCount && E.keyBits > 2 * digitBits {
      return bucketedSort(keys, scratch: scratch, by: E.self)
    }
    // swift-format-ignore: NeverForceUnwrap
    // Both buffers hold n > 0 keys here, so they have base addresses.
    return lsdSort(
      keys.baseAddress!, scratch.baseAddress!, count: n, lowBits: E.keyBits, digitBits: digitBits, by: E.self)
  }

  /// A stable insertion sort of `count` elements.
  @inline(__always)
  static func insertionSort<E: RadixKeying>(
    _ base: UnsafeMutablePointer<E.Element>?, count n: Int, by _: E.Type
  ) {
    guard let base, n > 1 else { return }
    for i in 1..<n {
      let item = base[i]
      let itemKey = E.key(item)
      var j = i
      while j > 0 && E.key(base[j - 1]) > itemKey {
        base[j] = base[j - 1]
        j -= 1
      }
      base[j] = item
    }
  }

  /// A stable LSD sort of `count` elements on the low `lowBits` bits of their keys, in digits of
  /// `digitBits`. Returns `true` when the result is in `source`, `false` when it is in `other`.
  @inline(__always)
  static func lsdSort<E: RadixKeying>(
    _ source: UnsafeMutablePointer<E.Element>, _ other: UnsafeMutablePointer<E.Element>, count n: Int,
    lowBits: Int, digitBits: Int, by _: E.Type
  ) -> Bool {
    let buckets = 1 << digitBits
    let passes = (lowBits + digitBits - 1) / digitBits
    let mask = UInt64(buckets - 1)
    let counts = UnsafeMutablePointer<Int>.allocate(capacity: passes * buckets)
    defer { counts.deallocate() }
    counts.initialize(repeating: 0, count: passes * buckets)
    for i in 0..<n {
      var k = E.key(source[i])
      for p in 0..<passes {
        counts[p * buckets + Int(truncatingIfNeeded: k & mask)] += 1
        k >>= UInt64(digitBits)
      }
    }
    var from = source
    var to = other
    var inSource = true
    for p in 0..<passes {
      let shift = UInt64(p * digitBits)
      let base = counts + p * buckets
      if base[Int(truncatingIfNeeded: (E.key(from[0]) >> shift) & mask)] == n { continue }
      var offset = 0
      for b in 0..<buckets {
        let c = base[b]
        base[b] = offset
        offset += c
      }
      for i in 0..<n {
        let element = from[i]
        let d = Int(truncatingIfNeeded: (E.key(element) >> shift) & mask)
        to[base[d]] = element
        base[d] += 1
      }
      swap(&from, &to)
      inSource.toggle()
    }
    return inSource
  }

  /// Pointers handed to the worker threads; each thread touches only its own buckets' ranges.
  private struct Buffers<T>: @unchecked Sendable {
    let keys: UnsafeMutablePointer<T>
    let scratch: UnsafeMutablePointer<T>
    let starts: UnsafeMutablePointer<Int>
  }

  /// One MSD pass on the top digit into `scratch`, then each bucket sorted on its remaining bits
  /// (8-bit digits) in cache, the buckets split between two workers. The result is in `scratch`.
  static func bucketedSort<E: RadixKeying>(
    _ keys: UnsafeMutableBufferPointer<E.Element>, scratch: UnsafeMutableBufferPointer<E.Element>,
    by _: E.Type
  ) -> Bool {
    let n = keys.count
    let lowBits = E.keyBits - digitBits
    let shift = UInt64(lowBits)
    let starts = UnsafeMutablePointer<Int>.allocate(capacity: bucketCount + 1)
    defer { starts.deallocate() }
    starts.initialize(repeating: 0, count: bucketCount + 1)
    for key in keys { starts[Int(truncatingIfNeeded: E.key(key) >> shift) + 1] += 1 }
    if (0..<bucketCount).contains(where: { starts[$0 + 1] == n }) {
      // Every key shares the top digit: the plain LSD sort skips it.
      // swift-format-ignore: NeverForceUnwrap
      // Both buffers hold n > 0 keys here, so they have base addresses.
      return lsdSort(
        keys.baseAddress!, scratch.baseAddress!, count: n, lowBits: E.keyBits, digitBits: digitBits,
        by: E.self)
    }
    for b in 0..<bucketCount { starts[b + 1] += starts[b] }
    let cursor = UnsafeMutablePointer<Int>.allocate(capacity: bucketCount)
    defer { cursor.deallocate() }
    cursor.initialize(from: starts, count: bucketCount)
    for key in keys {
      let d = Int(truncatingIfNeeded: E.key(key) >> shift)
      scratch[cursor[d]] = key
      cursor[d] += 1
    }
    // Two workers (one after the other under `Parallelism.serial`), the buckets split where half of
    // the elements have been passed.
    var half = 0
    while half < bucketCount && starts[half + 1] <= n / 2 { half += 1 }
    let split = half
    // swift-format-ignore: NeverForceUnwrap
    // Both buffers hold n > 0 keys here, so they have base addresses.
    let buffers = Buffers(keys: keys.baseAddress!, scratch: scratch.baseAddress!, starts: starts)
    Parallelism.perform(iterations: 2) { worker in
      let range = worker == 0 ? 0..<split : split..<bucketCount
      for b in range {
        let start = buffers.starts[b]
        let count = buffers.starts[b + 1] - start
        if count < smallCount {
          insertionSort(buffers.scratch + start, count: count, by: E.self)
        } else if !lsdSort(
          buffers.scratch + start, buffers.keys + start, count: count, lowBits: lowBits, digitBits: 8,
          by: E.self)
        {
          (buffers.scratch + start).update(from: buffers.keys + start, count: count)
        }
      }
    }
    return false
  }
}
