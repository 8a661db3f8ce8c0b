/// The best value of a series and when it was reached.
public struct BestValue: Sendable, Equatable, Codable {
  /// The series name.
  public var name: String
  /// The best value (finite or infinite, never NaN).
  public var value: Double
  /// The step or epoch at which it was logged.
  public var time: Int
  /// The axis of `time`.
  public var axis: TimeAxis
  /// The position of the point in the series.
  public var index: Int
  /// The direction used to choose it.
  public var higherIsBetter: Bool
}

extension History {
  /// The best scalar of the series `name` and its step or epoch.
  ///
  /// The direction is `higherIsBetter` when given (it overrides the series' own), otherwise the
  /// direction the logged entries carried. When neither is known this throws
  /// `ObjectiveError.invalidArgument` saying so: the direction is never guessed from the data.
  ///
  /// NaN values are never best. Among equal values the earliest wins (a tie is not an
  /// improvement). Returns `nil` when the series has no non-NaN value.
  /// - Throws: `invalidArgument` for an unknown name, an unknown direction, or a series of vectors or
  ///   matrices.
  /// - Complexity: O(n) for a series of n points.
  public func best(_ name: String, higherIsBetter: Bool? = nil) throws(ObjectiveError) -> BestValue? {
    guard let s = self[name] else {
      throw .invalidArgument("no series named \"\(name)\" (logged: \(names.joined(separator: ", ")))")
    }
    guard let higher = higherIsBetter ?? s.higherIsBetter else {
      throw .invalidArgument(
        "the direction of \"\(name)\" is unknown: pass higherIsBetter: true or false")
    }
    var best: BestValue?
    for (i, p) in s.points.enumerated() {
      guard let v = p.value.scalar else {
        throw .invalidArgument(
          "\"\(name)\" holds a \(Self.kind(p.value)) at \(s.axis) \(p.time), not a scalar")
      }
      if v.isNaN { continue }
      if let b = best, !(higher ? v > b.value : v < b.value) { continue }
      best = BestValue(name: name, value: v, time: p.time, axis: s.axis, index: i, higherIsBetter: higher)
    }
    return best
  }

  /// The best value of every scalar series whose direction is known (or given in `directions`),
  /// in series order. Series without a known direction, vector or matrix series, and series with no
  /// non-NaN value are left out; use `best(_:higherIsBetter:)` to be told why.
  public func bestValues(directions: [String: Bool] = [:]) -> [BestValue] {
    series.compactMap { s in
      guard s.higherIsBetter != nil || directions[s.name] != nil else { return nil }
      return try? best(s.name, higherIsBetter: directions[s.name])
    }
  }

  static func kind(_ value: MetricValue) -> String {
    switch value {
    case .scalar: return "scalar"
    case .vector: return "vector"
    case .matrix: return "matrix"
    }
  }
}
