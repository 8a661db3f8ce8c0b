/// Which samples a `SampleHistory` keeps: all of them, or a bounded part for large data sets.
public enum SampleRetention: Sendable, Codable, Hashable {
  /// Every sample at every time.
  case all
  /// At each time, only the `count` worst samples by `column` (the lowest values when
  /// `higherIsBetter`, else the highest; NaN counts as worst; ties go to the smaller example id).
  /// Memory is O(times × count × columns).
  case worst(count: Int, by: String, higherIsBetter: Bool)
  /// A deterministic sample of the example ids: an id is kept when a hash of `(id, seed)` falls
  /// below `fraction` of its range, at every time and on every rank, so the same ids are followed
  /// across epochs and shards. Memory is about `fraction` of `.all`'s.
  case sampledIDs(fraction: Double, seed: UInt64)

  /// Whether the id-sampling rule keeps `id`.
  func keeps(_ id: Int) -> Bool {
    guard case .sampledIDs(let fraction, let seed) = self else { return true }
    if fraction >= 1 { return true }
    // SplitMix64's finaliser: a well-mixed 64-bit hash of the id and the seed.
    var z = UInt64(bitPattern: Int64(id)) &+ seed &* 0x9E37_79B9_7F4A_7C15 &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    return Double(z >> 11) * 0x1p-53 < fraction
  }
}

/// Per-sample values over time: for each recorded column (per-sample loss, confidence,
/// correctness, …), a table of example × epoch (or step) values. The queries find the examples a
/// model gets wrong, forgets or is unsure of: the worst or best k at a time, the forgetting events
/// of each example, and dataset cartography (Swayamdipta et al., 2020).
///
/// ```swift
/// var history = SampleHistory(axis: .epoch)
/// for epoch in 1...epochs {
///   var samples = SampleTable()
///   try metrics.update(logits, labels, recording: &samples, exampleIDs: ids)
///   try history.record(samples, at: epoch)
/// }
/// let map = try history.cartography()
/// ```
///
/// It is a `MergeableState`: merging is the union of the recorded cells (shards of one epoch on
/// several ranks, or epochs recorded separately); a cell recorded in both keeps the value of the
/// merged-in history (the last writer, which keeps `merge` associative). Histories of another axis
/// or retention are refused.
/// - Complexity: `record` O(rows × columns) (plus O(k log k) per time with `.worst`); memory
///   O(cells kept).
public struct SampleHistory: Sendable, MergeableState {
  /// Whether times are steps or epochs.
  public let axis: TimeAxis
  /// Which samples are kept.
  public let retention: SampleRetention
  /// The recorded columns, in order of first appearance.
  public private(set) var columns: [String] = []
  /// `cells[column][time][exampleID]`.
  var cells: [String: [Int: [Int: Double]]] = [:]

  /// An empty history on `axis` keeping every sample.
  public init(axis: TimeAxis = .epoch) {
    self.axis = axis
    retention = .all
  }

  /// An empty history on `axis` keeping the samples `retention` says.
  /// - Throws: `invalidArgument` for a `.worst` count below 1 or a `.sampledIDs` fraction outside
  ///   (0, 1].
  public init(axis: TimeAxis = .epoch, retention: SampleRetention) throws(ObjectiveError) {
    switch retention {
    case .all: break
    case .worst(let count, _, _):
      guard count >= 1 else {
        throw .invalidArgument("keeping the worst \(count) samples: the count must be at least 1")
      }
    case .sampledIDs(let fraction, _):
      guard fraction > 0, fraction <= 1 else {
        throw .invalidArgument("sampling a fraction \(fraction) of the ids: it must be in (0, 1]")
      }
    }
    self.axis = axis
    self.retention = retention
  }

  /// The times recorded, in increasing order.
  public var times: [Int] { Set(cells.values.flatMap(\.keys)).sorted() }

  /// The example ids recorded at any time, in increasing order.
  public var exampleIDs: [Int] { Set(cells.values.flatMap { $0.values.flatMap(\.keys) }).sorted() }

  /// Whether nothing is recorded.
  public var isEmpty: Bool { cells.values.allSatisfy { $0.values.allSatisfy(\.isEmpty) } }

  /// The number of recorded cells (example × time × column).
  public var cellCount: Int { cells.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.count } } }

  /// The value of `column` for `exampleID` at `time`, if recorded.
  public func value(_ column: String, exampleID: Int, time: Int) -> Double? {
    cells[column]?[time]?[exampleID]
  }

  /// Records the numeric columns of `table` at `time` (text and constant columns are left out;
  /// a missing cell stays missing). A cell recorded again replaces the earlier value.
  /// - Throws: `invalidArgument` for a `.worst` retention whose column the table lacks.
  public mutating func record(_ table: SampleTable, at time: Int) throws(ObjectiveError) {
    var given: [(String, [Double?])] = []
    for name in table.columns where !table.constantColumns.contains(name) {
      guard let column = table.column(name), column.allSatisfy({ $0 == nil || $0?.number != nil }) else {
        continue
      }
      given.append((name, column.map { $0?.number }))
    }
    try record(time: time, exampleIDs: table.exampleIDs, columns: given)
  }

  /// Records columns of values, one per example id, at `time` (`nil` for a missing cell).
  /// - Throws: `lengthMismatch` when a column's length differs from the number of ids;
  ///   `invalidArgument` for a `.worst` retention whose column is not given. The history is then
  ///   unchanged.
  public mutating func record(time: Int, exampleIDs ids: [Int], columns given: [(String, [Double?])])
    throws(ObjectiveError)
  {
    for (name, values) in given where values.count != ids.count {
      throw .lengthMismatch(
        what: "column \"\(name)\" at \(axis) \(time)", expected: ids.count, actual: values.count)
    }
    if case .worst(_, let by, _) = retention, !given.contains(where: { $0.0 == by }) {
      throw .invalidArgument("the history keeps the worst samples by \"\(by)\", which the record lacks")
    }
    for (name, values) in given {
      if cells[name] == nil {
        columns.append(name)
        cells[name] = [:]
      }
      var atTime = cells[name]?[time] ?? [:]
      for (id, value) in zip(ids, values) where retention.keeps(id) {
        if let value { atTime[id] = value }
      }
      cells[name]?[time] = atTime
    }
    prune(time)
  }

  /// With `.worst` retention, drops at `time` every sample outside the worst `count`.
  mutating func prune(_ time: Int) {
    guard case .worst(let count, let by, let higherIsBetter) = retention,
      let ranked = cells[by]?[time], ranked.count > count
    else { return }
    let kept = Set(
      Self.ordered(ranked, worstFirst: true, higherIsBetter: higherIsBetter).prefix(count).map(\.0))
    for name in columns {
      if let values = cells[name]?[time] { cells[name]?[time] = values.filter { kept.contains($0.key) } }
    }
  }

  /// `(id, value)` pairs from the worst (or best) down; NaN is worst; ties go to the smaller id.
  static func ordered(_ values: [Int: Double], worstFirst: Bool, higherIsBetter: Bool) -> [(Int, Double)] {
    // "Worse" means lower when higher is better; with NaN below every number.
    func badness(_ v: Double) -> Double { v.isNaN ? .infinity : (higherIsBetter ? -v : v) }
    return values.sorted { a, b in
      let (x, y) = (badness(a.value), badness(b.value))
      if x != y { return worstFirst ? x > y : x < y }
      return a.key < b.key
    }.map { ($0.key, $0.value) }
  }

  /// The empty history of the same axis and retention.
  public func emptied() -> SampleHistory {
    var empty = self
    empty.columns = []
    empty.cells = [:]
    return empty
  }

  /// Merges the cells of `other` into this history (union; a cell in both takes `other`'s value).
  /// - Throws: `incompatibleState` when the axis or the retention differ; nothing changes.
  public mutating func merge(_ other: SampleHistory) throws(ObjectiveError) {
    guard axis == other.axis, retention == other.retention else {
      throw .incompatibleState(
        "cannot merge a sample history on \(other.axis)s keeping \(other.retention) into one on \(axis)s keeping \(retention)"
      )
    }
    for name in other.columns {
      if cells[name] == nil {
        columns.append(name)
        cells[name] = [:]
      }
      for (time, values) in other.cells[name] ?? [:] {
        cells[name]?[time, default: [:]].merge(values) { _, new in new }
      }
    }
    for time in Set(other.cells.values.flatMap(\.keys)) { prune(time) }
  }
}

extension SampleHistory: Equatable {
  /// Equal axis, retention, columns and cells, with values compared bit for bit (so NaN equals
  /// NaN and −0 differs from +0).
  public static func == (a: SampleHistory, b: SampleHistory) -> Bool {
    guard a.axis == b.axis, a.retention == b.retention, a.columns == b.columns else { return false }
    for name in a.columns {
      let (x, y) = (a.cells[name] ?? [:], b.cells[name] ?? [:])
      guard x.keys == y.keys else { return false }
      for (time, values) in x {
        guard let other = y[time], other.count == values.count else { return false }
        for (id, v) in values where other[id]?.bitPattern != v.bitPattern { return false }
      }
    }
    return true
  }
}

extension SampleHistory: Codable {
  enum CodingKeys: String, CodingKey { case axis, retention, columns, times, exampleIDs, column, values }

  /// Writes the cells in long form (parallel arrays of time, example id, column index and value,
  /// in column, time, id order), numbers under the `FiniteOrSpecial` policy.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(axis, forKey: .axis)
    try c.encode(retention, forKey: .retention)
    try c.encode(columns, forKey: .columns)
    var (times, ids, column, values) = ([Int](), [Int](), [Int](), [Double]())
    for (k, name) in columns.enumerated() {
      for (time, atTime) in (cells[name] ?? [:]).sorted(by: { $0.key < $1.key }) {
        for (id, v) in atTime.sorted(by: { $0.key < $1.key }) {
          times.append(time)
          ids.append(id)
          column.append(k)
          values.append(v)
        }
      }
    }
    try c.encode(times, forKey: .times)
    try c.encode(ids, forKey: .exampleIDs)
    try c.encode(column, forKey: .column)
    try c.encodeNumbers(values, forKey: .values)
  }

  /// Reads what `encode(to:)` writes, checking every invariant: a valid retention, distinct
  /// column names, arrays of one length, column indices in range, no cell twice, and a `.worst`
  /// retention's bound at every time.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    func corrupt(_ reason: String) -> DecodingError {
      .dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "sample history: \(reason)"))
    }
    do {
      try self.init(
        axis: try c.decode(TimeAxis.self, forKey: .axis),
        retention: try c.decode(SampleRetention.self, forKey: .retention))
    } catch let error as ObjectiveError {
      throw corrupt(error.description)
    }
    let names = try c.decode([String].self, forKey: .columns)
    guard Set(names).count == names.count else { throw corrupt("a column name appears twice in \(names)") }
    let times = try c.decode([Int].self, forKey: .times)
    let ids = try c.decode([Int].self, forKey: .exampleIDs)
    let column = try c.decode([Int].self, forKey: .column)
    let values = try c.decodeNumbers(forKey: .values)
    guard ids.count == times.count, column.count == times.count, values.count == times.count else {
      throw corrupt(
        "\(times.count) times, \(ids.count) ids, \(column.count) columns and \(values.count) values")
    }
    columns = names
    for name in names { cells[name] = [:] }
    for i in times.indices {
      guard names.indices.contains(column[i]) else {
        throw corrupt("cell \(i) names column \(column[i]) of \(names.count)")
      }
      let name = names[column[i]]
      guard cells[name]?[times[i]]?[ids[i]] == nil else {
        throw corrupt("the cell of example \(ids[i]) at \(axis) \(times[i]) in \"\(name)\" appears twice")
      }
      cells[name]?[times[i], default: [:]][ids[i]] = values[i]
    }
    if case .worst(let count, let by, _) = retention {
      for (time, atTime) in cells[by] ?? [:] where atTime.count > count {
        throw corrupt("\(atTime.count) samples at \(axis) \(time), more than the \(count) kept")
      }
    }
  }
}
