import Foundation

/// One axis: a domain in data units, its ticks and their labels, linear or logarithmic.
struct ChartAxis: Equatable {
  var lower: Double
  var upper: Double
  var ticks: [Double]
  var labels: [String]
  var logarithmic: Bool

  /// Maps a data value to [0, 1] along the axis (values outside the domain fall outside).
  func fraction(_ v: Double) -> Double {
    if logarithmic {
      return (log10(v) - log10(lower)) / (log10(upper) - log10(lower))
    }
    return (v - lower) / (upper - lower)
  }

  /// Whether `v` can be placed on this axis (finite, and positive on a log axis).
  func accepts(_ v: Double) -> Bool { v.isFinite && (!logarithmic || v > 0) }

  /// A 1, 2 or 5 times a power of ten close to `raw`.
  static func niceStep(_ raw: Double) -> Double {
    guard raw > 0, raw.isFinite else { return 1 }
    let e = floor(log10(raw))
    let base = pow(10, e)
    let f = raw / base
    let n: Double = f < 1.5 ? 1 : (f < 3 ? 2 : (f < 7 ? 5 : 10))
    return n * base
  }

  /// A linear axis covering `min...max` with about `target` ticks at round values; the domain is
  /// widened to the outer ticks. `integer` keeps ticks on whole numbers (steps and epochs).
  static func linear(_ minValue: Double, _ maxValue: Double, target: Int = 6, integer: Bool = false)
    -> ChartAxis
  {
    var lo = minValue
    var hi = maxValue
    if !(lo.isFinite && hi.isFinite) {
      lo = 0
      hi = 1
    }
    if lo == hi {
      let pad = integer ? 1 : (lo == 0 ? 1 : abs(lo) * 0.1)
      lo -= pad
      hi += pad
    }
    var step = niceStep((hi - lo) / Double(max(target - 1, 1)))
    if integer { step = max(1, step.rounded()) }
    let first = floor(lo / step + 1e-9)
    let last = ceil(hi / step - 1e-9)
    // Multiples of the step, rounded to its decimals so that 7 × 0.2 is 1.4, not 1.4000000000000001.
    let scale = pow(10, max(0, -floor(log10(step) + 1e-9)))
    let tick = { (k: Double) in (k * step * scale).rounded() / scale }
    let ticks = stride(from: first, through: last, by: 1).map(tick)
    let lower = tick(first)
    let upper = tick(last)
    return ChartAxis(
      lower: lower, upper: upper, ticks: ticks, labels: ticks.map { label($0, step: step) },
      logarithmic: false)
  }

  /// A logarithmic axis covering positive `min...max`, with ticks at powers of ten (and at 2× and 5×
  /// when the range spans two decades or fewer).
  static func logarithmic(_ minValue: Double, _ maxValue: Double) -> ChartAxis {
    guard minValue > 0, maxValue.isFinite, minValue <= maxValue else { return logarithmic(0.1, 1) }
    var lo = floor(log10(minValue) + 1e-12)
    var hi = ceil(log10(maxValue) - 1e-12)
    if lo == hi {
      lo -= minValue == pow(10, lo) ? 1 : 0
      hi += 1
    }
    let decades = Int(hi - lo)
    if decades <= 2 {
      // Within two decades, bound the domain and place ticks at 1, 2 and 5 times powers of ten.
      let candidates = (Int(lo)...Int(hi)).flatMap { d in [1.0, 2, 5].map { $0 * pow(10, Double(d)) } }
      let lower = candidates.last { $0 <= minValue * (1 + 1e-12) } ?? pow(10, lo)
      let upper = candidates.first { $0 >= maxValue * (1 - 1e-12) } ?? pow(10, hi)
      let ticks = candidates.filter { $0 >= lower && $0 <= upper }
      return ChartAxis(
        lower: lower, upper: upper, ticks: ticks, labels: ticks.map(logLabel), logarithmic: true)
    }
    var ticks: [Double] = []
    let every = max(1, Int((Double(decades) / 8).rounded(.up)))
    for d in stride(from: Int(lo), through: Int(hi), by: every) { ticks.append(pow(10, Double(d))) }
    return ChartAxis(
      lower: pow(10, lo), upper: pow(10, hi), ticks: ticks, labels: ticks.map(logLabel), logarithmic: true)
  }

  /// A fixed axis with the given ticks.
  static func fixed(_ lower: Double, _ upper: Double, ticks: [Double]) -> ChartAxis {
    let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
    return ChartAxis(
      lower: lower, upper: upper, ticks: ticks, labels: ticks.map { label($0, step: step) },
      logarithmic: false)
  }

  static func label(_ v: Double, step: Double) -> String {
    let v = abs(v) < step * 1e-6 ? 0 : v
    let magnitude = max(abs(v), step)
    if magnitude >= 1e6 || step < 1e-4 { return String(format: "%.3g", v) }
    let decimals = max(0, Int(-floor(log10(step) + 1e-9)))
    return String(format: "%.\(decimals)f", v)
  }

  static func logLabel(_ v: Double) -> String {
    if v >= 1e5 || v < 1e-3 { return String(format: "%.0e", v) }
    var s = String(format: "%.3f", v)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s
  }
}
