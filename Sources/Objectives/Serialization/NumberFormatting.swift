/// Number formatting shared by formulas, results tables and exports.
public enum NumberFormatting {
  /// The shortest decimal form that parses back to the same `Double`, with integral values
  /// printed without `.0` (`2`, `0.5`, `1e-08`, `1e+20`, `nan`, `inf`).
  public static func shortest(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    if value == 0 { return value.sign == .minus ? "-0" : "0" }
    var text = value.description
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text
  }
}
