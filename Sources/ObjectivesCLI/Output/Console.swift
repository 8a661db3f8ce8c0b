import Foundation

/// Writes to the standard streams. Commands build their whole standard output first and write it
/// once at the end, so a failure leaves standard output empty.
enum Console {
  /// Writes `text` to standard output.
  /// - Throws: `CommandError.failure` with the system's reason (a full device, a closed pipe, …).
  static func writeOut(_ text: String) throws(CommandError) {
    var text = text
    if let failure = text.withUTF8({ OutputFile.writeAll($0, to: 1) }) {
      throw .failure("cannot write the standard output: \(OutputFile.reason(failure))")
    }
  }

  /// Writes `text` to standard error; a failure there has nowhere to be reported and is ignored.
  static func writeError(_ text: String) {
    var text = text
    _ = text.withUTF8 { OutputFile.writeAll($0, to: 2) }
  }

  /// Whether standard error is a terminal (progress is shown only then).
  static var standardErrorIsTerminal: Bool { isatty(2) == 1 }
}
