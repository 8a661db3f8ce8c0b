/// A description of a configured loss for a paper or a model card: the formula, each leaf's
/// definition and parameters, the directions, and the watched metrics with their definitions.
///
/// ```swift
/// let configuration = try LossConfiguration(text: #"{"formula": "[MSE] + 0.5 x [L1]", "metrics": ["r2"]}"#)
/// let description = try LossDescription(configuration)
/// description.formulaLaTeX            // "\mathrm{MSE} + 0.5 \cdot \mathrm{L1}"
/// print(description.text(.markdown))
/// ```
public struct LossDescription: Sendable, Equatable {
  /// How a description is written.
  public enum Format: String, Sendable, CaseIterable {
    /// Markdown with `$…$` and `$$…$$` math (GitHub, Hugging Face model cards).
    case markdown
    /// A LaTeX fragment for `\input` into a paper (`amsmath`).
    case latex
  }

  /// One parameter of a leaf as the loss uses it.
  public struct Parameter: Sendable, Equatable {
    /// The key (`label_smoothing`).
    public var key: String
    /// The symbol in the leaf's definition (`\varepsilon`), if it appears there.
    public var symbol: String?
    /// The value, as JSON text (`0.1`, `true`, `"binary"`); `nil` when the outputs decide it
    /// (`classes`, `width` left out).
    public var value: String?
    /// Whether the value is the default.
    public var isDefault: Bool
  }

  /// One leaf: its name, built-in loss and parameters.
  public struct Leaf: Sendable, Equatable {
    /// The name in the formula.
    public var name: String
    /// The registry name of the loss (`huber`).
    public var loss: String
    /// What it measures.
    public var summary: String
    /// The per-sample value in LaTeX.
    public var definitionLaTeX: String
    /// Every parameter of the loss, in the registry's order.
    public var parameters: [Parameter]
  }

  /// One watched metric.
  public struct Metric: Sendable, Equatable {
    /// The name as the configuration writes it (`accuracy`).
    public var name: String
    /// The result key it is reported under (`acc`).
    public var key: String
    /// Whether it is maximised or minimised; `nil` when it has no direction.
    public var direction: Direction?
    /// What it measures.
    public var definition: String
  }

  /// The formula in DRYTorch's notation.
  public var formula: String
  /// The formula as LaTeX math.
  public var formulaLaTeX: String
  /// Whether the combined loss is maximised or minimised (`.minimize` for ordinary losses).
  public var direction: Direction
  /// Whether two sides of the formula pull in opposite directions (the loss is then minimised).
  public var hasContradictoryDirections: Bool
  /// The leaves in order of first appearance (all minimised: they are built-in losses).
  public var leaves: [Leaf]
  /// The formula's `{parameters}` and their values.
  public var parameters: [String: Double]
  /// The watched metrics, in order.
  public var metrics: [Metric]

  /// The description of `configuration`.
  /// - Throws: `LossConfigurationError` for a leaf whose loss is not in the registry (only possible
  ///   for a configuration made from parts and changed afterwards).
  public init(_ configuration: LossConfiguration) throws(LossConfigurationError) {
    typealias Symbolic = Loss<Int, Int, Double>
    var table: [String: Symbolic] = [:]
    for leaf in configuration.leaves { table[leaf.name] = Symbolic(leaf.name) { _, _ in .batch(0) } }
    let symbolic = try configuration.composed(table)
    formula = symbolic.formula(.plain)
    formulaLaTeX = symbolic.formula(.latex)
    direction = symbolic.direction
    hasContradictoryDirections = symbolic.hasContradictoryDirections
    parameters = configuration.parameters
    var leaves: [Leaf] = []
    for leaf in configuration.leaves {
      let entry = try leaf.entry()
      leaves.append(
        Leaf(
          name: leaf.name, loss: entry.name, summary: entry.summary, definitionLaTeX: entry.latexDefinition,
          parameters: entry.parameters.map { p in
            let given = leaf.parameters[p.key]
            return Parameter(
              key: p.key, symbol: p.symbol, value: (given ?? p.defaultValue)?.jsonText,
              isDefault: given == nil)
          }))
    }
    self.leaves = leaves
    metrics = configuration.metrics.map { name in
      if let m = ClassificationMetric(named: name) {
        return Metric(
          name: name, key: m.name, direction: m.direction, definition: m.kind.definition)
      }
      if let m = RegressionMetric(named: name) {
        return Metric(
          name: name, key: m.name, direction: m.direction, definition: m.kind.definition)
      }
      return Metric(name: name, key: name, direction: nil, definition: "")
    }
  }
}

extension LossConfiguration {
  /// The loss described for a paper or a model card (see `LossDescription`).
  ///
  /// ```swift
  /// let configuration = try LossConfiguration(text: "1*L1+0.5*MSE")
  /// let markdown = try configuration.describe(format: .markdown)
  /// ```
  public func describe(format: LossDescription.Format = .markdown) throws(LossConfigurationError) -> String {
    try LossDescription(self).text(format)
  }
}
