import Testing

@testable import Objectives

/// The radix sort's large-input path: one most-significant-digit pass, then per-bucket sorts on
/// two cores.
@Suite struct RadixSortTests {
  static func sortedByRadix<K: FixedWidthInteger & UnsignedInteger>(_ input: [K]) -> [K] {
    var keys = input
    var scratch = [K](repeating: 0, count: keys.count)
    let inKeys = keys.withUnsafeMutableBufferPointer { k in
      scratch.withUnsafeMutableBufferPointer { RadixSort.sort(k, scratch: $0) }
    }
    return inKeys ? keys : scratch
  }

  @Test(arguments: [RadixSort.bucketedCount, 300_001])
  func largeInputsSortLikeSorted(count: Int) {
    var g = SeededGenerator(seed: UInt64(count))
    // Float keys of normal deviates (clustered top digits), uniform keys, and heavy ties.
    let floats = (0..<count).map { _ in Float(g.normal()).sortKey }
    let uniform = (0..<count).map { _ in UInt32.random(in: 0...UInt32.max, using: &g) }
    let ties = (0..<count).map { _ in UInt32.random(in: 0..<50, using: &g) << 25 }
    let doubles = (0..<count).map { _ in g.normal().sortKey }
    let sameTop = (0..<count).map { _ in UInt64.random(in: 0..<(1 << 40), using: &g) }
    #expect(Self.sortedByRadix(floats) == floats.sorted())
    #expect(Self.sortedByRadix(uniform) == uniform.sorted())
    #expect(Self.sortedByRadix(ties) == ties.sorted())
    #expect(Self.sortedByRadix(doubles) == doubles.sorted())
    #expect(Self.sortedByRadix(sameTop) == sameTop.sorted())
  }

  /// Records with equal keys keep their input order (the sort is stable), as Spearman's
  /// computation requires.
  @Test func largeRecordSortsAreStable() {
    var g = SeededGenerator(seed: 17)
    let n = 200_000
    var records = (0..<n).map { i in
      PackedRankRecord(key: UInt64(UInt32.random(in: 0..<3000, using: &g)) << 20, payload: UInt64(i))
    }
    var scratch = records
    let inRecords = records.withUnsafeMutableBufferPointer { r in
      scratch.withUnsafeMutableBufferPointer { RadixSort.sort(r, scratch: $0) }
    }
    let sorted = inRecords ? records : scratch
    #expect(
      zip(sorted, sorted.dropFirst()).allSatisfy {
        $0.key < $1.key || ($0.key == $1.key && $0.payload < $1.payload)
      })
  }
}
