/// Training and validation curves side by side: one panel per quantity (the combined loss, then
/// each component or metric), each with the training curve (solid blue) and the validation curve
/// (dashed vermillion), a ring on the best validation value and its value in the panel's corner.
///
/// The history must hold `<trainPrefix><quantity>` and/or `<validationPrefix><quantity>` for every
/// quantity, logged on the same axis (log the epoch averages of the training meters by epoch).
///
/// ```swift
/// let chart = try TrainValidationChart(history: history, quantities: ["loss", "mse", "bce"])
/// ```
public struct TrainValidationChart: Sendable {
  /// The title above the panels.
  public var title: String
  /// One panel per quantity: its name and its two series (either may be missing).
  public var panels: [(name: String, train: ChartSeries?, validation: ChartSeries?)]
  /// The x axis title.
  public var xLabel: String
  /// Whether the y axes are logarithmic.
  public var logScale: Bool
  /// The number of panels per row.
  public var columns: Int
  /// The size of one panel in pixels.
  public var panelWidth: Double = 320
  /// The height of one panel in pixels.
  public var panelHeight: Double = 250

  /// The train and validation curves of `quantities`.
  /// - Throws: `invalidArgument` when a quantity has neither series, a series holds vectors, or the
  ///   series mix steps and epochs.
  public init(
    history: History, quantities: [String], trainPrefix: String = "train/", validationPrefix: String = "val/",
    title: String = "Training and validation", logScale: Bool = false, columns: Int = 3
  ) throws(ObjectiveError) {
    var panels: [(name: String, train: ChartSeries?, validation: ChartSeries?)] = []
    var axes = Set<TimeAxis>()
    for q in quantities {
      let train = history[trainPrefix + q]
      let validation = history[validationPrefix + q]
      guard train != nil || validation != nil else {
        throw .invalidArgument(
          "neither \"\(trainPrefix + q)\" nor \"\(validationPrefix + q)\" is in the history")
      }
      var pair: [ChartSeries?] = []
      for (s, style) in [(train, 0), (validation, ChartStyle.colors.count + 1)] {
        guard let s else {
          pair.append(nil)
          continue
        }
        guard s.points.allSatisfy({ $0.value.scalar != nil }) else {
          throw .invalidArgument("\"\(s.name)\" holds vectors or matrices; curves need scalars")
        }
        axes.insert(s.axis)
        pair.append(try LineChart.series(s, in: history, markBest: style != 0, style: style))
      }
      panels.append((q, pair[0], pair[1]))
    }
    guard axes.count <= 1 else {
      throw .invalidArgument(
        "training and validation series mix steps and epochs; log both by epoch (for example the meters' averages)"
      )
    }
    self.title = title
    self.panels = panels
    self.xLabel = axes.first?.rawValue ?? "epoch"
    self.logScale = logScale
    self.columns = max(1, min(columns, max(quantities.count, 1)))
  }

  /// The chart as an SVG document.
  public func svg() -> String {
    let rows = (panels.count + columns - 1) / columns
    let header = 70.0
    let width = Double(columns) * panelWidth + 20
    let height = header + Double(rows) * panelHeight + 10
    var svg = SVGWriter(width: width, height: height)
    svg.text(
      TextMetrics.truncate(title, size: 17.6, maxWidth: width - 40), x: width / 2, y: 28, size: 16,
      anchor: "middle", weight: "bold", full: title, cls: "title")
    let legend = ChartLegend(entries: [
      .init(name: "train", style: 0),
      .init(name: "validation (ring: best)", style: ChartStyle.colors.count + 1),
    ])
    let widths = legend.entries.indices.map(legend.entryWidth)
    let legendWidth = widths.reduce(0, +) + 12
    for (k, e) in legend.entries.enumerated() {
      let one = ChartLegend(entries: [e])
      let offset = widths.prefix(k).reduce(0, +) + Double(k) * 12
      one.draw(&svg, x: (width - legendWidth) / 2 + offset, y: 38, height: 20)
    }
    for (i, panel) in panels.enumerated() {
      let px = 10 + Double(i % columns) * panelWidth
      let py = header + Double(i / columns) * panelHeight
      drawPanel(panel, index: i, x: px, y: py, into: &svg)
    }
    return svg.document(title: title)
  }

  private func drawPanel(
    _ panel: (name: String, train: ChartSeries?, validation: ChartSeries?), index: Int, x: Double, y: Double,
    into svg: inout SVGWriter
  ) {
    let series = [panel.train, panel.validation].compactMap { $0 }
    let yAxis = LineChart.yAxis(series, log: logScale)
    let xAxis = LineChart.xAxis(series, integer: true, log: logScale)
    let left = PlotArea.leftMargin(for: yAxis)
    let area = PlotArea(
      x: x + left, y: y + 26, width: panelWidth - left - 14, height: panelHeight - 26 - 48, xAxis: xAxis,
      yAxis: yAxis)
    svg.open("g", ["class": "panel", "data-name": panel.name])
    svg.text(
      TextMetrics.truncate(panel.name, size: 13, maxWidth: area.width * 0.5), x: area.x, y: y + 16, size: 13,
      weight: "bold", full: panel.name, cls: "panel-title")
    if let note = panel.validation?.note {
      svg.text(
        "val " + note, x: area.x + area.width, y: y + 16, size: 11, anchor: "end", fill: "#666666",
        cls: "panel-note")
    }
    let clip = "panel-clip-\(index)"
    area.open(&svg, xLabel: xLabel, yLabel: logScale ? "log scale" : "", clipID: clip)
    for s in series { area.draw(s, style: s.style ?? 0, clipID: clip, into: &svg) }
    area.close(&svg)
    svg.close("g")
  }
}
