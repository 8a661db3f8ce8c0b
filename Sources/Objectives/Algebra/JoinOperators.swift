// `|` joins objectives for reporting. Swift declares `|` in the standard library with the
// precedence of `+` (left-associative), so `a + b | m` is `(a + b) | m` and `m | a + b` is
// `(m | a) + b`. The two mean the same: a loss that watches metrics keeps them when it is composed,
// so `(m | a) + b` is `(a + b) | m`.
//
// Like every operator, `|` makes a new objective with an empty state, and never stops the program:
// a name clash is recorded in the result's `refusal` (see `MetricCollection` and `Loss.checked`).

/// Joins two objectives into a collection that updates and reports both, starting empty.
public func | <A: Objective, B: Objective>(lhs: A, rhs: B) -> MetricCollection<A.Output, A.Target>
where A.Output == B.Output, A.Target == B.Target {
  var collection = MetricCollection<A.Output, A.Target>()
  collection.addRecordingRefusal(lhs.emptied())
  collection.addRecordingRefusal(rhs.emptied())
  return collection
}

extension Loss {
  /// Keeps the loss and watches `rhs`: `forward` returns the loss's value, and `compute()` reports
  /// the loss, its components, then `rhs`. The result starts empty.
  public static func | <M: Objective>(lhs: Loss, rhs: M) -> Loss
  where M.Output == Output, M.Target == Target {
    var result = lhs.emptied()
    result.watchRecordingRefusal(rhs.emptied())
    return result
  }

  /// Keeps the loss and watches `lhs`, reported after the loss. The result starts empty.
  public static func | <M: Objective>(lhs: M, rhs: Loss) -> Loss
  where M.Output == Output, M.Target == Target {
    rhs | lhs
  }

  /// Keeps the left loss for training and watches the right one for reporting. The result starts
  /// empty.
  public static func | (lhs: Loss, rhs: Loss) -> Loss {
    var result = lhs.emptied()
    result.watchRecordingRefusal(rhs.emptied())
    return result
  }

  /// Watches `objective`, or records the clash in ``refusal`` when it cannot.
  mutating func watchRecordingRefusal<M: Objective>(_ objective: M)
  where M.Output == Output, M.Target == Target {
    guard refusal == nil else { return }
    do {
      try watch(objective)
    } catch {
      self = Loss(name: name, expression: expression, leaves: leaves, metrics: metrics, refusal: error)
    }
  }

  /// Adds an objective to report with this loss, keeping both states as they are (unlike `|`,
  /// which starts empty). Throws when the objective reports a name the loss already reports.
  public mutating func watch<M: Objective>(_ objective: M) throws(CompositionError)
  where M.Output == Output, M.Target == Target {
    let own = Set((isLeaf ? [] : [name]) + componentNames)
    if let clash = objective.reportedNames.first(where: own.contains) {
      throw .duplicateName(
        name: clash, first: "a component of \(formula)",
        second: MetricCollection<Output, Target>.describe(objective))
    }
    try metrics.add(objective)
    accumulated.metrics = MetricCollectionState(members: [], memberNames: [])
  }
}
