/// Parsing of decimal numbers straight from UTF-8 bytes, without making a `String` per field.
///
/// Plain decimals with at most 19 significant digits whose value is exactly representable as the
/// ratio of an integer below 2⁵³ and a power of ten up to 10²² (Clinger's fast path) are converted
/// with one correctly rounded multiplication or division. Everything else (long mantissas, large
/// exponents, `nan`, `inf`, hexadecimal floats) falls back to the standard library's correctly
/// rounded parser, so the result is always the `Double` nearest to the text.
enum DecimalParsing {
  /// Exact powers of ten representable in a `Double`.
  static let powersOfTen: [Double] = (0...22).map { e in
    var x = 1.0
    for _ in 0..<e { x *= 10 }
    return x
  }

  /// The value of the text in `bytes` (surrounding spaces and tabs ignored), or `nil` when it is
  /// not a number.
  /// - Complexity: O(n).
  static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    var lo = 0
    var hi = bytes.count
    while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
    while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
    guard lo < hi else { return nil }
    if let x = fastPath(bytes, lo, hi) { return x }
    // The standard parser reads a C string: a NUL would end the number early (`0.9\0xyz` as 0.9),
    // and it skips leading white space such as a form feed. No number holds a control character.
    for i in lo..<hi where bytes[i] < 0x20 || bytes[i] == 0x7F { return nil }
    return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self))
  }

  /// `[+-]digits[.digits][(e|E)[+-]digits]` within the fast-path bounds, else `nil`.
  static func fastPath(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
    var i = start
    var negative = false
    if b[i] == 0x2D || b[i] == 0x2B {  // - +
      negative = b[i] == 0x2D
      i += 1
    }
    var mantissa: UInt64 = 0
    var digits = 0  // significant digits taken into the mantissa
    var exponent = 0
    var sawDigit = false
    while i < end, b[i] &- 0x30 < 10 {
      sawDigit = true
      if mantissa != 0 || b[i] != 0x30 {
        guard digits < 19 else { return nil }
        mantissa = mantissa &* 10 &+ UInt64(b[i] &- 0x30)
        digits += 1
      }
      i += 1
    }
    if i < end, b[i] == 0x2E {  // .
      i += 1
      while i < end, b[i] &- 0x30 < 10 {
        sawDigit = true
        if mantissa != 0 || b[i] != 0x30 {
          guard digits < 19 else { return nil }
          mantissa = mantissa &* 10 &+ UInt64(b[i] &- 0x30)
          digits += 1
        }
        exponent -= 1
        i += 1
      }
    }
    guard sawDigit else { return nil }
    if i < end, b[i] == 0x65 || b[i] == 0x45 {  // e E
      i += 1
      var expNegative = false
      if i < end, b[i] == 0x2D || b[i] == 0x2B {
        expNegative = b[i] == 0x2D
        i += 1
      }
      var e = 0
      var sawExponentDigit = false
      while i < end, b[i] &- 0x30 < 10 {
        sawExponentDigit = true
        guard e < 100_000 else { return nil }
        e = e * 10 + Int(b[i] &- 0x30)
        i += 1
      }
      guard sawExponentDigit else { return nil }
      exponent += expNegative ? -e : e
    }
    guard i == end else { return nil }
    if mantissa == 0 { return negative ? -0.0 : 0 }
    guard mantissa < 1 << 53, exponent >= -22, exponent <= 22 else { return nil }
    let m = Double(mantissa)
    let x = exponent < 0 ? m / powersOfTen[-exponent] : m * powersOfTen[exponent]
    return negative ? -x : x
  }
}
