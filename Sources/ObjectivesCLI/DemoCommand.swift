enum DemoCommand {
  static let spec = CommandSpec(
    name: "demo", fullName: "objectives demo", abstract: "Train a small model.", synopsis: "",
    positionals: [],
    options: [], discussion: "")
  static func run(_ arguments: ParsedArguments) throws(CommandError) -> String { "" }
}
