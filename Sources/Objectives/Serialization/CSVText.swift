/// The library's one CSV writer, and the reader of its text exports (RFC 4180 with one convention).
///
/// Convention of the tracking exports (`History.csv()`, `SampleTable.csv()`): *text is always
/// quoted* and numbers never are, so a cell's kind survives a round trip (`"12"` is a text, `12` a
/// number, an empty field a missing value). `Results.csv()` and the command's files quote a name
/// only when it needs it (`field(_:)`). Numbers follow the non-finite policy of `FiniteOrSpecial`:
/// the shortest exact form, and unquoted `nan`, `inf`, `-inf` (`nan(0x…)` for other NaNs).
///
/// Reading goes through `CSVReader`, which also reads large prediction files row by row.
public enum CSVText {
  /// One parsed field: its text, whether it was quoted, and its 1-based line and field number.
  struct Field: Equatable {
    var text: String
    var quoted: Bool
    var line: Int
    var column: Int
  }

  /// A quoted text field (quotes inside doubled).
  public static func quote(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// A text field, quoted only when it holds a comma, a quote or a line break.
  public static func field(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return quote(text)
  }

  /// An unquoted number field under the non-finite policy of `FiniteOrSpecial`.
  public static func number(_ value: Double) -> String { FiniteOrSpecial.text(value) }

  /// Parses CSV text into records of fields with the library's one CSV reader (`CSVReader`):
  /// quoted fields may contain commas, quotes (doubled) and line breaks; `\r\n`, `\n` and `\r` end a
  /// record; a final line break is optional; blank lines and a byte order mark are skipped.
  /// - Throws: `malformedInput` for an unterminated quote or text after a closing quote.
  /// - Complexity: O(n) in the length of the text.
  static func parse(_ text: String) throws(ObjectiveError) -> [[Field]] {
    let reader = CSVReader(text: text)
    var records: [[Field]] = []
    while try reader.next() {
      records.append(
        (0..<reader.fieldCount).map { i in
          Field(
            text: reader.string(at: i), quoted: reader.isQuoted(at: i), line: reader.fieldLine(at: i),
            column: i + 1)
        })
    }
    return records
  }

  /// Parses an unquoted number field (`nan`, `inf`, `-inf` included).
  static func parseNumber(_ field: Field, what: String) throws(ObjectiveError) -> Double {
    try parse(field, what: what, as: "a number", parseDouble)
  }

  /// Parses an integer field.
  static func parseInt(_ field: Field, what: String) throws(ObjectiveError) -> Int {
    try parse(field, what: what, as: "an integer") { Int($0) }
  }

  /// Reads an unquoted field with `read`, or throws naming the field, `what` and the expected `kind`.
  private static func parse<T>(_ field: Field, what: String, as kind: String, _ read: (String) -> T?)
    throws(ObjectiveError) -> T
  {
    guard !field.quoted, let v = read(field.text) else {
      throw .malformedInput(
        line: field.line, column: field.column, reason: "\(what): not \(kind): \(describe(field))")
    }
    return v
  }

  /// The field as it appeared, for error messages.
  static func describe(_ field: Field) -> String {
    field.quoted ? quote(field.text) : (field.text.isEmpty ? "an empty field" : "'\(field.text)'")
  }

  /// A decimal or a token of the non-finite policy (`nan`, `inf`, `-inf`, `nan(0x…)`); no
  /// hexadecimal, no surrounding spaces.
  static func parseDouble(_ text: String) -> Double? {
    if let v = FiniteOrSpecial.number(for: text) { return v }
    guard !text.isEmpty,
      text.unicodeScalars.allSatisfy({ "0123456789+-.eE".unicodeScalars.contains($0) })
    else { return nil }
    return Double(text)
  }
}
