import Foundation

/// A compact store of pairs `(x, y)` for rank statistics (Spearman's correlation).
///
/// Each value is kept as an order-preserving integer key: 8 bytes per value with `.double`
/// precision (the default: the full order of `Double`), 4 bytes with `.single` (the value rounded
/// to `Float`, exact for `Float` input). Ranks are computed only when asked, with linear-time radix
/// sorts, so appending is a plain copy.
///
/// With `.single` precision, `Double` values that round to the same `Float` (closer than about
/// 6e-8 relative) are ranked as ties and magnitudes beyond `Float`'s range saturate to ±infinity:
/// an opt-in approximation. −0 and +0 tie (they are equal).
///
/// A `MergeableState`, exact: the empty store of the same precision is the identity; `merge` is
/// concatenation. Rank statistics do not depend on the order of the pairs, so any batching or
/// sharding, merged, gives exactly the same correlation.
/// - Complexity: O(1) amortised per appended pair; O(n) for `spearman()`, with 2n temporary
///   records (16n bytes with `.single`, 32n with `.double`).
struct RankStore: Sendable, MergeableState, Equatable {
  /// How values are stored (the objective's public `RankPrecision`).
  typealias Precision = RankPrecision

  /// How values are stored.
  let precision: Precision
  /// Whether a NaN or an infinity was appended.
  private(set) var containsNonFinite = false

  var x32: [UInt32] = []
  var y32: [UInt32] = []
  var x64: [UInt64] = []
  var y64: [UInt64] = []

  /// An empty store; by default exact for `Double` values.
  init(precision: Precision = .double) {
    self.precision = precision
  }

  /// The number of pairs.
  var count: Int { precision == .single ? x32.count : x64.count }

  /// Whether the store is empty.
  var isEmpty: Bool { count == 0 }

  /// The number of bytes the stored keys occupy.
  var byteCount: Int { precision == .single ? 8 * x32.count : 16 * x64.count }

  /// Reserves room for `additional` more pairs.
  mutating func reserveCapacity(_ additional: Int) {
    if precision == .single {
      x32.reserveCapacity(x32.count + additional)
      y32.reserveCapacity(y32.count + additional)
    } else {
      x64.reserveCapacity(x64.count + additional)
      y64.reserveCapacity(y64.count + additional)
    }
  }

  /// Appends one pair.
  mutating func append(_ x: Double, _ y: Double) {
    withUnsafePointer(to: x) { px in
      withUnsafePointer(to: y) { py in append(px, py, count: 1) }
    }
  }

  /// Appends `count` pairs read from two contiguous blocks.
  /// - Complexity: O(count), no allocation beyond the store's own growth.
  @_specialize(where T == Float)
  @_specialize(where T == Double)
  mutating func append<T: KernelScalar>(_ x: UnsafePointer<T>, _ y: UnsafePointer<T>, count n: Int) {
    guard n > 0 else { return }
    var nonFinite: UInt32 = 0
    if precision == .single {
      let start = x32.count
      x32.append(contentsOf: repeatElement(0, count: n))
      y32.append(contentsOf: repeatElement(0, count: n))
      x32.withUnsafeMutableBufferPointer { kx in
        y32.withUnsafeMutableBufferPointer { ky in
          for i in 0..<n {
            nonFinite |= x[i].isFinite && y[i].isFinite ? 0 : 1
            kx[start &+ i] = Float(x[i]).sortKey
            ky[start &+ i] = Float(y[i]).sortKey
          }
        }
      }
    } else {
      let start = x64.count
      x64.append(contentsOf: repeatElement(0, count: n))
      y64.append(contentsOf: repeatElement(0, count: n))
      x64.withUnsafeMutableBufferPointer { kx in
        y64.withUnsafeMutableBufferPointer { ky in
          for i in 0..<n {
            let a = Double(x[i])
            let b = Double(y[i])
            nonFinite |= a.isFinite && b.isFinite ? 0 : 1
            kx[start &+ i] = a.sortKey
            ky[start &+ i] = b.sortKey
          }
        }
      }
    }
    if nonFinite != 0 { containsNonFinite = true }
  }

  /// Appends the pairs of `other` (the monoid operation: concatenation).
  /// Throws `ObjectiveError.incompatibleState` when the precisions differ.
  mutating func merge(_ other: RankStore) throws(ObjectiveError) {
    guard precision == other.precision else {
      throw .incompatibleState("rank stores of \(precision) and \(other.precision) precision")
    }
    if isEmpty {
      self = other
      return
    }
    x32.append(contentsOf: other.x32)
    y32.append(contentsOf: other.y32)
    x64.append(contentsOf: other.x64)
    y64.append(contentsOf: other.y64)
    containsNonFinite = containsNonFinite || other.containsNonFinite
  }

  /// Removes every pair, keeping the precision.
  mutating func removeAll() {
    self = RankStore(precision: precision)
  }

  /// Spearman's rank correlation of the stored pairs, with average ranks for ties (as
  /// `scipy.stats.spearmanr`).
  ///
  /// NaN when fewer than two pairs are stored, when either side is constant, or when a NaN was
  /// stored. Infinities are ranked like any other value.
  /// - Complexity: O(n) time (radix sorts), O(n) temporary memory.
  func spearman() -> Double {
    if precision == .single {
      if containsNonFinite,
        x32.withUnsafeBufferPointer({ kx in kx.contains(where: Self.isNaNKey32) })
          || y32.withUnsafeBufferPointer({ ky in ky.contains(where: Self.isNaNKey32) })
      {
        return .nan
      }
      return x32.withUnsafeBufferPointer { kx in
        y32.withUnsafeBufferPointer { ky in RankCorrelation.spearman(x: kx, y: ky) }
      }
    }
    if containsNonFinite, x64.contains(where: Self.isNaNKey64) || y64.contains(where: Self.isNaNKey64) {
      return .nan
    }
    return x64.withUnsafeBufferPointer { kx in
      y64.withUnsafeBufferPointer { ky in RankCorrelation.spearman(x: kx, y: ky) }
    }
  }

  // NaN keys: positive NaNs map above +infinity's key, negative NaNs below −infinity's key.
  private static func isNaNKey32(_ k: UInt32) -> Bool {
    k > Float.infinity.sortKey || k < (-Float.infinity).sortKey
  }

  private static func isNaNKey64(_ k: UInt64) -> Bool {
    k > Double.infinity.sortKey || k < (-Double.infinity).sortKey
  }
}

extension RankStore: Codable {
  private enum CodingKeys: String, CodingKey { case precision, containsNonFinite, x, y }

  /// Decodes a store whose keys were written as base64 of little-endian integers.
  init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    precision = try c.decode(Precision.self, forKey: .precision)
    containsNonFinite = try c.decode(Bool.self, forKey: .containsNonFinite)
    let x = try c.decode(Data.self, forKey: .x)
    let y = try c.decode(Data.self, forKey: .y)
    let width = precision == .single ? 4 : 8
    guard x.count == y.count, x.count % width == 0 else {
      throw DecodingError.dataCorruptedError(
        forKey: .x, in: c, debugDescription: "rank keys of unequal or partial length")
    }
    if precision == .single {
      x32 = Self.words(x)
      y32 = Self.words(y)
    } else {
      x64 = Self.words(x)
      y64 = Self.words(y)
    }
  }

  /// Encodes the keys as base64 of little-endian integers (4 or 8 bytes per value).
  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(precision, forKey: .precision)
    try c.encode(containsNonFinite, forKey: .containsNonFinite)
    if precision == .single {
      try c.encode(Self.bytes(x32), forKey: .x)
      try c.encode(Self.bytes(y32), forKey: .y)
    } else {
      try c.encode(Self.bytes(x64), forKey: .x)
      try c.encode(Self.bytes(y64), forKey: .y)
    }
  }

  private static func bytes<W: FixedWidthInteger>(_ words: [W]) -> Data {
    let little = words.map(\.littleEndian)
    return little.withUnsafeBytes { Data($0) }
  }

  private static func words<W: FixedWidthInteger>(_ data: Data) -> [W] {
    let n = data.count / MemoryLayout<W>.size
    var out = [W](repeating: 0, count: n)
    out.withUnsafeMutableBytes { raw in _ = data.copyBytes(to: raw) }
    return out.map { W(littleEndian: $0) }
  }
}

extension RankStore {
  /// An empty store of the same precision, the identity of `merge`.
  func emptied() -> RankStore { RankStore(precision: precision) }
}
