/// How `MultiTaskMetrics` averages a metric across tasks.
public enum MultiTaskAggregate: String, Sendable, Codable, CaseIterable {
  /// Every task counts equally.
  case macro
  /// Tasks count by their number of samples.
  case micro
  /// Tasks count by the weight given at registration.
  case weighted

  /// The cross-task averages of `results` (one `Results` per task with its weight), matched on the
  /// exact metric name, in order of first appearance.
  ///
  /// NaN values (and NaN components of vectors) are skipped; a metric with no value left, or whose
  /// weights sum to 0, averages to NaN. Vectors are averaged componentwise when every task reports
  /// the same length; matrices and mixed shapes are not aggregated. The direction of optimisation is
  /// kept when every task agrees on it.
  static func average(_ results: [(results: Results, weight: Double)]) -> Results {
    var order: [String] = []
    var entries: [String: [(Results.Entry, Double)]] = [:]
    for (r, w) in results {
      for e in r.entries {
        if entries[e.name] == nil { order.append(e.name) }
        entries[e.name, default: []].append((e, w))
      }
    }
    var out = Results()
    for name in order {
      guard let list = entries[name], let first = list.first?.0 else { continue }
      let width: Int
      switch first.value {
      case .scalar: width = 0
      case .vector(let v): width = v.count
      case .matrix: continue
      }
      let sameShape = list.allSatisfy { e, _ in
        switch e.value {
        case .scalar: return width == 0
        case .vector(let v): return width > 0 && v.count == width
        case .matrix: return false
        }
      }
      guard sameShape else { continue }
      let components = (0..<max(width, 1)).map { c in
        var total = CompensatedSum()
        var weights = CompensatedSum()
        for (e, w) in list {
          let v = e.value.values[c]
          guard !v.isNaN else { continue }
          total.add(w * v)
          weights.add(w)
        }
        return weights.value == 0 ? .nan : total.value(dividedBy: weights)
      }
      let directions = Set(list.map { $0.0.direction })
      out.append(
        Results.Entry(
          name: name, value: width == 0 ? .scalar(components[0]) : .vector(components),
          direction: directions.count == 1 ? first.direction : nil))
    }
    return out
  }
}
