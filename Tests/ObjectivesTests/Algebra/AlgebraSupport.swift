import Objectives

/// Scalar leaves used across the algebra tests: outputs and targets are single numbers or arrays.
enum Leaves {
  typealias L = Loss<Double, Double, Double>

  static func squared(_ name: String, direction: Direction = .minimize) -> L {
    L(name, direction: direction) { o, t in .batch((o - t) * (o - t)) }
  }

  static func absolute(_ name: String, direction: Direction = .minimize) -> L {
    L(name, direction: direction) { o, t in .samples([abs(o - t)]) }
  }

  static func constant(_ name: String, _ value: Double, direction: Direction = .minimize) -> L {
    L(name, direction: direction) { _, _ in .batch(value) }
  }
}

/// Relative closeness for floating comparisons.
func isClose(_ a: Double, _ b: Double, relative: Double = 1e-12, absolute: Double = 0) -> Bool {
  if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
  if a == b { return true }
  return abs(a - b) <= max(relative * max(abs(a), abs(b)), absolute)
}
