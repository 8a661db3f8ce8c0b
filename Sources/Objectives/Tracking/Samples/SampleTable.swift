/// Per-sample values keyed by example id, in the style of 3LC's metrics tables.
///
/// Each row belongs to one example (`exampleID`, the row index of the sample in its data set) and
/// holds any columns: the unreduced loss, the predicted class, the confidence, … A sample may have
/// several rows (one per epoch, per box, per token). *Constant* columns such as `epoch` or `split`
/// are set once with `constants` and written onto every row recorded while they are set.
///
/// ```swift
/// var table = SampleTable()
/// table.constants = ["epoch": 3, "split": "val"]
/// try table.record(exampleIDs: [0, 1, 2], columns: ["loss": [0.1, 2.3, .nan], "confidence": [0.9, 0.2, 0.5]])
/// try table.worst(2, by: "loss", higherIsBetter: false)   // rows of examples 1 then 0
/// table.averages(split: "val")                            // val_loss_avg = 1.2, val_confidence_avg = 0.5333…
/// ```
///
/// Storage is columnar: a column that a row does not have holds `nil` there.
/// - Complexity: O(r·c) memory for r rows and c columns; O(b·c) per record of b rows.
public struct SampleTable: Sendable, Codable, Equatable {
  /// The reserved name of the example id column in exports.
  public static let exampleIDColumn = "example_id"

  /// One row, as returned by queries.
  public struct Row: Sendable, Equatable {
    /// The position of the row in the table (recording order).
    public var index: Int
    /// The example the row belongs to.
    public var exampleID: Int
    /// The cells the row has.
    public var values: [String: SampleValue]

    /// The cell of `column`, if the row has one.
    public subscript(column: String) -> SampleValue? { values[column] }
  }

  /// The example id of every row, in recording order.
  public private(set) var exampleIDs: [Int] = []
  /// The column names, in order of first appearance (constants first within one record, by name).
  public private(set) var columns: [String] = []
  /// The names of the columns that were ever set through `constants`. They are left out of `averages`.
  public private(set) var constantColumns: Set<String> = []
  private var cells: [String: [SampleValue?]] = [:]

  /// Values written onto every row recorded from now on (for example `["epoch": 3, "split": "val"]`).
  public var constants: [String: SampleValue] = [:]

  /// An empty table.
  public init() {}

  /// The number of rows.
  public var count: Int { exampleIDs.count }

  /// Whether the table has no row.
  public var isEmpty: Bool { exampleIDs.isEmpty }

  /// The cells of `column`, one per row (`nil` where a row has none); `nil` for an unknown column.
  public func column(_ name: String) -> [SampleValue?]? { cells[name] }

  /// The row at `index` (0-based, recording order).
  /// - Precondition: `index` is in `0..<count`.
  public func row(_ index: Int) -> Row {
    var values: [String: SampleValue] = [:]
    for c in columns { if let v = cells[c]?[index] { values[c] = v } }
    return Row(index: index, exampleID: exampleIDs[index], values: values)
  }

  /// Every row, in recording order.
  public var rows: [Row] { (0..<count).map(row) }

  /// The rows of one example, in recording order.
  /// - Complexity: O(r).
  public func rows(for exampleID: Int) -> [Row] {
    exampleIDs.indices.filter { exampleIDs[$0] == exampleID }.map(row)
  }

  /// Records one row per example id; each column gives one value per id. The current `constants`
  /// are added to every row.
  ///
  /// - Throws: `lengthMismatch` when a column's length differs from the number of ids;
  ///   `invalidArgument` when a column is named `example_id`, appears twice, or is also a constant.
  ///   The table is then unchanged.
  public mutating func record(exampleIDs ids: [Int], columns given: KeyValuePairs<String, [SampleValue]>)
    throws(ObjectiveError)
  {
    try record(ids, Array(given.map { ($0.key, $0.value) }))
  }

  /// Records numeric columns, one value per example id (see `record(exampleIDs:columns:)`).
  public mutating func record(exampleIDs ids: [Int], columns given: KeyValuePairs<String, [Double]>)
    throws(ObjectiveError)
  {
    try record(ids, Array(given.map { ($0.key, $0.value.map(SampleValue.number)) }))
  }

  /// Records numeric columns given as a dictionary; new columns are added in sorted order.
  public mutating func record(exampleIDs ids: [Int], columns given: [String: [Double]]) throws(ObjectiveError)
  {
    try record(ids, given.sorted { $0.key < $1.key }.map { ($0.key, $0.value.map(SampleValue.number)) })
  }

  /// Records one row for one example.
  public mutating func record(exampleID: Int, _ values: KeyValuePairs<String, SampleValue>)
    throws(ObjectiveError)
  {
    try record([exampleID], values.map { ($0.key, [$0.value]) })
  }

  /// Records numeric columns in the order given (the collectors' path).
  mutating func record(exampleIDs ids: [Int], ordered given: [(String, [Double])]) throws(ObjectiveError) {
    try record(ids, given.map { ($0.0, $0.1.map(SampleValue.number)) })
  }

  /// Throws what `record` would throw for these ids and column names, without recording.
  func checkRecord(ids: [Int], names given: [(String, Int)]) throws(ObjectiveError) {
    var names = Set<String>()
    for (name, count) in given {
      guard name != Self.exampleIDColumn else {
        throw .invalidArgument("\"\(Self.exampleIDColumn)\" is reserved for the example ids")
      }
      guard names.insert(name).inserted else { throw .invalidArgument("column \"\(name)\" is given twice") }
      guard constants[name] == nil else {
        throw .invalidArgument("column \"\(name)\" is also a constant")
      }
      guard count == ids.count else {
        throw .lengthMismatch(what: "column \"\(name)\"", expected: ids.count, actual: count)
      }
    }
    guard constants[Self.exampleIDColumn] == nil else {
      throw .invalidArgument("\"\(Self.exampleIDColumn)\" is reserved for the example ids")
    }
  }

  private mutating func record(_ ids: [Int], _ given: [(String, [SampleValue])]) throws(ObjectiveError) {
    try checkRecord(ids: ids, names: given.map { ($0.0, $0.1.count) })
    let constantPairs = constants.sorted { $0.key < $1.key }
    for (name, _) in constantPairs { constantColumns.insert(name) }
    let all =
      constantPairs.map { ($0.key, Array(repeating: Optional($0.value), count: ids.count)) }
      + given.map { ($0.0, $0.1.map(Optional.some)) }
    let before = count
    for (name, values) in all {
      if cells[name] == nil {
        columns.append(name)
        cells[name] = Array(repeating: nil, count: before)
      }
      cells[name]!.append(contentsOf: values)
    }
    exampleIDs.append(contentsOf: ids)
    for name in columns where cells[name]!.count < count {
      cells[name]!.append(contentsOf: repeatElement(nil, count: count - cells[name]!.count))
    }
  }

  /// Removes every row and column; keeps the constants.
  public mutating func removeAll() {
    let kept = constants
    self = SampleTable()
    constants = kept
  }

  /// Builds a table from rows in order (used by imports).
  init(columns: [String], constantColumns: Set<String>, rows: [(Int, [String: SampleValue])]) {
    self.columns = columns
    self.constantColumns = constantColumns
    exampleIDs = rows.map(\.0)
    for c in columns { cells[c] = rows.map { $0.1[c] } }
  }

  /// Whether two tables hold the same ids, columns and cells, with NaN equal to NaN and doubles
  /// compared bit for bit.
  public func isIdentical(to other: SampleTable) -> Bool {
    guard exampleIDs == other.exampleIDs, columns == other.columns else { return false }
    for c in columns {
      guard let a = cells[c], let b = other.cells[c], a.count == b.count else { return false }
      for (x, y) in zip(a, b) {
        switch (x, y) {
        case (nil, nil): continue
        case (let x?, let y?) where x.isIdentical(to: y): continue
        default: return false
        }
      }
    }
    return true
  }
}
