import Foundation

/// A validated format for one floating-point number, written in C (`"%.2f"`) or Python (`".2f"`)
/// style: optional flags (`+`, `-`, space, `0`), an optional width, an optional precision and one
/// of the conversions `f`, `e`, `g` (or `F`, `E`, `G`); or `%r` for the shortest round-trip text.
///
/// Only one number is ever formatted, so no format string can read arguments that are not there.
/// Non-finite values print as `nan`, `inf` and `-inf` whatever the format.
public struct FloatFormat: Sendable, Hashable, Codable, CustomStringConvertible,
  ExpressibleByStringLiteral
{
  /// The normalised C format, for example `%.4f`.
  public let cFormat: String

  /// Fixed notation with `digits` digits after the decimal point (`%.{digits}f`).
  public static func fixed(_ digits: Int) -> FloatFormat {
    FloatFormat(validated: "%.\(max(0, min(digits, 17)))f")
  }

  /// The default of the meters, `%.4f` (DanLing's `.4f`).
  public static let standard = FloatFormat.fixed(4)

  /// The shortest text that reads back to the same `Double`, with integral values without `.0`
  /// (`0.1`, `2`, `1e-08`); written `%r` (or `r`), after Python's `repr`.
  public static let shortest = FloatFormat(validated: "%r")

  /// Parses a format. Throws `ObjectiveError.invalidArgument` for anything but one floating conversion.
  public init(_ spec: String) throws(ObjectiveError) {
    guard let normalised = FloatFormat.normalise(spec) else {
      throw .invalidArgument("not a floating-point format: \"\(spec)\" (expected e.g. \"%.4f\" or \".4f\")")
    }
    cFormat = normalised
  }

  /// A format from a literal; an invalid literal is a programming error and stops the program.
  public init(stringLiteral value: String) {
    guard let normalised = FloatFormat.normalise(value) else {
      preconditionFailure("not a floating-point format: \"\(value)\" (expected e.g. \"%.4f\" or \".4f\")")
    }
    cFormat = normalised
  }

  private init(validated: String) { cFormat = validated }

  /// Formats `value`. Non-finite values are written `nan`, `inf`, `-inf`, padded to the width.
  public func callAsFunction(_ value: Double) -> String {
    if cFormat == "%r" { return NumberFormatting.shortest(value) }
    if value.isFinite { return String(format: cFormat, value) }
    let text = value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf")
    let width = Int(cFormat.dropFirst().prefix { $0.isNumber || "+- ".contains($0) }.filter(\.isNumber)) ?? 0
    if text.count >= width { return text }
    let pad = String(repeating: " ", count: width - text.count)
    return cFormat.contains("-") ? text + pad : pad + text
  }

  /// A readable description, as `print` shows it.
  public var description: String { cFormat }

  /// Returns the C form of a valid spec, or nil.
  static func normalise(_ spec: String) -> String? {
    if spec == "r" || spec == "%r" { return "%r" }
    var chars = Substring(spec)
    if chars.first == "%" { chars = chars.dropFirst() }
    var flags = ""
    while let c = chars.first, "+- 0#".contains(c) {
      flags.append(c)
      chars = chars.dropFirst()
    }
    let width = chars.prefix { $0.isASCII && $0.isNumber }
    chars = chars.dropFirst(width.count)
    var precision = ""
    if chars.first == "." {
      chars = chars.dropFirst()
      let digits = chars.prefix { $0.isASCII && $0.isNumber }
      guard !digits.isEmpty else { return nil }
      precision = "." + digits
      chars = chars.dropFirst(digits.count)
    }
    guard chars.count == 1, let conversion = chars.first, "feEgGF".contains(conversion) else { return nil }
    guard width.count <= 3, precision.count <= 3 else { return nil }
    return "%" + flags + width + precision + String(conversion)
  }

  // Codable as the plain C format string.
  /// Decodes the value written by `encode(to:)` (non-finite numbers under `FiniteOrSpecial`).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    let text = try c.decode(String.self)
    guard let normalised = FloatFormat.normalise(text) else {
      throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a floating-point format: \(text)")
    }
    cFormat = normalised
  }

  /// Encodes the value so that a plain `JSONEncoder` works (non-finite numbers under `FiniteOrSpecial`).
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(cFormat)
  }
}
