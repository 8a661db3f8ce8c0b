extension Results {
  /// The results as an aligned table for the console.
  ///
  /// ```
  /// val/loss    0.6931  min
  /// val/acc     0.9000  max
  /// val/raw        NaN
  /// per_class  [0.5000  0.2500     NaN]
  /// confusion  [5  1]
  ///            [0  4]
  /// ```
  ///
  /// Names are left-aligned; scalars are right-aligned in one column; NaN is printed `NaN` and
  /// infinities `inf`/`-inf`. Vectors print on one line, with the middle elided as `…` past
  /// `maxElements` values; matrices print one row per line with aligned columns. A vector or matrix
  /// whose values are all integers prints them without decimals. The last column says whether lower
  /// (`min`) or higher (`max`) is better, when known.
  /// - Complexity: O(total number of values).
  public func table(format: FloatFormat = .standard, maxElements: Int = 8) -> String {
    guard !isEmpty else { return "" }
    let nameWidth = map(\.name.count).max() ?? 0
    let scalars = map { $0.value.scalar.map { Self.cell($0, format) } }
    let scalarWidth = scalars.compactMap { $0?.count }.max() ?? 0
    var lines: [String] = []
    for (entry, scalar) in zip(entries, scalars) {
      let name = entry.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
      let direction = entry.direction.map { $0 == .maximize ? "  max" : "  min" } ?? ""
      switch entry.value {
      case .scalar:
        let text = scalar ?? ""
        lines.append(name + "  " + String(repeating: " ", count: scalarWidth - text.count) + text + direction)
      case .vector(let v):
        let cells = Self.cells(v, format)
        let width = cells.map(\.count).max() ?? 0
        lines.append(name + "  " + Self.row(cells, width: width, maxElements: maxElements) + direction)
      case .matrix(let r, let c, let v):
        let cells = Self.cells(v, format)
        let width = cells.map(\.count).max() ?? 0
        if r == 0 || c == 0 {
          lines.append(name + "  [\(r)x\(c)]" + direction)
          continue
        }
        for i in 0..<r {
          let row = Self.row(Array(cells[(i * c)..<(i * c + c)]), width: width, maxElements: maxElements)
          let lead = i == 0 ? name : String(repeating: " ", count: nameWidth)
          lines.append(lead + "  " + row + (i == 0 ? direction : ""))
        }
      }
    }
    return lines.map { $0.replacingTrailingSpaces() }.joined(separator: "\n")
  }

  static func cell(_ v: Double, _ format: FloatFormat) -> String {
    if v.isNaN { return "NaN" }
    return format(v).trimmingSpaces()
  }

  static func cells(_ values: [Double], _ format: FloatFormat) -> [String] {
    let integral = values.allSatisfy { $0.isFinite && $0 == $0.rounded() && abs($0) < 1e15 }
    if integral { return values.map { String(Int64($0)) } }
    return values.map { cell($0, format) }
  }

  static func row(_ cells: [String], width: Int, maxElements: Int) -> String {
    let pad = { (s: String) in String(repeating: " ", count: width - s.count) + s }
    var shown = cells.map(pad)
    if cells.count > Swift.max(maxElements, 2) {
      let head = (maxElements + 1) / 2
      let tail = maxElements / 2
      shown = shown.prefix(head) + ["…"] + shown.suffix(tail)
    }
    return "[" + shown.joined(separator: "  ") + "]"
  }
}

extension String {
  func trimmingSpaces() -> String {
    var s = Substring(self)
    while s.first == " " { s = s.dropFirst() }
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }

  func replacingTrailingSpaces() -> String {
    var s = Substring(self)
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }
}
