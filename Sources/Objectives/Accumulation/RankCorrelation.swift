/// One record of the rank computation: a sort key and a payload carried along with it.
protocol RankRecord {
  /// How many low bits of `key` are significant.
  static var keyBits: Int { get }
  var key: UInt64 { get }
  var payload: UInt64 { get }
  init(key: UInt64, payload: UInt64)
}

/// A 32-bit key and a 32-bit payload packed into one word (the key in the high half).
struct PackedRankRecord: RankRecord {
  var bits: UInt64
  static var keyBits: Int { 32 }
  @inline(__always) var key: UInt64 { bits &>> 32 }
  @inline(__always) var payload: UInt64 { bits & 0xFFFF_FFFF }
  @inline(__always) init(key: UInt64, payload: UInt64) { bits = key &<< 32 | payload }
}

/// A 64-bit key and a 64-bit payload.
struct WideRankRecord: RankRecord {
  var key: UInt64
  var payload: UInt64
  static var keyBits: Int { 64 }
  @inline(__always) init(key: UInt64, payload: UInt64) {
    self.key = key
    self.payload = payload
  }
}

/// Order-preserving integer keys for floating-point values, and Spearman's rank correlation
/// computed from them with linear-time radix sorts.
enum RankCorrelation {
  /// The key of a `Float`: unsigned integers that sort like the values (−0 and +0 share a key).
  @inline(__always)
  static func key(_ value: Float) -> UInt32 {
    let bits = (value + 0).bitPattern
    return bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
  }

  /// The key of a `Double`: unsigned integers that sort like the values (−0 and +0 share a key).
  @inline(__always)
  static func key(_ value: Double) -> UInt64 {
    let bits = (value + 0).bitPattern
    return bits & 0x8000_0000_0000_0000 != 0 ? ~bits : bits | 0x8000_0000_0000_0000
  }

  /// A stable least-significant-digit radix sort on 11-bit digits of `key`, skipping digits that
  /// every record shares. Returns the buffer that holds the sorted records (`records` or
  /// `scratch`).
  /// - Complexity: O(n) time for a fixed key width (at most ⌈keyBits/11⌉ scatter passes and one
  ///   histogram pass); `scratch` must have room for `records.count` elements.
  static func radixSort<R: RankRecord>(
    _ records: UnsafeMutableBufferPointer<R>, scratch: UnsafeMutableBufferPointer<R>
  ) -> UnsafeMutableBufferPointer<R> {
    let n = records.count
    guard n > 1 else { return records }
    let digitBits = 11
    let radix = 1 << digitBits
    let mask = UInt64(radix - 1)
    let passes = (R.keyBits + digitBits - 1) / digitBits
    let histogram = UnsafeMutablePointer<Int>.allocate(capacity: passes * radix)
    histogram.initialize(repeating: 0, count: passes * radix)
    defer { histogram.deallocate() }
    for r in records {
      var k = r.key
      for p in 0..<passes {
        histogram[p &* radix &+ Int(truncatingIfNeeded: k & mask)] &+= 1
        k &>>= UInt64(digitBits)
      }
    }
    var source = records
    var target = scratch
    for p in 0..<passes {
      let counts = histogram + p * radix
      let shift = UInt64(p * digitBits)
      let first = Int(truncatingIfNeeded: (source[0].key &>> shift) & mask)
      if counts[first] == n { continue }
      var running = 0
      for b in 0..<radix {
        let c = counts[b]
        counts[b] = running
        running &+= c
      }
      for r in source {
        let d = Int(truncatingIfNeeded: (r.key &>> shift) & mask)
        target[counts[d]] = r
        counts[d] &+= 1
      }
      swap(&source, &target)
    }
    return source
  }

  /// Spearman's rank correlation of `count` pairs whose keys `fill` writes as records
  /// `(key: y key, payload: x key)`: Pearson's correlation of average ranks (ties share the mean
  /// of their positions).
  ///
  /// The ranks are never materialised: the pairs are sorted by `y`, each record's `y` key is
  /// replaced by twice its average rank (an integer), the pairs are sorted again by `x`, and the
  /// co-moment of doubled ranks is accumulated per tie group in exact integers before it is
  /// folded into compensated sums. The result therefore does not depend on the order of the
  /// pairs. NaN with fewer than two pairs, when either side is constant, or beyond 2³¹ − 2 pairs.
  /// - Complexity: O(n) time and 2n records of memory.
  static func spearman<R: RankRecord>(
    count n: Int, as: R.Type, fill: (UnsafeMutableBufferPointer<R>) -> Void
  ) -> Double {
    guard n >= 2, n < Int(Int32.max) - 1 else { return .nan }
    let first = UnsafeMutableBufferPointer<R>.allocate(capacity: n)
    let second = UnsafeMutableBufferPointer<R>.allocate(capacity: n)
    defer {
      first.deallocate()
      second.deallocate()
    }
    fill(first)
    let byY = radixSort(first, scratch: second)
    let spare = byY.baseAddress == first.baseAddress ? second : first
    let np1 = Int64(n + 1)
    var sumBB = CompensatedSum()
    var i = 0
    while i < n {
      let k = byY[i].key
      var j = i &+ 1
      while j < n && byY[j].key == k { j &+= 1 }
      let doubledRank = UInt64(i + 1 + j)
      let b = Double(Int64(doubledRank) - np1)
      sumBB.add(Double(j - i) * b * b)
      for t in i..<j { byY[t] = R(key: byY[t].payload, payload: doubledRank) }
      i = j
    }
    let byX = radixSort(byY, scratch: spare)
    var sumAB = CompensatedSum()
    var sumAA = CompensatedSum()
    i = 0
    while i < n {
      let k = byX[i].key
      var j = i &+ 1
      var groupB = Int64(byX[i].payload) - np1
      while j < n && byX[j].key == k {
        groupB &+= Int64(byX[j].payload) - np1
        j &+= 1
      }
      let a = Double(Int64(i + 1 + j) - np1)
      sumAB.add(a * Double(groupB))
      sumAA.add(Double(j - i) * a * a)
      i = j
    }
    let aa = sumAA.value
    let bb = sumBB.value
    guard aa > 0, bb > 0 else { return .nan }
    // With equal rank spreads (no ties, or the same ties) the denominator is exact, so perfectly
    // monotone data give exactly ±1.
    let r = sumAB.value / (aa == bb ? aa : aa.squareRoot() * bb.squareRoot())
    return min(1, max(-1, r))
  }

  /// Spearman's correlation of pairs given by 32-bit keys (see `spearman(count:as:fill:)`).
  static func spearman(x: UnsafeBufferPointer<UInt32>, y: UnsafeBufferPointer<UInt32>) -> Double {
    precondition(x.count == y.count)
    return spearman(count: x.count, as: PackedRankRecord.self) { records in
      for i in 0..<records.count {
        records[i] = PackedRankRecord(key: UInt64(y[i]), payload: UInt64(x[i]))
      }
    }
  }

  /// Spearman's correlation of pairs given by 64-bit keys (see `spearman(count:as:fill:)`).
  static func spearman(x: UnsafeBufferPointer<UInt64>, y: UnsafeBufferPointer<UInt64>) -> Double {
    precondition(x.count == y.count)
    return spearman(count: x.count, as: WideRankRecord.self) { records in
      for i in 0..<records.count {
        records[i] = WideRankRecord(key: y[i], payload: x[i])
      }
    }
  }
}
