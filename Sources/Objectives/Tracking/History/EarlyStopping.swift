/// Stops training when a monitored value has not improved for `patience` consecutive checks.
///
/// An *improvement* is a value strictly better than the best so far by more than `minDelta`:
/// `value > best + minDelta` when higher is better, `value < best - minDelta` when lower is better.
/// Hence:
/// - a **tie** (equal to the best, or better by at most `minDelta`) is not an improvement;
/// - **NaN is never an improvement**, and the first finite value always is;
/// - an infinite value in the good direction is an improvement, and later values cannot beat it.
///
/// Every check without an improvement increases `waited`; an improvement sets it back to 0. Once
/// `waited >= patience`, `shouldStop` becomes `true` and stays `true` (patience 0 stops at the first
/// check without improvement).
///
/// ```swift
/// var stopper = try EarlyStopping(monitor: "val/loss", patience: 3, minDelta: 1e-4)
/// for epoch in 1... {
///   let val = evaluate()                            // Results with "val/loss", lower is better
///   if try stopper.update(val, time: epoch) { break }
/// }
/// stopper.best   // the best value and its epoch
/// ```
///
/// The state is `Codable`, so it is checkpointed with the model.
public struct EarlyStopping: Sendable, Codable, Equatable {
  /// The name of the monitored entry.
  public let monitor: String
  /// How many consecutive checks without improvement are tolerated.
  public let patience: Int
  /// The margin an improvement must exceed (≥ 0).
  public let minDelta: Double
  /// The direction given at construction; `nil` means "take it from the results".
  public let direction: Direction?

  /// The best value so far and when it was seen; `nil` before the first finite value.
  public var best: (value: Double, time: Int)? { bestValue.map { ($0, bestTime) } }
  private var bestValue: Double?
  private var bestTime: Int = 0
  /// The direction in use, fixed by the first check: the one given at construction, otherwise
  /// the first checked entry's own.
  public private(set) var resolvedDirection: Direction?
  /// Consecutive checks without improvement.
  public private(set) var waited: Int = 0
  /// Whether the last check improved on the best value.
  public private(set) var lastImproved: Bool = false
  /// Whether training should stop. Once `true`, it stays `true`.
  public private(set) var shouldStop: Bool = false

  /// A stopper for `monitor`.
  /// - Throws: `invalidArgument` when `patience < 0` or `minDelta` is negative or not finite.
  public init(monitor: String, patience: Int, minDelta: Double = 0, direction: Direction? = nil)
    throws(ObjectiveError)
  {
    guard patience >= 0 else { throw .invalidArgument("patience must be >= 0, got \(patience)") }
    guard minDelta.isFinite, minDelta >= 0 else {
      throw .invalidArgument("minDelta must be finite and >= 0, got \(minDelta)")
    }
    self.monitor = monitor
    self.patience = patience
    self.minDelta = minDelta
    self.direction = direction
  }

  /// Checks the monitored entry of `results` at `time` and returns `shouldStop`.
  ///
  /// The direction is the one given at construction, otherwise the entry's own.
  /// - Throws: `invalidArgument` when the entry is missing or not a scalar, or when no direction is
  ///   known. The state is then unchanged.
  @discardableResult
  public mutating func update(_ results: Results, time: Int) throws(ObjectiveError) -> Bool {
    guard let entry = results.entries.first(where: { $0.name == monitor }) else {
      throw .invalidArgument(
        "early stopping monitors \"\(monitor)\", which is not in the results (\(results.names.joined(separator: ", ")))"
      )
    }
    guard let value = entry.value.scalar else {
      throw .invalidArgument("early stopping needs a scalar \"\(monitor)\", got \(entry.value)")
    }
    return try update(value, time: time, direction: entry.direction)
  }

  /// Checks one value at `time` and returns `shouldStop`.
  ///
  /// `direction` is used only when no direction was given at construction.
  /// - Throws: `invalidArgument` when no direction is known. The state is then unchanged.
  @discardableResult
  public mutating func update(_ value: Double, time: Int, direction entryDirection: Direction? = nil)
    throws(ObjectiveError) -> Bool
  {
    guard let direction = self.direction ?? resolvedDirection ?? entryDirection else {
      throw .invalidArgument(
        "the direction of \"\(monitor)\" is unknown: pass direction: to EarlyStopping")
    }
    resolvedDirection = direction
    let improved: Bool
    if value.isNaN {
      improved = false
    } else if let b = bestValue {
      improved = direction == .maximize ? value > b + minDelta : value < b - minDelta
    } else {
      improved = true
    }
    lastImproved = improved
    if improved {
      bestValue = value
      bestTime = time
      waited = 0
    } else {
      waited += 1
      if waited >= patience { shouldStop = true }
    }
    return shouldStop
  }

  /// Replays the series `monitor` of a history and returns the stopper's state after it, or after
  /// the point where it first said stop (with `stoppedAt` set to that time).
  public static func replay(
    _ history: History, monitor: String, patience: Int, minDelta: Double = 0, direction: Direction? = nil
  ) throws(ObjectiveError) -> (stopper: EarlyStopping, stoppedAt: Int?) {
    guard let s = history[monitor] else {
      throw .invalidArgument("no series named \"\(monitor)\" in the history")
    }
    var stopper = try EarlyStopping(
      monitor: monitor, patience: patience, minDelta: minDelta, direction: direction)
    for p in s.points {
      guard let v = p.value.scalar else {
        throw .invalidArgument("early stopping needs a scalar \"\(monitor)\", got \(p.value)")
      }
      if try stopper.update(v, time: p.time, direction: s.direction) { return (stopper, p.time) }
    }
    return (stopper, nil)
  }

  /// Returns to the state before the first check.
  public mutating func reset() {
    bestValue = nil
    bestTime = 0
    resolvedDirection = nil
    waited = 0
    lastImproved = false
    shouldStop = false
  }
}

extension EarlyStopping {
  private enum CodingKeys: String, CodingKey {
    case monitor, patience, minDelta, direction, bestValue, bestTime, resolvedDirection, waited
    case lastImproved, shouldStop, higherIsBetter
  }

  /// Decodes a stopper written under the library's non-finite policy (see `FiniteOrSpecial`).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    monitor = try c.decode(String.self, forKey: .monitor)
    patience = try c.decode(Int.self, forKey: .patience)
    minDelta = try c.decodeNumber(forKey: .minDelta)
    // Earlier files wrote the given direction as the boolean `higherIsBetter` and the resolved one
    // as the boolean `direction`.
    let legacyResolved = try? c.decodeIfPresent(Bool.self, forKey: .direction)
    direction =
      try (try? c.decodeIfPresent(Direction.self, forKey: .direction))
      ?? c.decodeIfPresent(Bool.self, forKey: .higherIsBetter).map(Direction.init(higherIsBetter:))
    bestValue = try c.decodeNumberIfPresent(forKey: .bestValue)
    bestTime = try c.decode(Int.self, forKey: .bestTime)
    resolvedDirection =
      try c.decodeIfPresent(Direction.self, forKey: .resolvedDirection)
      ?? legacyResolved.flatMap { $0 }.map(Direction.init(higherIsBetter:))
    waited = try c.decode(Int.self, forKey: .waited)
    lastImproved = try c.decode(Bool.self, forKey: .lastImproved)
    shouldStop = try c.decode(Bool.self, forKey: .shouldStop)
  }

  /// Encodes the stopper (an infinite best value as `"inf"` or `"-inf"`), so a plain `JSONEncoder`
  /// works.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(monitor, forKey: .monitor)
    try c.encode(patience, forKey: .patience)
    try c.encodeNumber(minDelta, forKey: .minDelta)
    try c.encodeIfPresent(direction, forKey: .direction)
    if let bestValue { try c.encodeNumber(bestValue, forKey: .bestValue) }
    try c.encode(bestTime, forKey: .bestTime)
    try c.encodeIfPresent(resolvedDirection, forKey: .resolvedDirection)
    try c.encode(waited, forKey: .waited)
    try c.encode(lastImproved, forKey: .lastImproved)
    try c.encode(shouldStop, forKey: .shouldStop)
  }
}
