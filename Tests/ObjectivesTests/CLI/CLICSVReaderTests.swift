import Foundation
import Testing

@testable import Objectives

/// The streaming CSV reader behind `objectives evaluate`.
@Suite("CSV reader")
struct CLICSVReaderTests {
  /// Every record's line and fields.
  func records(_ text: String, chunkSize: Int = 1 << 20) throws -> [(line: Int, fields: [String])] {
    let reader = CSVReader(text: text, chunkSize: chunkSize)
    var out: [(Int, [String])] = []
    while try reader.next() { out.append((reader.line, (0..<reader.fieldCount).map(reader.string(at:)))) }
    return out
  }

  func error(_ text: String, chunkSize: Int = 1 << 20, _ body: (CSVReader) throws(ObjectiveError) -> Void)
    -> ObjectiveError?
  {
    let reader = CSVReader(text: text, chunkSize: chunkSize)
    do throws(ObjectiveError) {
      while try reader.next() { try body(reader) }
    } catch {
      return error
    }
    return nil
  }

  @Test("quoted fields, doubled quotes, CRLF, blank lines and a byte order mark")
  func quoting() throws {
    let text =
      "\u{FEFF}id,text\r\n1,\"a, b\"\r\n\r\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,\n\"\",x\n5,last"
    let r = try records(text)
    #expect(r.map(\.line) == [1, 2, 4, 5, 7, 8, 9])
    #expect(r[0].fields == ["id", "text"])
    #expect(r[1].fields == ["1", "a, b"])
    #expect(r[2].fields == ["2", "say \"hi\""])
    #expect(r[3].fields == ["3", "two\nlines"])
    #expect(r[4].fields == ["4", ""])
    #expect(r[5].fields == ["", "x"])
    #expect(r[6].fields == ["5", "last"])
  }

  /// Found by the CSV fuzzer (Fuzz/Corpus/csv/regression-bom-*): a byte order mark delivered in
  /// pieces (reads of one or two bytes, as from a pipe) stayed in the first header name, and the
  /// first fix skipped those bytes after the first record too.
  @Test("a byte order mark is skipped however the reads split it", arguments: [1, 2, 3, 4, 1 << 20])
  func byteOrderMarkInPieces(_ chunkSize: Int) throws {
    #expect(
      try records("\u{FEFF}a,b\n1,2\n", chunkSize: chunkSize).map(\.fields) == [["a", "b"], ["1", "2"]])
    #expect(try records("\u{FEFF}", chunkSize: chunkSize).isEmpty)
    #expect(try records("\u{FEFF}\n\u{FEFF}x", chunkSize: chunkSize).map(\.fields) == [["\u{FEFF}x"]])
    // Only at the start: after a record, the same bytes are text (regression-bom-after-a-record).
    #expect(try records("x\n\u{FEFF}a3", chunkSize: chunkSize).map(\.fields) == [["x"], ["\u{FEFF}a3"]])
    let reader = CSVReader(text: "\u{FEFF}a\n", chunkSize: chunkSize)
    #expect(try reader.readHeader() == ["a"])
  }

  @Test("a lone carriage return ends a record; a final line break is optional")
  func lineEnds() throws {
    #expect(try records("a\rb\r").map(\.fields) == [["a"], ["b"]])
    #expect(try records("a\nb").map(\.fields) == [["a"], ["b"]])
    #expect(try records("").isEmpty)
    #expect(try records("\n\n\r\n").isEmpty)
  }

  @Test("records are the same for every chunk size")
  func chunkInvariance() throws {
    var g = SeededGenerator(seed: 11)
    let alphabet: [String] = ["a", "7", ",", "\"", "\n", "\r\n", "é", " ", "-1.5e3"]
    for _ in 0..<40 {
      // Random well-formed CSV: fields with random content, quoted when needed.
      var text = ""
      for _ in 0..<Int.random(in: 1...12, using: &g) {
        let fields = (0..<Int.random(in: 1...4, using: &g)).map { _ -> String in
          let raw = (0..<Int.random(in: 0...5, using: &g)).map { _ in alphabet.randomElement(using: &g)! }
            .joined()
          let needsQuotes = raw.contains(where: { ",\"\r\n".contains($0) }) || raw.isEmpty
          return needsQuotes ? "\"" + raw.replacing("\"", with: "\"\"") + "\"" : raw
        }
        text += fields.joined(separator: ",") + (Bool.random(using: &g) ? "\n" : "\r\n")
      }
      let whole = try records(text)
      for size in [1, 2, 3, 5, 8, 64] {
        let chunked = try records(text, chunkSize: size)
        #expect(chunked.map(\.line) == whole.map(\.line), "chunk \(size): \(text.debugDescription)")
        #expect(chunked.map(\.fields) == whole.map(\.fields), "chunk \(size): \(text.debugDescription)")
      }
    }
  }

  @Test("numbers: decimals, exponents, spaces, nan and inf; errors name the line and column")
  func numbers() throws {
    let reader = CSVReader(text: "x,y\n 1.5 ,-2e-3\nnan,inf\n7,3.0\n")
    #expect(try reader.readHeader() == ["x", "y"])
    #expect(try reader.next())
    #expect(try reader.double(at: 0) == 1.5)
    #expect(try reader.double(at: 1) == -0.002)
    #expect(try reader.next())
    #expect(try reader.double(at: 0).isNaN)
    #expect(try reader.double(at: 1) == .infinity)
    #expect(try reader.next())
    #expect(try reader.integer(at: 0) == 7)
    #expect(try reader.integer(at: 1) == 3)

    #expect(
      error("1,2\n3,abc\n") { r throws(ObjectiveError) in
        _ = try r.double(at: 1)
      } == .malformedInput(line: 2, column: 2, reason: "column 2: 'abc' is not a number"))
    let named = CSVReader(text: "x,score\n1,\n")
    _ = try named.readHeader()
    #expect(try named.next())
    #expect(
      throws: ObjectiveError.malformedInput(
        line: 2, column: 2, reason: "score: empty field, expected a number")
    ) {
      try named.double(at: 1)
    }
    #expect(
      error("a\n1.5\n") { r throws(ObjectiveError) in _ = try r.integer(at: 0) }
        == .malformedInput(line: 1, column: 1, reason: "column 1: 'a' is not an integer"))
  }

  @Test("field counts are checked against the header")
  func fieldCounts() throws {
    let reader = CSVReader(text: "a,b,c\n1,2,3\n1,2\n1,2,3,4\n")
    let header = try reader.readHeader()
    #expect(try reader.next())
    try reader.expectFieldCount(header.count)
    #expect(try reader.next())
    #expect(
      throws: ObjectiveError.malformedInput(
        line: 3, column: 3, reason: "expected 3 fields (as in the header), found 2")
    ) {
      try reader.expectFieldCount(header.count)
    }
    #expect(try reader.next())
    #expect(
      throws: ObjectiveError.malformedInput(
        line: 4, column: 4, reason: "expected 3 fields (as in the header), found 4")
    ) {
      try reader.expectFieldCount(header.count)
    }
  }

  @Test("malformed quoting is reported with its line")
  func badQuotes() throws {
    for size in [1, 4, 1 << 20] {
      let unterminated = error("a,b\n1,\"open\n2,3\n", chunkSize: size) { _ throws(ObjectiveError) in }
      #expect(
        unterminated
          == .malformedInput(line: 2, column: 2, reason: "a quoted field is never closed (quote opened here)")
      )
      let trailing = error("a,b\n1,2\n3,\"x\"y\n", chunkSize: size) { _ throws(ObjectiveError) in }
      guard case .malformedInput(3, 2, _)? = trailing else {
        Issue.record("chunk \(size): \(String(describing: trailing))")
        continue
      }
    }
  }

  @Test("an empty input has no header")
  func emptyInput() throws {
    #expect(throws: ObjectiveError.self) { try CSVReader(text: "\n\n").readHeader() }
  }

  @Test("a missing file is an invalid argument")
  func missingFile() throws {
    #expect(throws: ObjectiveError.self) { try CSVReader(path: "/nonexistent/objectives.csv") }
  }

  @Test("the fast number parser agrees with the standard library")
  func decimalParsing() throws {
    var g = SeededGenerator(seed: 3)
    var texts = [
      "0", "-0", "1", "0.1", "1e22", "1e23", "9007199254740993", "123456789012345678901",
      "1.7976931348623157e308",
      "4.9e-324", "2.2250738585072014e-308", "0.30000000000000004", ".5", "5.", "+3", "1e", "e5", "--1",
      "1.2.3",
      "0x1p3", "NaN", "-inf", "1_0", "", " ", "1 2", "٣",
    ]
    for _ in 0..<2000 {
      let x = Double(bitPattern: g.next())
      if x.isFinite { texts.append("\(x)") }
      let mantissa = Int.random(in: -999_999_999...999_999_999, using: &g)
      let exponent = Int.random(in: -30...30, using: &g)
      texts.append("\(mantissa)e\(exponent)")
      texts.append("\(Double(mantissa) / 1000)")
    }
    for text in texts {
      let parsed = Array(text.utf8).withUnsafeBufferPointer { DecimalParsing.double($0) }
      let expected = Double(text.trimmingCharacters(in: .whitespaces))
      if let expected, !expected.isNaN {
        #expect(parsed?.bitPattern == expected.bitPattern, "\(text)")
      } else if expected?.isNaN == true {
        #expect(parsed?.isNaN == true, "\(text)")
      } else {
        #expect(parsed == nil, "\(text)")
      }
    }
  }
}
