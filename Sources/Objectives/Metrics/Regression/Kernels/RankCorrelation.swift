/// One record of the rank computation: a sort key and a payload carried along with it.
protocol RankRecord: RadixSortable {
  /// How many low bits of `key` are significant.
  static var keyBits: Int { get }
  var key: UInt64 { get }
  var payload: UInt64 { get }
  init(key: UInt64, payload: UInt64)
}

extension RankRecord {
  static var radixKeyBits: Int { keyBits }
  @inline(__always) var radixKey: UInt64 { key }
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

/// Spearman's rank correlation computed with linear-time radix sorts of order-preserving keys
/// (`ClassificationScore.sortKey`).
enum RankCorrelation {
  /// Sorts records stably by key with `RadixSort`, returning the buffer that holds them.
  static func radixSort<R: RankRecord>(
    _ records: UnsafeMutableBufferPointer<R>, scratch: UnsafeMutableBufferPointer<R>
  ) -> UnsafeMutableBufferPointer<R> {
    RadixSort.sort(records, scratch: scratch)
      ? records : UnsafeMutableBufferPointer(rebasing: scratch[0..<records.count])
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
    var sumBB = LoopSum()
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
    var sumAB = LoopSum()
    var sumAA = LoopSum()
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
