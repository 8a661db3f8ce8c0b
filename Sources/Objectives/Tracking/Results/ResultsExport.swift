extension Results {
  /// One JSON object with one key per metric, in the order of the results: scalars as numbers,
  /// vectors as arrays, matrices as arrays of rows. Numbers follow the library's non-finite policy
  /// (`FiniteOrSpecial`): NaN and infinities are the strings `"nan"`, `"inf"` and `"-inf"`, and
  /// `-0.0` is `-0`.
  /// - Complexity: O(total number of values).
  public func json() -> String {
    var members: [String] = []
    for entry in self {
      let value: JSONText
      switch entry.value {
      case .scalar(let x): value = .number(x)
      case .vector(let v): value = .array(v.map(JSONText.number))
      case .matrix(let r, let c, let v):
        value = .array((0..<r).map { i in .array(v[(i * c)..<(i * c + c)].map(JSONText.number)) })
      }
      members.append("  " + JSONText.quote(entry.name) + ": " + value.text(spaced: true))
    }
    if members.isEmpty { return "{}\n" }
    return "{\n" + members.joined(separator: ",\n") + "\n}\n"
  }

  /// CSV with the header `metric,value`: one row per scalar; vector entries as `name[i]` and
  /// matrix entries as `name[i][j]`. Numbers are the shortest text that reads back to the same
  /// `Double`, non-finite ones unquoted `nan`, `inf`, `-inf` (the policy of `FiniteOrSpecial`);
  /// names are quoted only when they need it (`CSVText.field(_:)`).
  /// - Complexity: O(total number of values).
  public func csv() -> String {
    var lines = ["metric,value"]
    func row(_ name: String, _ x: Double) { lines.append(CSVText.field(name) + "," + CSVText.number(x)) }
    for entry in self {
      switch entry.value {
      case .scalar(let x): row(entry.name, x)
      case .vector(let v):
        for (i, x) in v.enumerated() { row("\(entry.name)[\(i)]", x) }
      case .matrix(let r, let c, let v):
        for i in 0..<r {
          for j in 0..<c { row("\(entry.name)[\(i)][\(j)]", v[i * c + j]) }
        }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
