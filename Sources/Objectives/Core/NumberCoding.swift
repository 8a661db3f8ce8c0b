import Foundation

/// A `Double` coded under the library's one policy for non-finite numbers.
///
/// **The policy.** Everything the library encodes through `Codable` — the state of every objective,
/// meter and tracker, `Results`, `MetricValue`, `History` and `SampleTable` — writes numbers so that
/// a *plain* `JSONEncoder()` succeeds and a plain `JSONDecoder()` reads them back bit for bit:
///
/// - a finite number is a JSON number (the shortest text that reads back to the same `Double`, so
///   `-0.0` stays `-0.0`);
/// - `+∞` and `−∞` are the strings `"inf"` and `"-inf"`;
/// - the canonical NaN (`Double.nan`) is the string `"nan"`; any other NaN (another payload, or the
///   sign bit set) is `"nan(0x…)"` with its 64-bit pattern in hexadecimal, so it reads back with the
///   same bits.
///
/// Decoding accepts JSON numbers, the strings above, and also `"+inf"`, `"infinity"`, `"-infinity"`
/// (any case), so values written by an encoder configured with
/// `nonConformingFloatEncodingStrategy = .convertToString(...)` read back too. Bulk stores of scores
/// and ranks are written as base64 of their little-endian IEEE bits instead (exact and compact).
///
/// The text exports meant for other tools (`History.jsonLines()`, `Results.json()`, CSV) follow the
/// conventions of those tools and are described with each export. The policy is described for
/// users in Docs/Tracking.md ("Checkpoints and non-finite numbers").
public struct FiniteOrSpecial: Codable, Sendable, Hashable {
  /// The number.
  public var value: Double
  /// Wraps a number.
  public init(_ value: Double) { self.value = value }

  /// The string that stands for a non-finite `value` under the policy (`nil` for a finite value).
  public static func token(for value: Double) -> String? {
    if value.isFinite { return nil }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    let bits = value.bitPattern
    if bits == Double.nan.bitPattern { return "nan" }
    let hex = String(bits, radix: 16)
    return "nan(0x" + String(repeating: "0", count: 16 - hex.count) + hex + ")"
  }

  /// The number a policy string stands for, or `nil` when the string is not one of them.
  public static func number(for token: String) -> Double? {
    switch token.lowercased() {
    case "nan": return .nan
    case "inf", "+inf", "infinity", "+infinity": return .infinity
    case "-inf", "-infinity": return -.infinity
    case let s where s.hasPrefix("nan(0x") && s.hasSuffix(")"):
      guard let bits = UInt64(s.dropFirst(6).dropLast(), radix: 16) else { return nil }
      let v = Double(bitPattern: bits)
      return v.isNaN ? v : nil
    default: return nil
    }
  }

  /// Reads a JSON number or one of the policy's strings.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if let d = try? c.decode(Double.self) {
      value = d
      return
    }
    let s = try c.decode(String.self)
    guard let v = Self.number(for: s) else {
      throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a number: \(s)")
    }
    value = v
  }

  /// Writes a finite value as a JSON number, a non-finite one as the policy's string.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    if let token = Self.token(for: value) {
      try c.encode(token)
    } else {
      try c.encode(value)
    }
  }
}

extension KeyedEncodingContainer {
  /// Encodes `value` under the non-finite policy of `FiniteOrSpecial`.
  mutating func encodeNumber(_ value: Double, forKey key: Key) throws {
    if let token = FiniteOrSpecial.token(for: value) {
      try encode(token, forKey: key)
    } else {
      try encode(value, forKey: key)
    }
  }

  /// Encodes `values` as an array under the non-finite policy of `FiniteOrSpecial`.
  mutating func encodeNumbers(_ values: [Double], forKey key: Key) throws {
    try encode(values.map(FiniteOrSpecial.init), forKey: key)
  }

  /// Encodes `values` as base64 of their little-endian IEEE bits (exact, for bulk stores).
  mutating func encodeBits<F: BinaryFloatingPoint>(_ values: [F], forKey key: Key) throws {
    try encode(BulkBits.encode(values), forKey: key)
  }
}

extension KeyedDecodingContainer {
  /// Decodes a number written under the non-finite policy of `FiniteOrSpecial`.
  func decodeNumber(forKey key: Key) throws -> Double {
    try decode(FiniteOrSpecial.self, forKey: key).value
  }

  /// Decodes a number written under the policy, or `nil` when the key is absent or null.
  func decodeNumberIfPresent(forKey key: Key) throws -> Double? {
    try decodeIfPresent(FiniteOrSpecial.self, forKey: key)?.value
  }

  /// Decodes an array of numbers written under the non-finite policy of `FiniteOrSpecial`.
  func decodeNumbers(forKey key: Key) throws -> [Double] {
    try decode([FiniteOrSpecial].self, forKey: key).map(\.value)
  }

  /// Decodes a bulk array written by `encodeBits` (base64), or an array of numbers under the policy.
  func decodeBits<F: BinaryFloatingPoint>(_: F.Type, forKey key: Key) throws -> [F] {
    if let text = try? decode(String.self, forKey: key) {
      guard let values: [F] = BulkBits.decode(text) else {
        throw DecodingError.dataCorruptedError(
          forKey: key, in: self, debugDescription: "not base64 of \(MemoryLayout<F>.size)-byte numbers")
      }
      return values
    }
    return try decodeNumbers(forKey: key).map { F($0) }
  }
}

/// Base64 of the little-endian IEEE bits of an array of floating-point numbers.
enum BulkBits {
  static func encode<F>(_ values: [F]) -> String {
    var data = values.withUnsafeBytes { Data($0) }
    #if _endian(big)
      swapBytes(&data, width: MemoryLayout<F>.size)
    #endif
    return data.base64EncodedString()
  }

  static func decode<F: BinaryFloatingPoint>(_ text: String) -> [F]? {
    guard var data = Data(base64Encoded: text), data.count % MemoryLayout<F>.size == 0 else { return nil }
    #if _endian(big)
      swapBytes(&data, width: MemoryLayout<F>.size)
    #endif
    var values = [F](repeating: 0, count: data.count / MemoryLayout<F>.size)
    values.withUnsafeMutableBytes { raw in _ = data.copyBytes(to: raw) }
    return values
  }

  #if _endian(big)
    private static func swapBytes(_ data: inout Data, width: Int) {
      var bytes = [UInt8](data)
      var i = 0
      while i < bytes.count {
        bytes[i..<(i + width)].reverse()
        i += width
      }
      data = Data(bytes)
    }
  #endif
}
