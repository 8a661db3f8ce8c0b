// Readable descriptions of the tracking values, for `print` and string interpolation. Numbers are
// written as the meters and the results table write them (`FloatFormat.standard`, `%.4f`).

extension TimeAxis: CustomStringConvertible {
  /// `step` or `epoch`.
  public var description: String { rawValue }
}

/// `(min)`, `(max)` or nothing, for a direction that may be unknown.
func directionNote(_ direction: Direction?) -> String {
  switch direction {
  case .maximize?: return " (max)"
  case .minimize?: return " (min)"
  case nil: return ""
  }
}

extension BestValue: CustomStringConvertible {
  /// `best val/loss = 0.1350 at epoch 39 (min)`.
  public var description: String {
    "best \(name) = \(FloatFormat.standard(value)) at \(axis) \(time)\(directionNote(direction))"
  }
}

extension History.Point: CustomStringConvertible {
  /// `39: 0.1350` (the time, then the value; vectors and matrices in brackets).
  public var description: String {
    let shown = value.scalar.map { FloatFormat.standard($0) } ?? value.description
    return "\(time): \(shown)"
  }
}

extension History.Series: CustomStringConvertible {
  /// `val/loss: 40 points by epoch, last 0.1350 at epoch 39 (min)`, or `val/loss: no points by epoch`.
  public var description: String {
    guard let point = points.last else {
      return "\(name): no points by \(axis)\(directionNote(direction))"
    }
    let shown = point.value.scalar.map { FloatFormat.standard($0) } ?? point.value.description
    let count = points.count == 1 ? "1 point" : "\(points.count) points"
    return
      "\(name): \(count) by \(axis), last \(shown) at \(axis) \(point.time)\(directionNote(direction))"
  }
}

extension History: CustomStringConvertible {
  /// `History (empty)`, or `History of 2 series:` followed by one indented line per series.
  public var description: String {
    guard !series.isEmpty else { return "History (empty)" }
    let header = series.count == 1 ? "History of 1 series:" : "History of \(series.count) series:"
    return ([header] + series.map { "  " + $0.description }).joined(separator: "\n")
  }
}

extension EarlyStopping: CustomStringConvertible {
  /// `early stopping on val/loss (min): best 0.1350 at 39, 2 of 5 checks without improvement,
  /// continue` (or `…, stop`; `no value yet` before the first finite value).
  public var description: String {
    let best = self.best.map { "best \(FloatFormat.standard($0.value)) at \($0.time)" } ?? "no value yet"
    let delta = minDelta == 0 ? "" : ", minDelta \(NumberFormatting.shortest(minDelta))"
    return "early stopping on \(monitor)\(directionNote(resolvedDirection ?? direction)): \(best), "
      + "\(waited) of \(patience) checks without improvement\(delta), \(shouldStop ? "stop" : "continue")"
  }
}

extension SampleTable: CustomStringConvertible {
  /// `SampleTable of 120 rows (40 examples), columns: epoch, split, loss` (constants marked `=`
  /// with their current value when set).
  public var description: String {
    let rows = count == 1 ? "1 row" : "\(count) rows"
    let examples = Set(exampleIDs).count
    let columnText = columns.isEmpty ? "no columns" : "columns: " + columns.joined(separator: ", ")
    var text =
      "SampleTable of \(rows) (\(examples == 1 ? "1 example" : "\(examples) examples")), \(columnText)"
    if !constants.isEmpty {
      text +=
        "; constants "
        + constants.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", ")
    }
    return text
  }
}

extension SampleTable.Row: CustomStringConvertible {
  /// `example 1 (row 3): label = cat, loss = 2.3`, the cells in column-name order.
  public var description: String {
    let cells = values.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }
    return "example \(exampleID) (row \(index))" + (cells.isEmpty ? "" : ": " + cells.joined(separator: ", "))
  }
}
