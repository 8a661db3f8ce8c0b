/// The library's one JSON reader and writer (results, history and sample-table exports).
///
/// Numbers follow the non-finite policy of `FiniteOrSpecial`: finite numbers in their shortest
/// exact form, non-finite ones as the strings `"nan"`, `"inf"`, `"-inf"` (`"nan(0x…)"` for other
/// NaNs). The reader also accepts the bare `NaN`, `Infinity` and `-Infinity` of earlier exports.
/// Objects keep their key order.
indirect enum JSONText: Equatable {
  case null
  case bool(Bool)
  /// A number with its literal text (so integers are read exactly).
  case number(Double, literal: String)
  case string(String)
  case array([JSONText])
  case object([(String, JSONText)])

  static func == (a: JSONText, b: JSONText) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.number(_, let x), .number(_, let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.array(let x), .array(let y)): return x == y
    case (.object(let x), .object(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: return false
    }
  }

  /// A number under the policy of `FiniteOrSpecial`: a JSON number in its shortest exact form,
  /// or the policy's string for a non-finite value.
  static func number(_ v: Double) -> JSONText {
    if let token = FiniteOrSpecial.token(for: v) { return .string(token) }
    return .number(v, literal: NumberFormatting.shortest(v))
  }

  /// An integer, written exactly.
  static func integer(_ i: Int) -> JSONText { .number(Double(i), literal: String(i)) }

  /// The number this value stands for under the policy: a JSON number (bare `NaN` and `±Infinity`
  /// included) or one of the policy's strings; `nil` otherwise.
  var numberValue: Double? {
    switch self {
    case .number(let v, _): return v
    case .string(let s): return FiniteOrSpecial.number(for: s)
    default: return nil
    }
  }

  /// Whether the value is a string.
  var isString: Bool {
    if case .string = self { return true }
    return false
  }

  /// The value of an integer JSON number, read exactly from its text.
  var integerValue: Int? {
    if case .number(_, let literal) = self { return Int(literal) }
    return nil
  }

  /// The value of a key of an object.
  subscript(key: String) -> JSONText? {
    if case .object(let pairs) = self { return pairs.first { $0.0 == key }?.1 }
    return nil
  }

  /// Compact JSON text on one line.
  var text: String { text(spaced: false) }

  /// JSON text on one line; `spaced` puts a space after each `,` and `:`.
  func text(spaced: Bool) -> String {
    let comma = spaced ? ", " : ","
    let colon = spaced ? ": " : ":"
    switch self {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .number(_, let literal): return literal
    case .string(let s): return JSONText.quote(s)
    case .array(let a): return "[" + a.map { $0.text(spaced: spaced) }.joined(separator: comma) + "]"
    case .object(let o):
      return "{" + o.map { JSONText.quote($0.0) + colon + $0.1.text(spaced: spaced) }.joined(separator: comma)
        + "}"
    }
  }

  static func quote(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where u.value < 0x20:
        let hex = String(u.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(u)
      }
    }
    return out + "\""
  }

  /// Splits JSON Lines text into (line number, line) pairs, skipping blank lines.
  static func lines(_ text: String) -> [(Int, Substring)] {
    text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { i, l in
      let line = l.hasSuffix("\r") ? l.dropLast() : l
      return line.allSatisfy { $0 == " " || $0 == "\t" } ? nil : (i + 1, line)
    }
  }

  /// Parses one JSON value that fills `line`.
  /// - Throws: `malformedInput` with the line and the 1-based column (in UTF-8 bytes) of the problem.
  static func parse(_ line: Substring, lineNumber: Int) throws(ObjectiveError) -> JSONText {
    var p = Parser(bytes: Array(line.utf8), line: lineNumber)
    let value = try p.value(depth: 0)
    p.skipSpace()
    if p.i < p.bytes.count { throw p.error("unexpected text after the value") }
    return value
  }

  private struct Parser {
    let bytes: [UInt8]
    let line: Int
    var i = 0

    init(bytes: [UInt8], line: Int) {
      self.bytes = bytes
      self.line = line
    }

    func error(_ reason: String) -> ObjectiveError {
      .malformedInput(line: line, column: i + 1, reason: reason)
    }

    mutating func skipSpace() {
      while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D || bytes[i] == 0x0A {
        i += 1
      }
    }

    mutating func literal(_ word: String) -> Bool {
      let w = Array(word.utf8)
      guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else { return false }
      i += w.count
      return true
    }

    mutating func value(depth: Int) throws(ObjectiveError) -> JSONText {
      guard depth < 64 else { throw error("nesting deeper than 64 levels") }
      skipSpace()
      guard i < bytes.count else { throw error("unexpected end of line") }
      switch bytes[i] {
      case UInt8(ascii: "{"):
        i += 1
        var pairs: [(String, JSONText)] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
          i += 1
          return .object(pairs)
        }
        while true {
          skipSpace()
          guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
            throw error("expected a key in quotes")
          }
          let key = try string()
          skipSpace()
          guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("expected ':'") }
          i += 1
          if pairs.contains(where: { $0.0 == key }) { throw error("duplicate key \"\(key)\"") }
          pairs.append((key, try value(depth: depth + 1)))
          skipSpace()
          guard i < bytes.count else { throw error("unterminated object") }
          if bytes[i] == UInt8(ascii: ",") {
            i += 1
          } else if bytes[i] == UInt8(ascii: "}") {
            i += 1
            return .object(pairs)
          } else {
            throw error("expected ',' or '}'")
          }
        }
      case UInt8(ascii: "["):
        i += 1
        var items: [JSONText] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
          i += 1
          return .array(items)
        }
        while true {
          items.append(try value(depth: depth + 1))
          skipSpace()
          guard i < bytes.count else { throw error("unterminated array") }
          if bytes[i] == UInt8(ascii: ",") {
            i += 1
          } else if bytes[i] == UInt8(ascii: "]") {
            i += 1
            return .array(items)
          } else {
            throw error("expected ',' or ']'")
          }
        }
      case UInt8(ascii: "\""):
        return .string(try string())
      default:
        if literal("null") { return .null }
        if literal("true") { return .bool(true) }
        if literal("false") { return .bool(false) }
        if literal("NaN") { return .number(.nan, literal: "NaN") }
        if literal("Infinity") { return .number(.infinity, literal: "Infinity") }
        if literal("-Infinity") { return .number(-.infinity, literal: "-Infinity") }
        return try number()
      }
    }

    mutating func number() throws(ObjectiveError) -> JSONText {
      let start = i
      func digits() -> Int {
        let s = i
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
        return i - s
      }
      if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
      guard digits() > 0 else {
        i = start
        throw error("expected a value")
      }
      if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
        i += 1
        guard digits() > 0 else { throw error("expected digits after '.'") }
      }
      if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
        i += 1
        if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard digits() > 0 else { throw error("expected digits in the exponent") }
      }
      let text = String(decoding: bytes[start..<i], as: UTF8.self)
      guard let v = Double(text) else {
        i = start
        throw error("not a number: \(text)")
      }
      return .number(v, literal: text)
    }

    mutating func string() throws(ObjectiveError) -> String {
      i += 1
      var out: [UInt8] = []
      while i < bytes.count {
        let b = bytes[i]
        if b == UInt8(ascii: "\"") {
          i += 1
          return String(decoding: out, as: UTF8.self)
        }
        if b < 0x20 { throw error("control character in a string") }
        if b != UInt8(ascii: "\\") {
          out.append(b)
          i += 1
          continue
        }
        i += 1
        guard i < bytes.count else { break }
        let e = bytes[i]
        i += 1
        switch e {
        case UInt8(ascii: "\""): out.append(e)
        case UInt8(ascii: "\\"): out.append(e)
        case UInt8(ascii: "/"): out.append(e)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          var code = try hex4()
          if (0xD800..<0xDC00).contains(code) {
            guard literal("\\u") else { throw error("unpaired surrogate") }
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
          }
          guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
          out.append(contentsOf: Array(String(scalar).utf8))
        default:
          i -= 2
          throw error("invalid escape")
        }
      }
      throw error("unterminated string")
    }

    mutating func hex4() throws(ObjectiveError) -> UInt32 {
      guard i + 4 <= bytes.count,
        bytes[i..<(i + 4)].allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }),
        let v = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16)
      else { throw error("invalid \\u escape") }
      i += 4
      return v
    }
  }
}
