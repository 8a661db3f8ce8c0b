// Composition of metric expressions: the same canonical tree as the loss algebra, over references
// to computed values. Sources are joined by identity; two different sources reporting one key are
// recorded as a refusal, never silently merged.

extension MetricExpression: FormulaComposable {
  /// The sources and references of `self` followed by those of `other` that `self` lacks, the map
  /// from `other`'s reference indices into the joined table, and the first clash.
  func joined(with other: MetricExpression) -> (
    sources: [MetricSource<Output, Target>], references: [Reference], map: [Int], clash: CompositionError?
  ) {
    var sources = self.sources
    var references = self.references
    var map: [Int] = []
    var clash: CompositionError? = nil
    var sourceMap: [Int] = []
    for s in other.sources {
      if let i = sources.firstIndex(where: { $0.identity === s.identity }) {
        sourceMap.append(i)
      } else {
        sourceMap.append(sources.count)
        sources.append(s)
      }
    }
    for r in other.references {
      let source = sourceMap[r.source]
      if let i = references.firstIndex(where: { $0.source == source && $0.key == r.key }) {
        map.append(i)
        continue
      }
      if clash == nil, let first = references.first(where: { $0.key == r.key }) {
        clash = .duplicateName(
          name: r.key, first: sources[first.source].diagnosticDescription,
          second: sources[source].diagnosticDescription)
      }
      map.append(references.count)
      references.append(Reference(source: source, key: r.key, direction: r.direction))
    }
    return (sources, references, map, clash)
  }

  /// The same sources under a new expression, with an empty state and no custom name.
  func transformed(_ expression: Expression) -> MetricExpression {
    MetricExpression(
      expression: expression, references: references, sources: sources, parameters: parameters,
      refusal: refusal)
  }

  /// `self ∘ other`, leniently; a clash is recorded in the result.
  func composed(_ operation: LossOperation, _ other: MetricExpression) -> MetricExpression {
    if refusal != nil { return emptied() }
    if other.refusal != nil { return other.emptied() }
    let (sources, references, map, clash) = joined(with: other)
    let (parameters, conflict) = Loss<Output, Target, Double>.joinedParameters(
      self.parameters, other.parameters)
    let e = operation.applied(to: expression, other.expression.remappingLeaves(map))
    return MetricExpression(
      expression: e, references: references, sources: sources, parameters: parameters,
      refusal: clash ?? conflict)
  }

  /// `self ∘ c`, leniently, with the loss algebra's shortcuts (`+ 0`, `x 1`, … return `self`
  /// emptied; `0 - self` and `-1 x self` are `-self`).
  func composed(_ operation: ScalarOperation, _ c: Double) -> MetricExpression {
    if refusal != nil { return emptied() }
    switch operation.applied(to: expression, c) {
    case .unchanged: return emptied()
    case .negated: return negated()
    case .tree(let e, _): return transformed(e)
    }
  }

  /// `-self`, with the direction flipped and an empty state.
  public func negated() -> MetricExpression {
    refusal != nil ? emptied() : transformed(.negation(expression))
  }

  /// `f(arguments)`, joining the arguments' sources as `+` does.
  static func applying(_ function: ElementaryFunction, _ arguments: [FunctionArgument<MetricExpression>])
    -> MetricExpression
  {
    let composites = arguments.compactMap(\.composite)
    if let refused = composites.first(where: { $0.refusal != nil }) { return refused.emptied() }
    var joined = MetricExpression(
      expression: .constant(0), references: [], sources: [], parameters: [:], refusal: nil)
    var expressions: [Expression] = []
    var refusal: CompositionError? = nil
    for argument in arguments {
      switch argument {
      case .constant(let c): expressions.append(.constant(c))
      case .composite(let m):
        let (sources, references, map, clash) = joined.joined(with: m)
        let (parameters, conflict) = Loss<Output, Target, Double>.joinedParameters(
          joined.parameters, m.parameters)
        refusal = refusal ?? clash ?? conflict
        expressions.append(m.expression.remappingLeaves(map))
        joined = MetricExpression(
          expression: .constant(0), references: references, sources: sources, parameters: parameters,
          refusal: nil)
      }
    }
    return MetricExpression(
      expression: .function(function, expressions), references: joined.references, sources: joined.sources,
      parameters: joined.parameters, refusal: refusal)
  }

  /// The parameter `{name}`: a value set outside the data (a weight, a threshold), reported as
  /// `{name}`.
  public static func parameter(_ name: String, value: Double = 0) -> MetricExpression {
    MetricExpression(
      expression: .parameter(name), references: [], sources: [], parameters: [name: value], refusal: nil)
  }
}
