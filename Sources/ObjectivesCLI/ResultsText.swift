import Objectives

/// Writes `Results` as an aligned table, as JSON (one key per metric) or as CSV.
enum ResultsText {
  /// The results as aligned `name  value  direction` lines with every number written exactly (the
  /// shortest text that reads back to the same `Double`); vectors print on one line, matrices one
  /// row per line; the last column is `min` or `max` when the direction is known. Metrics tables use
  /// the library's `Results.table()` with four decimals instead.
  static func table(_ results: Results) -> String {
    guard !results.isEmpty else { return "" }
    let nameWidth = results.map(\.name.count).max() ?? 0
    let scalarCells = results.map { $0.value.scalar.map(NumberFormatting.shortest) }
    let scalarWidth = scalarCells.compactMap { $0?.count }.max() ?? 0
    var lines: [String] = []
    for (entry, scalar) in zip(results, scalarCells) {
      let name = entry.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
      let direction = entry.higherIsBetter.map { $0 ? "  max" : "  min" } ?? ""
      switch entry.value {
      case .scalar:
        let text = scalar ?? ""
        lines.append(name + "  " + String(repeating: " ", count: scalarWidth - text.count) + text + direction)
      case .vector(let v):
        lines.append(name + "  " + row(v.map(NumberFormatting.shortest)) + direction)
      case .matrix(let r, let c, let v):
        let all = v.map(NumberFormatting.shortest)
        let width = all.map(\.count).max() ?? 0
        if r == 0 || c == 0 {
          lines.append(name + "  [\(r)x\(c)]" + direction)
          continue
        }
        for i in 0..<r {
          let lead = i == 0 ? name : String(repeating: " ", count: nameWidth)
          lines.append(
            lead + "  " + row(Array(all[(i * c)..<(i * c + c)]), width: width) + (i == 0 ? direction : ""))
        }
      }
    }
    return lines.map(\.trailingSpacesRemoved).joined(separator: "\n") + "\n"
  }

  /// One JSON object with one key per metric, in the order of the results: scalars as numbers,
  /// vectors as arrays, matrices as arrays of rows. NaN and infinities are written as the strings
  /// `"nan"`, `"inf"` and `"-inf"`, as everywhere in the package.
  static func json(_ results: Results) -> String {
    var members: [String] = []
    for entry in results {
      let value: String
      switch entry.value {
      case .scalar(let x): value = jsonNumber(x)
      case .vector(let v): value = "[" + v.map(jsonNumber).joined(separator: ", ") + "]"
      case .matrix(let r, let c, let v):
        let rows = (0..<r).map { i in
          "[" + v[(i * c)..<(i * c + c)].map(jsonNumber).joined(separator: ", ") + "]"
        }
        value = "[" + rows.joined(separator: ", ") + "]"
      }
      members.append("  " + jsonString(entry.name) + ": " + value)
    }
    if members.isEmpty { return "{}\n" }
    return "{\n" + members.joined(separator: ",\n") + "\n}\n"
  }

  /// CSV with the header `metric,value`: one row per scalar; vector entries as `name[i]` and
  /// matrix entries as `name[i][j]`.
  static func csv(_ results: Results) -> String {
    var lines = ["metric,value"]
    for entry in results {
      switch entry.value {
      case .scalar(let x): lines.append(csvField(entry.name) + "," + NumberFormatting.shortest(x))
      case .vector(let v):
        for (i, x) in v.enumerated() {
          lines.append(csvField("\(entry.name)[\(i)]") + "," + NumberFormatting.shortest(x))
        }
      case .matrix(let r, let c, let v):
        for i in 0..<r {
          for j in 0..<c {
            lines.append(
              csvField("\(entry.name)[\(i)][\(j)]") + "," + NumberFormatting.shortest(v[i * c + j]))
          }
        }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func row(_ cells: [String], width: Int? = nil) -> String {
    let w = width ?? cells.map(\.count).max() ?? 0
    return "[" + cells.map { String(repeating: " ", count: w - $0.count) + $0 }.joined(separator: "  ") + "]"
  }

  static func jsonNumber(_ x: Double) -> String {
    if x.isNaN { return "\"nan\"" }
    if x.isInfinite { return x > 0 ? "\"inf\"" : "\"-inf\"" }
    return NumberFormatting.shortest(x)
  }

  static func jsonString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  static func csvField(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.replacing("\"", with: "\"\"") + "\""
  }
}
