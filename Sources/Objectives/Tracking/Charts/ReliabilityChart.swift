/// A reliability diagram: per confidence bin, the observed accuracy (bars) against the mean
/// confidence (dots), over the identity line of perfect calibration, with the expected and maximum
/// calibration errors in the legend and a strip of sample counts under the plot.
///
/// The input is the bins as accumulated by a calibration metric (`reliability(bins:)` of the
/// binary and multiclass objectives); the chart draws what it is given. Each bar spans its bin;
/// its height is the bin's accuracy (binary: the positive rate), and the gap between the top of the
/// bar and the bin's mean confidence is drawn shaded. Empty bins are left blank.
/// - Complexity: O(bins).
public struct ReliabilityChart: Sendable {
  /// The bins with samples, in increasing confidence.
  public var bins: [ReliabilityBin]
  /// The title above the plot.
  public var title: String
  /// The expected calibration error shown in the legend, if known.
  public var expectedError: Double?
  /// The maximum calibration error shown in the legend, if known.
  public var maximumError: Double?
  /// The height of the picture in pixels.
  public var height: Double = 520

  /// A chart of `bins`.
  public init(
    bins: [ReliabilityBin], title: String = "Reliability diagram", expectedError: Double? = nil,
    maximumError: Double? = nil
  ) {
    self.bins = bins
    self.title = title
    self.expectedError = expectedError
    self.maximumError = maximumError
  }

  /// The chart as an SVG document.
  public func svg() -> String {
    let top = 48.0
    let strip = 46.0
    let bottom = 58.0 + strip
    let side = height - top - bottom
    let ticks = stride(from: 0.0, through: 1.0, by: 0.2).map { $0 }
    let axis = ChartAxis.fixed(0, 1, ticks: ticks)
    let left = PlotArea.leftMargin(for: axis)
    let area = PlotArea(x: left, y: top, width: side, height: side, xAxis: axis, yAxis: axis)
    let legend = ChartLegend(
      entries: [
        .init(name: "accuracy", note: expectedError.map { "ECE = \(CurveChart.area($0))" }, style: 0),
        .init(name: "mean confidence", note: maximumError.map { "MCE = \(CurveChart.area($0))" }, style: 1),
        .init(name: "gap (accuracy − confidence)", style: 3),
        .init(name: "perfect calibration", style: ChartStyle.colors.count - 1, dashOverride: "5 4"),
      ], maxNameWidth: 220)
    let width = left + side + 24 + legend.width(height: side) + 12
    var svg = SVGWriter(width: width, height: height)
    svg.text(
      TextMetrics.truncate(title, size: 17.6, maxWidth: width - 40), x: width / 2, y: 28, size: 16,
      anchor: "middle", weight: "bold", full: title, cls: "title")
    area.open(&svg, xLabel: "Confidence", yLabel: "Accuracy", clipID: "reliability-clip")
    svg.line(area.px(0), area.py(0), area.px(1), area.py(1), stroke: "#7F7F7F", width: 1.2, dash: "5 4")
    svg.open("g", ["class": "bars"])
    for b in bins where b.count > 0 && b.accuracy.isFinite && b.confidence.isFinite {
      // The bin of confidence 1 ([1, 1]) is drawn as a thin bar at the right edge.
      let lower = b.upper > b.lower ? b.lower : max(0, b.lower - 0.01)
      let x0 = area.px(lower) + 1
      let w = max(area.px(b.upper) - area.px(lower) - 2, 1)
      let yA = area.py(b.accuracy)
      let yC = area.py(b.confidence)
      svg.rect(
        x0, yA, w, area.py(0) - yA, fill: ChartStyle.color(0), stroke: "#ffffff", cls: "bar",
        extra: " fill-opacity=\"0.8\" data-count=\"\(b.count)\"")
      svg.rect(
        x0, min(yA, yC), w, abs(yA - yC), fill: ChartStyle.color(3), cls: "gap",
        extra: " fill-opacity=\"0.35\"")
      svg.line(x0, yC, x0 + w, yC, stroke: ChartStyle.color(1), width: 2.5)
    }
    svg.close("g")
    area.close(&svg)
    // Sample counts per bin, as a strip of bars scaled to the fullest bin.
    let most = Double(bins.map(\.count).max() ?? 0)
    let stripTop = top + side + 44
    svg.open("g", ["class": "counts"])
    svg.text("samples", x: left - 6, y: stripTop + strip / 2, size: 10, anchor: "end", fill: "#666666")
    for b in bins where b.count > 0 && most > 0 {
      let lower = b.upper > b.lower ? b.lower : max(0, b.lower - 0.01)
      let h = (strip - 6) * Double(b.count) / most
      svg.rect(
        area.px(lower) + 1, stripTop + strip - h, max(area.px(b.upper) - area.px(lower) - 2, 1), h,
        fill: "#9e9e9e", extra: " data-count=\"\(b.count)\"")
    }
    svg.close("g")
    legend.draw(&svg, x: area.x + area.width + 24, y: top + 4, height: side)
    return svg.document(title: title)
  }
}
