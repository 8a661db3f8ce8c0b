extension MetricExpression {
  func checkNotRefused() throws(ObjectiveError) {
    if let refusal { throw .invalidArgument("cannot use \(formula): \(refusal)") }
  }

  /// Updates every source once with the batch, atomically: each source evaluates the batch on an
  /// emptied copy, and the copies are merged only when every source accepted it.
  public mutating func update(_ outputs: Output, _ targets: Target) throws(ObjectiveError) {
    try checkNotRefused()
    if sources.count == 1 {
      try sources[0].objective.update(outputs, targets)
    } else {
      var batches: [any Objective<Output, Target>] = []
      batches.reserveCapacity(sources.count)
      for s in sources {
        batches.append(try MetricCollection<Output, Target>.batchState(of: s.objective, outputs, targets))
      }
      for i in sources.indices { try sources[i].objective.mergeErased(batches[i]) }
    }
    updates += 1
  }

  /// `{name: value}`, the formula applied to the sources' computed values over every batch so far,
  /// then each parameter's current value as `{name}`. Empty before the first update.
  public func compute() -> Results {
    guard updates > 0 else { return Results() }
    var computed: [Results] = []
    computed.reserveCapacity(sources.count)
    for s in sources { computed.append(s.objective.compute()) }
    let value = expression.evaluate(
      { k in computed[references[k].source].scalar(references[k].key) ?? .nan },
      parameter: { parameters[$0] ?? .nan })
    var results = Results()
    results.append(name, value, direction: direction)
    for p in parameterNames where "{\(p)}" != name { results.append("{\(p)}", parameters[p] ?? .nan) }
    return results
  }

  /// The expression's name, then its parameters' as `{name}`.
  public var reportedNames: [String] {
    [name] + parameterNames.map { "{\($0)}" }.filter { $0 != name }
  }

  /// Empties every source.
  public mutating func reset() {
    for i in sources.indices { sources[i].objective.reset() }
    updates = 0
  }

  /// Merges an expression with the same formula and sources (in another process, for example).
  public mutating func merge(_ other: MetricExpression) throws(ObjectiveError) {
    try checkNotRefused()
    try other.checkNotRefused()
    guard other.expression == expression, other.componentNames == componentNames,
      other.sources.map(\.keys) == sources.map(\.keys)
    else {
      throw .incompatibleState(
        "cannot merge \(other.formula) into \(formula): the formulas or sources differ")
    }
    var merged = sources
    for i in merged.indices { try merged[i].objective.mergeErased(other.sources[i].objective) }
    sources = merged
    updates += other.updates
  }

  /// A `Codable` snapshot of every source's state, with the formula and the sources' names.
  public var state: MetricExpressionState {
    MetricExpressionState(
      formula: formula,
      sources: MetricCollectionState(
        members: sources.map { s in (try? StateSnapshot(of: s.objective.state)) ?? .null },
        memberNames: sources.map(\.keys)),
      batches: updates)
  }

  /// Replaces the state with a snapshot of an expression of the same shape; throws
  /// `.incompatibleState` (and changes nothing) when the formula or the sources differ.
  public mutating func restore(_ state: MetricExpressionState) throws(ObjectiveError) {
    try checkNotRefused()
    let names = sources.map(\.keys)
    guard state.formula == formula, state.sources.memberNames == names,
      state.sources.members.count == sources.count
    else {
      throw .incompatibleState(
        "cannot restore the state of \(state.formula) (sources reporting \(state.sources.memberNames)) into "
          + "\(formula) (sources reporting \(names))")
    }
    var restored = sources
    for i in restored.indices { try restored[i].objective.restoreSnapshot(state.sources.members[i]) }
    sources = restored
    updates = state.batches
  }
}
