import Foundation

/// Writes to the standard streams. Commands build their whole standard output first and write it
/// once at the end, so a failure leaves standard output empty.
enum Console {
  static func writeOut(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  static func writeError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// Whether standard error is a terminal (progress is shown only then).
  static var standardErrorIsTerminal: Bool { isatty(2) == 1 }
}
