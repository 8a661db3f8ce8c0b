/// One cell of a `SampleTable`: a number or a text.
///
/// Numbers cover losses, confidences, predicted class indices and epochs (integers are exact up to
/// 2^53); texts cover splits and label names.
public enum SampleValue: Sendable, Hashable, Codable, CustomStringConvertible,
  ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral
{
  /// A number (NaN and infinities allowed).
  case number(Double)
  /// A text.
  case text(String)

  public init(floatLiteral value: Double) { self = .number(value) }
  public init(integerLiteral value: Int) { self = .number(Double(value)) }
  public init(stringLiteral value: String) { self = .text(value) }

  /// The number, or `nil` for a text.
  public var number: Double? {
    if case .number(let v) = self { return v }
    return nil
  }

  /// The text, or `nil` for a number.
  public var text: String? {
    if case .text(let t) = self { return t }
    return nil
  }

  public var description: String {
    switch self {
    case .number(let v): return NumberFormatting.shortest(v)
    case .text(let t): return t
    }
  }

  /// Equal values, with NaN equal to NaN (unlike `==`). Used to compare exports with originals.
  public func isIdentical(to other: SampleValue) -> Bool {
    switch (self, other) {
    case (.number(let a), .number(let b)): return a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)
    case (.text(let a), .text(let b)): return a == b
    default: return false
    }
  }
}
