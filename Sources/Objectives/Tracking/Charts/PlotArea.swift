/// A rectangle of the drawing with an x and a y axis: maps data to pixels and draws axes, grid and
/// series.
struct PlotArea {
  var x: Double
  var y: Double
  var width: Double
  var height: Double
  var xAxis: ChartAxis
  var yAxis: ChartAxis

  func px(_ v: Double) -> Double { x + xAxis.fraction(v) * width }
  func py(_ v: Double) -> Double { y + height - yAxis.fraction(v) * height }

  /// Left margin needed for the y tick labels and the y axis title.
  static func leftMargin(for axis: ChartAxis, size: Double = 11) -> Double {
    (axis.labels.map { TextMetrics.width($0, size: size) }.max() ?? 0) + 10 + 24
  }

  /// Opens the plot group (closed by `close`), draws the grid, the frame, the ticks and the titles.
  func open(_ svg: inout SVGWriter, xLabel: String, yLabel: String, clipID: String) {
    svg.open(
      "g",
      [
        "class": "plot", "data-x-domain": "\(xAxis.lower) \(xAxis.upper)",
        "data-y-domain": "\(yAxis.lower) \(yAxis.upper)",
        "data-y-scale": yAxis.logarithmic ? "log" : "linear",
      ])
    svg.open("clipPath", ["id": clipID])
    svg.rect(x - 8, y - 8, width + 16, height + 16, fill: "#ffffff")
    svg.close("clipPath")
    svg.rect(x, y, width, height, fill: "#ffffff", stroke: "none", cls: "plot-area")
    svg.open("g", ["class": "grid"])
    for t in xAxis.ticks { svg.line(px(t), y, px(t), y + height, stroke: "#e6e6e6") }
    for t in yAxis.ticks { svg.line(x, py(t), x + width, py(t), stroke: "#e6e6e6") }
    svg.close("g")
    svg.rect(x, y, width, height, fill: "none", stroke: "#8c8c8c")
    svg.open("g", ["class": "x-ticks"])
    for (t, label) in zip(xAxis.ticks, xAxis.labels) {
      svg.line(px(t), y + height, px(t), y + height + 4, stroke: "#8c8c8c")
      svg.text(label, x: px(t), y: y + height + 17, size: 11, anchor: "middle", fill: "#444444", cls: "tick")
    }
    svg.close("g")
    svg.open("g", ["class": "y-ticks"])
    for (t, label) in zip(yAxis.ticks, yAxis.labels) {
      svg.line(x - 4, py(t), x, py(t), stroke: "#8c8c8c")
      svg.text(label, x: x - 7, y: py(t) + 4, size: 11, anchor: "end", fill: "#444444", cls: "tick")
    }
    svg.close("g")
    svg.text(
      xLabel, x: x + width / 2, y: y + height + 36, size: 12, anchor: "middle", fill: "#222222",
      cls: "axis-title")
    let labelWidth = (yAxis.labels.map { TextMetrics.width($0, size: 11) }.max() ?? 0)
    let yTitleX = x - labelWidth - 18
    svg.text(
      TextMetrics.truncate(yLabel, size: 12, maxWidth: height), x: yTitleX, y: y + height / 2, size: 12,
      anchor: "middle", fill: "#222222", rotate: -90, full: yLabel, cls: "axis-title")
  }

  func close(_ svg: inout SVGWriter) { svg.close("g") }

  /// Draws one series inside the clip: connected segments, dots for isolated points (and for every
  /// point of short series), and a ring on the highlighted point.
  func draw(_ s: ChartSeries, style: Int, clipID: String, into svg: inout SVGWriter) {
    let color = ChartStyle.color(style)
    let dash = ChartStyle.dash(style)
    let drawable = s.x.indices.filter { xAxis.accepts(s.x[$0]) && yAxis.accepts(s.y[$0]) }
    svg.open(
      "g",
      [
        "class": "series", "data-name": s.name, "data-points": String(drawable.count),
        "data-style": String(style),
        "clip-path": "url(#\(clipID))",
      ])
    var segments: [[Int]] = []
    var current: [Int] = []
    for i in s.x.indices {
      if xAxis.accepts(s.x[i]) && yAxis.accepts(s.y[i]) {
        current.append(i)
      } else if !current.isEmpty {
        segments.append(current)
        current = []
      }
    }
    if !current.isEmpty { segments.append(current) }
    for segment in segments where segment.count > 1 {
      var coordinates: [String] = []
      for (k, i) in segment.enumerated() {
        if s.stepped, k > 0 {
          let previous = segment[k - 1]
          coordinates.append("\(SVGWriter.number(px(s.x[i]))),\(SVGWriter.number(py(s.y[previous])))")
        }
        coordinates.append("\(SVGWriter.number(px(s.x[i]))),\(SVGWriter.number(py(s.y[i])))")
      }
      svg.element(
        "polyline",
        [
          "class": "segment", "points": coordinates.joined(separator: " "), "fill": "none", "stroke": color,
          "stroke-width": "2", "stroke-linejoin": "round", "stroke-linecap": "round",
          "stroke-dasharray": dash,
        ])
    }
    let dotsEverywhere = drawable.count <= 30 && !s.stepped
    for segment in segments {
      guard segment.count == 1 || dotsEverywhere else { continue }
      for i in segment {
        svg.element(
          "circle",
          [
            "class": "point", "cx": SVGWriter.number(px(s.x[i])), "cy": SVGWriter.number(py(s.y[i])),
            "r": segment.count == 1 ? "3.5" : "2.5", "fill": color,
          ])
      }
    }
    if let h = s.highlight, drawable.contains(h) {
      svg.element(
        "circle",
        [
          "class": "best", "cx": SVGWriter.number(px(s.x[h])), "cy": SVGWriter.number(py(s.y[h])), "r": "6.5",
          "fill": "none", "stroke": color, "stroke-width": "2",
        ])
    }
    svg.close("g")
  }
}

/// A legend: a line sample and a label per entry, in columns that fit a height.
struct ChartLegend {
  struct Entry {
    var name: String
    var note: String?
    var style: Int
    var dashOverride: String? = nil
  }

  var entries: [Entry]
  var maxNameWidth: Double = 190
  let size: Double = 12
  let rowHeight: Double = 19
  /// The shortened names, kept distinct from each other.
  let labels: [String]

  init(entries: [Entry], maxNameWidth: Double = 190) {
    self.entries = entries
    self.maxNameWidth = maxNameWidth
    labels = TextMetrics.truncateDistinct(entries.map(\.name), size: size, maxWidth: maxNameWidth)
  }

  func entryWidth(_ k: Int) -> Double {
    let e = entries[k]
    return 34 + TextMetrics.width(labels[k], size: size)
      + (e.note.map { 6 + TextMetrics.width($0, size: 11) } ?? 0)
  }

  var widest: Double { entries.indices.map(entryWidth).max() ?? 0 }

  /// The columns needed to fit `height`.
  func columns(height: Double) -> Int {
    let perColumn = max(1, Int(height / rowHeight))
    return max(1, (entries.count + perColumn - 1) / perColumn)
  }

  func width(height: Double) -> Double {
    let column = widest + 12
    return column * Double(columns(height: height))
  }

  func draw(_ svg: inout SVGWriter, x: Double, y: Double, height: Double) {
    let perColumn = max(1, Int(height / rowHeight))
    let columnWidth = widest + 12
    svg.open("g", ["class": "legend"])
    for (k, e) in entries.enumerated() {
      let cx = x + Double(k / perColumn) * columnWidth
      let cy = y + Double(k % perColumn) * rowHeight + rowHeight / 2
      svg.open("g", ["class": "legend-entry", "data-name": e.name])
      svg.line(
        cx, cy, cx + 26, cy, stroke: ChartStyle.color(e.style), width: 2.5,
        dash: e.dashOverride ?? ChartStyle.dash(e.style))
      let text = labels[k]
      svg.text(text, x: cx + 32, y: cy + 4, size: size, fill: "#222222", full: e.name, cls: "legend-label")
      if let note = e.note {
        svg.text(
          note, x: cx + 32 + TextMetrics.width(text, size: size) + 6, y: cy + 4, size: 11, fill: "#666666",
          cls: "legend-note")
      }
      svg.close("g")
    }
    svg.close("g")
  }
}
