/// Colours and line styles of the charts.
///
/// Series colours come from the Okabe–Ito palette, which stays distinguishable under the common
/// colour-vision deficiencies (its yellow is replaced by a mid grey, which reads better on white).
/// Past eight series the colours repeat with a dash pattern, so twelve series remain distinct.
/// Heat maps use a single-hue blue ramp, light to dark, which is safe for colour-blind readers and
/// prints in grey scale.
public enum ChartStyle {
  /// The eight series colours, in order.
  public static let colors = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#7F7F7F",
  ]

  /// Dash patterns used after the colours run out (solid first).
  public static let dashes = ["", "7 4", "2 3", "9 3 2 3"]

  /// The colour of series `index` (any integer: the palette repeats, also below 0).
  public static func color(_ index: Int) -> String { colors[wrapped(index, colors.count)] }

  /// The dash pattern of series `index` (empty for solid; any integer, as `color(_:)`).
  public static func dash(_ index: Int) -> String {
    let (quotient, remainder) = index.quotientAndRemainder(dividingBy: colors.count)
    return dashes[wrapped(quotient - (remainder < 0 ? 1 : 0), dashes.count)]
  }

  /// `index` modulo `count`, in `0..<count` also for negative `index`.
  static func wrapped(_ index: Int, _ count: Int) -> Int {
    let r = index % count
    return r < 0 ? r + count : r
  }

  static let ramp: [(Double, Double, Double)] = [
    (247, 251, 255), (222, 235, 247), (198, 219, 239), (158, 202, 225), (107, 174, 214),
    (66, 146, 198), (33, 113, 181), (8, 81, 156), (8, 48, 107),
  ]

  /// The heat-map colour of `t` in [0, 1] (clamped; NaN gives light grey).
  public static func heat(_ t: Double) -> String {
    guard t.isFinite else { return "#eeeeee" }
    let x = Swift.min(Swift.max(t, 0), 1) * Double(ramp.count - 1)
    let i = Swift.min(Int(x), ramp.count - 2)
    let f = x - Double(i)
    let (a, b) = (ramp[i], ramp[i + 1])
    func mix(_ p: Double, _ q: Double) -> Int { Int((p + (q - p) * f).rounded()) }
    return hex(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
  }

  /// Whether text on the heat-map colour of `t` should be white.
  static func heatNeedsLightText(_ t: Double) -> Bool { t.isFinite && t > 0.55 }

  static func hex(_ r: Int, _ g: Int, _ b: Int) -> String {
    let digits = Array("0123456789ABCDEF")
    return "#" + [r, g, b].map { String([digits[($0 >> 4) & 15], digits[$0 & 15]]) }.joined()
  }
}
