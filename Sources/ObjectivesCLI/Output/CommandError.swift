import Objectives

/// Why a command failed. Every case is printed to standard error and ends the process with exit
/// code 2; nothing is written to standard output.
enum CommandError: Error, Sendable {
  /// The command line is wrong: an unknown option, a missing or malformed value. The usage of
  /// `command` is printed after the message.
  case usage(String, command: CommandSpec)
  /// A formula that does not parse; printed with a caret under the position, then the hint.
  case formula(FormulaError, formula: String, hint: String? = nil)
  /// Bad data or an impossible request, reported as the library's typed error.
  case objective(ObjectiveError)
  /// Any other failure, such as a file that cannot be read or written.
  case failure(String)
  /// A failure another process reports (rank 0 of a distributed run): exit 2 without a message.
  case reportedElsewhere

  /// The text written to standard error.
  var message: String {
    switch self {
    case .usage(let text, let command):
      return
        "Error: \(text)\nUsage: \(command.usageLine)\n  See '\(command.fullName) --help' for more information."
    case .formula(let error, let formula, let hint):
      let pointed = error.pointing(at: formula).split(separator: "\n", omittingEmptySubsequences: false)
      return "Error: \(error)\n" + pointed.map { "  " + $0 }.joined(separator: "\n")
        + (hint.map { "\n" + $0 } ?? "")
    case .objective(let error):
      return "Error: \(error)"
    case .failure(let text):
      return "Error: \(text)"
    case .reportedElsewhere:
      return ""
    }
  }
}

/// The process exit codes, following swift-argument-parser's tools: 0 on success (including
/// `--help` and `--version`), 2 on any error.
enum ExitStatus {
  static let success: Int32 = 0
  static let failure: Int32 = 2
}
