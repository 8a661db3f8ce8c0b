/// One option of a command, as shown in its help.
struct OptionSpec: Sendable {
  /// How an option takes values.
  enum Arity: Sendable {
    /// A flag without value (`--streaming`).
    case flag
    /// One value (`--epochs <n>`); given twice, the last value wins.
    case single
    /// A value that may be given several times (`--set <name=value> ...`).
    case repeating
  }

  /// The long name, without the dashes.
  let name: String
  /// The short name, if any (`-h`).
  let short: Character?
  /// The placeholder of the value (`n` for `--epochs <n>`); unused for flags.
  let valueName: String
  let arity: Arity
  let help: String

  init(_ name: String, short: Character? = nil, value: String = "", arity: Arity = .single, help: String) {
    self.name = name
    self.short = short
    self.valueName = value
    self.arity = arity
    self.help = help
  }

  /// A flag such as `--streaming`.
  static func flag(_ name: String, short: Character? = nil, help: String) -> OptionSpec {
    OptionSpec(name, short: short, arity: .flag, help: help)
  }

  /// How the option is written in the help's left column: `--epochs <n>`.
  var synopsis: String {
    let long = "--\(name)" + (arity == .flag ? "" : " <\(valueName)>")
    if let short { return "-\(short), " + long }
    return long
  }
}

/// A positional argument of a command.
struct PositionalSpec: Sendable {
  let name: String
  let help: String
}

/// The description of one command: its names, arguments, options and help texts.
struct CommandSpec: Sendable {
  /// The command's name (`formula`), or the tool's name for the root command.
  let name: String
  /// The name as typed: `objectives formula`.
  let fullName: String
  /// One line saying what the command does.
  let abstract: String
  /// The options and arguments after the name, as in `USAGE:`.
  let synopsis: String
  let positionals: [PositionalSpec]
  let options: [OptionSpec]
  /// Further paragraphs shown after the options.
  let discussion: String

  /// The standard options every command accepts.
  static let standardOptions = [
    OptionSpec.flag("version", help: "Show the version."),
    OptionSpec.flag("help", short: "h", help: "Show help information."),
  ]

  /// `objectives formula <formula> [--set <name=value> ...] …`
  var usageLine: String { synopsis.isEmpty ? fullName : fullName + " " + synopsis }

  /// The option called `name` (without dashes), if the command has it.
  func option(named name: String) -> OptionSpec? {
    (options + Self.standardOptions).first { $0.name == name }
  }

  /// The option with the short name `c`, if any.
  func option(short c: Character) -> OptionSpec? {
    (options + Self.standardOptions).first { $0.short == c }
  }

  /// The help text in swift-argument-parser's layout: OVERVIEW, USAGE, ARGUMENTS, OPTIONS.
  func helpText(subcommands: [CommandSpec] = []) -> String {
    var lines = ["OVERVIEW: \(abstract)", "", "USAGE: \(usageLine)", ""]
    let column = 26
    func row(_ left: String, _ help: String) -> [String] {
      let helpLines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      let lead = "  " + left
      var out: [String] = []
      if lead.count + 2 <= column {
        out.append(lead.padding(toLength: column, withPad: " ", startingAt: 0) + (helpLines.first ?? ""))
      } else {
        out.append(lead)
        out.append(String(repeating: " ", count: column) + (helpLines.first ?? ""))
      }
      for more in helpLines.dropFirst() { out.append(String(repeating: " ", count: column) + more) }
      return out.map { $0.trailingSpacesRemoved }
    }
    if !positionals.isEmpty {
      lines.append("ARGUMENTS:")
      for p in positionals { lines += row("<\(p.name)>", p.help) }
      lines.append("")
    }
    lines.append("OPTIONS:")
    for o in options + Self.standardOptions { lines += row(o.synopsis, o.help) }
    if !subcommands.isEmpty {
      lines += ["", "SUBCOMMANDS:"]
      for s in subcommands { lines += row(s.name, s.abstract) }
      lines += ["", "  See '\(fullName) help <subcommand>' for detailed help."]
    }
    if !discussion.isEmpty { lines += ["", discussion] }
    return lines.joined(separator: "\n") + "\n"
  }
}
