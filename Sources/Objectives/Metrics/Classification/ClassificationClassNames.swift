extension MulticlassClassification {
  /// A copy reporting each per-class vector as one scalar per class, `<key>/<name>` (`f1/cat`,
  /// `f1/dog`, …; see `Results.namingClasses(_:)`). The names are presentation only: they are not
  /// part of the state, and objectives with different names merge.
  /// - Throws: `.invalidArgument` unless there is one non-empty, distinct name per class.
  public func namingClasses(_ names: [String]) throws(ObjectiveError) -> Self {
    try Results.validateClassNames(names, count: numClasses, what: "classes")
    var copy = self
    copy.classNames = names
    return copy
  }
}

extension MultilabelClassification {
  /// A copy reporting each per-label vector as one scalar per label, `<key>/<name>` (see
  /// `MulticlassClassification.namingClasses(_:)`).
  /// - Throws: `.invalidArgument` unless there is one non-empty, distinct name per label.
  public func namingClasses(_ names: [String]) throws(ObjectiveError) -> Self {
    try Results.validateClassNames(names, count: numLabels, what: "labels")
    var copy = self
    copy.classNames = names
    return copy
  }
}
