import Objectives

/// `--metrics` items: plain metric names and formulas over metric names in brackets
/// (`1 - [auroc]`, `([precision] + [recall]) / 2`). A formula is computed from the metrics'
/// values over the whole file (the metric algebra), never averaged over chunks.
enum MetricItem: Equatable, Sendable {
  case name(String)
  case formula(String)

  /// Splits a `--metrics` list on the commas outside parentheses, brackets and braces (so
  /// `min([a], [b])` and `[a,b]` stay whole), trimming spaces and dropping empty items.
  static func split(_ list: String) -> [MetricItem] {
    var items: [String] = []
    var current = ""
    var depth = 0
    var closing: Character? = nil
    var escaped = false
    for c in list {
      if let close = closing {
        current.append(c)
        if escaped {
          escaped = false
        } else if c == "\\" {
          escaped = true
        } else if c == close {
          closing = nil
        }
        continue
      }
      switch c {
      case "[": closing = "]"
      case "{": closing = "}"
      case "(": depth += 1
      case ")": depth = max(depth - 1, 0)
      case "," where depth == 0:
        items.append(current)
        current = ""
        continue
      default: break
      }
      current.append(c)
    }
    items.append(current)
    return items.map { $0.trimming(" ") }.filter { !$0.isEmpty }.map { item in
      item.contains(where: { "[({".contains($0) }) ? .formula(item) : .name(item)
    }
  }
}

/// A stand-in objective that reports fixed results: the formulas of `--metrics` are parsed against
/// the keys and directions of the task's metrics, and evaluated on the results the evaluator
/// computes over the whole file.
struct ReportedResults: Objective {
  var results: Results
  mutating func update(_ outputs: Int, _ targets: Int) throws(ObjectiveError) {}
  func compute() -> Results { results }
  mutating func reset() {}
  mutating func merge(_ other: ReportedResults) throws(ObjectiveError) {}
  var state: Results { results }
  mutating func restore(_ state: Results) throws(ObjectiveError) {}
}

/// Reports the `--metrics` items in order: plain metrics from the inner evaluator, formulas applied
/// to its results over the whole file, each keyed by its canonical formula.
struct FormulaEvaluator: BatchEvaluator {
  enum Output {
    case metric(String)
    case formula(MetricExpression<Int, Int>)
  }
  var inner: any BatchEvaluator
  let outputs: [Output]

  mutating func update(_ batch: RowBatch) throws(ObjectiveError) { try inner.update(batch) }

  func results() -> Results {
    let all = inner.results()
    var results = Results()
    for output in outputs {
      switch output {
      case .metric(let name):
        if let entry = all.first(where: { $0.name == name }) { results.append(entry) }
      case .formula(let e):
        results.append(e.formula, e.evaluate(all), direction: e.direction)
      }
    }
    return results
  }

  func writeCharts(to directory: String) throws(CommandError) -> [String] {
    try inner.writeCharts(to: directory)
  }
}

extension EvaluateCommand {
  /// The metric names a formula reads (its `[keys]`), resolved with `resolve`; a name that does not
  /// resolve is a usage error naming the formula.
  static func formulaKeys<M>(
    _ formula: String, task: String, known: String, resolve: (String) -> M?
  ) throws(CommandError) -> [(String, M)] {
    var keys: [(String, M)] = []
    let leaves: [String]
    do throws(FormulaError) {
      leaves = try FormulaSyntax.leafNames(in: formula)
    } catch {
      throw .formula(error, formula: formula)
    }
    for key in leaves {
      guard let metric = resolve(key) else {
        throw .usage(
          "Unknown metric '\(key)' in the formula '\(formula)' for --task \(task); known: \(known)",
          command: spec)
      }
      keys.append((key, metric))
    }
    return keys
  }

  /// Wraps `inner` so that it reports `items` in order, formulas parsed against the keys and
  /// directions of its (empty) results.
  static func withFormulas(_ inner: any BatchEvaluator, items: [MetricItem], names: [String: String])
    throws(CommandError) -> any BatchEvaluator
  {
    let source = MetricSource(ReportedResults(results: inner.results()))
    var outputs: [FormulaEvaluator.Output] = []
    for item in items {
      switch item {
      case .name(let text): outputs.append(.metric(names[text] ?? text))
      case .formula(let text):
        do throws(FormulaError) {
          outputs.append(.formula(try MetricExpression(parsing: text, source: source)))
        } catch {
          throw .formula(error, formula: text, hint: "Write metric names in brackets: 1 - [auroc]")
        }
      }
    }
    return FormulaEvaluator(inner: inner, outputs: outputs)
  }
}
