extension History {
  /// The columns of a history CSV export, in order.
  public static let csvHeader = ["name", "axis", "time", "direction", "value"]

  /// The history as CSV, one row per logged value, series after series:
  ///
  /// ```
  /// name,axis,time,direction,value
  /// "val/loss","epoch",1,minimize,0.6931471805599453
  /// "val/per_class","epoch",1,,"[0.5,nan]"
  /// "val/confusion","epoch",1,,"2x2[5,1,0,4]"
  /// ```
  ///
  /// Texts are quoted and numbers are not; numbers follow the library's non-finite policy
  /// (`FiniteOrSpecial`: shortest exact form, `nan`, `inf`, `-inf`, `nan(0x…)`), vectors as a quoted `"[a,b,…]"` and matrices as a quoted
  /// `"RxC[…]"` in row-major order. `History(csv:)` reads it back to identical values.
  public func csv() -> String {
    var out = Self.csvHeader.joined(separator: ",") + "\n"
    for s in series {
      let direction = s.direction?.rawValue ?? ""
      for p in s.points {
        let value: String
        if case .scalar(let v) = p.value {
          value = CSVText.number(v)
        } else {
          value = CSVText.quote(Self.text(p.value))
        }
        out +=
          [CSVText.quote(s.name), CSVText.quote(s.axis.rawValue), String(p.time), direction, value]
          .joined(separator: ",") + "\n"
      }
    }
    return out
  }

  /// The history as JSON Lines, one object per logged value:
  /// `{"name":"val/loss","axis":"epoch","time":1,"direction":"minimize","value":0.69}`.
  ///
  /// Numbers follow the library's non-finite policy (`FiniteOrSpecial`): non-finite ones are the
  /// strings `"nan"`, `"inf"`, `"-inf"`; vectors are arrays and matrices
  /// `{"rows":R,"columns":C,"values":[…]}`. `History(jsonLines:)` also reads the bare `NaN`,
  /// `Infinity` and `-Infinity` of earlier exports.
  public func jsonLines() -> String {
    var out = ""
    for s in series {
      let direction: JSONText = s.direction.map { .string($0.rawValue) } ?? .null
      for p in s.points {
        let object = JSONText.object([
          ("name", .string(s.name)), ("axis", .string(s.axis.rawValue)),
          ("time", .integer(p.time)), ("direction", direction),
          ("value", Self.json(p.value)),
        ])
        out += object.text + "\n"
      }
    }
    return out
  }

  /// Reads a CSV export back. A `higher_is_better` column of `true`/`false` (exports written
  /// before ``Direction``) is read in place of `direction`.
  /// - Throws: `malformedInput(line:column:reason:)`, where `column` is the 1-based field number, for a
  ///   bad header, a bad field, a wrong number of fields, or rows that break the rules of `log`.
  public init(csv: String) throws(ObjectiveError) {
    self.init()
    let records = try CSVText.parse(csv)
    guard let header = records.first else { throw .malformedInput(line: 1, column: 0, reason: "empty input") }
    let names = header.map(\.text)
    var at: [String: Int] = [:]
    let legacyDirection = !names.contains("direction") && names.contains("higher_is_better")
    if legacyDirection, let i = names.firstIndex(of: "higher_is_better") { at["direction"] = i }
    for wanted in Self.csvHeader where at[wanted] == nil {
      guard let i = names.firstIndex(of: wanted) else {
        throw .malformedInput(line: 1, column: 0, reason: "missing column \"\(wanted)\" in the header")
      }
      at[wanted] = i
    }
    // Every header column was found above (or the reader threw), so each index is known.
    let column = Self.csvHeader.map { at[$0] ?? 0 }
    for record in records.dropFirst() {
      let line = record.first?.line ?? 0
      guard record.count == header.count else {
        throw .malformedInput(
          line: line, column: min(record.count, header.count) + 1,
          reason: "expected \(header.count) fields, found \(record.count)")
      }
      let name = record[column[0]]
      let axisField = record[column[1]]
      guard let axis = TimeAxis(rawValue: axisField.text) else {
        throw .malformedInput(
          line: line, column: axisField.column,
          reason: "axis must be \"step\" or \"epoch\", found \(CSVText.describe(axisField))")
      }
      let time = try CSVText.parseInt(record[column[2]], what: "time")
      let directionField = record[column[3]]
      let direction: Direction?
      switch (directionField.quoted, directionField.text, legacyDirection) {
      case (false, "", _): direction = nil
      case (false, "minimize", false), (false, "false", true): direction = .minimize
      case (false, "maximize", false), (false, "true", true): direction = .maximize
      default:
        let allowed =
          legacyDirection ? "higher_is_better must be true, false" : "direction must be minimize, maximize"
        throw .malformedInput(
          line: line, column: directionField.column,
          reason: "\(allowed) or empty, found \(CSVText.describe(directionField))")
      }
      let valueField = record[column[4]]
      let value: MetricValue
      if valueField.quoted {
        guard let v = Self.parseValue(valueField.text) else {
          throw .malformedInput(
            line: line, column: valueField.column,
            reason: "value must be a number, \"[a,b,…]\" or \"RxC[…]\", found \(CSVText.describe(valueField))"
          )
        }
        value = v
      } else {
        value = .scalar(try CSVText.parseNumber(valueField, what: "value"))
      }
      try appendImported(name.text, value, time: time, axis: axis, direction: direction, line: line)
    }
  }

  /// Reads a JSON Lines export back. A boolean `higher_is_better` key (exports written before
  /// ``Direction``) is read in place of `direction`.
  /// - Throws: `malformedInput(line:column:reason:)` with the byte column of a syntax error, or column 0
  ///   for a missing or mistyped key.
  public init(jsonLines: String) throws(ObjectiveError) {
    self.init()
    for (line, text) in JSONText.lines(jsonLines) {
      let object = try JSONText.parse(text, lineNumber: line)
      func fail(_ reason: String) -> ObjectiveError { .malformedInput(line: line, column: 0, reason: reason) }
      guard case .string(let name)? = object["name"] else { throw fail("\"name\" must be a string") }
      guard case .string(let axisText)? = object["axis"], let axis = TimeAxis(rawValue: axisText) else {
        throw fail("\"axis\" must be \"step\" or \"epoch\"")
      }
      guard let time = object["time"]?.integerValue else {
        throw fail("\"time\" must be an integer")
      }
      let direction: Direction?
      switch (object["direction"], object["higher_is_better"]) {
      case (nil, nil), (.null?, _), (nil, .null?): direction = nil
      case (.string(let text)?, _) where Direction(rawValue: text) != nil:
        direction = Direction(rawValue: text)
      case (nil, .bool(let b)?): direction = Direction(higherIsBetter: b)
      default: throw fail("\"direction\" must be \"minimize\", \"maximize\" or null")
      }
      guard let raw = object["value"], let value = Self.metricValue(raw) else {
        throw fail("\"value\" must be a number, an array of numbers or {\"rows\",\"columns\",\"values\"}")
      }
      try appendImported(name, value, time: time, axis: axis, direction: direction, line: line)
    }
  }

  private mutating func appendImported(
    _ name: String, _ value: MetricValue, time: Int, axis: TimeAxis, direction: Direction?, line: Int
  ) throws(ObjectiveError) {
    do {
      try log(Results([.init(name: name, value: value, direction: direction)]), time: time, axis: axis)
    } catch {
      throw .malformedInput(line: line, column: 0, reason: error.description)
    }
  }

  /// Whether two histories hold the same series, times and directions, with values compared bit for
  /// bit and NaN equal to NaN.
  public func isIdentical(to other: History) -> Bool {
    guard series.count == other.series.count else { return false }
    for (a, b) in zip(series, other.series) {
      guard a.name == b.name, a.axis == b.axis, a.direction == b.direction,
        a.points.count == b.points.count
      else { return false }
      for (p, q) in zip(a.points, b.points) {
        guard p.time == q.time, Self.identical(p.value, q.value) else { return false }
      }
    }
    return true
  }

  static func identical(_ a: MetricValue, _ b: MetricValue) -> Bool {
    switch (a, b) {
    case (.scalar, .scalar), (.vector, .vector): break
    case (.matrix(let r1, let c1, _), .matrix(let r2, let c2, _)) where r1 == r2 && c1 == c2: break
    default: return false
    }
    let x = a.values
    let y = b.values
    return x.count == y.count
      && zip(x, y).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
  }

  static func text(_ value: MetricValue) -> String {
    let list = "[" + value.values.map(CSVText.number).joined(separator: ",") + "]"
    if case .matrix(let r, let c, _) = value { return "\(r)x\(c)" + list }
    return list
  }

  static func parseValue(_ text: String) -> MetricValue? {
    guard let open = text.firstIndex(of: "["), text.hasSuffix("]") else { return nil }
    let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
    var values: [Double] = []
    if !inner.isEmpty {
      for part in inner.split(separator: ",", omittingEmptySubsequences: false) {
        guard let v = CSVText.parseDouble(String(part)) else { return nil }
        values.append(v)
      }
    }
    let shape = text[..<open]
    if shape.isEmpty { return .vector(values) }
    let dims = shape.split(separator: "x", omittingEmptySubsequences: false)
    guard dims.count == 2, let r = Int(dims[0]), let c = Int(dims[1]), r >= 0, c >= 0,
      r.multipliedReportingOverflow(by: c) == (values.count, false)
    else { return nil }
    return .matrix(rows: r, columns: c, values: values)
  }

  static func json(_ value: MetricValue) -> JSONText {
    switch value {
    case .scalar(let v): return .number(v)
    case .vector(let v): return .array(v.map(JSONText.number))
    case .matrix(let r, let c, let v):
      return .object([
        ("rows", .integer(r)), ("columns", .integer(c)),
        ("values", .array(v.map(JSONText.number))),
      ])
    }
  }

  static func metricValue(_ json: JSONText) -> MetricValue? {
    func numbers(_ j: JSONText?) -> [Double]? {
      guard case .array(let items)? = j else { return nil }
      var out: [Double] = []
      for item in items {
        guard let v = item.numberValue else { return nil }
        out.append(v)
      }
      return out
    }
    if let v = json.numberValue { return .scalar(v) }
    switch json {
    case .array: return numbers(json).map(MetricValue.vector)
    case .object:
      guard let r = json["rows"]?.integerValue, let c = json["columns"]?.integerValue, r >= 0, c >= 0,
        let v = numbers(json["values"]),
        r.multipliedReportingOverflow(by: c) == (v.count, false)
      else { return nil }
      return .matrix(rows: r, columns: c, values: v)
    default: return nil
    }
  }
}
