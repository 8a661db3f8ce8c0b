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

  private var source: Source
  private let chunkSize: Int
  private var storage: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  /// The valid bytes are `storage[start..<end]`; the current record's fields point into them.
  private var start = 0
  private var end = 0
  private var exhausted = false
  private var isFirstRead = true
  /// Two offsets per field of the current record, start and end (exclusive), and whether each field
  /// holds doubled quotes to collapse. Raw buffers, so the per-byte loop touches no array or class
  /// property (each would cost an exclusivity check).
  private var bounds: UnsafeMutablePointer<Int>
  private var escaped: UnsafeMutablePointer<Bool>
  private var fieldCapacity = 16
  private var fields = 0
  private var recordIsQuoted = false
  private var nextLine = 1
  private var consumed = 0

  /// The line on which the current record starts (1-based); 0 before the first record.
  public private(set) var line = 0
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
    self.isFirstRead = skipsByteOrderMark
    self.totalBytes = totalBytes
    self.chunkSize = max(1, chunkSize)
    self.capacity = max(2 * self.chunkSize, 64)
    self.storage = .allocate(capacity: capacity)
    self.bounds = .allocate(capacity: 2 * fieldCapacity)
    self.escaped = .allocate(capacity: fieldCapacity)
  }

  deinit {
    storage.deallocate()
    bounds.deallocate()
    escaped.deallocate()
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
    precondition(index < fieldCount, "field \(index) of a record with \(fieldCount) fields")
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
    precondition(index < fieldCount, "field \(index) of a record with \(fieldCount) fields")
    let field = UnsafeBufferPointer(
      start: storage + bounds[2 * index], count: bounds[2 * index + 1] - bounds[2 * index])
    if let x = DecimalParsing.double(field) { return x }
    throw fieldError(index, field.isEmpty ? "empty field, expected a number" : "is not a number")
  }

  /// Field `index` (0-based) as an integer; `3`, `+3` and `3.0` are accepted.
  /// - Throws: `ObjectiveError.malformedInput` naming the line and column when the field is not an
  ///   integer.
  public func integer(at index: Int) throws(ObjectiveError) -> Int {
    precondition(index < fieldCount, "field \(index) of a record with \(fieldCount) fields")
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

  // MARK: Parsing

  /// Parses one record from `start`. Returns the offset after it, or `nil` when more input is needed.
  /// The state is read into locals once and written back on exit.
  private func parseRecord() throws(ObjectiveError) -> Int? {
    let s = storage
    let first = start
    let e = end
    let done = exhausted
    let firstLine = nextLine
    var b = bounds
    var esc = escaped
    var cap = fieldCapacity
    var n = 0
    var quoted = false
    defer {
      bounds = b
      escaped = esc
      fieldCapacity = cap
      fields = n
      recordIsQuoted = quoted
    }
    if first == e && done { return nil }
    var p = first
    var lines = 0
    while true {
      if n == cap { Self.grow(&b, &esc, &cap) }
      if p < e && s[p] == 0x22 {  // a quoted field
        quoted = true
        var hasEscape = false
        var q = p + 1
        var closed = false
        while q < e {
          let c = s[q]
          if c == 0x22 {
            if q + 1 < e {
              if s[q + 1] == 0x22 {
                hasEscape = true
                q += 2
                continue
              }
              closed = true
              break
            }
            if !done { return nil }
            closed = true
            break
          }
          if c == 0x0A || (c == 0x0D && (q + 1 >= e || s[q + 1] != 0x0A)) { lines += 1 }
          q += 1
        }
        if !closed {
          if !done { return nil }
          throw .malformedInput(
            line: firstLine, column: n + 1, reason: "a quoted field is never closed (quote opened here)")
        }
        b[2 * n] = p + 1
        b[2 * n + 1] = q
        esc[n] = hasEscape
        n += 1
        p = q + 1
        if p < e {
          let c = s[p]
          if c != 0x2C && c != 0x0A && c != 0x0D {
            throw .malformedInput(
              line: firstLine + lines, column: n,
              reason:
                "unexpected character after a closing quote; a quote inside a quoted field is written \"\"")
          }
        } else if !done {
          return nil
        }
      } else {
        var q = p
        while q < e {
          let c = s[q]
          if c == 0x2C || c == 0x0A || c == 0x0D { break }
          q += 1
        }
        if q == e && !done { return nil }
        b[2 * n] = p
        b[2 * n + 1] = q
        esc[n] = false
        n += 1
        p = q
      }
      if p - first > Self.maximumRecordLength {
        throw .malformedInput(
          line: firstLine, column: 0, reason: "a record is longer than \(Self.maximumRecordLength) bytes")
      }
      // After a field: a comma, a line end or the end of the input.
      if p == e {
        line = firstLine
        nextLine = firstLine + lines
        return p
      }
      let c = s[p]
      if c == 0x2C {
        p += 1
        continue
      }
      if c == 0x0D {
        if p + 1 < e {
          p += s[p + 1] == 0x0A ? 2 : 1
        } else if !done {
          return nil
        } else {
          p += 1
        }
      } else {
        p += 1  // \n
      }
      line = firstLine
      nextLine = firstLine + lines + 1
      return p
    }
  }

  /// Doubles the field buffers.
  private static func grow(
    _ bounds: inout UnsafeMutablePointer<Int>, _ escaped: inout UnsafeMutablePointer<Bool>,
    _ capacity: inout Int
  ) {
    let larger = capacity * 2
    let newBounds = UnsafeMutablePointer<Int>.allocate(capacity: 2 * larger)
    newBounds.update(from: bounds, count: 2 * capacity)
    bounds.deallocate()
    bounds = newBounds
    let newEscaped = UnsafeMutablePointer<Bool>.allocate(capacity: larger)
    newEscaped.update(from: escaped, count: capacity)
    escaped.deallocate()
    escaped = newEscaped
    capacity = larger
  }

  /// Moves the unread bytes to the front and reads another chunk.
  private func fill() throws(ObjectiveError) {
    if start > 0 {
      let remaining = end - start
      if remaining > 0 { storage.update(from: storage + start, count: remaining) }
      start = 0
      end = remaining
    }
    if capacity - end < chunkSize {
      guard end <= Self.maximumRecordLength else {
        throw .malformedInput(
          line: nextLine, column: 0, reason: "a record is longer than \(Self.maximumRecordLength) bytes")
      }
      let newCapacity = max(capacity * 2, end + chunkSize)
      let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
      grown.update(from: storage, count: end)
      storage.deallocate()
      storage = grown
      capacity = newCapacity
    }
    let count = try readChunk(into: storage + end, maximum: chunkSize)
    if count == 0 { exhausted = true }
    if isFirstRead && count > 0 {
      isFirstRead = false
      // Skip a UTF-8 byte order mark (it may arrive in pieces only with absurdly small chunks).
      if end == 0 && count >= 3 && storage[0] == 0xEF && storage[1] == 0xBB && storage[2] == 0xBF {
        start = 3
        consumed += 3
      }
    }
    end += count
  }

  private func readChunk(into buffer: UnsafeMutablePointer<UInt8>, maximum: Int) throws(ObjectiveError) -> Int
  {
    switch source {
    case .memory(let bytes, let offset):
      let n = min(maximum, bytes.count - offset)
      if n > 0 {
        bytes.withUnsafeBufferPointer { b in
          if let base = b.baseAddress { buffer.update(from: base + offset, count: n) }
        }
      }
      source = .memory(bytes, offset: offset + n)
      return n
    case .descriptor(let fd, _):
      while true {
        let n = read(fd, buffer, maximum)
        if n >= 0 { return n }
        if errno == EINTR { continue }
        throw .malformedInput(
          line: nextLine, column: 0, reason: "cannot read the input: \(String(cString: strerror(errno)))")
      }
    }
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
