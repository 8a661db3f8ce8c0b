/// Values logged over time, one series per name, with the time axis kept.
///
/// `log(results, step:)` and `log(results, epoch:)` append every entry of any `Results` (from a
/// loss's or a metric's `compute()`, or built by hand) to the series of the same name. The history
/// stores the *values* (scalars, vectors, matrices) and the direction each entry carries, never
/// copies of the metrics, so memory grows by one value per entry per log.
///
/// Rules, checked before anything is stored (a throwing `log` changes nothing):
/// - within a series, times strictly increase (`ObjectiveError.invalidArgument` otherwise);
/// - a series keeps one axis: logging `loss` by step and then by epoch is an error, but different
///   names may use different axes (training loss by step, validation metrics by epoch);
/// - a series keeps one direction: an unknown direction is filled in by the first known one, and
///   two contradictory known directions are an error.
///
/// - Complexity: O(k) per log of k entries (amortised); O(n) memory for n logged values.
public struct History: Sendable, Codable, Equatable {
  /// One logged value.
  public struct Point: Sendable, Codable, Equatable {
    /// The step or epoch.
    public var time: Int
    /// The logged value.
    public var value: MetricValue

    /// A point at `time`.
    public init(time: Int, value: MetricValue) {
      self.time = time
      self.value = value
    }
  }

  /// The values of one name over time.
  public struct Series: Sendable, Codable, Equatable {
    /// The name of the logged entry (for example `val/loss`).
    public var name: String
    /// The time axis of `points`.
    public var axis: TimeAxis
    /// The direction of optimisation, `nil` when not stated.
    public var direction: Direction?
    /// The logged points, in strictly increasing time.
    public var points: [Point]

    /// A series; `points` must have strictly increasing times (checked by `History(series:)`).
    public init(name: String, axis: TimeAxis, direction: Direction? = nil, points: [Point] = []) {
      self.name = name
      self.axis = axis
      self.direction = direction
      self.points = points
    }

    private enum CodingKeys: String, CodingKey { case name, axis, direction, higherIsBetter, points }

    /// Decodes a series; one written with the earlier boolean `higherIsBetter` is read as its
    /// ``Direction``.
    public init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      name = try c.decode(String.self, forKey: .name)
      axis = try c.decode(TimeAxis.self, forKey: .axis)
      direction =
        try c.decodeIfPresent(Direction.self, forKey: .direction)
        ?? c.decodeIfPresent(Bool.self, forKey: .higherIsBetter).map(Direction.init(higherIsBetter:))
      points = try c.decode([Point].self, forKey: .points)
    }

    /// Encodes the series with its direction as `"minimize"` or `"maximize"` (absent when unknown).
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(name, forKey: .name)
      try c.encode(axis, forKey: .axis)
      try c.encodeIfPresent(direction, forKey: .direction)
      try c.encode(points, forKey: .points)
    }

    /// The times of the points.
    public var times: [Int] { points.map(\.time) }

    /// The scalar values, NaN where a point is a vector or a matrix.
    public var scalars: [Double] { points.map { $0.value.scalar ?? .nan } }

    /// The last logged value.
    public var last: MetricValue? { points.last?.value }
  }

  /// The series, in order of first log.
  public private(set) var series: [Series] = []
  private var positions: [String: Int] = [:]

  /// An empty history.
  public init() {}

  /// The names of the series, in order of first log.
  public var names: [String] { series.map(\.name) }

  /// The series named `name`, if it was logged.
  public subscript(name: String) -> Series? {
    positions[name].map { series[$0] }
  }

  /// Whether nothing was logged.
  public var isEmpty: Bool { series.isEmpty }

  /// Appends every entry of `results` at optimisation step `step`.
  public mutating func log(_ results: Results, step: Int) throws(ObjectiveError) {
    try log(results, time: step, axis: .step)
  }

  /// Appends every entry of `results` at epoch `epoch`.
  public mutating func log(_ results: Results, epoch: Int) throws(ObjectiveError) {
    try log(results, time: epoch, axis: .epoch)
  }

  /// Appends every entry of `results` at `time` on `axis`.
  public mutating func log(_ results: Results, time: Int, axis: TimeAxis) throws(ObjectiveError) {
    var seen = Set<String>()
    for entry in results.entries {
      guard seen.insert(entry.name).inserted else {
        throw .invalidArgument("\"\(entry.name)\" appears twice in one log")
      }
      try check(entry, time: time, axis: axis)
    }
    for entry in results.entries { append(entry, time: time, axis: axis) }
  }

  /// Appends one scalar at `time` on `axis`.
  public mutating func log(
    _ name: String, _ value: Double, time: Int, axis: TimeAxis, direction: Direction? = nil
  ) throws(ObjectiveError) {
    try log(
      Results([.init(name: name, value: .scalar(value), direction: direction)]), time: time,
      axis: axis)
  }

  /// Removes every series.
  public mutating func reset() { self = History() }

  private func check(_ entry: Results.Entry, time: Int, axis: TimeAxis) throws(ObjectiveError) {
    guard let i = positions[entry.name] else { return }
    let s = series[i]
    guard s.axis == axis else {
      throw .invalidArgument("\"\(entry.name)\" is logged by \(s.axis); cannot log it by \(axis)")
    }
    if let last = s.points.last?.time, time <= last {
      throw .invalidArgument(
        "\"\(entry.name)\" was already logged at \(axis) \(last); times must increase (got \(time))")
    }
    if let known = s.direction, let new = entry.direction, known != new {
      throw .invalidArgument(
        "\"\(entry.name)\" changes direction: logged as \(Self.word(known)) is better, now \(Self.word(new))")
    }
  }

  private mutating func append(_ entry: Results.Entry, time: Int, axis: TimeAxis) {
    let point = Point(time: time, value: entry.value)
    if let i = positions[entry.name] {
      series[i].points.append(point)
      if series[i].direction == nil { series[i].direction = entry.direction }
    } else {
      positions[entry.name] = series.count
      series.append(
        Series(name: entry.name, axis: axis, direction: entry.direction, points: [point]))
    }
  }

  static func word(_ direction: Direction) -> String { direction == .maximize ? "higher" : "lower" }

  /// Rebuilds a history from series, checking the same rules as `log`.
  public init(series: [Series]) throws(ObjectiveError) {
    for s in series {
      guard positions[s.name] == nil else { throw .invalidArgument("two series named \"\(s.name)\"") }
      for (a, b) in zip(s.points, s.points.dropFirst()) where b.time <= a.time {
        throw .invalidArgument("times of \"\(s.name)\" do not increase at \(s.axis) \(b.time)")
      }
      positions[s.name] = self.series.count
      self.series.append(s)
    }
  }

  private enum CodingKeys: String, CodingKey { case series }

  /// Decodes the value written by `encode(to:)` (non-finite numbers under `FiniteOrSpecial`).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(series: try c.decode([Series].self, forKey: .series))
  }

  /// Encodes the value so that a plain `JSONEncoder` works (non-finite numbers under `FiniteOrSpecial`).
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(series, forKey: .series)
  }
}
