/// A line chart of several series: nice ticks, a legend, a title, a ring on each series' marked
/// point (the best value), and an optional logarithmic y axis.
///
/// ```swift
/// let chart = try LineChart(history: history, names: ["train/loss", "val/loss"], title: "Loss")
/// try chart.svg().write(toFile: "loss.svg", atomically: true, encoding: .utf8)
/// ```
///
/// The output is one self-contained SVG document (no scripts, no external fonts or styles). Long
/// names are shortened in the middle with `…` in the legend, with the full name as a tooltip. Past
/// eight series the colours repeat with dashes. NaN values leave gaps; on a log axis values ≤ 0 do
/// too. A series with one drawable point is drawn as a dot.
public struct LineChart: Sendable {
  /// The title above the plot.
  public var title: String
  /// The x axis title.
  public var xLabel: String
  /// The y axis title.
  public var yLabel: String
  /// The series, drawn in order.
  public var series: [ChartSeries]
  /// Whether the y axis is logarithmic.
  public var logScale: Bool
  /// Whether the x ticks are whole numbers (steps, epochs).
  public var integerX: Bool
  /// The size of the picture in pixels.
  public var width: Double = 860
  /// The height of the picture in pixels.
  public var height: Double = 440

  /// A chart of the given series.
  public init(
    title: String, xLabel: String, yLabel: String, series: [ChartSeries], logScale: Bool = false,
    integerX: Bool = false
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.series = series
    self.logScale = logScale
    self.integerX = integerX
  }

  /// A chart of scalar series of a history against their step or epoch.
  ///
  /// `names` defaults to every scalar series. With `markBest`, each series whose direction is known
  /// gets a ring on its best point and `best <value> @ <time>` in the legend.
  /// - Throws: `invalidArgument` for an unknown name, a vector or matrix series, or names logged on
  ///   different axes.
  public init(
    history: History, names: [String]? = nil, title: String = "History", yLabel: String = "value",
    logScale: Bool = false, markBest: Bool = true
  ) throws(ObjectiveError) {
    let chosen =
      names ?? history.series.filter { $0.points.allSatisfy { $0.value.scalar != nil } }.map(\.name)
    var series: [ChartSeries] = []
    var axes = Set<TimeAxis>()
    for name in chosen {
      guard let s = history[name] else {
        throw .invalidArgument("no series named \"\(name)\" in the history")
      }
      guard s.points.allSatisfy({ $0.value.scalar != nil }) else {
        throw .invalidArgument("\"\(name)\" holds vectors or matrices; a line chart needs scalars")
      }
      axes.insert(s.axis)
      series.append(try Self.series(s, in: history, markBest: markBest))
    }
    guard axes.count <= 1 else {
      throw .invalidArgument("the series mix steps and epochs; chart them separately")
    }
    self.init(
      title: title, xLabel: axes.first?.rawValue ?? "step", yLabel: yLabel, series: series,
      logScale: logScale,
      integerX: true)
  }

  static func series(_ s: History.Series, in history: History, markBest: Bool, style: Int? = nil)
    throws(ObjectiveError)
    -> ChartSeries
  {
    var highlight: Int?
    var note: String?
    if markBest, s.direction != nil, let best = try history.best(s.name) {
      highlight = best.index
      note = "best \(ChartText.value(best.value)) @ \(best.time)"
    }
    return try ChartSeries(
      name: s.name, x: s.times.map(Double.init), y: s.scalars, highlight: highlight, note: note, style: style)
  }

  /// The y axis for `series`: the range of their drawable values, padded to nice ticks.
  static func yAxis(_ series: [ChartSeries], log: Bool) -> ChartAxis {
    let ys = series.flatMap { s in s.y.indices.filter { s.x[$0].isFinite }.map { s.y[$0] } }
      .filter { $0.isFinite && (!log || $0 > 0) }
    guard let lo = ys.min(), let hi = ys.max() else { return log ? .logarithmic(0.1, 1) : .linear(0, 1) }
    return log ? .logarithmic(lo, hi) : .linear(lo, hi)
  }

  static func xAxis(_ series: [ChartSeries], integer: Bool, log: Bool) -> ChartAxis {
    let xs = series.flatMap { s in
      s.x.indices.filter { s.y[$0].isFinite && (!log || s.y[$0] > 0) }.map { s.x[$0] }
    }.filter(\.isFinite)
    guard let lo = xs.min(), let hi = xs.max() else { return .linear(0, 1, integer: integer) }
    return .linear(lo, hi, integer: integer)
  }

  /// The chart as an SVG document.
  public func svg() -> String {
    var svg = SVGWriter(width: width, height: height)
    let top = 48.0
    let bottom = 50.0
    let plotHeight = height - top - bottom
    let legend = ChartLegend(
      entries: series.enumerated().map { i, s in
        ChartLegend.Entry(name: s.name, note: Self.note(s, log: logScale), style: s.style ?? i)
      })
    let legendWidth = series.isEmpty ? 0 : min(legend.width(height: plotHeight), width * 0.45)
    let yAxis = Self.yAxis(series, log: logScale)
    let xAxis = Self.xAxis(series, integer: integerX, log: logScale)
    let left = PlotArea.leftMargin(for: yAxis)
    let area = PlotArea(
      x: left, y: top, width: width - left - legendWidth - 28, height: plotHeight, xAxis: xAxis, yAxis: yAxis)
    svg.text(
      TextMetrics.truncate(title, size: 17.6, maxWidth: width - 40), x: width / 2, y: 28, size: 16,
      anchor: "middle", weight: "bold", full: title, cls: "title")
    area.open(&svg, xLabel: xLabel, yLabel: yLabel + (logScale ? " (log scale)" : ""), clipID: "plot-clip")
    let drawable = series.contains { s in
      s.x.indices.contains { xAxis.accepts(s.x[$0]) && yAxis.accepts(s.y[$0]) }
    }
    if !drawable {
      svg.text(
        "no data to draw", x: area.x + area.width / 2, y: area.y + area.height / 2, size: 13,
        anchor: "middle",
        fill: "#888888", cls: "empty")
    }
    for (i, s) in series.enumerated() { area.draw(s, style: s.style ?? i, clipID: "plot-clip", into: &svg) }
    area.close(&svg)
    if !series.isEmpty { legend.draw(&svg, x: area.x + area.width + 16, y: top + 4, height: plotHeight) }
    return svg.document(title: title)
  }

  static func note(_ s: ChartSeries, log: Bool) -> String? {
    let drawable = s.x.indices.contains { s.x[$0].isFinite && s.y[$0].isFinite && (!log || s.y[$0] > 0) }
    return drawable ? s.note : "(no finite values)"
  }
}

/// Number formatting for chart labels.
enum ChartText {
  /// Four significant digits, `NaN` for NaN.
  static func value(_ v: Double) -> String {
    if v.isNaN { return "NaN" }
    if v.isInfinite { return v > 0 ? "inf" : "-inf" }
    let f: FloatFormat = "%.4g"
    return f(v)
  }
}
