import Foundation

/// Fewer points for drawing: a point is kept when it moves at least 1/1000 of the unit square from
/// the last kept point; the first and last points are always kept.
enum CurveThinning {
  static func thinned(_ points: [(Double, Double)], resolution: Double = 1e-3) -> [(Double, Double)] {
    guard points.count > 2 else { return points }
    var kept = [points[0]]
    for p in points.dropFirst().dropLast() {
      let last = kept[kept.count - 1]
      if abs(p.0 - last.0) >= resolution || abs(p.1 - last.1) >= resolution { kept.append(p) }
    }
    kept.append(points[points.count - 1])
    return kept
  }
}

/// Writing chart files.
enum ChartFiles {
  /// Writes each `(name, text)` into `directory`, created if needed; returns the paths written.
  /// Each file is an `OutputFile` (written whole or not at all); a name that exists in `directory`
  /// and is not a regular file is refused before anything is written.
  static func write(_ files: [(String, String)], to directory: String) throws(CommandError) -> [String] {
    var status = stat()
    if stat(directory, &status) == 0 {
      guard status.st_mode & S_IFMT == S_IFDIR else {
        throw .failure("cannot write to \(directory): it exists and is not a directory")
      }
    } else if let failure = makeDirectory(directory) {
      throw .failure("cannot write to \(directory): \(OutputFile.reason(failure))")
    }
    let paths = files.map { (directory as NSString).appendingPathComponent($0.0) }
    for path in paths { try OutputFile.checkReplaceable(path, what: "the chart") }
    for (path, (_, text)) in zip(paths, files) {
      try OutputFile.write(text, to: path, what: "the chart")
    }
    return paths
  }

  /// Creates `path` and its missing parents (`mkdir -p`); returns the `errno` of a failure, or `nil`.
  static func makeDirectory(_ path: String) -> Int32? {
    if mkdir(path, 0o777) == 0 { return nil }
    let failure = errno
    var status = stat()
    if failure == EEXIST && stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR { return nil }
    guard failure == ENOENT else { return failure }
    let parent = (path as NSString).deletingLastPathComponent
    guard !parent.isEmpty, parent != path else { return failure }
    if let parentFailure = makeDirectory(parent) { return parentFailure }
    return mkdir(path, 0o777) == 0 ? nil : errno
  }

  /// The operating system's reason behind a Foundation error, when it has one.
  static func systemReason(_ error: any Error) -> String {
    let ns = error as NSError
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain
    {
      return OutputFile.reason(Int32(underlying.code))
    }
    if ns.domain == NSPOSIXErrorDomain { return OutputFile.reason(Int32(ns.code)) }
    return ns.localizedDescription
  }
}
