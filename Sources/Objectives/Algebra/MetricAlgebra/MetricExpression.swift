/// A metric computed by applying a formula to the **computed values** of other objectives over all
/// the data: `1 - [auroc]`, `([precision] + [recall]) / 2`, `2 x [P] x [R] / ([P] + [R])`.
///
/// This is the metric meaning of the algebra, as in TorchMetrics' `CompositionalMetric`: the
/// formula is applied once, in `compute()`, to the values the underlying objectives compute from
/// their merged states. A ``Loss`` has the training meaning instead: its formula is applied to each
/// batch, and the reported value is the average of the per-batch values. Over batches with
/// precision 1 and 0.5 (and recall alike), `([precision] + [recall]) / 2` as a metric expression is
/// the mean of precision and recall **over all the data**, which no average of per-batch values
/// gives for a non-decomposable metric such as AUROC.
///
/// Build one from references to computed values (``MetricSource`` subscripts,
/// ``metric(_:_:fileID:line:)``, or a user ``Metric``) with `+ - * /`, `**`, unary minus, scalars
/// and the elementary functions:
///
/// ```swift
/// let scores = MetricSource(binaryMetrics(Double.self, metrics: [.auroc, .precision, .recall]))
/// var f1 = 2 * scores["precision"] * scores["recall"] / (scores["precision"] + scores["recall"])
/// try f1.update(outputs, targets)   // the classification state is updated once
/// f1.compute()                      // {2 x [precision] x [recall] / ([precision] + [recall]): …}
/// ```
///
/// Every underlying state is updated once per batch: a reference used twice, or two values read
/// from one source, share the state by identity. The expression merges, checkpoints (its state is
/// `Codable`, and `restore` refuses the state of another formula or sources) and reports under its
/// canonical formula unless renamed with ``named(_:)``. Directions follow the loss algebra's rules;
/// where sides contradict, or a referenced value's direction is unknown, the direction is unknown
/// (`nil`), as nothing minimises a metric. Operators never stop the program: what cannot be made
/// sound is recorded in ``refusal``.
public struct MetricExpression<Output, Target>: Objective {
  /// The accumulated states of the sources, with the formula they belong to.
  public typealias State = MetricExpressionState

  /// One `[key]` of the formula: a value of a source.
  struct Reference: Sendable {
    var source: Int
    var key: String
    var direction: Direction?
  }

  var expression: Expression
  var references: [Reference]
  var sources: [MetricSource<Output, Target>]
  /// The current value of each `{parameter}` (see ``setParameter(_:to:)``).
  public internal(set) var parameters: [String: Double]
  var customName: String?
  /// The number of batches accumulated.
  var updates = 0
  /// Why an operator could not make this expression sound (an unknown key, two different sources
  /// reporting one key, a tree deeper than the limit, a parameter given two values), or `nil`. A
  /// refused expression throws from every update, merge and restore.
  public let refusal: CompositionError?

  /// The deepest composition allowed (the formula parser's limit).
  public static var maximumDepth: Int { 64 }

  init(
    expression: Expression, references: [Reference], sources: [MetricSource<Output, Target>],
    parameters: [String: Double], refusal: CompositionError?
  ) {
    self.expression = expression
    self.references = references
    self.sources = sources.map { s in
      var emptied = s
      emptied.objective.reset()
      return emptied
    }
    self.parameters = parameters
    self.refusal =
      refusal ?? (expression.depth > Self.maximumDepth ? .tooDeep(limit: Self.maximumDepth) : nil)
  }

  init(source: MetricSource<Output, Target>, key: String) {
    let known = source.keys
    self.init(
      expression: .leaf(0),
      references: [Reference(source: 0, key: key, direction: source.directions[key] ?? nil)],
      sources: [source], parameters: [:],
      refusal: known.contains(key) ? nil : .unknownKey(key: key, available: known))
  }

  /// The value `objective` reports under `key`, as the expression `[key]`. Each call makes a new
  /// source; to read several values from one state, make a ``MetricSource`` once and subscript it.
  public static func metric<M: Objective>(
    _ objective: M, _ key: String, fileID: String = #fileID, line: Int = #line
  )
    -> MetricExpression where M.Output == Output, M.Target == Target
  {
    MetricSource(objective, fileID: fileID, line: line)[key]
  }

  /// A user metric as the expression `[name]`; the same metric used twice is one state.
  public init(_ metric: Metric<Output, Target>) {
    self = MetricSource(metric)[metric.name]
  }

  /// The reported name: the canonical formula, unless renamed.
  public var name: String { customName ?? formula }

  /// The same expression reported under `name`.
  public func named(_ name: String) -> MetricExpression {
    var copy = self
    copy.customName = name
    return copy
  }

  /// The keys of the formula, in order of first appearance.
  public var componentNames: [String] { references.map(\.key) }

  /// The formula in DRYTorch's notation: `1 - [auroc]`.
  public var formula: String { formula(.plain) }

  /// The formula in the given style.
  public func formula(_ style: FormulaStyle) -> String {
    FormulaRenderer(names: componentNames, style: style).render(expression)
  }

  /// The direction of optimisation: the direction of the tree (the loss algebra's rules), or `nil` when
  /// a referenced value's direction is unknown, the sides contradict, or no value takes part.
  public var direction: Direction? {
    guard references.allSatisfy({ $0.direction != nil }) else { return nil }
    if case .agreed(let h) = expression.direction({ references[$0].direction ?? .minimize }) { return h }
    return nil
  }

  /// Returns `self` when it passes the check, or throws the first refusal; `.strict` (the default)
  /// also refuses contradictory directions (when every direction is known), constants that are not
  /// finite and division by a constant zero, as ``Loss/checked(_:)`` does.
  public func checked(_ checking: CompositionChecking = .strict) throws(CompositionError) -> MetricExpression
  {
    if let refusal { throw refusal }
    guard checking == .strict else { return self }
    if references.allSatisfy({ $0.direction != nil }),
      let c = expression.firstContradiction(
        names: componentNames, leafDirection: { references[$0].direction ?? .minimize })
    {
      throw c
    }
    if let c = expression.firstInvalidConstant(names: componentNames) { throw c }
    return self
  }

  /// The parameter names in order of first appearance in the formula.
  public var parameterNames: [String] {
    var order: [String] = []
    expression.parameterOrder(into: &order)
    return order
  }

  /// Sets the value of the parameter `{name}`; the accumulated state is kept.
  /// - Throws: `ObjectiveError.invalidArgument` when the formula has no parameter `{name}`.
  public mutating func setParameter(_ name: String, to value: Double) throws(ObjectiveError) {
    guard parameters[name] != nil else {
      throw .invalidArgument("\(formula) has no parameter {\(name)}")
    }
    parameters[name] = value
  }

  /// The formula applied to the values read from `results` (each `[key]` from the entry of that
  /// name; NaN when it is missing or not a scalar). `compute()` applies it to the sources'
  /// results; this form evaluates one formula on results computed elsewhere, for example several
  /// formulas over one shared objective.
  public func evaluate(_ results: Results) -> Double {
    expression.evaluate({ results.scalar(references[$0].key) ?? .nan }, parameter: { parameters[$0] ?? .nan })
  }
}

extension MetricExpression: CustomStringConvertible {
  /// `MetricExpression(1 - [auroc])`.
  public var description: String { "MetricExpression(\(formula))" }
}

/// The state of a ``MetricExpression``: each source's state, the formula they belong to, and the
/// number of batches.
public struct MetricExpressionState: Sendable, Codable, Equatable {
  /// The formula of the expression the state belongs to.
  public var formula: String
  /// One snapshot per source, with the names each source reports.
  public var sources: MetricCollectionState
  /// The number of batches accumulated.
  public var batches: Int
}
