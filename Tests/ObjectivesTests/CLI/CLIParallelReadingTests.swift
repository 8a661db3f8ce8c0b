import Foundation
import Testing

@testable import Objectives

/// Reading a file in parts on several workers (`CSVParts`, behind `objectives evaluate FILE`) gives
/// the rows, line numbers and errors of one sequential reader, under any number of workers.
@Suite(.serialized) struct CLIParallelReadingTests {
  /// A file of `rows` records `i,<score>` after a header (with blank lines, `\r\n` and a BOM).
  static func writeFile(rows: Int, extra: String = "") throws -> URL {
    var generator = SeededGenerator(seed: 41)
    var text = "\u{FEFF}id,score\n"
    for i in 0..<rows {
      text += "\(i),\(Double.random(in: -1e3...1e3, using: &generator))" + (i % 7 == 0 ? "\r\n" : "\n")
      if i % 50 == 3 { text += "\n" }
    }
    text += extra
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("parallel-\(UUID()).csv")
    try Data(text.utf8).write(to: url)
    return url
  }

  /// Every record's line and score with one sequential reader, and the error that stops it.
  static func sequential(_ path: String) throws -> (rows: [(Int, Double)], error: ObjectiveError?) {
    let reader = try CSVReader(path: path)
    _ = try reader.readHeader()
    var rows: [(Int, Double)] = []
    do throws(ObjectiveError) {
      while try reader.next() { rows.append((reader.line, try reader.double(at: 1))) }
    } catch {
      return (rows, error)
    }
    return (rows, nil)
  }

  /// The same through `CSVParts` with `workers` workers and tiny parts.
  static func parallel(_ path: String, workers: Int) throws -> (rows: [(Int, Double)], error: ObjectiveError?)
  {
    let before = Parallelism.maximumWorkers
    Parallelism.maximumWorkers = workers
    defer { Parallelism.maximumWorkers = before }
    let header = try CSVReader(path: path)
    _ = try header.readHeader()
    let size = try #require(header.totalBytes)
    let parts = try CSVParts(
      path: path, dataStart: header.bytesConsumed, fileSize: size, firstLine: 1 + header.linesRead,
      header: ["id", "score"], partSize: 997
    ) { reader in
      var rows: [(Int, Double)] = []
      do throws(ObjectiveError) {
        while try reader.next() { rows.append((reader.line, try reader.double(at: 1))) }
      } catch {
        return Part(rows: rows, error: error)
      }
      return Part(rows: rows, error: nil)
    }
    var rows: [(Int, Double)] = []
    while let (part, offset) = try parts.next() {
      rows += part.rows.map { ($0.0 + offset, $0.1) }
      if let error = part.error, case .malformedInput(let line, let column, let reason) = error {
        return (rows, .malformedInput(line: line + offset, column: column, reason: reason))
      }
    }
    #expect(parts.ranges.count > 10)
    #expect(parts.resumePoint == nil)
    return (rows, nil)
  }

  struct Part: Sendable {
    var rows: [(Int, Double)]
    var error: ObjectiveError?
  }

  @Test("1, 2, 3 and 7 workers read the rows and lines of one sequential reader, bit for bit")
  func workersAgree() throws {
    let url = try Self.writeFile(rows: 3000)
    defer { try? FileManager.default.removeItem(at: url) }
    let reference = try Self.sequential(url.path)
    #expect(reference.error == nil)
    for workers in [1, 2, 3, 7] {
      let got = try Self.parallel(url.path, workers: workers)
      #expect(got.error == nil)
      #expect(got.rows.count == reference.rows.count)
      #expect(got.rows.map(\.0) == reference.rows.map(\.0), "lines with \(workers) workers")
      #expect(
        got.rows.map(\.1.bitPattern) == reference.rows.map(\.1.bitPattern), "values with \(workers) workers")
    }
  }

  @Test("an error in a late part is reported with the line of the sequential reader")
  func errorLine() throws {
    let url = try Self.writeFile(rows: 2000, extra: "2000,abc\n2001,0.5\n")
    defer { try? FileManager.default.removeItem(at: url) }
    let reference = try Self.sequential(url.path)
    let expected = try #require(reference.error)
    for workers in [1, 3] {
      let got = try Self.parallel(url.path, workers: workers)
      #expect(got.error == expected)
      #expect(got.rows.count == reference.rows.count)
    }
  }

  @Test("a quoted field spanning lines stops the parts; sequential reading resumes before it")
  func quotedFieldsResume() throws {
    let url = try Self.writeFile(rows: 1500, extra: "\"multi\nline\",0.25\n9,0.5\n")
    defer { try? FileManager.default.removeItem(at: url) }
    let header = try CSVReader(path: url.path)
    _ = try header.readHeader()
    let parts = try CSVParts(
      path: url.path, dataStart: header.bytesConsumed, fileSize: try #require(header.totalBytes),
      firstLine: 1 + header.linesRead, header: ["id", "score"], partSize: 501
    ) { reader in
      var count = 0
      while (try? reader.next()) == true { count += 1 }
      return count
    }
    var rows = 0
    while let (count, _) = try parts.next() { rows += count }
    let resume = try #require(parts.resumePoint)
    let rest = try CSVReader(
      path: url.path, offset: resume.offset, firstLine: resume.line, header: ["id", "score"])
    var lines: [Int] = []
    while try rest.next() { lines.append(rest.line) }
    let reference = try Self.sequential(url.path)
    #expect(rows + lines.count == reference.rows.count)
    #expect(lines.suffix(2) == reference.rows.suffix(2).map(\.0))
  }

  @Test("objectives evaluate reads a file in parts with the results and errors of standard input")
  func evaluateFileMatchesStandardInput() throws {
    // 260 000 rows (about 3 MB): more than one part of the default size.
    var generator = SeededGenerator(seed: 43)
    var text = "target,score\n"
    for _ in 0..<260_000 {
      let y = Int.random(in: 0...1, using: &generator)
      text += "\(y),\(Float(Double(y) * 0.3 + Double.random(in: 0...0.7, using: &generator)))\n"
    }
    for (suffix, expectedStatus) in [("", Int32(0)), ("1,x\n", Int32(2))] {
      let url = FileManager.default.temporaryDirectory.appendingPathComponent("evaluate-\(UUID()).csv")
      try Data((text + suffix).utf8).write(to: url)
      defer { try? FileManager.default.removeItem(at: url) }
      let arguments = ["evaluate", "--task", "binary", "--format", "json", "--chunk-rows", "10007"]
      let fromFile = try CLI.run(arguments + [url.path])
      let fromStdin = try CLI.run(arguments + ["-"], stdin: text + suffix)
      #expect(fromFile.status == expectedStatus)
      #expect(fromFile.status == fromStdin.status)
      #expect(fromFile.stdout == fromStdin.stdout)
      #expect(fromFile.stderr == fromStdin.stderr)
    }
  }
}
