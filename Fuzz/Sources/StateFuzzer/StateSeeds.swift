import Foundation
import Objectives

/// Real states of every type, accumulated from a few rows, as seeds for the state fuzzer.
enum StateSeeds {
  typealias Seed = (name: String, selector: UInt8, json: Data)

  static func seed<T: Codable>(_ name: String, _ value: T) throws -> Seed {
    (name, StateKind.selector(of: T.self), try JSONEncoder().encode(value))
  }

  static func all() throws -> [Seed] {
    let scores = [0.1, 0.9, 0.4, 0.75, .nan, 0.5]
    let labels = [0, 1, 1, 0, 1, 0]
    var binary = try BinaryClassification<Double>(metrics: [.accuracy, .f1, .auroc])
    try binary.update(scores, labels)
    var binned = try BinaryClassification<Float>(
      metrics: [.accuracy, .auroc], rankEstimation: .binned(thresholds: 5))
    try binned.update(scores.map { Float($0) }, labels)
    var multiclass = try MulticlassClassification<Double>(numClasses: 3, mode: .streaming)
    try multiclass.update([0.2, 0.5, 0.3, 0.6, 0.3, 0.1], [1, 0])
    var multilabel = try MultilabelClassification<Double>(numLabels: 2)
    try multilabel.update([0.2, 0.7, 0.9, 0.1], [0, 1, 1, 1])
    var regression = try Regression<Double>()
    try regression.update([1, 2, 3.5, -1], [1.5, 2, 3, .infinity])

    let a = Loss<Double, Double, Double>("A") { o, t in .batch((o - t) * (o - t)) }
    let b = Loss<Double, Double, Double>("B", direction: .maximize) { o, t in .samples([abs(o - t), o]) }
    let hits = Metric<Double, Double>("Hits", direction: .maximize) { o, t in .batch(o == t ? 1 : 0) }
    let gap = Metric<Double, Double>("Gap") { o, t in .batch(o - t) }
    var loss = (a + 0.5 * b) | hits
    _ = try loss.forward(1, 2)
    _ = try loss.forward(3, 3)
    var collection = hits | gap
    try collection.update(1, 2)
    var expression = 1 - MetricExpression(hits) * 2
    try expression.update(2, 2)
    var tasks = MultiTaskMetrics<[String: [Double]], [String: [Double]]>(aggregate: .micro)
    try tasks.register("regression", try Regression<Double>([.mse, .mae]))
    try tasks.update(["regression": [1, 2]], ["regression": [1.5, 2]])

    var meter = AverageMeter()
    meter.update(0.5, n: 3)
    meter.update(.nan)
    var meters = AverageMeters()
    meters["loss"].update(1.5, n: 2)
    var history = History()
    try history.log(loss.compute(), epoch: 1)
    try history.log(loss.compute(), epoch: 2)
    var stopping = try EarlyStopping(monitor: "A", patience: 2, direction: .minimize)
    _ = try stopping.update(0.5, time: 1)
    var table = SampleTable()
    try table.record(exampleIDs: [3, 4], columns: ["loss": [0.25, .infinity]])

    var seeds = [
      try seed("binary", binary.state), try seed("binned-float", binned.state),
      try seed("multiclass-streaming", multiclass.state), try seed("multilabel", multilabel.state),
      try seed("regression", regression.state), try seed("loss", loss.state),
      try seed("collection", collection.state), try seed("expression", expression.state),
      try seed("multitask", tasks.state), try seed("metric", MeanAccumulator()),
      try seed("meter", meter), try seed("meters", meters), try seed("history", history),
      try seed("early-stopping", stopping), try seed("table", table), try seed("results", loss.compute()),
    ]
    if let best = try history.best("A") { seeds.append(try seed("best", best)) }
    return seeds
  }
}
