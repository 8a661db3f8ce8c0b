import Foundation

extension Results {
  /// One JSON object with one key per metric, in the order of the results: scalars as numbers,
  /// vectors as arrays, matrices as arrays of rows. NaN and infinities are written as the strings
  /// `"nan"`, `"inf"` and `"-inf"`, as everywhere in the package.
  /// - Complexity: O(total number of values).
  public func json() -> String {
    func number(_ x: Double) -> String {
      if x.isNaN { return "\"nan\"" }
      if x.isInfinite { return x > 0 ? "\"inf\"" : "\"-inf\"" }
      return NumberFormatting.shortest(x)
    }
    var members: [String] = []
    for entry in self {
      let value: String
      switch entry.value {
      case .scalar(let x): value = number(x)
      case .vector(let v): value = "[" + v.map(number).joined(separator: ", ") + "]"
      case .matrix(let r, let c, let v):
        let rows = (0..<r).map { i in
          "[" + v[(i * c)..<(i * c + c)].map(number).joined(separator: ", ") + "]"
        }
        value = "[" + rows.joined(separator: ", ") + "]"
      }
      members.append("  " + JSONText.quote(entry.name) + ": " + value)
    }
    if members.isEmpty { return "{}\n" }
    return "{\n" + members.joined(separator: ",\n") + "\n}\n"
  }

  /// CSV with the header `metric,value`: one row per scalar; vector entries as `name[i]` and
  /// matrix entries as `name[i][j]`. Numbers are the shortest text that reads back to the same
  /// `Double`; names are quoted only when they need it.
  /// - Complexity: O(total number of values).
  public func csv() -> String {
    func field(_ s: String) -> String {
      guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
      return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    var lines = ["metric,value"]
    for entry in self {
      switch entry.value {
      case .scalar(let x): lines.append(field(entry.name) + "," + NumberFormatting.shortest(x))
      case .vector(let v):
        for (i, x) in v.enumerated() {
          lines.append(field("\(entry.name)[\(i)]") + "," + NumberFormatting.shortest(x))
        }
      case .matrix(let r, let c, let v):
        for i in 0..<r {
          for j in 0..<c {
            lines.append(field("\(entry.name)[\(i)][\(j)]") + "," + NumberFormatting.shortest(v[i * c + j]))
          }
        }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
