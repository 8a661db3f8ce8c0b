/// The `objectives` tool: dispatches to its subcommands and handles `--help`, `--version` and
/// `help <subcommand>`.
enum Tool {
  static let version = "0.1.0"

  /// A subcommand: its description and what it does with its parsed arguments. `run` returns the
  /// complete standard output; progress and notes go to standard error as they happen.
  struct Subcommand: Sendable {
    let spec: CommandSpec
    let run: @Sendable (ParsedArguments) throws(CommandError) -> String
  }

  static let subcommands: [Subcommand] = [
    Subcommand(spec: DemoCommand.spec, run: DemoCommand.run),
    Subcommand(spec: DescribeCommand.spec, run: DescribeCommand.run),
    Subcommand(spec: EvaluateCommand.spec, run: EvaluateCommand.run),
    Subcommand(spec: FormulaCommand.spec, run: FormulaCommand.run),
  ]

  static let spec = CommandSpec(
    name: "objectives", fullName: "objectives",
    abstract: "Define, compose, evaluate and track training objectives.",
    synopsis: "<subcommand>", positionals: [], options: [],
    discussion: """
      EXAMPLES:
        objectives demo --epochs 30 --seed 7
        objectives describe --config loss.json --format latex
        objectives evaluate --task binary predictions.csv
        objectives formula "[MSE]^2 + 0.5 x [MAE]" --set MSE=2 --set MAE=1
      """)

  /// Runs the tool on the arguments after the executable's name and returns the exit status.
  static func main(_ arguments: [String]) -> Int32 {
    do throws(CommandError) {
      let output = try run(arguments)
      try Console.writeOut(output)
      return ExitStatus.success
    } catch {
      if !error.message.isEmpty { Console.writeError(error.message + "\n") }
      return ExitStatus.failure
    }
  }

  static func run(_ arguments: [String]) throws(CommandError) -> String {
    guard let first = arguments.first else { return spec.helpText(subcommands: subcommands.map(\.spec)) }
    if first == "help" {
      let rest = arguments.dropFirst()
      guard let name = rest.first else { return spec.helpText(subcommands: subcommands.map(\.spec)) }
      guard let sub = subcommands.first(where: { $0.spec.name == name }) else {
        throw .usage("Unknown subcommand '\(name)'", command: spec)
      }
      return sub.spec.helpText()
    }
    if let sub = subcommands.first(where: { $0.spec.name == first }) {
      switch try ArgumentParser.parse(Array(arguments.dropFirst()), for: sub.spec) {
      case .help: return sub.spec.helpText()
      case .version: return version + "\n"
      case .run(let parsed): return try sub.run(parsed)
      }
    }
    switch try ArgumentParser.parse(arguments, for: spec) {
    case .help: return spec.helpText(subcommands: subcommands.map(\.spec))
    case .version: return version + "\n"
    case .run(let parsed):
      let name = parsed.positionals.first ?? ""
      throw .usage("Unknown subcommand '\(name)'", command: spec)
    }
  }
}
