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

  /// A number from a floating-point literal.
  public init(floatLiteral value: Double) { self = .number(value) }
  /// A number from an integer literal.
  public init(integerLiteral value: Int) { self = .number(Double(value)) }
  /// A text from a string literal.
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

  /// A readable description, as `print` shows it.
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

extension SampleValue {
  private enum CodingKeys: String, CodingKey { case number, text }
  private enum PayloadKeys: String, CodingKey { case value = "_0" }

  /// Decodes `{"number": {"_0": x}}` or `{"text": {"_0": s}}`, the number under the library's
  /// non-finite policy (see `FiniteOrSpecial`).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    if c.contains(.number) {
      let payload = try c.nestedContainer(keyedBy: PayloadKeys.self, forKey: .number)
      self = .number(try payload.decodeNumber(forKey: .value))
    } else {
      let payload = try c.nestedContainer(keyedBy: PayloadKeys.self, forKey: .text)
      self = .text(try payload.decode(String.self, forKey: .value))
    }
  }

  /// Encodes the cell with NaN and infinities as the policy's strings, so a plain `JSONEncoder`
  /// works.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .number(let v):
      var payload = c.nestedContainer(keyedBy: PayloadKeys.self, forKey: .number)
      try payload.encodeNumber(v, forKey: .value)
    case .text(let t):
      var payload = c.nestedContainer(keyedBy: PayloadKeys.self, forKey: .text)
      try payload.encode(t, forKey: .value)
    }
  }
}
