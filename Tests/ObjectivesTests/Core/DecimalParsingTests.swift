import Foundation
import Testing

@testable import Objectives

/// The byte-level number parser behind the CSV reader (Clinger's fast path, Eisel-Lemire, and the
/// standard library as fallback) gives bit for bit what `Double(String)` gives.
@Suite("Decimal parsing")
struct DecimalParsingTests {
  /// Our parse of `text`, through the same entry point as the CSV reader.
  static func parse(_ text: String) -> Double? {
    Array(text.utf8).withUnsafeBufferPointer { DecimalParsing.double($0) }
  }

  /// The texts among `texts` whose parse differs from `Double(String)` (bit patterns, nil included).
  static func mismatches(_ texts: [String]) -> [String] {
    texts.filter { parse($0)?.bitPattern != Double($0)?.bitPattern }
  }

  @Test("Eisel-Lemire equals Double(String) on a million random mantissas and exponents")
  func randomMantissasAndExponents() {
    var generator = SeededGenerator(seed: 17)
    var wrong: [String] = []
    var decided = 0
    for _ in 0..<1_000_000 {
      // 1 to 19 digits, exponents over the whole table and past both ends.
      let digits = Int.random(in: 1...19, using: &generator)
      let limit = digits == 19 ? UInt64.max / 10 * 10 : (0..<digits).reduce(UInt64(1)) { r, _ in r * 10 }
      let w = UInt64.random(in: 1..<limit, using: &generator)
      let q = Int.random(in: -360...330, using: &generator)
      let text = "\(w)e\(q)"
      let reference = Double(text)
      if let x = DecimalParsing.eiselLemire(w, q) {
        decided += 1
        if x.bitPattern != reference?.bitPattern { wrong.append(text) }
      }
      if Self.parse(text)?.bitPattern != reference?.bitPattern { wrong.append(text) }
    }
    #expect(wrong.isEmpty, "\(wrong.prefix(10))")
    #expect(decided > 990_000)  // the fallback is rare
  }

  @Test("Random doubles printed shortest, with 17 and with 25 significant digits round-trip")
  func randomDoubles() {
    var generator = SeededGenerator(seed: 5)
    var texts: [String] = []
    for _ in 0..<150_000 {
      let x = Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF)
      texts += [x.description, String(format: "%.16e", x), String(format: "%.24e", -x)]
    }
    #expect(Self.mismatches(texts).isEmpty, "\(Self.mismatches(texts).prefix(10))")
  }

  @Test("Halfway cases between adjacent doubles round to even, above and below 2⁵³")
  func halfwayCases() {
    var generator = SeededGenerator(seed: 9)
    var texts: [String] = []
    for k in 0..<20_000 {
      let odd = UInt64(1) << 53 + UInt64(k) * 2 + 1  // exactly between two doubles
      texts += [String(odd), "\(odd)e0", "\(odd * 10)e-1", "\(odd)000e-3"]
      let large = (UInt64(1) << 63) + UInt64.random(in: 0..<(1 << 62), using: &generator) | (1 << 10)
      texts.append("\(large)e\(Int.random(in: -30...30, using: &generator))")
      // the decimal midpoint of two doubles, written with 25 digits (truncated or exact)
      let x = Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF)
      texts.append(String(format: "%.25e", x / 2 + x.nextUp / 2))
    }
    #expect(Self.mismatches(texts).isEmpty, "\(Self.mismatches(texts).prefix(10))")
  }

  @Test("Subnormals, the limits of the exponent and long mantissas")
  func hardCases() {
    var generator = SeededGenerator(seed: 3)
    var texts = [
      "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "1e-324",
      "1e-342", "1e-343", "9999999999999999999e-343", "9999999999999999999e-344", "2.2250738585072011e-308",
      "2.2250738585072012e-308", "2.2250738585072014e-308", "4.4501477170144023e-308",
      "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e308", "1e309",
      "9999999999999999999e289", "9999999999999999999e290", "-1e400", "0e999", "-0", "-0.0e-5", "1e23",
      "8.988465674311579e307", "7.2057594037927933e16", "9007199254740993",
      "9007199254740993.0000000000000001", "123456789012345678901234567890", "0.1", "0.3",
      "1.00000000000000011102230246251565404236316680908203125",
      "1.00000000000000011102230246251565404236316680908203124",
      "1.00000000000000011102230246251565404236316680908203126", ".5", "5.", "+1.5",
      "00000000000000000000001.5",
      "1.500000000000000000000000000", "1e", "e5", "+.e1", "--1", "1e+", "0x1p3", "1.5.2",
    ]
    for _ in 0..<50_000 {
      let x = Double(bitPattern: generator.next() % (1 << 52))  // subnormal
      texts += [x.description, String(format: "%.17e", x), String(format: "%.21e", x)]
      let digits = (0..<Int.random(in: 19...30, using: &generator)).map { _ in
        String(Int.random(in: 0...9, using: &generator))
      }
      texts.append("1" + digits.joined() + "e\(Int.random(in: -340...290, using: &generator))")
    }
    #expect(Self.mismatches(texts).isEmpty, "\(Self.mismatches(texts).prefix(10))")
  }
}
