import Objectives

/// `objectives describe --config FILE [--format markdown|latex]`
///
/// Writes a description of a configured loss for a paper or a model card, made by the library's
/// `LossDescription`: the formula in LaTeX, each leaf's definition and parameters, the directions
/// and the watched metrics with their definitions.
enum DescribeCommand {
  static let spec = CommandSpec(
    name: "describe", fullName: "objectives describe",
    abstract: "Describe a configured loss for a paper or a model card.",
    synopsis: "--config <file> [--format <markdown|latex>]",
    positionals: [],
    options: [
      OptionSpec("config", value: "file", help: LossConfigurationFile.help),
      OptionSpec(
        "format", value: "markdown|latex",
        help: "Markdown with $$ math (default), or a LaTeX fragment\n(amsmath) to \\input into a paper."),
    ],
    discussion: """
      CONTENTS:
        The formula in LaTeX and in DRYTorch's notation, the combined loss's
        direction, each leaf's definition (the built-in loss's formula) and
        parameters with their values, and the watched metrics with their
        directions and definitions.

      EXAMPLES:
        objectives describe --config loss.json
        objectives describe --config loss.json --format latex > loss.tex
      """)

  static func run(_ arguments: ParsedArguments) throws(CommandError) -> String {
    try arguments.expectPositionals(atMost: 0)
    guard let path = arguments.value("config") else {
      throw arguments.usageError("Missing expected option '--config <file>'")
    }
    let format = try arguments.choice("format", LossDescription.Format.self) ?? .markdown
    let configuration = try LossConfigurationFile.read(path)
    do throws(LossConfigurationError) {
      return try configuration.describe(format: format)
    } catch {
      throw .failure("\(path): " + error.pointed)
    }
  }
}
