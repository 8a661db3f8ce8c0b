import Objectives

/// `objectives formula "<formula>" [--set NAME=VALUE ...] [--higher-is-better NAME ...] [--strict] [--latex | --markdown]`
/// or `objectives formula --config FILE [...]`
///
/// Parses a formula in DRYTorch's notation with the library's parser, each `[name]` standing for a
/// leaf and each `{name}` for a parameter, prints its canonical rendering and, given a value for
/// every leaf and parameter, the combined value, each component and each parameter, evaluated once
/// (IEEE arithmetic: `[A] / 0` at `A=1` is `inf`).
enum FormulaCommand {
  static let spec = CommandSpec(
    name: "formula", fullName: "objectives formula",
    abstract: "Parse a loss formula, print its canonical form, and evaluate it.",
    synopsis:
      "(<formula> | --config <file>) [--set <name=value> ...] [--higher-is-better <name> ...] [--strict] [--latex | --markdown]",
    positionals: [
      PositionalSpec(
        name: "formula",
        help: "A formula such as \"[MSE]^2 + 0.5 x [MAE]\"; each [name] is a leaf.")
    ],
    options: [
      OptionSpec(
        "config", value: "file",
        help:
          "Read the formula from a loss configuration (see 'objectives describe');\nits leaves are built-in losses, minimised."
      ),
      OptionSpec(
        "set", value: "name=value", arity: .repeating,
        help:
          "The value of leaf [name] or parameter {name} (repeat for each).\nWith values, prints the combined value and each component."
      ),
      OptionSpec(
        "higher-is-better", value: "name", arity: .repeating,
        help: "Leaf [name] is maximised (leaves are minimised by default)."),
      .flag(
        "strict",
        help:
          "Refuse contradictory directions, constants that are not finite\nand division by a constant zero."),
      .flag("latex", help: "Print the formula as LaTeX math."),
      .flag("markdown", help: "Print the formula as Markdown."),
    ],
    discussion: """
      GRAMMAR:
        Leaves are written [name], parameters {name}; numbers are constants.
        Operators, weakest first: + and -, then x (or *) and /, then unary minus,
        then ^ (or **) with a number exponent; parentheses as usual. Functions:
        exp, log, sqrt, abs, min(a, b), max(a, b), clamp(x, lo, hi). Numbers
        include inf and nan. Sides pulling in opposite directions make a
        minimised loss, unless --strict refuses them.

      EXAMPLES:
        objectives formula "[MSE]^2 + 0.5 x [MAE]"
        objectives formula "[CE] - 0.1 x [Accuracy]" --higher-is-better Accuracy --set CE=0.7 --set Accuracy=0.9
        objectives formula "exp(-{s}) x [CE] + {s}" --set CE=0.7 --set s=0.5
        objectives formula --config loss.json --latex
      """)

  typealias Leaf = Loss<Int, Int, Double>

  static func run(_ arguments: ParsedArguments) throws(CommandError) -> String {
    let configuration = try arguments.value("config").map(LossConfigurationFile.read)
    guard let formula = configuration?.formula ?? arguments.positionals.first else {
      throw arguments.usageError("Missing expected argument '<formula>' (or '--config <file>')")
    }
    try arguments.expectPositionals(atMost: configuration == nil ? 1 : 0)
    if arguments.has("latex") && arguments.has("markdown") {
      throw arguments.usageError("'--latex' and '--markdown' cannot be used together")
    }
    let style: FormulaStyle = arguments.has("latex") ? .latex : arguments.has("markdown") ? .markdown : .plain

    let names: [String]
    let parameterNames: [String]
    do throws(FormulaError) {
      names = try FormulaSyntax.leafNames(in: formula)
      parameterNames = try FormulaSyntax.parameterNames(in: formula)
    } catch {
      throw .formula(error, formula: formula)
    }
    let (values, parameters) = try assignments(
      arguments, names: names, parameters: parameterNames, given: configuration?.parameters ?? [:])
    let maximised = Set(arguments.all("higher-is-better").map(unbracketed))
    for name in maximised where !names.contains(name) {
      throw arguments.usageError("'--higher-is-better \(name)': the formula has no leaf [\(name)]")
    }
    var table: [String: Leaf] = [:]
    for name in names {
      let value = values[name] ?? 0
      table[name] = Leaf(name, direction: maximised.contains(name) ? .maximize : .minimize) { _, _ in
        .batch(value)
      }
    }
    var loss: Leaf
    do throws(FormulaError) {
      loss = try Leaf(
        parsing: formula, named: table, parameters: parameters,
        checking: arguments.has("strict") ? .strict : .lenient)
    } catch {
      throw .formula(error, formula: formula)
    }

    var output = loss.formula(style) + "\n"
    guard !values.isEmpty else { return output }
    // The batch is evaluated once and reported as it is, not through an accumulator.
    let value: Double
    do throws(ObjectiveError) {
      value = try loss.forward(0, 0)
    } catch {
      throw .objective(error)
    }
    var results = Results()
    if !loss.isLeaf { results.append(loss.name, value, direction: loss.direction) }
    for name in loss.componentNames {
      results.append(name, values[name] ?? .nan, direction: maximised.contains(name) ? .maximize : .minimize)
    }
    for name in loss.parameterNames { results.append("{\(name)}", parameters[name] ?? .nan) }
    output += "\n" + results.table(format: .shortest, maxElements: .max) + "\n"
    return output
  }

  /// The `--set` values by leaf name and by parameter name; every leaf and parameter needs one
  /// when any is given. `--set s=1` sets the leaf [s] and the parameter {s}; `--set {s}=1` only the
  /// parameter.
  static func assignments(
    _ arguments: ParsedArguments, names: [String], parameters parameterNames: [String],
    given: [String: Double] = [:]
  ) throws(CommandError) -> ([String: Double], [String: Double]) {
    var values: [String: Double] = [:]
    var parameters: [String: Double] = [:]
    for text in arguments.all("set") {
      guard let eq = text.lastIndex(of: "=") else {
        throw arguments.usageError(
          "The value '\(text)' is invalid for '--set <name=value>': expected name=value")
      }
      let target = String(text[..<eq]).trimming(" ")
      let isParameter = target.hasPrefix("{") && target.hasSuffix("}") && target.count >= 2
      let isLeaf = target.hasPrefix("[")
      let name = isParameter ? String(target.dropFirst().dropLast()) : unbracketed(target)
      let valueText = text[text.index(after: eq)...].trimming(" ")
      guard let value = Double(valueText) else {
        throw arguments.usageError(
          "The value '\(text)' is invalid for '--set <name=value>': '\(valueText)' is not a number")
      }
      let leaf = !isParameter && names.contains(name)
      let parameter = !isLeaf && parameterNames.contains(name)
      guard leaf || parameter else {
        throw arguments.usageError(
          "'--set \(text)': the formula has no leaf [\(name)] and no parameter {\(name)}")
      }
      if leaf { values[name] = value }
      if parameter { parameters[name] = value }
    }
    if !values.isEmpty {
      for (name, value) in given where parameters[name] == nil { parameters[name] = value }
    }
    if !values.isEmpty || !parameters.isEmpty {
      let missing = names.filter { values[$0] == nil } + parameterNames.filter { parameters[$0] == nil }
      if !missing.isEmpty {
        let list = missing.map { "--set \($0)=VALUE" }.joined(separator: " ")
        throw arguments.usageError("Every leaf and parameter needs a value; add \(list)")
      }
    }
    return (values, parameters)
  }

  /// `[MSE]` → `MSE`; names without brackets are returned as they are.
  static func unbracketed(_ text: String) -> String {
    let t = text.trimming(" ")
    if t.hasPrefix("[") && t.hasSuffix("]") && t.count >= 2 { return String(t.dropFirst().dropLast()) }
    return t
  }
}
