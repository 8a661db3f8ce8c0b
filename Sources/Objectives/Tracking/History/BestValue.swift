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
  public var direction: Direction
}

extension BestValue {
  private enum CodingKeys: String, CodingKey {
    case name, value, time, axis, index, direction, higherIsBetter
  }

  /// Decodes a best value written under the library's non-finite policy (see `FiniteOrSpecial`).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decode(String.self, forKey: .name)
    value = try c.decodeNumber(forKey: .value)
    time = try c.decode(Int.self, forKey: .time)
    axis = try c.decode(TimeAxis.self, forKey: .axis)
    index = try c.decode(Int.self, forKey: .index)
    if c.contains(.direction) {
      direction = try c.decode(Direction.self, forKey: .direction)
    } else {  // written before `Direction`, as a boolean
      direction = Direction(higherIsBetter: try c.decode(Bool.self, forKey: .higherIsBetter))
    }
  }

  /// Encodes the best value (`"inf"` and `"-inf"` for infinities), so a plain `JSONEncoder` works.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encodeNumber(value, forKey: .value)
    try c.encode(time, forKey: .time)
    try c.encode(axis, forKey: .axis)
    try c.encode(index, forKey: .index)
    try c.encode(direction, forKey: .direction)
  }
}

extension History {
  /// The best scalar of the series `name` and its step or epoch.
  ///
  /// The direction is `direction` when given (it overrides the series' own), otherwise the
  /// direction the logged entries carried. When neither is known this throws
  /// `ObjectiveError.invalidArgument` saying so: the direction is never guessed from the data.
  ///
  /// NaN values are never best. Among equal values the earliest wins (a tie is not an
  /// improvement). Returns `nil` when the series has no non-NaN value.
  /// - Throws: `invalidArgument` for an unknown name, an unknown direction, or a series of vectors or
  ///   matrices.
  /// - Complexity: O(n) for a series of n points.
  public func best(_ name: String, direction: Direction? = nil) throws(ObjectiveError) -> BestValue? {
    guard let s = self[name] else {
      throw .invalidArgument("no series named \"\(name)\" (logged: \(names.joined(separator: ", ")))")
    }
    guard let direction = direction ?? s.direction else {
      throw .invalidArgument(
        "the direction of \"\(name)\" is unknown: pass direction: .minimize or .maximize")
    }
    var best: BestValue?
    for (i, p) in s.points.enumerated() {
      guard let v = p.value.scalar else {
        throw .invalidArgument(
          "\"\(name)\" holds a \(Self.kind(p.value)) at \(s.axis) \(p.time), not a scalar")
      }
      if v.isNaN { continue }
      if let b = best, !(direction == .maximize ? v > b.value : v < b.value) { continue }
      best = BestValue(name: name, value: v, time: p.time, axis: s.axis, index: i, direction: direction)
    }
    return best
  }

  /// The best value of every scalar series whose direction is known (or given in `directions`),
  /// in series order. Series without a known direction, vector or matrix series, and series with no
  /// non-NaN value are left out; use `best(_:direction:)` to be told why.
  public func bestValues(directions: [String: Direction] = [:]) -> [BestValue] {
    series.compactMap { s in
      guard s.direction != nil || directions[s.name] != nil else { return nil }
      return try? best(s.name, direction: directions[s.name])
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
