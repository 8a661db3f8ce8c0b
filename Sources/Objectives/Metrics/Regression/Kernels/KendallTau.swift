/// Kendall's τ-b over the pairs of a `RankStore`, exact with ties, in O(n log n) (Knight's
/// algorithm: sort by (x, y), count the tied pairs, count the discordant pairs as the inversions
/// of y by a merge sort).
extension RankStore {
  /// Kendall's τ-b `(C − D) / √((n₀ − n₁)(n₀ − n₂))` of the stored pairs, with `n₀ = n(n − 1)/2`
  /// and `n₁`, `n₂` the pairs tied in x and in y (`scipy.stats.kendalltau`'s default).
  ///
  /// NaN with fewer than two pairs, when either side is constant, or when a NaN was stored.
  /// Infinities are ordered like any other value. The result does not depend on the order of the
  /// pairs, so every batching and sharding gives the same value exactly.
  /// - Complexity: O(n log n) time, O(n) temporary memory.
  public func kendallTau() -> Double {
    guard count >= 2 else { return .nan }
    var pairs: [SIMD2<UInt64>]
    if precision == .single {
      pairs = zip(x32, y32).map { SIMD2(UInt64($0), UInt64($1)) }
    } else {
      pairs = zip(x64, y64).map { SIMD2($0, $1) }
    }
    if containsNonFinite {
      let nan: (UInt64) -> Bool =
        precision == .single
        ? { k in k > UInt64(Float.infinity.sortKey) || k < UInt64((-Float.infinity).sortKey) }
        : { k in k > Double.infinity.sortKey || k < (-Double.infinity).sortKey }
      if pairs.contains(where: { nan($0.x) || nan($0.y) }) { return .nan }
    }
    return Self.tauB(&pairs)
  }

  /// τ-b of the key pairs, which it sorts.
  static func tauB(_ pairs: inout [SIMD2<UInt64>]) -> Double {
    let n = pairs.count
    pairs.sort { $0.x != $1.x ? $0.x < $1.x : $0.y < $1.y }
    var tiedX = 0
    var tiedXY = 0
    var runX = 1
    var runXY = 1
    for i in 1..<n {
      if pairs[i].x == pairs[i - 1].x {
        runX += 1
        if pairs[i].y == pairs[i - 1].y {
          runXY += 1
        } else {
          tiedXY += runXY * (runXY - 1) / 2
          runXY = 1
        }
      } else {
        tiedX += runX * (runX - 1) / 2
        tiedXY += runXY * (runXY - 1) / 2
        runX = 1
        runXY = 1
      }
    }
    tiedX += runX * (runX - 1) / 2
    tiedXY += runXY * (runXY - 1) / 2
    var ys = pairs.map(\.y)
    let swaps = Self.sortCountingInversions(&ys)
    var tiedY = 0
    var runY = 1
    for i in 1..<n {
      if ys[i] == ys[i - 1] {
        runY += 1
      } else {
        tiedY += runY * (runY - 1) / 2
        runY = 1
      }
    }
    tiedY += runY * (runY - 1) / 2
    let all = n * (n - 1) / 2
    let pairsX = all - tiedX
    let pairsY = all - tiedY
    guard pairsX > 0, pairsY > 0 else { return .nan }
    let difference = all - tiedX - tiedY + tiedXY - 2 * swaps
    let tau = Double(difference) / (Double(pairsX).squareRoot() * Double(pairsY).squareRoot())
    return Swift.min(1, Swift.max(-1, tau))
  }

  /// Sorts `values` ascending with a bottom-up merge sort and returns the number of inversions
  /// (pairs i < j with values[i] > values[j], equal values not counted).
  static func sortCountingInversions(_ values: inout [UInt64]) -> Int {
    let n = values.count
    var swaps = 0
    var source = values
    var target = values
    // Runs of 16 by insertion sort (counting the moves), then merges of doubling width.
    let run = 16
    source.withUnsafeMutableBufferPointer { s in
      var start = 0
      while start < n {
        let end = Swift.min(start + run, n)
        var i = start + 1
        while i < end {
          let v = s[i]
          var j = i
          while j > start && s[j - 1] > v {
            s[j] = s[j - 1]
            j -= 1
          }
          swaps += i - j
          s[j] = v
          i += 1
        }
        start = end
      }
    }
    var width = run
    while width < n {
      source.withUnsafeBufferPointer { s in
        target.withUnsafeMutableBufferPointer { t in
          var start = 0
          while start < n {
            let mid = Swift.min(start + width, n)
            let end = Swift.min(start + 2 * width, n)
            var i = start
            var j = mid
            var w = start
            while i < mid && j < end {
              if s[j] < s[i] {
                t[w] = s[j]
                swaps += mid - i
                j += 1
              } else {
                t[w] = s[i]
                i += 1
              }
              w += 1
            }
            while i < mid {
              t[w] = s[i]
              i += 1
              w += 1
            }
            while j < end {
              t[w] = s[j]
              j += 1
              w += 1
            }
            start = end
          }
        }
      }
      swap(&source, &target)
      width *= 2
    }
    values = source
    return swaps
  }
}
