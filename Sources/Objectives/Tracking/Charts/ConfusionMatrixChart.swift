import Foundation

/// A confusion matrix as a heat map: true classes in rows, predicted classes in columns, each cell
/// coloured by its value and labelled with it, with a colour bar.
///
/// `normalization` divides each row (`.trueLabels`: the recall of each class on the diagonal),
/// each column (`.predictions`: the precision on the diagonal) or the whole matrix (`.all`); a row
/// or column of zeros then gives NaN cells, drawn grey and labelled `NaN`. Cell labels are dropped
/// when cells are too small to hold them; class names are shortened in the middle when long.
public struct ConfusionMatrixChart: Sendable {
  /// How cells are normalised before colouring and labelling.
  public enum Normalization: String, Sendable, CaseIterable {
    /// Raw counts.
    case none
    /// Each row sums to 1.
    case trueLabels
    /// Each column sums to 1.
    case predictions
    /// The matrix sums to 1.
    case all
  }

  /// The number of classes.
  public let classes: Int
  /// The raw counts, row-major (row = true class, column = predicted class).
  public let counts: [Double]
  /// The class names.
  public var labels: [String]
  /// How the cells are normalised.
  public var normalization: Normalization
  /// The title above the heat map.
  public var title: String

  /// A chart of a square confusion matrix given as a `MetricValue.matrix` (row = true class).
  /// - Throws: `invalidArgument` when the value is not a square matrix, has a negative count, or
  ///   `labels` does not have one name per class.
  public init(
    _ matrix: MetricValue, labels: [String]? = nil, normalization: Normalization = .none, title: String? = nil
  ) throws(ObjectiveError) {
    guard case .matrix(let r, let c, let values) = matrix, r == c, r > 0 else {
      throw .invalidArgument("a confusion matrix must be a non-empty square matrix, got \(matrix)")
    }
    try self.init(classes: r, counts: values, labels: labels, normalization: normalization, title: title)
  }

  /// A chart of a square confusion matrix given as rows of counts (row = true class).
  public init(
    rows: [[Double]], labels: [String]? = nil, normalization: Normalization = .none, title: String? = nil
  ) throws(ObjectiveError) {
    guard !rows.isEmpty, rows.allSatisfy({ $0.count == rows.count }) else {
      throw .invalidArgument("a confusion matrix must be a non-empty square matrix")
    }
    try self.init(
      classes: rows.count, counts: rows.flatMap { $0 }, labels: labels, normalization: normalization,
      title: title)
  }

  private init(
    classes: Int, counts: [Double], labels: [String]?, normalization: Normalization, title: String?
  ) throws(ObjectiveError) {
    if let i = counts.firstIndex(where: { $0 < 0 }) {
      throw .invalidValue(what: "confusion count", value: counts[i], position: i)
    }
    let names = labels ?? (0..<classes).map(String.init)
    guard names.count == classes else {
      throw .lengthMismatch(what: "class labels", expected: classes, actual: names.count)
    }
    self.classes = classes
    self.counts = counts
    self.labels = names
    self.normalization = normalization
    switch (title, normalization) {
    case (let t?, _): self.title = t
    case (nil, .none): self.title = "Confusion matrix"
    case (nil, .trueLabels): self.title = "Confusion matrix, normalised over true classes"
    case (nil, .predictions): self.title = "Confusion matrix, normalised over predictions"
    case (nil, .all): self.title = "Confusion matrix, normalised over all samples"
    }
  }

  /// The cell values after normalisation, row-major.
  public var cells: [Double] {
    let n = classes
    switch normalization {
    case .none: return counts
    case .all:
      let total = counts.reduce(0, +)
      return counts.map { $0 / total }
    case .trueLabels:
      let sums = (0..<n).map { i in counts[(i * n)..<(i * n + n)].reduce(0, +) }
      return counts.indices.map { counts[$0] / sums[$0 / n] }
    case .predictions:
      let sums = (0..<n).map { j in stride(from: j, to: n * n, by: n).map { counts[$0] }.reduce(0, +) }
      return counts.indices.map { counts[$0] / sums[$0 % n] }
    }
  }

  /// The chart as an SVG document.
  public func svg() -> String {
    let n = classes
    let values = cells
    let finite = values.filter(\.isFinite)
    let maxValue = normalization == .none ? max(finite.max() ?? 1, 1) : 1
    let cell = min(72, max(6, 520 / Double(n)))
    let labelSize = min(12, max(7, cell * 0.45))
    let names = labels.map { TextMetrics.truncate($0, size: labelSize, maxWidth: 130) }
    let nameWidth = names.map { TextMetrics.width($0, size: labelSize) }.max() ?? 0
    let showLabels = cell >= 9
    let rotate = nameWidth > cell - 4
    let left = 30 + (showLabels ? nameWidth + 10 : 0)
    let top = 56.0
    let grid = cell * Double(n)
    let bottomLabels = showLabels ? (rotate ? nameWidth * 0.72 + 10 : 22) : 4
    let width = min(max(left + grid + 110, 360, TextMetrics.width(title, size: 17.6) + 30), 900)
    let height = top + grid + bottomLabels + 34
    var svg = SVGWriter(width: width, height: height)
    svg.text(
      TextMetrics.truncate(title, size: 17.6, maxWidth: width - 20), x: width / 2, y: 28, size: 16,
      anchor: "middle",
      weight: "bold", full: title, cls: "title")
    svg.open(
      "g",
      [
        "class": "heatmap", "data-classes": String(n), "data-normalization": normalization.rawValue,
        "data-max": "\(maxValue)",
      ])
    let textSize = min(14, cell * 0.3)
    let showText = cell >= 22
    for i in 0..<n {
      for j in 0..<n {
        let v = values[i * n + j]
        let t = v / maxValue
        let x = left + Double(j) * cell
        let y = top + Double(i) * cell
        svg.rect(
          x, y, cell, cell, fill: ChartStyle.heat(t), stroke: "#ffffff", cls: "cell",
          extra: " data-row=\"\(i)\" data-column=\"\(j)\" data-value=\"\(v)\"")
        if showText {
          svg.text(
            Self.cellText(v, normalised: normalization != .none), x: x + cell / 2,
            y: y + cell / 2 + textSize * 0.35,
            size: textSize, anchor: "middle", fill: ChartStyle.heatNeedsLightText(t) ? "#ffffff" : "#1a1a1a",
            cls: "cell-label")
        }
      }
    }
    svg.rect(left, top, grid, grid, fill: "none", stroke: "#8c8c8c")
    if showLabels {
      for (k, name) in names.enumerated() {
        let c = Double(k) * cell + cell / 2
        svg.text(
          name, x: left - 6, y: top + c + labelSize * 0.35, size: labelSize, anchor: "end", full: labels[k],
          cls: "row-label")
        if rotate {
          svg.text(
            name, x: left + c + labelSize * 0.35, y: top + grid + 8, size: labelSize, anchor: "end",
            rotate: -45, full: labels[k], cls: "column-label")
        } else {
          svg.text(
            name, x: left + c, y: top + grid + 16, size: labelSize, anchor: "middle", full: labels[k],
            cls: "column-label")
        }
      }
    }
    svg.text(
      "Predicted class", x: left + grid / 2, y: top + grid + bottomLabels + 22, size: 12, anchor: "middle",
      cls: "axis-title")
    svg.text(
      "True class", x: 16, y: top + grid / 2, size: 12, anchor: "middle", rotate: -90, cls: "axis-title")
    svg.close("g")
    drawColorBar(&svg, x: left + grid + 22, y: top, height: grid, maxValue: maxValue)
    return svg.document(title: title)
  }

  private func drawColorBar(_ svg: inout SVGWriter, x: Double, y: Double, height: Double, maxValue: Double) {
    svg.open("g", ["class": "colorbar"])
    let steps = 48
    for k in 0..<steps {
      let t = 1 - (Double(k) + 0.5) / Double(steps)
      svg.rect(
        x, y + Double(k) * height / Double(steps), 14, height / Double(steps) + 0.5, fill: ChartStyle.heat(t))
    }
    svg.rect(x, y, 14, height, fill: "none", stroke: "#8c8c8c")
    let axis = ChartAxis.linear(0, maxValue, target: 5)
    for (v, label) in zip(axis.ticks, axis.labels) where v <= maxValue * (1 + 1e-9) {
      let ty = y + height - v / maxValue * height
      svg.line(x + 14, ty, x + 18, ty, stroke: "#8c8c8c")
      svg.text(label, x: x + 21, y: ty + 4, size: 10, fill: "#444444", cls: "tick")
    }
    svg.close("g")
  }

  static func cellText(_ v: Double, normalised: Bool) -> String {
    if v.isNaN { return "NaN" }
    if normalised { return String(format: "%.2f", v) }
    if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
    return String(format: "%.3g", v)
  }
}
