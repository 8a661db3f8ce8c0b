extension BootstrapInterval {
  /// The intervals of results that carry them as `<name>/low` and `<name>/high` entries (what
  /// `Bootstrap.compute()` reports), one per scalar and per vector element (`name[i]`), in report
  /// order; a value without bounds gets NaN bounds.
  public static func reported(in results: Results, level: Double) -> [BootstrapInterval] {
    var out: [BootstrapInterval] = []
    for entry in results where !entry.name.hasSuffix("/low") && !entry.name.hasSuffix("/high") {
      if case .matrix = entry.value { continue }
      let low = results[entry.name + "/low"]?.values ?? []
      let high = results[entry.name + "/high"]?.values ?? []
      let values = entry.value.values
      for (i, x) in values.enumerated() {
        let name = entry.value.scalar != nil ? entry.name : "\(entry.name)[\(i)]"
        out.append(
          BootstrapInterval(
            name: name, value: x, low: i < low.count ? low[i] : .nan, high: i < high.count ? high[i] : .nan,
            level: level))
      }
    }
    return out
  }

  /// A table with the columns metric, value, low and high, numbers in `format`.
  public static func table(_ intervals: [BootstrapInterval], format: FloatFormat = .standard) -> String {
    let header = ["metric", "value", "low", "high"]
    let cells = intervals.map { [$0.name, format($0.value), format($0.low), format($0.high)] }
    let widths = header.indices.map { j in ([header[j]] + cells.map { $0[j] }).map(\.count).max() ?? 0 }
    func line(_ row: [String]) -> String {
      row.enumerated().map { j, s in
        j == 0
          ? s.padding(toLength: widths[j], withPad: " ", startingAt: 0)
          : String(repeating: " ", count: widths[j] - s.count) + s
      }.joined(separator: "  ")
    }
    return ([line(header)] + cells.map(line)).joined(separator: "\n") + "\n"
  }

  /// One JSON object with one key per value: `{"value", "low", "high", "level"}` (numbers under
  /// `FiniteOrSpecial`).
  public static func json(_ intervals: [BootstrapInterval]) -> String {
    let members = intervals.map { i in
      "  " + JSONText.quote(i.name) + ": "
        + JSONText.object([
          ("value", .number(i.value)), ("low", .number(i.low)), ("high", .number(i.high)),
          ("level", .number(i.level)),
        ]).text(spaced: true)
    }
    return members.isEmpty ? "{}\n" : "{\n" + members.joined(separator: ",\n") + "\n}\n"
  }

  /// CSV with the header `metric,value,low,high,level`.
  public static func csv(_ intervals: [BootstrapInterval]) -> String {
    let lines = intervals.map { i in
      [
        CSVText.field(i.name), CSVText.number(i.value), CSVText.number(i.low), CSVText.number(i.high),
        CSVText.number(i.level),
      ].joined(separator: ",")
    }
    return (["metric,value,low,high,level"] + lines).joined(separator: "\n") + "\n"
  }
}
