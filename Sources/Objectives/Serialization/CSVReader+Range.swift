import Foundation

extension CSVReader {
  /// Reads the file at `path` from byte `offset` on (at most `length` bytes), numbering lines from
  /// `firstLine`: for readers that split one file at line boundaries (``CSVParts`` and the
  /// distributed `evaluate`). No header is read and no byte order mark is skipped; `header` names the
  /// columns in error messages; `totalBytes` counts from `offset`.
  /// - Throws: `ObjectiveError.invalidArgument` when the file cannot be opened or positioned.
  public convenience init(
    path: String, offset: Int, length: Int = .max, firstLine: Int, header: [String] = [],
    chunkSize: Int = 1 << 20
  )
    throws(ObjectiveError)
  {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      throw .invalidArgument("cannot open \(path): \(String(cString: strerror(errno)))")
    }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, lseek(fd, off_t(offset), SEEK_SET) >= 0
    else {
      close(fd)
      throw .invalidArgument("cannot read \(path) from byte \(offset): not a regular file")
    }
    self.init(
      source: .descriptor(fd, closeWhenDone: true),
      totalBytes: min(max(Int(info.st_size) - offset, 0), length),
      chunkSize: chunkSize, firstLine: max(firstLine, 1), skipsByteOrderMark: false)
    self.header = header
    self.unreadLimit = max(length, 0)
  }
}
