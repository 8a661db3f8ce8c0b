/// Questions about a formula's text answered by the library's own tokenizer, without building a loss.
public enum FormulaSyntax {
  /// The names written `[name]` in `formula`, in order of first appearance, unescaped as the parser
  /// reads them (`\]` and `\\`).
  /// - Throws: the `FormulaError` the parser would report for a token it cannot read (an unclosed
  ///   bracket, an unknown character), with its position.
  /// - Complexity: O(length of the formula).
  public static func leafNames(in formula: String) throws(FormulaError) -> [String] {
    var names: [String] = []
    for token in try FormulaTokenizer.tokenize(Array(formula)) {
      if case .leaf(let name) = token.kind, !names.contains(name) { names.append(name) }
    }
    return names
  }

  /// The parameters written `{name}` in `formula`, in order of first appearance.
  /// - Throws: the `FormulaError` the parser would report for a token it cannot read.
  /// - Complexity: O(length of the formula).
  public static func parameterNames(in formula: String) throws(FormulaError) -> [String] {
    var names: [String] = []
    for token in try FormulaTokenizer.tokenize(Array(formula)) {
      if case .parameter(let name) = token.kind, !names.contains(name) { names.append(name) }
    }
    return names
  }
}
