enum EvaluateCommand {
  static let spec = CommandSpec(
    name: "evaluate", fullName: "objectives evaluate", abstract: "Evaluate.", synopsis: "", positionals: [],
    options: [], discussion: "")
  static func run(_ arguments: ParsedArguments) throws(CommandError) -> String { "" }
}
