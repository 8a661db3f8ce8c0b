import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a file so that its name always holds either the previous complete contents or the new
/// complete contents, whenever the program is killed or the machine stops.
///
/// The bytes go to a temporary file in the same directory (`.NAME.tmp`), which is flushed to the
/// device (`fsync`) and renamed over the final name (atomic on POSIX file systems); the directory
/// is then flushed too, so the rename survives a power loss. A failure removes the temporary file
/// and leaves the final name untouched. A process killed while writing leaves the temporary file,
/// which the next write to the name truncates and renames: writers of one name take turns.
public enum AtomicFile {
  /// Replaces the contents of `path` with `data`, atomically.
  /// - Throws: `ObjectiveError.invalidArgument` naming the path and the operating system's reason
  ///   when a step fails (the directory is missing or read-only, the device is full, `path` is a
  ///   directory).
  public static func write(_ data: Data, to path: String) throws(ObjectiveError) {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    let temporary = url.deletingLastPathComponent()
      .appendingPathComponent(".\(url.lastPathComponent).tmp").path
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw failure("cannot write", path) }
    var written = 0
    let failed: ObjectiveError? = data.withUnsafeBytes { raw -> ObjectiveError? in
      guard let base = raw.baseAddress else { return nil }
      while written < raw.count {
        let n = writeBytes(fd, base + written, raw.count - written)
        if n < 0 {
          if errno == EINTR { continue }
          return failure("cannot write", path)
        }
        written += n
      }
      return fsync(fd) == 0 ? nil : failure("cannot flush", path)
    }
    close(fd)
    if let failed {
      unlink(temporary)
      throw failed
    }
    guard rename(temporary, path) == 0 else {
      let error = failure("cannot replace", path)
      unlink(temporary)
      throw error
    }
    let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if directoryDescriptor >= 0 {
      fsync(directoryDescriptor)
      close(directoryDescriptor)
    }
  }

  /// The contents of `path`, or `nil` when there is no file at `path`.
  /// - Throws: `ObjectiveError.invalidArgument` with the operating system's reason when the file
  ///   exists but cannot be read (or is a directory).
  public static func read(_ path: String) throws(ObjectiveError) -> Data? {
    var info = stat()
    if stat(path, &info) != 0 {
      if errno == ENOENT { return nil }
      throw failure("cannot read", path)
    }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      throw .invalidArgument("cannot read \(path): it is not a regular file")
    }
    do {
      return try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .invalidArgument("cannot read \(path): \(error.localizedDescription)")
    }
  }

  private static func failure(_ what: String, _ path: String) -> ObjectiveError {
    .invalidArgument("\(what) \(path): \(String(cString: strerror(errno)))")
  }
}

/// The C `write`, outside `AtomicFile` whose `write(_:to:)` hides it.
private func writeBytes(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  write(fd, bytes, count)
}
