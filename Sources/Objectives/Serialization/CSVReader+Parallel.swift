import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension CSVReader {
  /// Splits bytes `dataStart..<fileSize` of the file at `path` into `parts` ranges that start at line
  /// starts: range `r` starts at the first line start at or after `dataStart + ⌊span × r / parts⌋`
  /// (a range may be empty). The ranges depend only on the file and `parts`.
  ///
  /// Records are assumed not to span lines; a reader of a range reports through
  /// ``sawQuotedField`` when that assumption may not hold.
  /// - Throws: `ObjectiveError.invalidArgument` when the file cannot be opened or read.
  public static func lineAlignedRanges(path: String, dataStart: Int, fileSize: Int, parts: Int)
    throws(ObjectiveError) -> [Range<Int>]
  {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      throw .invalidArgument("cannot open \(path): \(String(cString: strerror(errno)))")
    }
    defer { close(fd) }
    let parts = max(parts, 1)
    let span = max(fileSize - dataStart, 0)
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    func boundary(_ r: Int) throws(ObjectiveError) -> Int {
      if r == 0 { return dataStart }
      if r == parts { return max(fileSize, dataStart) }
      let nominal = dataStart + Int((Double(span) * Double(r) / Double(parts)).rounded(.down))
      if nominal <= dataStart { return dataStart }
      var position = nominal - 1  // a line start is a byte after a line feed
      while position < fileSize {
        let n = try readBytes(fd, &buffer, at: position, path: path)
        if n == 0 { break }
        if let i = buffer[0..<n].firstIndex(of: 0x0A) { return position + i + 1 }
        position += n
      }
      return fileSize
    }
    var starts: [Int] = []
    for r in 0...parts { starts.append(max(try boundary(r), starts.last ?? dataStart)) }
    return (0..<parts).map { starts[$0]..<starts[$0 + 1] }
  }

  /// `pread` into `buffer`, retried on interruption; the number of bytes read.
  static func readBytes(_ fd: Int32, _ buffer: inout [UInt8], at offset: Int, path: String)
    throws(ObjectiveError) -> Int
  {
    while true {
      let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset)) }
      if n >= 0 { return n }
      if errno == EINTR { continue }
      throw .invalidArgument("cannot read \(path): \(String(cString: strerror(errno)))")
    }
  }
}

/// Reads a CSV file in parts parsed on all cores, handing the parts out in file order.
///
/// The data (`dataStart..<fileSize`, after the header) is cut at line starts into parts of about
/// `partSize` bytes, so the parts depend only on the file, never on the number of threads: a caller
/// that consumes them in order sees the same rows in the same order under any ``Parallelism``.
/// `parse` turns one part's reader (its lines numbered from 1) into a value, typically decoded rows
/// and the error that stopped them; ``next()`` returns it with the line offset to add to its line
/// numbers.
///
/// Records that span lines (a line break inside a quoted field) cannot be found from a line start:
/// when a part holds a quoted field, ``next()`` stops before it and ``resumePoint`` gives the byte
/// offset and line where the caller continues with one sequential ``CSVReader``.
///
/// ```swift
/// let parts = try CSVParts(path: path, dataStart: 12, firstLine: 2, header: ["y", "p"]) { reader in
///   var sum = 0.0
///   while (try? reader.next()) == true { sum += (try? reader.double(at: 1)) ?? 0 }
///   return sum
/// }
/// while let (sum, _) = try parts.next() { total += sum }
/// ```
public final class CSVParts<Part: Sendable> {
  /// The default size of a part in bytes.
  public static var defaultPartSize: Int { 1 << 21 }

  /// The path being read.
  public let path: String
  /// The header's field names.
  public let header: [String]
  /// The byte ranges of the parts, each starting and ending at a line boundary.
  public let ranges: [Range<Int>]
  private let parse: @Sendable (CSVReader) -> Part
  private var nextPart = 0
  private var lineOffset: Int
  private var parsed: [(part: Part, lines: Int, quoted: Bool)] = []
  private var handedOut = 0

  /// Where sequential reading must continue after ``next()`` returned `nil` because a part holds a
  /// quoted field: the part's first byte and line. `nil` when every part was read.
  public private(set) var resumePoint: (offset: Int, line: Int)? = nil

  /// Prepares to read bytes `dataStart..<fileSize` of `path`, whose first data line is `firstLine`.
  /// - Throws: `ObjectiveError.invalidArgument` when the file cannot be opened or read.
  public init(
    path: String, dataStart: Int, fileSize: Int, firstLine: Int, header: [String],
    partSize: Int = defaultPartSize, parse: @escaping @Sendable (CSVReader) -> Part
  ) throws(ObjectiveError) {
    self.path = path
    self.header = header
    self.parse = parse
    self.lineOffset = firstLine - 1
    let parts = max(1, (fileSize - dataStart + partSize - 1) / max(partSize, 1))
    self.ranges = try CSVReader.lineAlignedRanges(
      path: path, dataStart: dataStart, fileSize: fileSize, parts: parts
    ).filter { !$0.isEmpty }
  }

  /// The next part in file order and the number to add to its line numbers, or `nil` at the end
  /// (or before a part with a quoted field: see ``resumePoint``).
  /// - Throws: `ObjectiveError.invalidArgument` when a part of the file cannot be opened.
  public func next() throws(ObjectiveError) -> (part: Part, lineOffset: Int)? {
    if handedOut == parsed.count {
      guard nextPart < ranges.count else { return nil }
      try parseWave()
    }
    let (part, lines, quoted) = parsed[handedOut]
    if quoted {
      resumePoint = (ranges[nextPart - parsed.count + handedOut].lowerBound, lineOffset + 1)
      nextPart = ranges.count
      parsed = []
      handedOut = 0
      return nil
    }
    handedOut += 1
    let offset = lineOffset
    lineOffset += lines
    return (part, offset)
  }

  /// Parses the next few parts concurrently (a few per worker, so memory stays bounded).
  private func parseWave() throws(ObjectiveError) {
    let workers = Parallelism.workerCount
    let wave = ranges[nextPart..<min(nextPart + 4 * workers, ranges.count)]
    let slots = ResultSlots<(part: Part, lines: Int, quoted: Bool)>(count: wave.count)
    let (path, header, parse) = (self.path, self.header, self.parse)
    let first = wave.startIndex
    Parallelism.perform(iterations: min(workers, wave.count)) { worker in
      var k = worker
      while k < wave.count {
        let range = wave[first + k]
        do throws(ObjectiveError) {
          let reader = try CSVReader(
            path: path, offset: range.lowerBound, length: range.count, firstLine: 1, header: header,
            chunkSize: min(1 << 20, range.count))
          let part = parse(reader)
          slots.store(.success((part, reader.linesRead, reader.sawQuotedField)), at: k)
        } catch {
          slots.store(.failure(error), at: k)
        }
        k += workers
      }
    }
    parsed = []
    handedOut = 0
    for k in 0..<wave.count { parsed.append(try slots.take(k).get()) }
    nextPart = wave.endIndex
  }
}

/// One result slot per concurrent iteration, each written by exactly one iteration before the
/// results are taken.
private final class ResultSlots<Value>: @unchecked Sendable {
  private let count: Int
  private let base: UnsafeMutablePointer<Result<Value, ObjectiveError>?>

  init(count: Int) {
    self.count = max(count, 1)
    base = .allocate(capacity: self.count)
    base.initialize(repeating: nil, count: self.count)
  }

  func store(_ value: Result<Value, ObjectiveError>, at index: Int) { base[index] = value }

  func take(_ index: Int) -> Result<Value, ObjectiveError> {
    base[index] ?? .failure(.invalidArgument("a part of the file was not read"))
  }

  deinit {
    base.deinitialize(count: count)
    base.deallocate()
  }
}
