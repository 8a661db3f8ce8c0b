/// What a command line asked for after the standard options are handled.
enum ParseOutcome: Sendable {
  case help
  case version
  case run(ParsedArguments)
}

/// The options and positional arguments of one command line, by option name.
struct ParsedArguments: Sendable {
  let command: CommandSpec
  private(set) var values: [String: [String]] = [:]
  private(set) var positionals: [String] = []

  init(command: CommandSpec) { self.command = command }

  mutating func add(_ option: OptionSpec, _ value: String) { values[option.name, default: []].append(value) }
  mutating func addPositional(_ value: String) { positionals.append(value) }

  /// Whether the flag or option `name` was given.
  func has(_ name: String) -> Bool { values[name] != nil }

  /// The last value of option `name`, if given.
  func value(_ name: String) -> String? { values[name]?.last }

  /// Every value of the repeating option `name`, in order.
  func all(_ name: String) -> [String] { values[name] ?? [] }

  /// A usage error for this command.
  func usageError(_ text: String) -> CommandError { .usage(text, command: command) }

  /// The value of `name` as an integer in `range`, or `nil` when not given.
  func integer(_ name: String, in range: ClosedRange<Int>) throws(CommandError) -> Int? {
    guard let text = value(name) else { return nil }
    guard let n = Int(text), range.contains(n) else {
      throw usageError(
        "The value '\(text)' is invalid for '--\(name) <\(spec(name))>': expected an integer in \(range.lowerBound)...\(range.upperBound)"
      )
    }
    return n
  }

  /// The value of `name` as a finite number, or `nil` when not given.
  func number(_ name: String) throws(CommandError) -> Double? {
    guard let text = value(name) else { return nil }
    guard let x = Double(text), x.isFinite else {
      throw usageError(
        "The value '\(text)' is invalid for '--\(name) <\(spec(name))>': expected a finite number")
    }
    return x
  }

  /// The value of `name` as one of the cases of `E`, or `nil` when not given.
  func choice<E: RawRepresentable & CaseIterable>(_ name: String, _ type: E.Type) throws(CommandError) -> E?
  where E.RawValue == String {
    guard let text = value(name) else { return nil }
    guard let e = E(rawValue: text) else {
      let names = E.allCases.map(\.rawValue).joined(separator: ", ")
      throw usageError(
        "The value '\(text)' is invalid for '--\(name) <\(spec(name))>': expected one of \(names)")
    }
    return e
  }

  private func spec(_ name: String) -> String { command.option(named: name)?.valueName ?? "value" }

  /// Refuses more positional arguments than `count`.
  func expectPositionals(atMost count: Int) throws(CommandError) {
    if positionals.count > count {
      throw usageError("Unexpected argument '\(positionals[count])'")
    }
  }
}

/// Splits a command line into options and positional arguments, following swift-argument-parser's
/// conventions:
/// - `--name value` and `--name=value`; `-h` for `--help`;
/// - `--help`, `-h` and `--version` anywhere before `--` win over everything else;
/// - `--` ends the options; a lone `-` is a positional argument (standard input);
/// - a value or positional argument may start with `-` when it is a number (`-0.5`)
///   or does not look like an option name (`"-[A] + 1"`).
enum ArgumentParser {
  static func parse(_ arguments: [String], for command: CommandSpec) throws(CommandError) -> ParseOutcome {
    let beforeTerminator = arguments.prefix { $0 != "--" }
    if beforeTerminator.contains(where: { $0 == "--help" || $0 == "-h" }) { return .help }
    if beforeTerminator.contains("--version") { return .version }

    var parsed = ParsedArguments(command: command)
    var i = 0
    var optionsEnded = false
    while i < arguments.count {
      let arg = arguments[i]
      i += 1
      if optionsEnded || !looksLikeOption(arg) {
        parsed.addPositional(arg)
        continue
      }
      if arg == "--" {
        optionsEnded = true
        continue
      }
      let option: OptionSpec
      var inlineValue: String? = nil
      if arg.hasPrefix("--") {
        let body = arg.dropFirst(2)
        let name: Substring
        if let eq = body.firstIndex(of: "=") {
          name = body[..<eq]
          inlineValue = String(body[body.index(after: eq)...])
        } else {
          name = body
        }
        guard let o = command.option(named: String(name)) else {
          throw .usage("Unknown option '--\(name)'", command: command)
        }
        option = o
      } else {
        let body = arg.dropFirst()
        guard body.count == 1, let c = body.first, let o = command.option(short: c) else {
          throw .usage("Unknown option '\(arg)'", command: command)
        }
        option = o
      }
      switch option.arity {
      case .flag:
        if inlineValue != nil {
          throw .usage("The flag '--\(option.name)' does not take a value", command: command)
        }
        parsed.add(option, "")
      case .single, .repeating:
        if let inlineValue {
          parsed.add(option, inlineValue)
        } else if i < arguments.count, !looksLikeOption(arguments[i]) {
          parsed.add(option, arguments[i])
          i += 1
        } else {
          throw .usage("Missing value for '\(option.synopsis)'", command: command)
        }
      }
    }
    return .run(parsed)
  }

  static func isNumber(_ text: String) -> Bool { Double(text) != nil }

  /// `--name…` or `-x` with a letter `x`. Anything else that starts with `-` is a value or a
  /// positional argument: `-`, a negative number, a formula such as `-[A] + 1`.
  static func looksLikeOption(_ text: String) -> Bool {
    guard text.hasPrefix("-"), !isNumber(text) else { return false }
    let rest = text.dropFirst()
    if rest.hasPrefix("-") {
      return rest.count > 1 && rest.dropFirst().first?.isLetter == true || rest.count == 1
    }
    return rest.first?.isLetter == true
  }
}
