extension LossConfigurationReader {
  /// A formula without leaves: each `[name]` is a built-in loss's name (`[MSE] + 0.5 x [L1]`), or,
  /// without brackets, an EDSR-style sum of weighted names (`1*L1+0.5*MSE`). A leaf is named as
  /// the formula writes it.
  static func formulaOnly(
    _ text: String, path: String, parameters: [String: Double], metrics: [String]
  ) throws(LossConfigurationError) -> LossConfiguration {
    let formula: String
    var names: [(String, Int)] = []
    if text.contains("[") {
      formula = text
      do throws(FormulaError) {
        names = try FormulaSyntax.leafNames(in: text).map {
          ($0, LossConfiguration.position(of: $0, in: text))
        }
      } catch {
        throw LossConfigurationError(path: path, formula: text, error: error)
      }
    } else {
      (formula, names) = try edsr(text, path: path)
    }
    var leaves: [LossConfiguration.Leaf] = []
    for (name, position) in names where !leaves.contains(where: { $0.name == name }) {
      guard let loss = BuiltinLoss.registryName(for: name) else {
        throw LossConfigurationError(
          path: path, formula: text, position: position,
          "unknown loss \"\(name)\" at position \(position) (known: \(BuiltinLoss.names.joined(separator: ", ")),"
            + " or their display names \(BuiltinLoss.entries.map(\.displayName).joined(separator: ", ")))")
      }
      leaves.append(LossConfiguration.Leaf(name: name, loss: loss, path: path))
    }
    do throws(LossConfigurationError) {
      return try LossConfiguration(formula: formula, leaves: leaves, parameters: parameters, metrics: metrics)
    } catch {
      // Positions refer to the text as written, not the bracketed formula made from it.
      guard error.path == "$.formula", error.formula != nil else { throw error }
      throw LossConfigurationError(
        path: path, formula: formula, position: error.position ?? 0, error.message)
    }
  }

  /// `1*L1+0.5*MSE` → `[L1] + 0.5 x [MSE]` and the names with their positions in `text`. Terms are
  /// separated by `+` or `-`; each is a name, optionally preceded by a weight and `*`.
  static func edsr(_ text: String, path: String) throws(LossConfigurationError) -> (String, [(String, Int)]) {
    let characters = Array(text)
    var i = 0
    var formula = ""
    var names: [(String, Int)] = []
    func fail(_ message: String, at position: Int) -> LossConfigurationError {
      LossConfigurationError(
        path: path, formula: text, position: position, message + " at position \(position)")
    }
    func skipSpaces() { while i < characters.count, characters[i] == " " { i += 1 } }
    var negative = false
    while true {
      skipSpaces()
      guard i < characters.count else { throw fail("expected a loss name", at: i) }
      var weight = 1.0
      let start = i
      while i < characters.count {
        let c = characters[i]
        let afterExponent = i > start && (characters[i - 1] == "e" || characters[i - 1] == "E")
        guard
          c.isNumber || c == "." || ((c == "e" || c == "E") && i > start)
            || ((c == "-" || c == "+") && afterExponent)
        else { break }
        i += 1
      }
      skipSpaces()
      if i < characters.count, characters[i] == "*" {
        let literal = String(characters[start..<i]).trimmingWhitespace
        guard let w = Double(literal), w.isFinite else {
          throw fail("expected a weight before '*'", at: start)
        }
        weight = w
        i += 1
        skipSpaces()
      } else {
        i = start
      }
      let nameStart = i
      while i < characters.count, characters[i].isLetter || characters[i].isNumber || characters[i] == "_" {
        i += 1
      }
      guard i > nameStart else { throw fail("expected a loss name", at: nameStart) }
      let name = String(characters[nameStart..<i])
      names.append((name, nameStart))
      formula += term(weight: negative ? -weight : weight, leaf: name, first: formula.isEmpty)
      skipSpaces()
      guard i < characters.count else { return (formula, names) }
      guard characters[i] == "+" || characters[i] == "-" else {
        throw fail("expected '+' between terms, found '\(characters[i])'", at: i)
      }
      negative = characters[i] == "-"
      i += 1
    }
  }
}
