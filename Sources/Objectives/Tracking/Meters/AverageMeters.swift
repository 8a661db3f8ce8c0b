/// A keyed collection of `AverageMeter`s that creates a meter on first use (DanLing's `AverageMeters`).
///
/// Names keep the order in which they were first used, so printing is stable.
///
/// ```swift
/// var meters = AverageMeters()
/// meters["loss"].update(0.9, n: 32)     // created on first use
/// meters.update(["auroc": 0.7])          // bulk, n = 1
/// meters.update(results, n: 32)          // every scalar entry of a `Results`
/// print(meters)                          // "loss: 0.9000 (0.9000)\tauroc: 0.7000 (0.7000)\t…"
/// ```
///
/// A `MergeableState`: the empty collection is the identity; `merge` merges the meters of equal
/// names, and names new to the left side are appended in the right side's order.
/// - Complexity: O(1) amortised per access by name; O(k) per bulk update of k values.
public struct AverageMeters: Sendable, MergeableState, Codable, Equatable, CustomStringConvertible {
  /// The meter names, in order of first use.
  public private(set) var names: [String] = []
  private var meters: [String: AverageMeter] = [:]
  /// The direction of each meter that was updated from a `Results` entry with a known direction.
  public private(set) var directions: [String: Direction] = [:]

  /// An empty collection.
  public init() {}

  /// The meter named `name`; reading an unknown name gives an empty meter, and mutating it
  /// (`meters["loss"].update(x)`) adds it.
  public subscript(name: String) -> AverageMeter {
    get { meters[name] ?? AverageMeter() }
    set {
      if meters[name] == nil { names.append(name) }
      meters[name] = newValue
    }
  }

  /// The number of meters.
  public var count: Int { names.count }

  /// Updates the meter of every scalar entry of `results` with weight `n`, in the results' order.
  /// Vector and matrix entries are skipped (a meter holds one number); they are listed in the return
  /// value so that nothing is dropped silently.
  @discardableResult
  public mutating func update(_ results: Results, n: Int = 1) -> [String] {
    var skipped: [String] = []
    for entry in results.entries {
      if let v = entry.value.scalar {
        self[entry.name].update(v, n: n)
        if let d = entry.direction { directions[entry.name] = d }
      } else {
        skipped.append(entry.name)
      }
    }
    return skipped
  }

  /// Updates one meter per pair, in the given order, with weight `n`.
  public mutating func update(_ values: KeyValuePairs<String, Double>, n: Int = 1) {
    for (k, v) in values { self[k].update(v, n: n) }
  }

  /// Updates one meter per key with weight `n`. New names are added in sorted order, because a
  /// dictionary has none.
  public mutating func update(_ values: [String: Double], n: Int = 1) {
    for (k, v) in values.sorted(by: { $0.key < $1.key }) { self[k].update(v, n: n) }
  }

  /// The last value of every meter.
  public var values: [String: Double] { meters.mapValues(\.last) }
  /// The average of every meter.
  public var averages: [String: Double] { meters.mapValues(\.average) }
  /// The sum of every meter.
  public var sums: [String: Double] { meters.mapValues(\.sum) }
  /// The count of every meter.
  public var counts: [String: Int] { meters.mapValues(\.count) }

  /// The averages as `Results`, in order of first use, with the directions learned from `Results`.
  public var averageResults: Results {
    Results(
      names.map { Results.Entry(name: $0, value: .scalar(self[$0].average), direction: directions[$0]) })
  }

  /// Empties every meter and keeps the names, so the next print shows `name: nan (nan)`.
  public mutating func reset() {
    for k in names { meters[k] = AverageMeter() }
  }

  /// Merges another collection (the monoid operation).
  public mutating func merge(_ other: AverageMeters) {
    for k in other.names { self[k].merge(other[k]) }
    directions.merge(other.directions) { mine, _ in mine }
  }

  private enum CodingKeys: String, CodingKey { case names, meters, directions }

  /// Decodes the value written by `encode(to:)` (non-finite numbers under `FiniteOrSpecial`).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let names = try c.decode([String].self, forKey: .names)
    let meters = try c.decode([String: AverageMeter].self, forKey: .meters)
    guard Set(names).count == names.count, Set(names) == Set(meters.keys) else {
      throw DecodingError.dataCorruptedError(
        forKey: .names, in: c, debugDescription: "meter names and meters do not match")
    }
    self.names = names
    self.meters = meters
    if let named = try? c.decodeIfPresent([String: Direction].self, forKey: .directions) {
      directions = named
    } else {  // written before `Direction`, as booleans
      let flags = try c.decodeIfPresent([String: Bool].self, forKey: .directions) ?? [:]
      directions = flags.mapValues(Direction.init(higherIsBetter:))
    }
  }

  /// Encodes the value so that a plain `JSONEncoder` works (non-finite numbers under `FiniteOrSpecial`).
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(names, forKey: .names)
    try c.encode(meters, forKey: .meters)
    try c.encode(directions, forKey: .directions)
  }

  /// `name: val (avg)` for every meter, joined by tabs, each number written with `format`.
  public func formatted(_ format: FloatFormat = .standard) -> String {
    names.map { "\($0): \(self[$0].formatted(format))" }.joined(separator: "\t")
  }

  /// `name: val (avg)` joined by tabs, with four digits after the decimal point.
  public var description: String { formatted() }
}

extension AverageMeters {
  /// An empty collection, the identity of `merge`.
  public func emptied() -> AverageMeters { AverageMeters() }
}
