extension SampleTable {
  /// The rows that `isIncluded` accepts, as a table with the same columns and constants
  /// (for example one epoch: `table.filtered { $0["epoch"] == 12 }`).
  /// - Complexity: O(r·c).
  public func filtered(where isIncluded: (Row) -> Bool) -> SampleTable {
    let kept = rows.filter(isIncluded)
    var table = SampleTable(
      columns: columns, constantColumns: constantColumns, rows: kept.map { ($0.exampleID, $0.values) })
    table.constants = constants
    return table
  }

  /// The `k` worst rows by `column`: the highest values when higher is worse (`direction: .minimize`,
  /// for a loss), the lowest otherwise.
  ///
  /// Rows whose cell is NaN come after every other row; rows that have no number in the column are
  /// left out. The order is stable: among equal values, earlier rows come first.
  /// - Throws: `invalidArgument` for an unknown column or a negative `k`.
  /// - Complexity: O(r log r) for r rows.
  public func worst(_ k: Int, by column: String, direction: Direction) throws(ObjectiveError) -> [Row] {
    try ranked(k, by: column, descending: direction == .minimize)
  }

  /// The `k` best rows by `column` (the lowest values when lower is better, for a loss), with the
  /// same NaN, missing-value and stability rules as `worst`.
  public func best(_ k: Int, by column: String, direction: Direction) throws(ObjectiveError) -> [Row] {
    try ranked(k, by: column, descending: direction == .maximize)
  }

  /// The `k` rows with the largest (`descending`) or smallest values in `column`, NaN last, stable.
  public func ranked(_ k: Int, by column: String, descending: Bool) throws(ObjectiveError) -> [Row] {
    guard k >= 0 else { throw .invalidArgument("k must be >= 0, got \(k)") }
    guard let values = self.column(column) else {
      throw .invalidArgument("no column named \"\(column)\" (columns: \(columns.joined(separator: ", ")))")
    }
    let candidates: [(Int, Double)] = values.enumerated().compactMap { i, v in v?.number.map { (i, $0) } }
    let sorted = candidates.sorted { a, b in
      if a.1.isNaN || b.1.isNaN {
        if a.1.isNaN != b.1.isNaN { return b.1.isNaN }
        return a.0 < b.0
      }
      if a.1 != b.1 { return descending ? a.1 > b.1 : a.1 < b.1 }
      return a.0 < b.0
    }
    return sorted.prefix(k).map { row($0.0) }
  }

  /// The mean of the finite values of every non-constant numeric column, over the rows whose
  /// `splitColumn` cell is the text `split`, named `<split>_<column>_avg` (3LC's aggregates).
  ///
  /// NaN and infinite values are left out of both the sum and the count, so the mean is weighted by
  /// the number of finite samples. A column whose selected cells are numbers but none finite gives
  /// NaN. Columns with no number in the selected rows are left out.
  /// - Complexity: O(r·c).
  public func averages(split: String, splitColumn: String = "split") -> Results {
    averages(prefix: split) { $0[splitColumn] == .text(split) }
  }

  /// The mean of the finite values of every non-constant numeric column over the rows that
  /// `isIncluded` accepts, named `<prefix>_<column>_avg` (or `<column>_avg` for an empty prefix).
  public func averages(prefix: String, where isIncluded: (Row) -> Bool = { _ in true }) -> Results {
    let selected = (0..<count).filter { isIncluded(row($0)) }
    var results = Results()
    for name in columns where !constantColumns.contains(name) {
      guard let values = self.column(name) else { continue }
      var mean = MeanAccumulator()
      var anyNumber = false
      for i in selected {
        guard let v = values[i]?.number else { continue }
        anyNumber = true
        if v.isFinite { mean.add(v) }
      }
      guard anyNumber else { continue }
      results.append((prefix.isEmpty ? "" : prefix + "_") + name + "_avg", mean.mean)
    }
    return results
  }
}
