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
  static func write(_ files: [(String, String)], to directory: String) throws(CommandError) -> [String] {
    let folder = URL(fileURLWithPath: directory, isDirectory: true)
    var written: [String] = []
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      for (name, text) in files {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name), options: .atomic)
        written.append((directory as NSString).appendingPathComponent(name))
      }
    } catch {
      throw .failure("cannot write to \(directory): \(error.localizedDescription)")
    }
    return written
  }
}
