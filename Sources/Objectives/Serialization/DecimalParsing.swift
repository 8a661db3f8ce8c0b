/// Parsing of decimal numbers straight from UTF-8 bytes, without making a `String` per field.
///
/// Plain decimals `[+-]digits[.digits][(e|E)[+-]digits]` with at most 19 significant digits are
/// converted exactly:
/// - an integer below 2⁵³ times or over a power of ten up to 10²² (Clinger's fast path) with one
///   correctly rounded multiplication or division;
/// - any other exponent with the Eisel-Lemire algorithm (a 64 × 128-bit product with a table of
///   powers of five, `DecimalParsing+PowersOfFive.swift`), which gives the correctly rounded result
///   or, in the rare cases its error bound cannot decide, declines.
///
/// Everything else (more than 19 significant digits, an undecided Eisel-Lemire case, `nan`, `inf`,
/// hexadecimal floats) falls back to the standard library's correctly rounded parser, so the result
/// is always the `Double` nearest to the text, bit for bit what `Double(String)` returns.
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
    if mantissa < 1 << 53, exponent >= -22, exponent <= 22 {
      let m = Double(mantissa)
      let x = exponent < 0 ? m / powersOfTen[-exponent] : m * powersOfTen[exponent]
      return negative ? -x : x
    }
    guard let x = eiselLemire(mantissa, exponent) else { return nil }
    return negative ? -x : x
  }

  /// The `Double` nearest to `w × 10^q` (`w > 0`, round half to even), or `nil` when the 128-bit
  /// product cannot decide the rounding (then the caller falls back to an exact parser).
  ///
  /// Eisel and Lemire's algorithm (Lemire, "Number Parsing at a Gigabyte per Second", 2021): the
  /// normalised mantissa times a truncated 128-bit power of five gives the top bits of the result;
  /// the exponent follows from q by a fixed-point log₂ 10.
  static func eiselLemire(_ decimal: UInt64, _ q: Int) -> Double? {
    if q < smallestPowerOfFive { return 0 }  // below half the smallest subnormal even for w < 10¹⁹
    if q > largestPowerOfFive { return .infinity }
    let leadingZeros = decimal.leadingZeroBitCount
    let w = decimal << UInt64(leadingZeros)
    let index = 2 * (q - smallestPowerOfFive)
    let (high, low) = powersOfFive.withUnsafeBufferPointer { table in
      var product = w.multipliedFullWidth(by: table[index])
      // 55 bits are kept (52 + the implicit bit + a rounding bit + one for the product's top bit):
      // when the 9 bits below them are all ones, a carry from the lower word could change them.
      let precisionMask: UInt64 = .max >> 55
      if product.high & precisionMask == precisionMask {
        let second = w.multipliedFullWidth(by: table[index + 1])
        let (sum, carry) = product.low.addingReportingOverflow(second.high)
        product.low = sum
        if carry { product.high &+= 1 }
      }
      return (product.high, product.low)
    }
    // Conservative check of the original algorithm: a lower word of all ones outside the exponents
    // where the product is exact leaves the rounding undecided.
    if low == .max, q < -27 || q > 55 { return nil }
    let upperBit = Int(high >> 63)
    let shift = UInt64(upperBit + 64 - 52 - 3)
    var mantissa = high >> shift
    var power2 = ((217_706 * q) >> 16) + 63 + upperBit - leadingZeros + 1023
    if power2 <= 0 {  // subnormal
      if -power2 + 1 >= 64 { return 0 }
      mantissa >>= UInt64(-power2 + 1)
      mantissa += mantissa & 1
      mantissa >>= 1
      power2 = mantissa < 1 << 52 ? 0 : 1
      return Double(bitPattern: UInt64(power2) << 52 | mantissa)
    }
    // A tie between two doubles is only exact for small q; round it to even.
    if low <= 1, q >= -4, q <= 23, mantissa & 3 == 1, mantissa << shift == high {
      mantissa &= ~1
    }
    mantissa += mantissa & 1
    mantissa >>= 1
    if mantissa >= 2 << 52 {
      mantissa = 1 << 52
      power2 += 1
    }
    mantissa &= ~(1 << 52)
    if power2 >= 0x7FF { return .infinity }
    return Double(bitPattern: UInt64(power2) << 52 | mantissa)
  }
}
