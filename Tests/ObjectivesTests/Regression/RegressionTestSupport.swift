import Foundation
import Testing

@testable import Objectives

/// Loading fixtures and comparing floating-point values in the regression, loss and multi-task tests.
enum RegressionTestSupport {
  static func fixture<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
    let url = try #require(
      Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"))
    let data = try Data(contentsOf: url)
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try decoder.decode(T.self, from: data)
  }

  /// Whether `actual` agrees with `expected` to `relative` (both NaN also agree); values whose
  /// magnitude is below `floor` are compared absolutely to `relative · floor`.
  static func close(_ actual: Double, _ expected: Double, relative: Double = 1e-9, floor: Double = 1e-300)
    -> Bool
  {
    if expected.isNaN { return actual.isNaN }
    if expected.isInfinite { return actual == expected }
    return abs(actual - expected) <= relative * max(abs(expected), floor)
  }

  static func close(_ actual: [Double], _ expected: [Double], relative: Double = 1e-9, floor: Double = 1e-300)
    -> Bool
  {
    actual.count == expected.count
      && zip(actual, expected).allSatisfy { close($0, $1, relative: relative, floor: floor) }
  }

  static func close(
    _ actual: MetricValue?, _ expected: MetricValue, relative: Double = 1e-9, floor: Double = 1e-300
  ) -> Bool {
    guard let actual else { return false }
    switch (actual, expected) {
    case (.scalar(let a), .scalar(let b)): return close(a, b, relative: relative, floor: floor)
    case (.vector(let a), .vector(let b)): return close(a, b, relative: relative, floor: floor)
    default: return false
    }
  }

  /// Whether every entry of two results agrees by name and value.
  static func close(_ a: Results, _ b: Results, relative: Double) -> Bool {
    a.names == b.names && zip(a, b).allSatisfy { close($0.value, $1.value, relative: relative) }
  }

  /// The shared deterministic generator (SplitMix64).
  typealias Generator = SeededGenerator

  /// Random cut points splitting `0..<n` into consecutive ranges (some possibly empty).
  static func randomSplit(_ n: Int, parts: Int, using g: inout Generator) -> [Range<Int>] {
    var cuts = (0..<(parts - 1)).map { _ in Int.random(in: 0...n, using: &g) }
    cuts.append(0)
    cuts.append(n)
    cuts.sort()
    return (0..<(cuts.count - 1)).map { cuts[$0]..<cuts[$0 + 1] }
  }
}

extension SeededGenerator {
  /// A standard normal deviate (Box–Muller).
  mutating func normal() -> Double {
    let u = Double.random(in: Double.ulpOfOne..<1, using: &self)
    let v = Double.random(in: 0..<1, using: &self)
    return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
  }
}
