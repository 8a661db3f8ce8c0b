/// A floating-point score type that classification metrics accept and store: `Float` or `Double`.
///
/// The store keeps scores at their own precision (4 bytes for `Float`, 8 for `Double`), so a
/// `Double` input is never rounded into ties that were not in the data. `sortKey` maps a score to
/// an unsigned integer with the same order, which lets the rank metrics sort with an O(N) radix sort.
public protocol ClassificationScore: BinaryFloatingPoint, Codable, Sendable {
  /// An unsigned integer as wide as the score.
  associatedtype SortKey: FixedWidthInteger & UnsignedInteger & Sendable

  /// An order-preserving key: for non-NaN `a` and `b`, `a < b` exactly when
  /// `a.sortKey < b.sortKey`, and `a == b` exactly when the keys are equal (`-0` and `+0` share a
  /// key). NaN has no meaningful key; the metrics never store NaN.
  var sortKey: SortKey { get }

  /// The score whose `sortKey` is `key` (`+0` for the key of zero).
  init(sortKey key: SortKey)
}

extension Float: ClassificationScore {
  /// An unsigned key whose order is the numeric order (−0 equal to +0).
  @inlinable public var sortKey: UInt32 {
    let bits = (self == 0 ? 0 : self).bitPattern
    return bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
  }

  /// The score whose `sortKey` is `key`.
  @inlinable public init(sortKey key: UInt32) {
    self.init(bitPattern: key & 0x8000_0000 != 0 ? key & 0x7FFF_FFFF : ~key)
  }
}

extension Double: ClassificationScore {
  /// An unsigned key whose order is the numeric order (−0 equal to +0).
  @inlinable public var sortKey: UInt64 {
    let bits = (self == 0 ? 0 : self).bitPattern
    return bits & 0x8000_0000_0000_0000 != 0 ? ~bits : bits | 0x8000_0000_0000_0000
  }

  /// The score whose `sortKey` is `key`.
  @inlinable public init(sortKey key: UInt64) {
    self.init(
      bitPattern: key & 0x8000_0000_0000_0000 != 0 ? key & 0x7FFF_FFFF_FFFF_FFFF : ~key)
  }
}
