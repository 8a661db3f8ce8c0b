extension SampleTable {
  /// The table as CSV: a header `example_id,<columns…>`, then one line per row.
  ///
  /// Texts are quoted and numbers are not, so `"12"` stays a text; a missing cell is an empty field.
  /// Numbers are written in their shortest exact form (`nan`, `inf`, `-inf` included).
  public func csv() -> String {
    var out = ([Self.exampleIDColumn] + columns.map(CSVText.quote)).joined(separator: ",") + "\n"
    let data = columns.map { column($0) ?? [] }
    for r in 0..<count {
      var fields = [String(exampleIDs[r])]
      for cells in data {
        switch cells[r] {
        case nil: fields.append("")
        case .number(let v)?: fields.append(CSVText.number(v))
        case .text(let t)?: fields.append(CSVText.quote(t))
        }
      }
      out += fields.joined(separator: ",") + "\n"
    }
    return out
  }

  /// The table as JSON Lines, one object per row: `{"example_id":3,"epoch":1,"split":"val","loss":0.25}`.
  /// Missing cells are left out. Numbers follow the library's non-finite policy (`FiniteOrSpecial`):
  /// non-finite ones are the strings `"nan"`, `"inf"`, `"-inf"`, so a text that spells one of them
  /// is written `{"text":"nan"}`. `SampleTable(jsonLines:)` also reads the bare `NaN`, `Infinity`
  /// and `-Infinity` of earlier exports.
  public func jsonLines() -> String {
    var out = ""
    let data = columns.map { column($0) ?? [] }
    for r in 0..<count {
      var pairs: [(String, JSONText)] = [
        (Self.exampleIDColumn, .integer(exampleIDs[r]))
      ]
      for (name, cells) in zip(columns, data) {
        switch cells[r] {
        case nil: continue
        case .number(let v)?: pairs.append((name, .number(v)))
        case .text(let t)?:
          let isToken = FiniteOrSpecial.number(for: t) != nil
          pairs.append((name, isToken ? .object([("text", .string(t))]) : .string(t)))
        }
      }
      out += JSONText.object(pairs).text + "\n"
    }
    return out
  }

  /// Reads a CSV export back. `constantColumns` names the columns to treat as constants (left out of
  /// `averages`); an export does not record which columns were constants.
  /// - Throws: `malformedInput(line:column:reason:)`, where `column` is the 1-based field number.
  public init(csv: String, constantColumns: Set<String> = []) throws(ObjectiveError) {
    let records = try CSVText.parse(csv)
    guard let header = records.first else { throw .malformedInput(line: 1, column: 0, reason: "empty input") }
    guard header.first?.text == Self.exampleIDColumn else {
      throw .malformedInput(
        line: 1, column: 1, reason: "the first column must be \"\(Self.exampleIDColumn)\"")
    }
    let names = header.dropFirst().map(\.text)
    if let dup = Self.firstDuplicate(names + [Self.exampleIDColumn]) {
      throw .malformedInput(line: 1, column: 0, reason: "column \"\(dup)\" appears twice in the header")
    }
    var rows: [(Int, [String: SampleValue])] = []
    for record in records.dropFirst() {
      let line = record.first?.line ?? 0
      guard record.count == header.count else {
        throw .malformedInput(
          line: line, column: min(record.count, header.count) + 1,
          reason: "expected \(header.count) fields, found \(record.count)")
      }
      let id = try CSVText.parseInt(record[0], what: Self.exampleIDColumn)
      var values: [String: SampleValue] = [:]
      for (name, field) in zip(names, record.dropFirst()) {
        if field.quoted {
          values[name] = .text(field.text)
        } else if !field.text.isEmpty {
          values[name] = .number(try CSVText.parseNumber(field, what: "\"\(name)\" (texts must be quoted)"))
        }
      }
      rows.append((id, values))
    }
    self.init(columns: names, constantColumns: constantColumns.intersection(names), rows: rows)
  }

  /// Reads a JSON Lines export back (columns in order of first appearance).
  /// - Throws: `malformedInput(line:column:reason:)` with the byte column of a syntax error, or column 0
  ///   for a missing id or a value that is not a number, a string or null.
  public init(jsonLines: String, constantColumns: Set<String> = []) throws(ObjectiveError) {
    var names: [String] = []
    var known = Set<String>()
    var rows: [(Int, [String: SampleValue])] = []
    for (line, text) in JSONText.lines(jsonLines) {
      guard case .object(let pairs) = try JSONText.parse(text, lineNumber: line) else {
        throw .malformedInput(line: line, column: 1, reason: "each line must be a JSON object")
      }
      var id: Int?
      var values: [String: SampleValue] = [:]
      for (key, value) in pairs {
        if key == Self.exampleIDColumn {
          guard let i = value.integerValue else {
            throw .malformedInput(line: line, column: 0, reason: "\"\(key)\" must be an integer")
          }
          id = i
          continue
        }
        switch value {
        case .null: continue
        case .number(let v, _): values[key] = .number(v)
        case .string(let s): values[key] = FiniteOrSpecial.number(for: s).map(SampleValue.number) ?? .text(s)
        case .object(let o) where o.count == 1 && o[0].0 == "text" && o[0].1.isString:
          if case .string(let s) = o[0].1 { values[key] = .text(s) }
        default:
          throw .malformedInput(
            line: line, column: 0, reason: "\"\(key)\" must be a number, a string or null")
        }
        if known.insert(key).inserted { names.append(key) }
      }
      guard let id else {
        throw .malformedInput(line: line, column: 0, reason: "missing \"\(Self.exampleIDColumn)\"")
      }
      rows.append((id, values))
    }
    self.init(columns: names, constantColumns: constantColumns.intersection(names), rows: rows)
  }

  static func firstDuplicate(_ names: [String]) -> String? {
    var seen = Set<String>()
    return names.first { !seen.insert($0).inserted }
  }
}
