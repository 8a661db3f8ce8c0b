/// One example's value in a ranking of a `SampleHistory`.
public struct RankedSample: Sendable, Equatable {
  /// The example id.
  public var exampleID: Int
  /// Its value of the ranked column.
  public var value: Double
}

/// The forgetting record of one example (Toneva et al., 2019): how often its prediction went from
/// correct to incorrect (a forgetting event) and back, over the recorded times in order.
public struct ForgettingRecord: Sendable, Equatable {
  /// The example id.
  public var exampleID: Int
  /// Transitions from correct to incorrect between consecutive recorded times.
  public var forgettingEvents: Int
  /// Transitions from incorrect to correct between consecutive recorded times.
  public var learningEvents: Int
  /// The first time it was correct, or `nil` when never (never learned).
  public var firstCorrect: Int?
  /// Whether it was correct at the last recorded time.
  public var correctAtLast: Bool
  /// The number of recorded times.
  public var times: Int

  /// Learned at some time and never forgotten afterwards ("unforgettable").
  public var isUnforgettable: Bool { firstCorrect != nil && forgettingEvents == 0 }
}

extension SampleHistory {
  /// The values of `column` at `time`, by example id.
  public func values(_ column: String, at time: Int) -> [Int: Double] { cells[column]?[time] ?? [:] }

  /// The trajectory of one example in `column`: `(time, value)` in time order.
  public func trajectory(_ column: String, exampleID: Int) -> [(time: Int, value: Double)] {
    (cells[column] ?? [:]).compactMap { time, values in values[exampleID].map { (time, $0) } }
      .sorted { $0.time < $1.time }
  }

  /// The `k` worst examples by `column` at `time` (the last recorded time by default), worst
  /// first: the lowest values when `higherIsBetter`, else the highest. NaN counts as worst; ties go
  /// to the smaller id.
  /// - Throws: `invalidArgument` for an unknown column, `k < 0`, or a history with no time.
  /// - Complexity: O(n log n) for the n examples at that time.
  public func worst(_ k: Int, by column: String, at time: Int? = nil, higherIsBetter: Bool)
    throws(ObjectiveError)
    -> [RankedSample]
  {
    try ranked(k, by: column, at: time, worstFirst: true, higherIsBetter: higherIsBetter)
  }

  /// The `k` best examples by `column` at `time` (the last recorded time by default), best first.
  /// - Throws: as `worst`.
  public func best(_ k: Int, by column: String, at time: Int? = nil, higherIsBetter: Bool)
    throws(ObjectiveError)
    -> [RankedSample]
  {
    try ranked(k, by: column, at: time, worstFirst: false, higherIsBetter: higherIsBetter)
  }

  func ranked(_ k: Int, by column: String, at time: Int?, worstFirst: Bool, higherIsBetter: Bool)
    throws(ObjectiveError) -> [RankedSample]
  {
    guard k >= 0 else { throw .invalidArgument("cannot rank \(k) samples") }
    let values = try checkedColumn(column)
    guard let t = time ?? values.keys.max() else {
      throw .invalidArgument("nothing is recorded in \"\(column)\"")
    }
    return Self.ordered(values[t] ?? [:], worstFirst: worstFirst, higherIsBetter: higherIsBetter).prefix(k)
      .map { RankedSample(exampleID: $0.0, value: $0.1) }
  }

  func checkedColumn(_ column: String) throws(ObjectiveError) -> [Int: [Int: Double]] {
    guard let values = cells[column] else {
      let known = columns.map { "\"\($0)\"" }.joined(separator: ", ")
      throw .invalidArgument("no column \"\(column)\" in the sample history (it has \(known))")
    }
    return values
  }

  /// The forgetting record of every example with a value of `correctness` (1 correct, 0 not; NaN
  /// cells, such as ignored targets, are skipped), by example id. Sort by `forgettingEvents` to
  /// find the most forgotten.
  /// - Throws: `invalidArgument` for an unknown column or a value other than 0, 1 or NaN.
  /// - Complexity: O(cells log times).
  public func forgetting(correctness column: String = "correct") throws(ObjectiveError) -> [ForgettingRecord]
  {
    let values = try checkedColumn(column)
    var byExample: [Int: [(Int, Bool)]] = [:]
    for (time, atTime) in values {
      for (id, v) in atTime where !v.isNaN {
        guard v == 0 || v == 1 else {
          throw .invalidValue(what: "correctness of example \(id) at \(axis) \(time)", value: v, position: id)
        }
        byExample[id, default: []].append((time, v == 1))
      }
    }
    return byExample.keys.sorted().map { id in
      let series = (byExample[id] ?? []).sorted { $0.0 < $1.0 }
      var record = ForgettingRecord(
        exampleID: id, forgettingEvents: 0, learningEvents: 0, firstCorrect: series.first { $0.1 }?.0,
        correctAtLast: series.last?.1 ?? false, times: series.count)
      for (a, b) in zip(series, series.dropFirst()) {
        if a.1 && !b.1 { record.forgettingEvents += 1 }
        if !a.1 && b.1 { record.learningEvents += 1 }
      }
      return record
    }
  }

  /// The long table of the history: one row per example and time (in time, then id order) with a
  /// column for the time (`epoch` or `step`) and one per recorded column (missing cells empty). Its
  /// `csv()` and `jsonLines()` are the history's exports; `init(table:axis:retention:)` reads it
  /// back.
  public func table() -> SampleTable {
    let timeColumn = axis.rawValue
    let names = columns.filter { $0 != timeColumn }
    var rows: [(Int, [String: SampleValue])] = []
    for time in times {
      var ids = Set<Int>()
      for name in names { ids.formUnion((cells[name]?[time] ?? [:]).keys) }
      for id in ids.sorted() {
        var values: [String: SampleValue] = [timeColumn: .number(Double(time))]
        for name in names { if let v = cells[name]?[time]?[id] { values[name] = .number(v) } }
        rows.append((id, values))
      }
    }
    return SampleTable(columns: [timeColumn] + names, constantColumns: [], rows: rows)
  }

  /// A history from its long table (as `table()` writes it, or read back with
  /// `SampleTable(csv:)` / `SampleTable(jsonLines:)`): the column named after `axis` gives the times.
  /// - Throws: `invalidArgument` when the time column is missing or a time is not an integer.
  public init(table: SampleTable, axis: TimeAxis = .epoch, retention: SampleRetention = .all)
    throws(ObjectiveError)
  {
    try self.init(axis: axis, retention: retention)
    guard let times = table.column(axis.rawValue) else {
      throw .invalidArgument("the table has no \"\(axis.rawValue)\" column of times")
    }
    var rowsByTime: [Int: [Int]] = [:]
    for (row, t) in times.enumerated() {
      guard let v = t?.number, let time = Int(exactly: v) else {
        throw .invalidArgument(
          "row \(row + 1): the \(axis.rawValue) \(t?.description ?? "(missing)") is not an integer")
      }
      rowsByTime[time, default: []].append(row)
    }
    let names = table.columns.filter { $0 != axis.rawValue && !table.constantColumns.contains($0) }
    for (time, rows) in rowsByTime.sorted(by: { $0.key < $1.key }) {
      let ids = rows.map { table.exampleIDs[$0] }
      let given = names.map { name in (name, rows.map { table.column(name)?[$0]?.number }) }
      try record(time: time, exampleIDs: ids, columns: given)
    }
  }
}
