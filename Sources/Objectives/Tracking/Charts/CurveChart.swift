/// ROC or precision-recall curves on the unit square, with the area of each curve in the legend.
///
/// The input is the curve points as computed elsewhere (for example by a ROC metric) and the
/// area reported with them; the chart draws what it is given and computes nothing.
/// ROC curves are drawn as straight segments with the chance diagonal; precision-recall curves as
/// steps (each precision held until the next recall), with an optional horizontal baseline at the
/// positive rate.
public struct CurveChart: Sendable {
  /// Which curve is drawn.
  public enum Kind: String, Sendable {
    /// False positive rate (x) against true positive rate (y); the area is the AUC.
    case roc
    /// Recall (x) against precision (y); the area is the average precision.
    case precisionRecall
  }

  /// One curve: its points and, when known, its area.
  public struct Curve: Sendable, Equatable {
    /// The legend entry.
    public var name: String
    /// The x coordinates (false positive rate or recall), in drawing order.
    public var x: [Double]
    /// The y coordinates (true positive rate or precision).
    public var y: [Double]
    /// The area under the curve (AUC or average precision) shown in the legend, if known.
    public var area: Double?

    /// A curve.
    /// - Throws: `lengthMismatch` when `x` and `y` differ in length.
    public init(name: String, x: [Double], y: [Double], area: Double? = nil) throws(ObjectiveError) {
      guard x.count == y.count else {
        throw .lengthMismatch(what: "x and y of \"\(name)\"", expected: x.count, actual: y.count)
      }
      self.name = name
      self.x = x
      self.y = y
      self.area = area
    }
  }

  /// ROC or precision-recall.
  public var kind: Kind
  /// The curves, drawn in order.
  public var curves: [Curve]
  /// The title above the plot.
  public var title: String
  /// For precision-recall: the precision of a random classifier (the positive rate), drawn dashed.
  public var baseline: Double?
  /// The height of the picture in pixels; the width follows from the square plot and the legend.
  public var height: Double = 480

  /// A chart of `curves`.
  public init(kind: Kind, curves: [Curve], title: String? = nil, baseline: Double? = nil) {
    self.kind = kind
    self.curves = curves
    self.title = title ?? (kind == .roc ? "ROC curve" : "Precision-recall curve")
    self.baseline = baseline
  }

  /// The chart as an SVG document.
  public func svg() -> String {
    let top = 48.0
    let bottom = 50.0
    let side = height - top - bottom
    let areaName = kind == .roc ? "AUC" : "AP"
    let series = curves.enumerated().map { i, c in
      let note = c.area.map { "\(areaName) = \(Self.area($0))" }
      return ChartSeries(
        unchecked: c.name, x: c.x, y: c.y, note: note, style: i, stepped: kind == .precisionRecall)
    }
    let legend = ChartLegend(
      entries: series.enumerated().map { i, s in .init(name: s.name, note: s.note, style: i) },
      maxNameWidth: 220)
    let ticks = stride(from: 0.0, through: 1.0, by: 0.2).map { $0 }
    let axis = ChartAxis.fixed(0, 1, ticks: ticks)
    let left = PlotArea.leftMargin(for: axis)
    let area = PlotArea(x: left, y: top, width: side, height: side, xAxis: axis, yAxis: axis)
    var entries = legend.entries
    if kind == .roc {
      entries.append(.init(name: "chance", style: ChartStyle.colors.count - 1, dashOverride: "5 4"))
    } else if baseline != nil {
      entries.append(
        .init(
          name: "baseline", note: baseline.map(Self.area), style: ChartStyle.colors.count - 1,
          dashOverride: "5 4"))
    }
    let full = ChartLegend(entries: entries, maxNameWidth: 220)
    let width = left + side + 24 + full.width(height: side) + 12
    var svg = SVGWriter(width: width, height: height)
    svg.text(
      TextMetrics.truncate(title, size: 17.6, maxWidth: width - 40), x: width / 2, y: 28, size: 16,
      anchor: "middle", weight: "bold", full: title, cls: "title")
    let labels = kind == .roc ? ("False positive rate", "True positive rate") : ("Recall", "Precision")
    area.open(&svg, xLabel: labels.0, yLabel: labels.1, clipID: "curve-clip")
    if kind == .roc {
      svg.line(area.px(0), area.py(0), area.px(1), area.py(1), stroke: "#7F7F7F", width: 1.2, dash: "5 4")
    } else if let b = baseline, b.isFinite, b >= 0, b <= 1 {
      svg.line(area.px(0), area.py(b), area.px(1), area.py(b), stroke: "#7F7F7F", width: 1.2, dash: "5 4")
    }
    for (i, s) in series.enumerated() { area.draw(s, style: i, clipID: "curve-clip", into: &svg) }
    area.close(&svg)
    full.draw(&svg, x: area.x + area.width + 24, y: top + 4, height: side)
    return svg.document(title: title)
  }

  static func area(_ v: Double) -> String {
    if v.isNaN { return "NaN" }
    let f: FloatFormat = "%.3f"
    return f(v)
  }
}

extension ChartSeries {
  /// A series whose lengths are known to match (or are cut to the shorter one).
  init(unchecked name: String, x: [Double], y: [Double], note: String?, style: Int, stepped: Bool) {
    let n = Swift.min(x.count, y.count)
    self.name = name
    self.x = Array(x.prefix(n))
    self.y = Array(y.prefix(n))
    self.highlight = nil
    self.note = note
    self.style = style
    self.stepped = stepped
  }
}
