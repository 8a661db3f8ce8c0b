import Foundation
import Testing

@testable import Objectives

@Suite struct ChartTests {
  @Test func lineChartGallery() throws {
    let two = try LineChart(history: ChartGallery.twoSeries(), title: "Loss per epoch", yLabel: "loss")
    ChartGallery.write(two.svg(), "line-two")
    var log = two
    log.logScale = true
    ChartGallery.write(log.svg(), "line-log")
    let twelve = try LineChart(history: ChartGallery.twelveSeries(), title: "Twelve metrics with long names")
    ChartGallery.write(twelve.svg(), "line-twelve")
    let single = LineChart(
      title: "One point", xLabel: "epoch", yLabel: "accuracy",
      series: [try ChartSeries(name: "val/acc", x: [3], y: [0.75], highlight: 0, note: "best 0.75 @ 3")],
      integerX: true)
    ChartGallery.write(single.svg(), "line-single")
  }

  @Test func otherChartsGallery() throws {
    let tv = try TrainValidationChart(
      history: ChartGallery.trainValidation(), quantities: ["loss", "mse", "bce"])
    ChartGallery.write(tv.svg(), "train-validation")
    var curves: [CurveChart.Curve] = []
    var pr: [CurveChart.Curve] = []
    for (name, sep, seed) in [
      ("logistic regression", 2.5, 1 as UInt64), ("a model with a rather long descriptive name", 1.2, 2),
    ] {
      let (s, l) = ChartGallery.scoredSample(count: 300, separation: sep, seed: seed)
      let r = ChartGallery.roc(s, l)
      curves.append(try .init(name: name, x: r.x, y: r.y, area: ChartGallery.trapezoid(r.x, r.y)))
      let p = ChartGallery.precisionRecall(s, l)
      pr.append(try .init(name: name, x: p.x, y: p.y, area: ChartGallery.averagePrecision(p.x, p.y)))
    }
    ChartGallery.write(CurveChart(kind: .roc, curves: curves).svg(), "roc")
    ChartGallery.write(CurveChart(kind: .precisionRecall, curves: pr, baseline: 0.35).svg(), "pr")
    let counts: [[Double]] = [[50, 3, 2], [4, 38, 9], [1, 12, 31]]
    let labels = ["cat", "dog", "bird & <other>"]
    ChartGallery.write(try ConfusionMatrixChart(rows: counts, labels: labels).svg(), "confusion")
    ChartGallery.write(
      try ConfusionMatrixChart(rows: counts, labels: labels, normalization: .trueLabels).svg(),
      "confusion-normalised")
    var g = ChartGallery.Generator(state: 7)
    let big = (0..<12).map { i in
      (0..<12).map { j in i == j ? 80 + (g.next() * 40).rounded() : (g.next() * g.next() * 20).rounded() }
    }
    let longLabels = (0..<12).map { "class_\($0)_" + String(repeating: "long", count: $0 % 4) }
    ChartGallery.write(try ConfusionMatrixChart(rows: big, labels: longLabels).svg(), "confusion-12")
  }

  static func parse(_ svg: String) throws -> XMLNode {
    let root = try #require(XMLTreeBuilder.parse(svg), "the chart is not well-formed XML")
    #expect(root.name == "svg")
    #expect(root["xmlns"] == "http://www.w3.org/2000/svg")
    return root
  }

  static func series(_ root: XMLNode) -> [XMLNode] { root.all("g", class: "series") }

  @Test func historyLineChartHasSeriesPointsGapsAndBestMarker() throws {
    let chart = try LineChart(history: ChartGallery.twoSeries(), title: "Loss per epoch", yLabel: "loss")
    let root = try Self.parse(chart.svg())
    #expect(root.all("text", class: "title").first?.fullText == "Loss per epoch")
    let plot = try #require(root.all("g", class: "plot").first)
    #expect(plot.range("data-x-domain") == [0, 20])
    #expect(plot.range("data-y-domain") == [0, 1.4])
    #expect(plot["data-y-scale"] == "linear")
    #expect(
      root.all("g", class: "x-ticks").first?.all("text").map(\.fullText) == ["0", "5", "10", "15", "20"])
    #expect(
      root.all("g", class: "y-ticks").first?.all("text").map(\.fullText)
        == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0", "1.2", "1.4"])
    let series = Self.series(root)
    #expect(series.map { $0["data-name"] } == ["train/loss", "val/loss"])
    #expect(series.map { $0["data-points"] } == ["20", "18"])
    let trainLines = series[0].all("polyline")
    #expect(trainLines.count == 1 && trainLines[0].points.count == 20)
    let valLines = series[1].all("polyline")
    #expect(valLines.map(\.points.count) == [8, 10])  // the NaN epochs 9 and 10 leave a gap
    // The ring sits on the best validation point, epoch 13 (the third point after the gap).
    let ring = try #require(series[1].all("circle", class: "best").first)
    let best = valLines[1].points[2]
    #expect(abs(try #require(ring.number("cx")) - best.0) < 0.01)
    #expect(abs(try #require(ring.number("cy")) - best.1) < 0.01)
    // Points map linearly into the plot area: epoch 0 at its left edge, 20 at its right edge.
    let area = try #require(root.all("rect", class: "plot-area").first)
    let (x0, w) = (try #require(area.number("x")), try #require(area.number("width")))
    let (y0, h) = (try #require(area.number("y")), try #require(area.number("height")))
    #expect(abs(trainLines[0].points[19].0 - (x0 + w)) < 0.01)
    #expect(abs(trainLines[0].points[0].0 - (x0 + w / 20)) < 0.01)
    let trainLast = 1.2 * exp(-20.0 / 6) + 0.15
    #expect(abs(trainLines[0].points[19].1 - (y0 + h - trainLast / 1.4 * h)) < 0.01)
    let legend = root.all("text", class: "legend-label").map(\.fullText)
    #expect(legend == ["train/loss", "val/loss"])
    let notes = root.all("text", class: "legend-note").map(\.fullText)
    #expect(notes.count == 2 && notes[1].hasPrefix("best 0.4411 @ 13"))
  }

  @Test func logScaleUsesPowersOfTenAndSkipsNonPositiveValues() throws {
    let series = try ChartSeries(name: "loss", x: [0, 1, 2, 3, 4], y: [30, 0, -1, 0.05, 2])
    let root = try Self.parse(
      LineChart(title: "log", xLabel: "step", yLabel: "loss", series: [series], logScale: true).svg())
    let plot = try #require(root.all("g", class: "plot").first)
    #expect(plot["data-y-scale"] == "log")
    #expect(plot.range("data-y-domain") == [0.01, 100])
    #expect(
      root.all("g", class: "y-ticks").first?.all("text").map(\.fullText) == ["0.01", "0.1", "1", "10", "100"])
    let s = try #require(Self.series(root).first)
    #expect(s["data-points"] == "3")
    #expect(s.all("polyline").map(\.points.count) == [2])  // 0.05 and 2 are joined
    #expect(s.all("circle", class: "point").count == 3)  // 30 alone, plus the dots of the short series
  }

  @Test func singlePointIsADotInAPaddedDomain() throws {
    let chart = LineChart(
      title: "One point", xLabel: "epoch", yLabel: "accuracy",
      series: [try ChartSeries(name: "val/acc", x: [3], y: [0.75], highlight: 0)], integerX: true)
    let root = try Self.parse(chart.svg())
    let plot = try #require(root.all("g", class: "plot").first)
    #expect(plot.range("data-x-domain") == [2, 4])
    let y = plot.range("data-y-domain")
    #expect(y.count == 2 && y[0] < 0.75 && y[1] > 0.75)
    let s = try #require(Self.series(root).first)
    #expect(s.all("polyline").isEmpty)
    #expect(s.all("circle", class: "point").count == 1)
    #expect(s.all("circle", class: "best").count == 1)
  }

  @Test func twelveSeriesWithLongNamesStayDistinctAndInsideThePicture() throws {
    let chart = try LineChart(history: ChartGallery.twelveSeries(), title: "Twelve")
    let root = try Self.parse(chart.svg())
    let series = Self.series(root)
    #expect(series.count == 12)
    let styles = series.compactMap { $0["data-style"].flatMap(Int.init) }
    #expect(styles == Array(0..<12))
    let looks = Set(styles.map { ChartStyle.color($0) + "|" + ChartStyle.dash($0) })
    #expect(looks.count == 12)
    let labels = root.all("text", class: "legend-label")
    #expect(labels.count == 12)
    let width = try #require(root.number("width"))
    for label in labels {
      let x = try #require(label.number("x"))
      #expect(x + TextMetrics.width(label.fullText, size: 12) <= width)
      if label.fullText.contains("…") {
        #expect(label.all("title").first?.text.hasSuffix("with_a_very_long_descriptive_name") == true)
      }
    }
    for note in root.all("text", class: "legend-note") {
      let x = try #require(note.number("x"))
      #expect(x + TextMetrics.width(note.fullText, size: 11) <= width)
    }
    #expect(labels.filter { $0.fullText.contains("…") }.count == 4)
    #expect(Set(labels.map(\.fullText)).count == 12)  // shortened names stay distinct
    #expect(labels.contains { $0.fullText.contains("class_3") })
  }

  @Test func labelsAreEscaped() throws {
    let name = "a<b> & \"c\" 'd'"
    let chart = LineChart(
      title: "T & <t>", xLabel: "x<1", yLabel: "y>&",
      series: [try ChartSeries(name: name, x: [0, 1], y: [1, 2])])
    let root = try Self.parse(chart.svg())
    #expect(Self.series(root).first?["data-name"] == name)
    #expect(root.all("text", class: "legend-label").first?.fullText == name)
    #expect(root.all("text", class: "title").first?.fullText == "T & <t>")
  }

  @Test func seriesWithoutFiniteValuesIsNamedAsSuch() throws {
    let chart = LineChart(
      title: "empty", xLabel: "x", yLabel: "y",
      series: [try ChartSeries(name: "nan", x: [0, 1], y: [.nan, .nan])])
    let root = try Self.parse(chart.svg())
    #expect(root.all("text", class: "legend-note").first?.fullText == "(no finite values)")
    #expect(root.all("text", class: "empty").count == 1)
    #expect(root.all("polyline").isEmpty)
  }

  @Test func historyChartRejectsUnknownNamesVectorsAndMixedAxes() throws {
    var h = History()
    try h.log(["a": 1.0], step: 0)
    try h.log(["b": 1.0], epoch: 0)
    try h.log(Results([.init(name: "v", value: .vector([1, 2]))]), epoch: 1)
    #expect(throws: ObjectiveError.self) { try LineChart(history: h, names: ["a", "b"]) }
    #expect(throws: ObjectiveError.self) { try LineChart(history: h, names: ["v"]) }
    #expect(throws: ObjectiveError.self) { try LineChart(history: h, names: ["zzz"]) }
    #expect(throws: ObjectiveError.self) { try ChartSeries(name: "x", x: [1], y: []) }
    #expect(throws: ObjectiveError.self) { try ChartSeries(name: "x", x: [1], y: [1], highlight: 1) }
  }

  @Test func trainValidationPanels() throws {
    let h = try ChartGallery.trainValidation()
    let chart = try TrainValidationChart(history: h, quantities: ["loss", "mse", "bce"])
    let root = try Self.parse(chart.svg())
    let panels = root.all("g", class: "panel")
    #expect(panels.map { $0["data-name"] } == ["loss", "mse", "bce"])
    for (panel, q) in zip(panels, ["loss", "mse", "bce"]) {
      let series = Self.series(panel)
      #expect(series.map { $0["data-name"] } == ["train/" + q, "val/" + q])
      #expect(series.map { $0["data-points"] } == ["15", "15"])
      #expect(series[0].all("circle", class: "best").isEmpty)
      #expect(series[1].all("circle", class: "best").count == 1)
      let best = try #require(try h.best("val/" + q))
      #expect(
        panel.all("text", class: "panel-note").first?.fullText
          == "val best \(ChartText.value(best.value)) @ \(best.time)")
      #expect(series[1].all("polyline").first?["stroke-dasharray"] != "")
    }
    #expect(throws: ObjectiveError.self) { try TrainValidationChart(history: h, quantities: ["nothing"]) }
    var mixed = h
    try mixed.log(["train/acc": 0.5], step: 10)
    try mixed.log(["val/acc": 0.5], epoch: 1)
    #expect(throws: ObjectiveError.self) { try TrainValidationChart(history: mixed, quantities: ["acc"]) }
  }

  @Test func curvesShowTheirAreaAndUnitAxes() throws {
    let a = try CurveChart.Curve(name: "model", x: [0, 0, 0.5, 1], y: [0, 0.5, 1, 1], area: 0.875)
    let roc = try Self.parse(CurveChart(kind: .roc, curves: [a]).svg())
    let plot = try #require(roc.all("g", class: "plot").first)
    #expect(plot.range("data-x-domain") == [0, 1] && plot.range("data-y-domain") == [0, 1])
    #expect(roc.all("text", class: "legend-label").map(\.fullText) == ["model", "chance"])
    #expect(roc.all("text", class: "legend-note").first?.fullText == "AUC = 0.875")
    #expect(Self.series(roc).first?.all("polyline").first?.points.count == 4)
    #expect(
      roc.all("text", class: "axis-title").map(\.fullText) == ["False positive rate", "True positive rate"])
    let p = try CurveChart.Curve(name: "model", x: [0, 0.5, 1], y: [1, 0.8, 0.6], area: 0.7)
    let pr = try Self.parse(CurveChart(kind: .precisionRecall, curves: [p], baseline: 0.4).svg())
    #expect(pr.all("text", class: "legend-note").map(\.fullText) == ["AP = 0.700", "0.400"])
    let steps = try #require(Self.series(pr).first?.all("polyline").first?.points)
    #expect(steps.count == 5)  // a step (horizontal, then vertical) per point after the first
    #expect(steps[1].1 == steps[0].1 && steps[1].0 == steps[2].0)
  }

  @Test func confusionMatrixHeatMap() throws {
    let counts: [[Double]] = [[5, 1, 0], [2, 3, 0], [0, 0, 0]]
    let chart = try ConfusionMatrixChart(rows: counts, labels: ["a", "b", "c<&>"])
    let root = try Self.parse(chart.svg())
    let cells = root.all("rect", class: "cell")
    #expect(cells.count == 9)
    #expect(cells.compactMap { $0.number("data-value") } == counts.flatMap { $0 })
    #expect(
      root.all("text", class: "cell-label").map(\.fullText) == ["5", "1", "0", "2", "3", "0", "0", "0", "0"])
    #expect(root.all("text", class: "row-label").map(\.fullText) == ["a", "b", "c<&>"])
    #expect(root.all("g", class: "heatmap").first?["data-max"] == "5.0")
    // The darkest cell is the largest count, the lightest the zeros.
    #expect(cells[0]["fill"] == ChartStyle.heat(1) && cells[2]["fill"] == ChartStyle.heat(0))

    let normalised = try ConfusionMatrixChart(rows: counts, normalization: .trueLabels)
    let values = normalised.cells
    #expect(abs(values[0] + values[1] + values[2] - 1) < 1e-12)
    #expect(values[6].isNaN)  // an empty row cannot be normalised
    let nroot = try Self.parse(normalised.svg())
    #expect(nroot.all("text", class: "cell-label").map(\.fullText).prefix(3) == ["0.83", "0.17", "0.00"])
    #expect(nroot.all("text", class: "cell-label").last?.fullText == "NaN")
    let byColumn = try ConfusionMatrixChart(rows: counts, normalization: .predictions).cells
    #expect(abs(byColumn[0] + byColumn[3] + byColumn[6] - 1) < 1e-12)
    #expect(abs(try ConfusionMatrixChart(rows: counts, normalization: .all).cells.reduce(0, +) - 1) < 1e-12)

    #expect(throws: ObjectiveError.self) { try ConfusionMatrixChart(rows: [[1, 2]]) }
    #expect(throws: ObjectiveError.self) { try ConfusionMatrixChart(rows: [[1, -2], [0, 1]]) }
    #expect(throws: ObjectiveError.self) {
      try ConfusionMatrixChart(rows: [[1, 2], [0, 1]], labels: ["x"])
    }
    #expect(throws: ObjectiveError.self) { try ConfusionMatrixChart(.vector([1, 2])) }
    let many = try ConfusionMatrixChart(
      .matrix(rows: 60, columns: 60, values: Array(repeating: 1, count: 3600)))
    let big = try Self.parse(many.svg())
    #expect(big.all("rect", class: "cell").count == 3600)
    #expect(big.all("text", class: "cell-label").isEmpty)  // cells too small for text
  }

  @Test func axisTicksAreRound() {
    let a = ChartAxis.linear(0.013, 0.087)
    #expect(a.labels == ["0.01", "0.02", "0.03", "0.04", "0.05", "0.06", "0.07", "0.08", "0.09"])
    let b = ChartAxis.linear(-3, 1234)
    #expect(b.lower == -200 && b.upper == 1400)
    #expect(b.labels.first == "-200" && b.labels.last == "1400")
    let c = ChartAxis.linear(1, 3, integer: true)
    #expect(c.ticks == [1, 2, 3])
    let d = ChartAxis.logarithmic(1e-6, 3)
    #expect(d.lower == 1e-6 && d.upper == 10)
    #expect(d.labels.first == "1e-06" && d.labels.last == "10")
    let e = ChartAxis.linear(.nan, .nan)
    #expect(e.lower == 0 && e.upper == 1)
  }
}
