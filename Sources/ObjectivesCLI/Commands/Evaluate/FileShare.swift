import Objectives

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// One rank's share of a CSV file for `evaluate --distributed`: a byte range that starts and ends
/// at line boundaries, and what it holds (records and line breaks), found with one pass of `pread`.
///
/// Records are assumed not to span lines (no line break inside a quoted field); blank lines are
/// skipped as the reader skips them.
struct FileShare {
  /// The first byte of the share (a line start) and the byte after its last.
  var range: Range<Int>
  /// Non-blank lines (records) in the share.
  var records = 0
  /// Line breaks (`\n`) in the share.
  var lineBreaks = 0

  /// The share of `rank` out of `size` of the bytes `dataStart..<fileSize`: the library's
  /// line-aligned split (`CSVReader.lineAlignedRanges`, the one behind parallel reading).
  static func locate(path: String, dataStart: Int, fileSize: Int, rank: Int, size: Int) throws(CommandError)
    -> FileShare
  {
    let ranges = try lift { () throws(ObjectiveError) in
      try CSVReader.lineAlignedRanges(path: path, dataStart: dataStart, fileSize: fileSize, parts: size)
    }
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw .failure("cannot open \(path): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    var share = FileShare(range: ranges[rank])
    try share.count(fd, path: path)
    return share
  }

  /// The line breaks in `dataStart` bytes of the header (and byte order mark) before the data.
  static func lineBreaks(path: String, before dataStart: Int) throws(CommandError) -> Int {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw .failure("cannot open \(path): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: max(dataStart, 1))
    let n = try read(fd, &buffer, at: 0, path: path)
    return buffer[0..<min(n, dataStart)].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
  }

  private mutating func count(_ fd: Int32, path: String) throws(CommandError) {
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    var position = range.lowerBound
    var lineLength = 0
    var lastByte: UInt8 = 0
    while position < range.upperBound {
      var n = try Self.read(fd, &buffer, at: position, path: path)
      n = min(n, range.upperBound - position)
      if n == 0 { break }
      for i in 0..<n {
        let b = buffer[i]
        if b == 0x0A {
          lineBreaks += 1
          if lineLength > 1 || (lineLength == 1 && lastByte != 0x0D) { records += 1 }
          lineLength = 0
        } else {
          lineLength += 1
          lastByte = b
        }
      }
      position += n
    }
    if lineLength > 1 || (lineLength == 1 && lastByte != 0x0D) { records += 1 }
  }

  private static func read(_ fd: Int32, _ buffer: inout [UInt8], at offset: Int, path: String)
    throws(CommandError) -> Int
  {
    while true {
      let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset)) }
      if n >= 0 { return n }
      if errno == EINTR { continue }
      throw .failure("cannot read \(path): \(String(cString: strerror(errno)))")
    }
  }
}
