extension Results {
  /// The results with every per-class vector of `names.count` values split into scalar entries
  /// named `<key>/<class name>`, in class order (TorchMetrics' `ClasswiseWrapper`). A key's
  /// per-class suffix `_none` is dropped: `f1_none` gives `f1/cat`, `f1/dog`, …; `acc` (per-class
  /// by the objective's averaging) gives `acc/cat`, …. Scalars, matrices and vectors of another
  /// length are kept as they are; directions are kept, so tracking finds the best value of each
  /// class.
  /// - Complexity: O(total number of values).
  public func namingClasses(_ names: [String]) -> Results {
    var out = Results()
    for entry in entries {
      guard case .vector(let v) = entry.value, v.count == names.count, !names.isEmpty else {
        out.append(entry)
        continue
      }
      let base = entry.name.hasSuffix("_none") ? String(entry.name.dropLast(5)) : entry.name
      for (name, x) in zip(names, v) {
        out.append(Entry(name: base + "/" + name, value: .scalar(x), direction: entry.direction))
      }
    }
    return out
  }

  /// Checks class names: as many as `count`, none empty, none repeated.
  static func validateClassNames(_ names: [String], count: Int, what: String) throws(ObjectiveError) {
    guard names.count == count else {
      throw .invalidArgument("\(names.count) class names given for \(count) \(what)")
    }
    var seen = Set<String>()
    for (i, n) in names.enumerated() {
      guard !n.isEmpty, seen.insert(n).inserted else {
        throw .invalidArgument("class name \(i) (\"\(n)\") is empty or repeated")
      }
    }
  }
}
