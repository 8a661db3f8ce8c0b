import Foundation
import Objectives
import Testing

/// `objectives formula`, run as a process.
@Suite("CLI formula")
struct CLIFormulaTests {
  typealias L = Loss<Int, Int, Double>

  /// The library's own parse of `formula` with constant leaves, for comparison.
  func parsed(_ formula: String, values: [String: Double], maximised: Set<String> = []) throws -> L {
    var table: [String: L] = [:]
    for (name, value) in values {
      table[name] = L(name, direction: maximised.contains(name) ? .maximize : .minimize) { _, _ in
        .batch(value)
      }
    }
    return try L(parsing: formula, named: table)
  }

  /// `name  value  direction` rows of a results table, by name.
  func tableValues(_ text: String) -> [String: (value: Double, direction: String)] {
    var rows: [String: (Double, String)] = [:]
    for line in text.split(separator: "\n") {
      let parts = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
      guard parts.count >= 3, let value = Double(parts[parts.count - 2]) else { continue }
      rows[parts.dropLast(2).joined(separator: " ")] = (value, parts[parts.count - 1])
    }
    return rows
  }

  @Test(
    "prints the canonical rendering",
    arguments: [
      ("[MSE]^2+0.5*[MAE]", "[MSE]^2 + 0.5 x [MAE]"),
      ("([A] + [B]) x 2", "2 x ([A] + [B])"),
      ("[A] ** 2 x 1 / 4", "[A]^2 / 4"),
    ])
  func canonical(_ input: String, _ rendering: String) throws {
    let run = try CLI.run(["formula", input])
    #expect(run.status == 0)
    #expect(run.stderr.isEmpty)
    let expected = try parsed(
      input, values: ["MSE": 0, "MAE": 0, "A": 0, "B": 0].filter { input.contains("[\($0.key)]") })
    #expect(run.stdout == rendering + "\n")
    #expect(expected.formula == rendering)
  }

  @Test("a formula starting with a minus is an argument, not an option")
  func leadingMinus() throws {
    let run = try CLI.run(["formula", "-[A] + 2 x [B]", "--higher-is-better", "A"])
    #expect(run.status == 0, "\(run.stderr)")
    let expected = try parsed("-[A] + 2 x [B]", values: ["A": 0, "B": 0], maximised: ["A"])
    #expect(run.stdout == expected.formula + "\n")
  }

  @Test("LaTeX and Markdown renderings agree with the library", arguments: [FormulaStyle.latex, .markdown])
  func styles(_ style: FormulaStyle) throws {
    let formula = "[MSE]^2 + 0.5 x [MAE] x ([MSE] + 1)^0.5"
    let run = try CLI.run(["formula", formula, style == .latex ? "--latex" : "--markdown"])
    #expect(run.status == 0)
    #expect(run.stdout == (try parsed(formula, values: ["MSE": 0, "MAE": 0])).formula(style) + "\n")
  }

  @Test("--set evaluates the combined value and every component")
  func evaluates() throws {
    let run = try CLI.run(["formula", "[MSE]^2 + 0.5 x [MAE]", "--set", "MSE=2", "--set", "[MAE]=1"])
    #expect(run.status == 0, "\(run.stderr)")
    let rows = tableValues(run.stdout)
    #expect(rows["Combined Loss"]?.value == 4.5)
    #expect(rows["MSE"]?.value == 2)
    #expect(rows["MAE"]?.value == 1)
    #expect(rows["Combined Loss"]?.direction == "min")
    #expect(run.stdout.hasPrefix("[MSE]^2 + 0.5 x [MAE]\n"))
  }

  @Test("values agree with the library for random formulas and values")
  func agreesWithLibrary() throws {
    var g = SeededGenerator(seed: 5)
    let formulas = [
      "[A] + 2 x [B]", "[A] x [B] + [C] / 4", "([A] + [B])^2 x [C]", "[A] - 3", "[A]^0.5 x ([B] + [C])",
    ]
    for formula in formulas {
      var values: [String: Double] = [:]
      var arguments = ["formula", formula]
      for name in ["A", "B", "C"] where formula.contains("[\(name)]") {
        let v = Double(Int.random(in: 1...999, using: &g)) / 100
        values[name] = v
        arguments += ["--set", "\(name)=\(v)"]
      }
      let run = try CLI.run(arguments)
      #expect(run.status == 0, "\(formula): \(run.stderr)")
      var loss = try parsed(formula, values: values)
      try loss.update(0, 0)
      let rows = tableValues(run.stdout)
      for entry in loss.compute() {
        let shown = try #require(rows[entry.name], "\(formula): no row \(entry.name) in \(run.stdout)")
        #expect(isClose(shown.value, entry.value.scalar ?? .nan, relative: 1e-15), "\(formula) \(entry.name)")
      }
    }
  }

  @Test("--higher-is-better flips a leaf's direction")
  func direction() throws {
    let run = try CLI.run([
      "formula", "[CE] - 0.1 x [Accuracy]", "--higher-is-better", "Accuracy", "--set", "CE=0.7", "--set",
      "Accuracy=0.9",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let rows = tableValues(run.stdout)
    #expect(isClose(rows["Combined Loss"]?.value ?? .nan, 0.7 - 0.1 * 0.9, relative: 1e-15))
    #expect(rows["Accuracy"]?.direction == "max")
    #expect(rows["CE"]?.direction == "min")
  }

  @Test(
    "syntax errors print the formula with a caret under the position",
    arguments: ["[MSE]^2 + + [MAE]", "[A] x (2 + [B]", "[A", "[A] ^ [B]", "2 + 3", "[A] [B]"])
  func syntaxError(_ formula: String) throws {
    let run = try CLI.run(["formula", formula])
    CLI.expectFailure(run, mentioning: [formula])
    let error: FormulaError
    do {
      _ = try parsed(
        formula, values: ["A": 0, "B": 0, "MSE": 0, "MAE": 0].filter { formula.contains("[\($0.key)") })
      Issue.record("\(formula) parsed")
      return
    } catch let e as FormulaError {
      error = e
    }
    let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let formulaLine = try #require(lines.firstIndex { $0.hasSuffix(formula) })
    let caretLine = lines[formulaLine + 1]
    let indent = lines[formulaLine].count - formula.count
    #expect(caretLine == String(repeating: " ", count: indent + error.position) + "^", "\(run.stderr)")
    #expect(run.stderr.hasPrefix("Error: "))
  }

  @Test("with --strict, contradictory directions are refused with a caret at the operator")
  func compositionError() throws {
    let run = try CLI.run([
      "formula", "[CE] + [Accuracy]", "--higher-is-better", "Accuracy", "--set", "CE=1", "--set",
      "Accuracy=1", "--strict",
    ])
    CLI.expectFailure(run, mentioning: ["[CE] + [Accuracy]", "     ^"])
  }

  @Test("without --strict, contradictory directions make a minimised loss")
  func lenientDirections() throws {
    let run = try CLI.run(["formula", "[MSE] - [MAE]", "--set", "MSE=3", "--set", "MAE=1"])
    #expect(run.status == 0, "\(run.stderr)")
    let rows = tableValues(run.stdout)
    #expect(rows["Combined Loss"]?.value == 2)
    #expect(rows["Combined Loss"]?.direction == "min")
    #expect(rows["MAE"]?.direction == "min")
  }

  /// Issue 10, item 1: these printed NaN.
  @Test(
    "infinite values stay infinite",
    arguments: [
      (["[MSE] / 0", "--set", "MSE=1"], "Combined Loss", Double.infinity),
      (["[A]", "--set", "A=inf"], "A", Double.infinity),
      (["[A] + 1", "--set", "A=-inf"], "Combined Loss", -Double.infinity),
      (["[A] x 1e308 x 10", "--set", "A=1"], "Combined Loss", Double.infinity),
    ])
  func infinities(_ arguments: [String], _ row: String, _ expected: Double) throws {
    let run = try CLI.run(["formula"] + arguments)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(tableValues(run.stdout)[row]?.value == expected, "\(run.stdout)")
  }

  @Test(
    "bad --set and --higher-is-better arguments are usage errors",
    arguments: [
      (["[A] + [B]", "--set", "A=1"], "--set B=VALUE"),
      (["[A]", "--set", "B=1"], "no leaf [B]"),
      (["[A]", "--set", "A=one"], "'one' is not a number"),
      (["[A]", "--set", "A"], "expected name=value"),
      (["[A]", "--higher-is-better", "B"], "no leaf [B]"),
      (["[A]", "--latex", "--markdown"], "cannot be used together"),
      (["[A]", "--set"], "Missing value for '--set <name=value>'"),
      (["[A]", "[B]"], "Unexpected argument '[B]'"),
      ([], "Missing expected argument '<formula>'"),
    ])
  func usageErrors(_ arguments: [String], _ fragment: String) throws {
    let run = try CLI.run(["formula"] + arguments)
    CLI.expectFailure(run, mentioning: [fragment, "Usage: objectives formula", "objectives formula --help"])
  }
}
