import Foundation

/// A file the command writes: built under `<path>.partial`, renamed to `path` only once complete,
/// so a failed or interrupted run never leaves a half-written file under the final name. The
/// partial file is registered with `InterruptCleanup`, which removes it on SIGINT or SIGTERM.
///
/// A target that exists and is not a regular file (a directory, a FIFO, a device, a symbolic link)
/// is refused before anything is written: nothing the user owns is removed or replaced by it.
final class OutputFile {
  /// The final name.
  let path: String
  /// What the file is, for messages ("the per-sample file").
  let what: String
  private let partialPath: String
  private let descriptor: Int32
  private var isOpen = true

  /// Creates `<path>.partial`, empty, and registers it for removal on interruption.
  /// - Throws: `CommandError.failure` when `path` (or `<path>.partial`) exists and is not a regular
  ///   file, or when the partial file cannot be created (with the system's reason).
  init(path: String, what: String) throws(CommandError) {
    self.path = path
    self.what = what
    partialPath = path + ".partial"
    try OutputFile.checkReplaceable(path, what: what)
    try OutputFile.checkReplaceable(partialPath, what: what + "'s temporary file")
    InterruptCleanup.shared.register(partialPath)
    let fd = open(partialPath, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o666)
    guard fd >= 0 else {
      let reason = OutputFile.reason(errno)
      InterruptCleanup.shared.unregister(partialPath)
      throw .failure("cannot write \(what) \(path): \(reason)")
    }
    descriptor = fd
  }

  /// Refuses a target that exists and is not a regular file, naming what it is.
  static func checkReplaceable(_ path: String, what: String) throws(CommandError) {
    var status = stat()
    guard lstat(path, &status) == 0 else { return }
    let kind: String
    switch status.st_mode & S_IFMT {
    case S_IFREG: return
    case S_IFDIR: kind = "a directory"
    case S_IFIFO: kind = "a FIFO"
    case S_IFCHR, S_IFBLK: kind = "a device"
    case S_IFLNK: kind = "a symbolic link"
    case S_IFSOCK: kind = "a socket"
    default: kind = "not a regular file"
    }
    throw .failure(
      "refusing to write \(what) \(path): it exists and is \(kind); give the path of a new or regular file")
  }

  /// The system's description of the error number `code` (`strerror`).
  static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }

  /// Appends `text`.
  func write(_ text: String) throws(CommandError) {
    var text = text
    let failure: Int32? = text.withUTF8 { OutputFile.writeAll($0, to: descriptor) }
    if let failure { throw .failure("cannot write \(what) \(path): \(OutputFile.reason(failure))") }
  }

  /// Writes every byte of `bytes` to `fd`, retrying after interruptions and short writes; returns
  /// the `errno` of a failure, or `nil`.
  static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to fd: Int32) -> Int32? {
    guard var next = bytes.baseAddress else { return nil }
    var left = bytes.count
    while left > 0 {
      let n = Foundation.write(fd, next, left)
      if n < 0 {
        if errno == EINTR { continue }
        return errno
      }
      next += n
      left -= n
    }
    return nil
  }

  /// Closes the partial file (flushed to the device) and gives it its final name.
  func finish() throws(CommandError) {
    var failure: Int32? = nil
    if fsync(descriptor) != 0 && errno != EINVAL && errno != EROFS { failure = errno }
    isOpen = false
    if close(descriptor) != 0 && failure == nil { failure = errno }
    if failure == nil {
      do throws(CommandError) {
        try OutputFile.checkReplaceable(path, what: what)
      } catch {
        discard()
        throw error
      }
      if rename(partialPath, path) != 0 { failure = errno }
    }
    if let failure {
      discard()
      throw .failure("cannot write \(what) \(path): \(OutputFile.reason(failure))")
    }
    InterruptCleanup.shared.unregister(partialPath)
  }

  /// Closes (if still open) and removes the partial file after a failure.
  func discard() {
    if isOpen { _ = close(descriptor) }
    isOpen = false
    _ = unlink(partialPath)
    InterruptCleanup.shared.unregister(partialPath)
  }

  /// Writes `text` to `path` through a partial file.
  static func write(_ text: String, to path: String, what: String) throws(CommandError) {
    let file = try OutputFile(path: path, what: what)
    do throws(CommandError) {
      try file.write(text)
      try file.finish()
    } catch {
      file.discard()
      throw error
    }
  }
}
