import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A streaming reader of comma-separated values (RFC 4180) that reads its input in chunks and
/// reports every problem with its line and column.
///
/// ```swift
/// let reader = try CSVReader(path: "predictions.csv")
/// let header = try reader.readHeader()          // ["target", "score"]
/// while try reader.next() {
///   try reader.expectFieldCount(header.count)
///   let score = try reader.double(at: 1)        // throws with line and column
/// }
/// ```
///
/// - Fields are separated by `,`; records end with `\n`, `\r\n` or `\r`. A field may be quoted
///   with `"`, in which case it may hold commas, line breaks and doubled quotes (`""`).
/// - Blank lines are skipped; a UTF-8 byte order mark at the start is ignored.
/// - Memory is bounded by the chunk size and the longest record, never by the input: records longer
///   than ``maximumRecordLength`` bytes are refused.
/// - Lines are counted from 1 and columns (fields) from 1; a record's ``line`` is the line it
///   starts on.
///
/// The reader owns its buffer and file descriptor, so it is a class; use it from one task at a time.
/// - Complexity: O(n) in the size of the input, one pass.
public final class CSVReader {
  /// The largest record accepted, in bytes (64 MiB).
  public static let maximumRecordLength = 1 << 26

  enum Source {
    case descriptor(Int32, closeWhenDone: Bool)
    case memory([UInt8], offset: Int)
  }

  var source: Source
  let chunkSize: Int
  var storage: UnsafeMutablePointer<UInt8>
  var capacity: Int
  /// The valid bytes are `storage[start..<end]`; the current record's fields point into them.
  var start = 0
  var end = 0
  var exhausted = false
  var isFirstRead = true
  /// Two offsets per field of the current record, start and end (exclusive), and whether each field
  /// holds doubled quotes to collapse. Raw buffers, so the per-byte loop touches no array or class
  /// property (each would cost an exclusivity check).
  var bounds: UnsafeMutablePointer<Int>
  var escaped: UnsafeMutablePointer<Bool>
  /// Whether each field of the current record was quoted.
  var fieldIsQuoted: UnsafeMutablePointer<Bool>
  var fieldCapacity = 16
  var fields = 0
  var recordIsQuoted = false
  var nextLine = 1
  var consumed = 0
  /// The line number the reader started at.
  let firstLine: Int
  /// The offset in `storage` of the current record's first byte.
  var recordStart = 0
  /// Whether any record read so far had a quoted field (such a record may span lines, so a file
  /// holding one cannot be split at arbitrary line starts).
  public internal(set) var sawQuotedField = false
  /// The bytes left to read before the reader stops (a byte range of a file), or `Int.max`.
  var unreadLimit = Int.max

  /// The line on which the current record starts (1-based); 0 before the first record.
  public internal(set) var line = 0
  /// The column names, once ``readHeader()`` has read them; used to name columns in errors.
  public internal(set) var header: [String] = []
  /// The number of input bytes consumed by the records read so far.
  public var bytesConsumed: Int { consumed }
  /// The size of the input in bytes when it is known (a regular file or memory), for progress.
  public let totalBytes: Int?

  /// Reads the file at `path`.
  /// - Throws: `ObjectiveError.invalidArgument` when the file cannot be opened.
  public convenience init(path: String, chunkSize: Int = 1 << 20) throws(ObjectiveError) {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      throw .invalidArgument("cannot open \(path): \(String(cString: strerror(errno)))")
    }
    var info = stat()
    var size: Int? = nil
    if fstat(fd, &info) == 0 {
      if (info.st_mode & S_IFMT) == S_IFDIR {
        close(fd)
        throw .invalidArgument("cannot read \(path): it is a directory")
      }
      if (info.st_mode & S_IFMT) == S_IFREG { size = Int(info.st_size) }
    }
    self.init(source: .descriptor(fd, closeWhenDone: true), totalBytes: size, chunkSize: chunkSize)
  }

  /// Reads from an open file descriptor, such as 0 for standard input. The descriptor is not closed.
  public convenience init(fileDescriptor: Int32, chunkSize: Int = 1 << 20) {
    self.init(
      source: .descriptor(fileDescriptor, closeWhenDone: false), totalBytes: nil, chunkSize: chunkSize)
  }

  /// Reads bytes held in memory, `chunkSize` bytes at a time (small chunks test record boundaries).
  public convenience init(bytes: [UInt8], chunkSize: Int = 1 << 20) {
    self.init(source: .memory(bytes, offset: 0), totalBytes: bytes.count, chunkSize: chunkSize)
  }

  /// Reads the UTF-8 bytes of `text`.
  public convenience init(text: String, chunkSize: Int = 1 << 20) {
    self.init(bytes: Array(text.utf8), chunkSize: chunkSize)
  }

  init(source: Source, totalBytes: Int?, chunkSize: Int, firstLine: Int = 1, skipsByteOrderMark: Bool = true)
  {
    self.source = source
    self.nextLine = firstLine
    self.firstLine = firstLine
    self.isFirstRead = skipsByteOrderMark
    self.totalBytes = totalBytes
    self.chunkSize = max(1, chunkSize)
    self.capacity = max(2 * self.chunkSize, 64)
    self.storage = .allocate(capacity: capacity)
    self.bounds = .allocate(capacity: 2 * fieldCapacity)
    self.escaped = .allocate(capacity: fieldCapacity)
    self.fieldIsQuoted = .allocate(capacity: fieldCapacity)
  }

  deinit {
    storage.deallocate()
    bounds.deallocate()
    escaped.deallocate()
    fieldIsQuoted.deallocate()
    if case .descriptor(let fd, true) = source { close(fd) }
  }

  // MARK: Records

  /// Reads the first record as the header and returns its fields.
  /// - Throws: `ObjectiveError.malformedInput` when the input is empty.
  public func readHeader() throws(ObjectiveError) -> [String] {
    guard try next() else {
      throw .malformedInput(line: 0, column: 0, reason: "the input is empty; expected a header row")
    }
    header = (0..<fieldCount).map { string(at: $0).trimming(" ") }
    return header
  }

  /// Advances to the next record, skipping blank lines.
  /// - Returns: `false` at the end of the input.
  /// - Throws: `ObjectiveError.malformedInput` for an unterminated quote, a character after a closing
  ///   quote, a record longer than the limit, or a read error.
  public func next() throws(ObjectiveError) -> Bool {
    while true {
      if let recordEnd = try parseRecord() {
        let isBlank = fields == 1 && bounds[0] == bounds[1] && !recordIsQuoted
        if recordIsQuoted { sawQuotedField = true }
        recordStart = start
        consumed += recordEnd - start
        start = recordEnd
        if isBlank { continue }
        return true
      }
      if start == end && exhausted {
        fields = 0
        return false
      }
      try fill()
    }
  }

  /// The number of fields in the current record.
  public var fieldCount: Int { fields }

  /// The number of line breaks consumed so far (within quoted fields included): the records read
  /// end on line `firstLine + linesRead - 1` or, without a final line break, on `firstLine + linesRead`.
  public var linesRead: Int { nextLine - firstLine }

  /// Whether field `index` (0-based) of the current record was quoted.
  public func isQuoted(at index: Int) -> Bool {
    precondition(index >= 0 && index < fieldCount, "field \(index) of a record with \(fieldCount) fields")
    return fieldIsQuoted[index]
  }

  /// The line on which field `index` (0-based) of the current record starts: the record's line
  /// plus the line breaks inside the quoted fields before it.
  public func fieldLine(at index: Int) -> Int {
    precondition(index >= 0 && index < fieldCount, "field \(index) of a record with \(fieldCount) fields")
    guard recordIsQuoted else { return line }
    var breaks = 0
    var p = recordStart
    let fieldStart = bounds[2 * index]
    while p < fieldStart {
      if storage[p] == 0x0A || (storage[p] == 0x0D && (p + 1 >= fieldStart || storage[p + 1] != 0x0A)) {
        breaks += 1
      }
      p += 1
    }
    return line + breaks
  }

  /// The name of column `index` (0-based) for messages: the header name, or its 1-based number.
  public func columnName(_ index: Int) -> String {
    index < header.count && !header[index].isEmpty ? header[index] : "column \(index + 1)"
  }

  /// Throws unless the current record has `count` fields.
  public func expectFieldCount(_ count: Int) throws(ObjectiveError) {
    guard fieldCount != count else { return }
    let source = header.count == count ? "as in the header" : "expected"
    throw .malformedInput(
      line: line, column: min(fieldCount, count) + 1,
      reason: "expected \(count) fields (\(source)), found \(fieldCount)")
  }

  /// The text of field `index` (0-based), with doubled quotes collapsed.
  public func string(at index: Int) -> String {
    precondition(index >= 0 && index < fieldCount, "field \(index) of a record with \(fieldCount) fields")
    let text = String(
      decoding: UnsafeBufferPointer(
        start: storage + bounds[2 * index], count: bounds[2 * index + 1] - bounds[2 * index]),
      as: UTF8.self)
    return escaped[index] ? text.replacing("\"\"", with: "\"") : text
  }

  /// Field `index` (0-based) as a number; spaces around it are ignored, and `nan`, `inf` and
  /// exponents are accepted.
  /// - Throws: `ObjectiveError.malformedInput` naming the line and column when the field is empty or
  ///   not a number.
  public func double(at index: Int) throws(ObjectiveError) -> Double {
    precondition(index >= 0 && index < fieldCount, "field \(index) of a record with \(fieldCount) fields")
    let field = UnsafeBufferPointer(
      start: storage + bounds[2 * index], count: bounds[2 * index + 1] - bounds[2 * index])
    if let x = DecimalParsing.double(field) { return x }
    throw fieldError(index, field.isEmpty ? "empty field, expected a number" : "is not a number")
  }

  /// Field `index` (0-based) as an integer; `3`, `+3` and `3.0` are accepted.
  /// - Throws: `ObjectiveError.malformedInput` naming the line and column when the field is not an
  ///   integer.
  public func integer(at index: Int) throws(ObjectiveError) -> Int {
    precondition(index >= 0 && index < fieldCount, "field \(index) of a record with \(fieldCount) fields")
    let field = UnsafeBufferPointer(
      start: storage + bounds[2 * index], count: bounds[2 * index + 1] - bounds[2 * index])
    if let x = DecimalParsing.double(field), x == x.rounded(), abs(x) < 9.0e15 { return Int(x) }
    throw fieldError(index, field.isEmpty ? "empty field, expected an integer" : "is not an integer")
  }

  /// A `malformedInput` error for field `index` of the current record: `line 7, column 2: score:
  /// 'abc' is not a number`.
  public func fieldError(_ index: Int, _ problem: String) -> ObjectiveError {
    var text = index < fieldCount ? string(at: index).escapingControlCharacters : ""
    if text.count > 40 { text = String(text.prefix(40)) + "…" }
    let shown = problem.hasPrefix("empty") ? problem : "'\(text)' \(problem)"
    return .malformedInput(line: line, column: index + 1, reason: "\(columnName(index)): \(shown)")
  }
}

extension StringProtocol {
  /// The text without leading and trailing `character`s.
  func trimming(_ character: Character) -> String {
    var s = Substring(self)
    while s.first == character { s = s.dropFirst() }
    while s.last == character { s = s.dropLast() }
    return String(s)
  }
}
