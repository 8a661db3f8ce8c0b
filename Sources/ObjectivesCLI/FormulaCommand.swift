import Objectives

/// `objectives formula "<formula>" [--set NAME=VALUE ...] [--higher-is-better NAME ...] [--strict] [--latex | --markdown]`
///
/// Parses a formula in DRYTorch's notation with the library's parser, each `[name]` standing for a
/// leaf, prints its canonical rendering and, given a value for every leaf, the combined value and
/// each component, evaluated once (IEEE arithmetic: `[A] / 0` at `A=1` is `inf`).
enum FormulaCommand {
  static let spec = CommandSpec(
    name: "formula", fullName: "objectives formula",
    abstract: "Parse a loss formula, print its canonical form, and evaluate it.",
    synopsis:
      "<formula> [--set <name=value> ...] [--higher-is-better <name> ...] [--strict] [--latex | --markdown]",
    positionals: [
      PositionalSpec(
        name: "formula",
        help: "A formula such as \"[MSE]^2 + 0.5 x [MAE]\"; each [name] is a leaf.")
    ],
    options: [
      OptionSpec(
        "set", value: "name=value", arity: .repeating,
        help:
          "The value of leaf [name] (repeat for each leaf). With values,\nprints the combined value and each component."
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
        Leaves are written [name]; numbers are constants. Operators, weakest first:
        + and -, then x (or *) and /, then unary minus, then ^ (or **) with a
        number exponent; parentheses as usual. Numbers include inf and nan.
        Sides pulling in opposite directions make a minimised loss, unless
        --strict refuses them.

      EXAMPLES:
        objectives formula "[MSE]^2 + 0.5 x [MAE]"
        objectives formula "[CE] - 0.1 x [Accuracy]" --higher-is-better Accuracy --set CE=0.7 --set Accuracy=0.9
      """)

  typealias Leaf = Loss<Int, Int, Double>

  static func run(_ arguments: ParsedArguments) throws(CommandError) -> String {
    guard let formula = arguments.positionals.first else {
      throw arguments.usageError("Missing expected argument '<formula>'")
    }
    try arguments.expectPositionals(atMost: 1)
    if arguments.has("latex") && arguments.has("markdown") {
      throw arguments.usageError("'--latex' and '--markdown' cannot be used together")
    }
    let style: FormulaStyle = arguments.has("latex") ? .latex : arguments.has("markdown") ? .markdown : .plain

    let names = leafNames(in: formula)
    let values = try assignments(arguments, names: names)
    let maximised = Set(arguments.all("higher-is-better").map(unbracketed))
    for name in maximised where !names.contains(name) {
      throw arguments.usageError("'--higher-is-better \(name)': the formula has no leaf [\(name)]")
    }
    var table: [String: Leaf] = [:]
    for name in names {
      let value = values[name] ?? 0
      table[name] = Leaf(name, higherIsBetter: maximised.contains(name)) { _, _ in .batch(value) }
    }
    var loss: Leaf
    do throws(FormulaError) {
      loss = try Leaf(parsing: formula, named: table, checking: arguments.has("strict") ? .strict : .lenient)
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
    if !loss.isLeaf { results.append(loss.name, value, higherIsBetter: loss.higherIsBetter) }
    for name in loss.componentNames {
      results.append(name, values[name] ?? .nan, higherIsBetter: maximised.contains(name))
    }
    output += "\n" + results.table(format: .shortest, maxElements: .max) + "\n"
    return output
  }

  /// The names written `[name]` in the formula, in order of first appearance, with `\]` and `\\`
  /// unescaped as the parser does. An unclosed bracket is left for the parser to report.
  static func leafNames(in formula: String) -> [String] {
    var names: [String] = []
    var iterator = formula.makeIterator()
    while let c = iterator.next() {
      guard c == "[" else { continue }
      var name = ""
      var closed = false
      while let d = iterator.next() {
        if d == "\\", let escaped = iterator.next() {
          name.append(escaped)
        } else if d == "]" {
          closed = true
          break
        } else {
          name.append(d)
        }
      }
      if closed && !names.contains(name) { names.append(name) }
    }
    return names
  }

  /// The `--set` values by leaf name; every leaf needs one when any is given.
  static func assignments(_ arguments: ParsedArguments, names: [String]) throws(CommandError) -> [String:
    Double]
  {
    var values: [String: Double] = [:]
    for text in arguments.all("set") {
      guard let eq = text.lastIndex(of: "=") else {
        throw arguments.usageError(
          "The value '\(text)' is invalid for '--set <name=value>': expected name=value")
      }
      let name = unbracketed(String(text[..<eq]))
      let valueText = text[text.index(after: eq)...].trimming(" ")
      guard let value = Double(valueText) else {
        throw arguments.usageError(
          "The value '\(text)' is invalid for '--set <name=value>': '\(valueText)' is not a number")
      }
      guard names.contains(name) else {
        throw arguments.usageError("'--set \(text)': the formula has no leaf [\(name)]")
      }
      values[name] = value
    }
    if !values.isEmpty {
      let missing = names.filter { values[$0] == nil }
      if !missing.isEmpty {
        let list = missing.map { "--set \($0)=VALUE" }.joined(separator: " ")
        throw arguments.usageError("Every leaf needs a value; add \(list)")
      }
    }
    return values
  }

  /// `[MSE]` → `MSE`; names without brackets are returned as they are.
  static func unbracketed(_ text: String) -> String {
    let t = text.trimming(" ")
    if t.hasPrefix("[") && t.hasSuffix("]") && t.count >= 2 { return String(t.dropFirst().dropLast()) }
    return t
  }
}
