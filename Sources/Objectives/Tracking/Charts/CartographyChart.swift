/// A data map (dataset cartography): one dot per example at (variability, confidence), coloured by
/// the fraction of epochs it was predicted correctly, with the region cuts dashed and the three
/// regions named.
///
/// The input is a `DatasetCartography` (`SampleHistory.cartography()`); the chart draws what it is
/// given. Confidence runs over [0, 1]; variability from 0 to a round value above the largest (at
/// most 0.5, the largest possible standard deviation of a probability). Correctness is binned to
/// sixths and drawn with the heat ramp of the confusion-matrix chart; the legend counts each region.
/// - Complexity: O(examples).
public struct CartographyChart: Sendable {
  /// The data map.
  public var cartography: DatasetCartography
  /// The title above the plot.
  public var title: String
  /// The examples whose ids are written beside their dot (the hardest few, say).
  public var labelled: [Int]
  /// The height of the picture in pixels.
  public var height: Double = 540

  /// A chart of `cartography`, labelling the examples `labelled`.
  public init(cartography: DatasetCartography, title: String = "Data map", labelled: [Int] = []) {
    self.cartography = cartography
    self.title = title
    self.labelled = labelled
  }

  /// The chart as an SVG document.
  public func svg() -> String {
    let top = 48.0
    let bottom = 58.0
    let side = height - top - bottom
    let points = cartography.points.filter { $0.confidence.isFinite && $0.variability.isFinite }
    let largest = points.map(\.variability).max() ?? 0
    let xMax = min(0.5, max(0.1, (largest * 10).rounded(.up) / 10))
    let xAxis = ChartAxis.fixed(
      0, xMax, ticks: stride(from: 0.0, through: xMax + 1e-9, by: xMax / 5).map { $0 })
    let yAxis = ChartAxis.fixed(0, 1, ticks: stride(from: 0.0, through: 1.0, by: 0.2).map { $0 })
    let left = PlotArea.leftMargin(for: yAxis)
    let area = PlotArea(x: left, y: top, width: side * 0.9, height: side, xAxis: xAxis, yAxis: yAxis)
    let counts = CartographyRegion.allCases.map { r in points.filter { $0.region == r }.count }
    let legendWidth = 190.0
    let width = left + area.width + 24 + legendWidth + 12
    var svg = SVGWriter(width: width, height: height)
    svg.text(
      TextMetrics.truncate(title, size: 17.6, maxWidth: width - 40), x: width / 2, y: 28, size: 16,
      anchor: "middle", weight: "bold", full: title, cls: "title")
    area.open(&svg, xLabel: "Variability", yLabel: "Confidence", clipID: "cartography-clip")
    let cut = min(cartography.variabilityCut, xMax)
    svg.line(area.px(cut), area.py(0), area.px(cut), area.py(1), stroke: "#7F7F7F", width: 1.2, dash: "5 4")
    svg.line(
      area.px(0), area.py(cartography.confidenceCut), area.px(cut), area.py(cartography.confidenceCut),
      stroke: "#7F7F7F", width: 1.2, dash: "5 4")
    for (name, x, y) in [
      ("easy-to-learn", area.px(0) + 6, area.py(cartography.confidenceCut) - 6),
      ("hard-to-learn", area.px(0) + 6, area.py(cartography.confidenceCut) + 16),
      ("ambiguous", area.px(xMax) - 6, area.py(1) + 16),
    ] {
      svg.text(
        name, x: x, y: y, size: 11, anchor: name == "ambiguous" ? "end" : "start", fill: "#555555",
        cls: "region")
    }
    svg.open("g", ["class": "points"])
    for p in points {
      let level = p.correctness.isNaN ? 0 : (p.correctness * 6).rounded() / 6
      svg.element(
        "circle",
        [
          "cx": SVGWriter.number(area.px(min(p.variability, xMax))),
          "cy": SVGWriter.number(area.py(p.confidence)),
          "r": "3.2", "fill": ChartStyle.heat(level), "stroke": "#333333", "stroke-width": "0.4",
          "fill-opacity": "0.85", "data-id": String(p.exampleID), "data-region": p.region.rawValue,
        ])
    }
    svg.close("g")
    let wanted = Set(labelled)
    svg.open("g", ["class": "labels"])
    for p in points where wanted.contains(p.exampleID) {
      svg.text(
        String(p.exampleID), x: area.px(min(p.variability, xMax)) + 5, y: area.py(p.confidence) - 4, size: 10,
        fill: "#222222", cls: "point-label")
    }
    svg.close("g")
    area.close(&svg)
    drawLegend(&svg, x: area.x + area.width + 24, y: top + 4, counts: counts)
    return svg.document(title: title)
  }

  /// The colour key of correctness and the region counts.
  func drawLegend(_ svg: inout SVGWriter, x: Double, y: Double, counts: [Int]) {
    svg.open("g", ["class": "legend"])
    svg.text("correctness", x: x, y: y + 10, size: 12, weight: "bold", cls: "legend-title")
    for k in 0...6 {
      let level = Double(k) / 6
      let cy = y + 28 + Double(k) * 18
      svg.element(
        "circle",
        [
          "cx": SVGWriter.number(x + 8), "cy": SVGWriter.number(cy), "r": "4.5",
          "fill": ChartStyle.heat(level),
          "stroke": "#333333", "stroke-width": "0.4",
        ])
      svg.text(
        NumberFormatting.shortest((level * 100).rounded() / 100), x: x + 20, y: cy + 4, size: 11,
        cls: "legend-label")
    }
    for (k, region) in CartographyRegion.allCases.enumerated() {
      svg.text(
        "\(region.rawValue): \(counts[k])", x: x, y: y + 170 + Double(k) * 18, size: 11, fill: "#444444",
        cls: "legend-note")
    }
    svg.close("g")
  }
}

extension SampleHistory {
  /// A line chart of the trajectories of the `k` worst examples by `column` at `time` (the last
  /// recorded time by default): one series per example, `column` against time.
  /// - Throws: as `worst(_:by:at:higherIsBetter:)`.
  public func trajectoryChart(
    worst k: Int, by column: String, at time: Int? = nil, higherIsBetter: Bool, title: String? = nil
  ) throws(ObjectiveError) -> LineChart {
    let chosen = try worst(k, by: column, at: time, higherIsBetter: higherIsBetter)
    var series: [ChartSeries] = []
    for (k, sample) in chosen.enumerated() {
      let path = trajectory(column, exampleID: sample.exampleID)
      series.append(
        try ChartSeries(
          name: "example \(sample.exampleID)", x: path.map { Double($0.time) }, y: path.map(\.value), style: k
        ))
    }
    return LineChart(
      title: title ?? "The \(chosen.count) worst examples by \(column)", xLabel: axis.rawValue,
      yLabel: column,
      series: series, integerX: true)
  }
}
