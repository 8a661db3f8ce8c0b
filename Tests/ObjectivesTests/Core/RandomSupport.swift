import Foundation
import Objectives

/// A deterministic generator (SplitMix64) so that property tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Leaves over arrays of outputs and targets, with analytic vector-Jacobian products, for the
/// gradient, round-trip and split-invariance properties.
enum ArrayLeaves {
  typealias L = Loss<[Double], [Double], Double>

  /// mean((o - t)²) × k, one value for the batch weighted by its size.
  static func meanSquared(_ name: String, scale k: Double) -> L {
    L(
      name,
      { o, t throws(ObjectiveError) in
        guard o.count == t.count else {
          throw .lengthMismatch(what: "outputs and targets", expected: o.count, actual: t.count)
        }
        var s = 0.0
        for i in o.indices { s += (o[i] - t[i]) * (o[i] - t[i]) }
        return .batch(k * s / Double(max(o.count, 1)))
      },
      vectorJacobianProduct: { o, t, cot in
        o.indices.map { i in cot[0] * k * 2 * (o[i] - t[i]) / Double(o.count) }
      })
  }

  /// (o - t)² × k + 1 per sample (positive, smooth).
  static func squaredPlusOne(_ name: String, scale k: Double, direction: Direction = .minimize) -> L {
    L(
      name, direction: direction,
      { o, t throws(ObjectiveError) in
        guard o.count == t.count else {
          throw .lengthMismatch(what: "outputs and targets", expected: o.count, actual: t.count)
        }
        return .samples(o.indices.map { k * (o[$0] - t[$0]) * (o[$0] - t[$0]) + 1 })
      },
      vectorJacobianProduct: { o, t, cot in
        o.indices.map { i in cot[i] * k * 2 * (o[i] - t[i]) }
      })
  }

  /// exp(-mean((o - t)²)) × k, a higher-is-better batch value in (0, k].
  static func similarity(_ name: String, scale k: Double) -> L {
    L(
      name, direction: .maximize,
      { o, t in
        var s = 0.0
        for i in o.indices { s += (o[i] - t[i]) * (o[i] - t[i]) }
        return .batch(k * exp(-s / Double(max(o.count, 1))))
      },
      vectorJacobianProduct: { o, t, cot in
        var s = 0.0
        for i in o.indices { s += (o[i] - t[i]) * (o[i] - t[i]) }
        let v = k * exp(-s / Double(o.count))
        return o.indices.map { i in cot[0] * v * (-2 * (o[i] - t[i]) / Double(o.count)) }
      })
  }
}

/// Random compositions that respect directions: `generate(depth:direction:)` returns a loss
/// optimised in the requested direction.
struct CompositionGenerator<O, T> {
  typealias L = Loss<O, T, Double>
  var lower: [L]
  var higher: [L]
  /// Whether to avoid operations that can reach singular points (for finite differences).
  var smoothOnly = false
  /// Whether to ignore directions (composing contradictory sides) and use extreme constants:
  /// negative, zero and negative zero, huge enough to overflow when folded, infinite and NaN.
  var extreme = false
  /// Whether to also apply elementary functions and the parameters `{s}` (0.3) and `{w}` (0.7).
  var elementary = false

  func generate(depth: Int, direction: Direction, using rng: inout SeededGenerator) -> L {
    if elementary && depth > 1 && Int.random(in: 0..<3, using: &rng) == 0 {
      let d = max(depth - 1, 0)
      let x = generate(depth: d, direction: direction, using: &rng)
      let y = generate(depth: d, direction: direction, using: &rng)
      let s = L.parameter("s", value: 0.3)
      let w = L.parameter("w", value: 0.7)
      switch Int.random(in: 0..<10, using: &rng) {
      case 0: return exp(0.1 * x)
      case 1: return log(x * x + 1)
      case 2: return sqrt(x * x + 0.5)
      case 3: return abs(x)
      case 4: return min(x, y)
      case 5: return max(x, 0.25)
      case 6: return clamp(x, -1, 2)
      case 7: return exp(-s) * x + s
      case 8: return w * x + (1 - w) * y
      default: return min(0.5, x) + max(x, y)
      }
    }
    if extreme && Int.random(in: 0..<4, using: &rng) == 0 {
      let d = max(depth - 1, 0)
      let c = [
        -2, -0.0, 0, 1e308, -1e308, 10, .leastNonzeroMagnitude * 2024, .infinity, -.infinity, .nan, -0.5,
      ].randomElement(
        using: &rng)!
      let x = generate(depth: d, direction: (Bool.random(using: &rng) ? .maximize : .minimize), using: &rng)
      let y = generate(depth: d, direction: (Bool.random(using: &rng) ? .maximize : .minimize), using: &rng)
      switch Int.random(in: 0..<8, using: &rng) {
      case 0: return x * c
      case 1: return c / x
      case 2: return x / c
      case 3: return x - y
      case 4: return x / y
      case 5: return -x
      case 6: return x ** c
      default: return c - x * y
      }
    }
    let pool = direction == .maximize ? higher : lower
    if depth <= 1 || Int.random(in: 0..<5, using: &rng) == 0 {
      if !smoothOnly, Int.random(in: 0..<6, using: &rng) == 0 {
        let other = direction == .maximize ? lower : higher
        return -other.randomElement(using: &rng)!
      }
      return pool.randomElement(using: &rng)!
    }
    let d = depth - 1
    let constants: [Double] = [0.5, 2, 3, 0.25, 1.5, 0.1, 1e-3, 7]
    let c = constants.randomElement(using: &rng)!
    let choice = Int.random(in: 0..<(smoothOnly ? 9 : 13), using: &rng)
    switch choice {
    case 0, 1:
      return generate(depth: d, direction: direction, using: &rng)
        + generate(depth: d, direction: direction, using: &rng)
    case 2:
      return generate(depth: d, direction: direction, using: &rng)
        * generate(depth: d, direction: direction, using: &rng)
    case 3: return c * generate(depth: d, direction: direction, using: &rng)
    case 4: return generate(depth: d, direction: direction, using: &rng) + c
    case 5:
      return generate(depth: d, direction: direction, using: &rng) ** [2.0, 3].randomElement(
        using: &rng)!
    case 6: return generate(depth: d, direction: direction, using: &rng) / c
    case 7:
      return generate(depth: d, direction: direction, using: &rng)
        - generate(depth: d, direction: direction.opposite, using: &rng)
    case 8:
      return generate(depth: d, direction: direction, using: &rng)
        * (generate(depth: d, direction: direction, using: &rng) + 1)
    case 9: return -generate(depth: d, direction: direction.opposite, using: &rng)
    case 10:
      return generate(depth: d, direction: direction, using: &rng)
        / generate(depth: d, direction: direction.opposite, using: &rng)
    case 11: return c - generate(depth: d, direction: direction.opposite, using: &rng)
    default:
      let p = [-1.0, -2, 0.5].randomElement(using: &rng)!
      return generate(depth: d, direction: p < 0 ? direction.opposite : direction, using: &rng) ** p
    }
  }
}

/// Random outputs and targets of a given size.
func randomBatch(count: Int, using rng: inout SeededGenerator) -> ([Double], [Double]) {
  let o = (0..<count).map { _ in Double.random(in: -2...2, using: &rng) }
  let t = (0..<count).map { _ in Double.random(in: -2...2, using: &rng) }
  return (o, t)
}
