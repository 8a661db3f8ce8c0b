extension Regression {
  /// Replaces the state with a snapshot from an objective of the same configuration.
  ///
  /// Throws `ObjectiveError.incompatibleState`, naming the expected and the given configuration or
  /// shape, when the snapshot comes from another configuration (other metrics, outputs, mode,
  /// aggregation, NaN policy or rank precision); the state is then unchanged.
  public mutating func restore(_ state: RegressionState) throws(ObjectiveError) {
    if let theirs = state.configuration, theirs != configuration {
      throw .incompatibleState("expected the state of \(configuration), got the state of \(theirs)")
    }
    guard isValid(state) else {
      throw .incompatibleState(
        "expected a state of \(Self.shape(of: emptied().state)) for \(configuration), "
          + "got one of \(Self.shape(of: state))")
    }
    var restored = state
    restored.configuration = configuration
    self.state = restored
  }

  private func isValid(_ candidate: RegressionState) -> Bool {
    let empty = emptied().state
    guard candidate.sampleCount >= 0 else { return false }
    switch mode {
    case .exact:
      guard let mine = empty.statistics, let theirs = candidate.statistics, candidate.averages == nil else {
        return false
      }
      return mine.isCompatible(with: theirs)
        && theirs.columns.allSatisfy { ($0.ranks == nil) == !needs.contains(.ranks) }
    case .streaming:
      guard let mine = empty.averages, let theirs = candidate.averages, candidate.statistics == nil else {
        return false
      }
      return mine.count == theirs.count
        && zip(mine, theirs).allSatisfy { $0.name == $1.name && $0.values.count == $1.values.count }
    }
  }

  /// The shape of a state, for error messages.
  static func shape(of state: RegressionState) -> String {
    if let s = state.statistics {
      let ranks = s.columns.first?.ranks.map { "\($0.precision.rawValue) ranks" } ?? "no ranks"
      return "exact statistics of \(s.outputs) output\(s.outputs == 1 ? "" : "s") with \(ranks)"
    }
    if let a = state.averages {
      return "streaming averages of [" + a.map { "\($0.name)×\($0.values.count)" }.joined(separator: ", ")
        + "]"
    }
    return "no statistics"
  }
}
