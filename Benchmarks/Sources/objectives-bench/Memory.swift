import Foundation

/// Resident-set figures of this process from /proc/self/status, in bytes.
enum ProcessMemory {
  /// `VmRSS`: resident now.
  static var resident: Int { field("VmRSS") }
  /// `VmHWM`: the peak resident set so far.
  static var peak: Int { field("VmHWM") }

  private static func field(_ name: String) -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
      let parts = line.split(separator: " ", omittingEmptySubsequences: true)
      if parts.count >= 2, let kb = Int(parts[1]) { return kb * 1024 }
    }
    return -1
  }
}
