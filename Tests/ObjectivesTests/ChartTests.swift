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
}
