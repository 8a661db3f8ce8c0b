// `|` joins objectives for reporting. Swift declares `|` in the standard library with the
// precedence of `+` (left-associative), so `a + b | m` is `(a + b) | m` and `m | a + b` is
// `(m | a) + b`. The two mean the same: a loss that watches metrics keeps them when it is composed,
// so `(m | a) + b` is `(a + b) | m`.

/// Joins two objectives into a collection that updates and reports both.
public func | <A: Objective, B: Objective>(lhs: A, rhs: B) -> MetricCollection<A.Output, A.Target>
where A.Output == B.Output, A.Target == B.Target {
  var collection = MetricCollection<A.Output, A.Target>()
  do {
    try collection.add(lhs)
    try collection.add(rhs)
  } catch {
    fatalError("Objectives: \(error)")
  }
  return collection
}

extension Loss {
  /// Keeps the loss and watches `rhs`: `forward` returns the loss's value, and `compute()` reports
  /// the loss, its components, then `rhs`.
  public static func | <M: Objective>(lhs: Loss, rhs: M) -> Loss
  where M.Output == Output, M.Target == Target {
    var result = lhs
    do {
      try result.watch(rhs)
    } catch {
      fatalError("Objectives: \(error)")
    }
    return result
  }

  /// Keeps the loss and watches `lhs`, reported after the loss.
  public static func | <M: Objective>(lhs: M, rhs: Loss) -> Loss
  where M.Output == Output, M.Target == Target {
    rhs | lhs
  }

  /// Keeps the left loss for training and watches the right one for reporting.
  public static func | (lhs: Loss, rhs: Loss) -> Loss {
    var result = lhs
    do {
      try result.watch(rhs)
    } catch {
      fatalError("Objectives: \(error)")
    }
    return result
  }

  /// Adds an objective to report with this loss. Its state starts from its own.
  public mutating func watch<M: Objective>(_ objective: M) throws(CompositionError)
  where M.Output == Output, M.Target == Target {
    let own = Set((isLeaf ? [] : [name]) + componentNames)
    if let clash = objective.reportedNames.first(where: own.contains) {
      throw .duplicateName(
        name: clash, first: "a component of \(formula)",
        second: MetricCollection<Output, Target>.describe(objective))
    }
    try metrics.add(objective)
    accumulated.metrics = MetricCollectionState(members: [])
  }
}
