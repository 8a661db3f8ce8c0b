import Foundation
import Objectives

/// The metrics of one evaluation task, fed chunk by chunk.
protocol BatchEvaluator {
  /// Accumulates one chunk of decoded rows.
  mutating func update(_ batch: RowBatch) throws(ObjectiveError)
  /// The metrics over every row so far.
  func results() -> Results
  /// Writes the task's SVG charts into `directory` (created if needed) and returns their paths.
  func writeCharts(to directory: String) throws(CommandError) -> [String]
}

extension BatchEvaluator {
  /// A library error located in `batch`, reported with the line of the row it concerns.
  static func located(_ error: ObjectiveError, in batch: RowBatch, layout: ColumnLayout) -> ObjectiveError {
    let row: Int?
    switch error {
    case .labelOutOfRange(_, _, let position): row = position / max(layout.targetsPerRow, 1)
    case .nonFinite(_, let position), .invalidValue(_, _, let position):
      row = position / max(layout.outputsPerRow, 1)
    default: row = nil
    }
    guard let row, row < batch.count else { return error }
    return .malformedInput(line: batch.lines[row], column: 0, reason: error.description)
  }
}

extension EvaluateCommand {
  /// The evaluator for the task and options.
  static func makeEvaluator(_ layout: ColumnLayout, _ options: EvaluateOptions) throws(CommandError)
    -> any BatchEvaluator
  {
    let mode: AccumulationMode = options.streaming ? .streaming : .exact
    let input = layout.input ?? .probabilities
    switch layout.task {
    case .binary, .multiclass, .multilabel:
      var metrics = ClassificationMetric.defaults
      if let names = options.metrics {
        metrics = []
        for name in names {
          guard let metric = MetricNames.classification(name) else {
            throw .usage(
              "Unknown metric '\(name)' for --task \(layout.task.rawValue); known: \(MetricNames.known)",
              command: spec)
          }
          metrics.append(metric)
        }
      }
      if options.curves != nil && mode == .streaming {
        throw .usage("'--curves' needs the exact mode; drop '--streaming'", command: spec)
      }
      let shown = metrics.map(\.name)
      if options.curves != nil {
        // Hidden metrics for the charts: the area of each curve, and the confusion matrix.
        let perCurve: Averaging? = layout.task == .binary ? nil : Averaging.none
        metrics += [
          ClassificationMetric(.auroc, average: perCurve, name: ChartKeys.rocArea),
          ClassificationMetric(.averagePrecision, average: perCurve, name: ChartKeys.precisionRecallArea),
        ]
        if layout.task == .multiclass {
          metrics.append(ClassificationMetric(.confusionMatrix, name: ChartKeys.matrix))
        }
      }
      switch layout.task {
      case .binary:
        return ClassificationEvaluator(
          objective: binaryMetrics(
            Double.self, metrics: metrics, inputKind: input, threshold: options.threshold, mode: mode),
          layout: layout, shown: shown)
      case .multiclass:
        return ClassificationEvaluator(
          objective: multiclassMetrics(
            Double.self, numClasses: layout.width, metrics: metrics, inputKind: input, mode: mode),
          layout: layout, shown: shown)
      default:
        return ClassificationEvaluator(
          objective: multilabelMetrics(
            Double.self, numLabels: layout.width, metrics: metrics, inputKind: input,
            threshold: options.threshold,
            mode: mode),
          layout: layout, shown: shown)
      }
    case .regression:
      var metrics = RegressionMetric.defaults
      if let names = options.metrics {
        metrics = []
        for name in names {
          guard let metric = MetricNames.regression(name) else {
            throw .usage(
              "Unknown metric '\(name)' for --task regression; known: \(MetricNames.knownRegression)",
              command: spec)
          }
          metrics.append(metric)
        }
      }
      let objective = try lift { () throws(ObjectiveError) in
        try regressionMetrics(numOutputs: layout.width, mode: mode, metrics: metrics)
      }
      return RegressionEvaluator(objective: objective, layout: layout)
    }
  }
}

/// A classification objective fed with the decoded rows.
struct ClassificationEvaluator<O: Objective & ClassificationCurves>: BatchEvaluator
where O.Output == [Double], O.Target == [Int] {
  var objective: O
  let layout: ColumnLayout
  /// The result keys to print (the metrics added for `--curves` are not shown).
  let shown: [String]

  mutating func update(_ batch: RowBatch) throws(ObjectiveError) {
    do throws(ObjectiveError) {
      try objective.update(batch.outputs, batch.labels)
    } catch {
      throw Self.located(error, in: batch, layout: layout)
    }
  }

  func results() -> Results {
    Results(objective.compute().filter { shown.contains($0.name) })
  }

  func writeCharts(to directory: String) throws(CommandError) -> [String] {
    var files: [(String, String)] = []
    let names = objective.curveNames(width: layout.width)
    let all = objective.compute()
    let rocAreas = all[ChartKeys.rocArea]?.values ?? []
    let precisionRecallAreas = all[ChartKeys.precisionRecallArea]?.values ?? []
    let roc = try lift { () throws(ObjectiveError) in
      try names.indices.map { i throws(ObjectiveError) in
        let points = CurveThinning.thinned(
          objective.rocPoints(i).map { ($0.falsePositiveRate, $0.truePositiveRate) })
        return try CurveChart.Curve(
          name: names[i], x: points.map(\.0), y: points.map(\.1), area: i < rocAreas.count ? rocAreas[i] : nil
        )
      }
    }
    let pr = try lift { () throws(ObjectiveError) in
      try names.indices.map { i throws(ObjectiveError) in
        let points = CurveThinning.thinned(
          objective.precisionRecallPoints(i).map { ($0.recall, $0.precision) })
        return try CurveChart.Curve(
          name: names[i], x: points.map(\.0), y: points.map(\.1),
          area: i < precisionRecallAreas.count ? precisionRecallAreas[i] : nil)
      }
    }
    files.append(("roc.svg", CurveChart(kind: .roc, curves: roc).svg()))
    files.append(("precision_recall.svg", CurveChart(kind: .precisionRecall, curves: pr).svg()))
    if let matrix = all[ChartKeys.matrix] {
      let chart = try lift { () throws(ObjectiveError) in
        try ConfusionMatrixChart(matrix, labels: (0..<layout.width).map { "class \($0)" })
      }
      files.append(("confusion_matrix.svg", chart.svg()))
    }
    return try ChartFiles.write(files, to: directory)
  }
}

/// The keys of the metrics computed only for `--curves`.
enum ChartKeys {
  static let rocArea = "chart:auroc"
  static let precisionRecallArea = "chart:auprc"
  static let matrix = "chart:confmat"
}

/// Access to the curves of the three classification objectives.
protocol ClassificationCurves {
  /// One name per curve: `positive` for binary, `class i` or `label i` otherwise.
  func curveNames(width: Int) -> [String]
  func rocPoints(_ index: Int) -> [ROCPoint]
  func precisionRecallPoints(_ index: Int) -> [PrecisionRecallPoint]
}

extension BinaryClassification: ClassificationCurves {
  func curveNames(width: Int) -> [String] { ["positive class"] }
  func rocPoints(_ index: Int) -> [ROCPoint] { rocCurve() }
  func precisionRecallPoints(_ index: Int) -> [PrecisionRecallPoint] { precisionRecallCurve() }
}

extension MulticlassClassification: ClassificationCurves {
  func curveNames(width: Int) -> [String] { (0..<width).map { "class \($0)" } }
  func rocPoints(_ index: Int) -> [ROCPoint] { rocCurve(classIndex: index) }
  func precisionRecallPoints(_ index: Int) -> [PrecisionRecallPoint] {
    precisionRecallCurve(classIndex: index)
  }
}

extension MultilabelClassification: ClassificationCurves {
  func curveNames(width: Int) -> [String] { (0..<width).map { "label \($0)" } }
  func rocPoints(_ index: Int) -> [ROCPoint] { rocCurve(labelIndex: index) }
  func precisionRecallPoints(_ index: Int) -> [PrecisionRecallPoint] {
    precisionRecallCurve(labelIndex: index)
  }
}

/// Regression metrics fed with the decoded rows.
struct RegressionEvaluator: BatchEvaluator {
  var objective: RegressionMetrics<Double>
  let layout: ColumnLayout

  mutating func update(_ batch: RowBatch) throws(ObjectiveError) {
    do throws(ObjectiveError) {
      try objective.update(batch.outputs, batch.values)
    } catch {
      throw Self.located(error, in: batch, layout: layout)
    }
  }

  func results() -> Results { objective.compute() }

  func writeCharts(to directory: String) throws(CommandError) -> [String] { [] }
}

/// Fewer points for drawing: a point is kept when it moves at least 1/1000 of the unit square from
/// the last kept point; the first and last points are always kept.
enum CurveThinning {
  static func thinned(_ points: [(Double, Double)], resolution: Double = 1e-3) -> [(Double, Double)] {
    guard points.count > 2 else { return points }
    var kept = [points[0]]
    for p in points.dropFirst().dropLast() {
      let last = kept[kept.count - 1]
      if abs(p.0 - last.0) >= resolution || abs(p.1 - last.1) >= resolution { kept.append(p) }
    }
    kept.append(points[points.count - 1])
    return kept
  }
}

/// Writing chart files.
enum ChartFiles {
  /// Writes each `(name, text)` into `directory`, created if needed; returns the paths written.
  static func write(_ files: [(String, String)], to directory: String) throws(CommandError) -> [String] {
    let folder = URL(fileURLWithPath: directory, isDirectory: true)
    var written: [String] = []
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      for (name, text) in files {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name), options: .atomic)
        written.append((directory as NSString).appendingPathComponent(name))
      }
    } catch {
      throw .failure("cannot write to \(directory): \(error.localizedDescription)")
    }
    return written
  }
}
