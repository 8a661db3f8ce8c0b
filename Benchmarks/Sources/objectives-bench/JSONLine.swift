/// A JSON value with ordered object keys, enough to print one result line like the reference
/// script's `json.dumps`.
enum JSONValue {
  case string(String)
  case number(Double)
  case integer(Int)
  case bool(Bool)
  case array([JSONValue])
  case object([(String, JSONValue)])

  /// The compact JSON text (`NaN`, `Infinity` and `-Infinity` as Python's `json` writes them).
  var text: String {
    switch self {
    case .string(let s): return Self.quoted(s)
    case .number(let x):
      if x.isNaN { return "NaN" }
      if x.isInfinite { return x > 0 ? "Infinity" : "-Infinity" }
      return "\(x)"
    case .integer(let n): return "\(n)"
    case .bool(let b): return b ? "true" : "false"
    case .array(let items): return "[" + items.map(\.text).joined(separator: ", ") + "]"
    case .object(let pairs):
      return "{" + pairs.map { "\(Self.quoted($0.0)): \($0.1.text)" }.joined(separator: ", ") + "}"
    }
  }

  private static func quoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}

/// Prints one result line: `{"workload", "library", "seconds", "values", ...extra}`.
func emit(
  workload: String, library: String, seconds: Double, values: [(String, Double)],
  extra: [(String, JSONValue)] = []
) {
  let line = JSONValue.object(
    [
      ("workload", .string(workload)), ("library", .string(library)), ("seconds", .number(seconds)),
      ("values", .object(values.map { ($0.0, .number($0.1)) })),
    ] + extra)
  print(line.text)
  fflushStandardOutput()
}
