import Objectives

/// A classification objective fed with the decoded rows.
struct ClassificationEvaluator<O: ClassificationCurves>: BatchEvaluator
where O.Output == [Double], O.Target == [Int] {
  var objective: O
  let layout: ColumnLayout
  /// The result keys to print (the metrics added for `--curves` are not shown).
  let shown: [String]
  /// `--class-names`: per-class results as `<key>/<name>`, and the charts' curve names.
  var classNames: [String]? = nil

  mutating func update(_ batch: RowBatch) throws(ObjectiveError) {
    do throws(ObjectiveError) {
      try objective.update(batch.outputs, batch.labels)
    } catch {
      throw Self.located(error, in: batch, layout: layout)
    }
  }

  func results() -> Results {
    let results = objective.compute().filter { shown.contains($0.name) }
    return classNames.map(results.namingClasses) ?? results
  }

  func writeCharts(to directory: String) throws(CommandError) -> [String] {
    var files: [(String, String)] = []
    let names = classNames ?? objective.curveNames(width: layout.width)
    let all = objective.compute()
    let rocAreas = all[ChartKeys.rocArea]?.values ?? []
    let precisionRecallAreas = all[ChartKeys.precisionRecallArea]?.values ?? []
    let roc = try lift { () throws(ObjectiveError) in
      try names.indices.map { i throws(ObjectiveError) in
        let points = CurveThinning.thinned(
          objective.rocCurve(class: i).map { ($0.falsePositiveRate, $0.truePositiveRate) })
        return try CurveChart.Curve(
          name: names[i], x: points.map(\.0), y: points.map(\.1), area: i < rocAreas.count ? rocAreas[i] : nil
        )
      }
    }
    let pr = try lift { () throws(ObjectiveError) in
      try names.indices.map { i throws(ObjectiveError) in
        let points = CurveThinning.thinned(
          objective.precisionRecallCurve(class: i).map { ($0.recall, $0.precision) })
        return try CurveChart.Curve(
          name: names[i], x: points.map(\.0), y: points.map(\.1),
          area: i < precisionRecallAreas.count ? precisionRecallAreas[i] : nil)
      }
    }
    files.append(("roc.svg", CurveChart(kind: .roc, curves: roc).svg()))
    files.append(("precision_recall.svg", CurveChart(kind: .precisionRecall, curves: pr).svg()))
    if let matrix = all[ChartKeys.matrix] {
      let chart = try lift { () throws(ObjectiveError) in
        try ConfusionMatrixChart(matrix, labels: classNames ?? (0..<layout.width).map { "class \($0)" })
      }
      files.append(("confusion_matrix.svg", chart.svg()))
    }
    if let chart = objective.reliabilityDiagram() { files.append(("reliability.svg", chart.svg())) }
    return try ChartFiles.write(files, to: directory)
  }
}

/// The keys of the metrics computed only for `--curves`.
enum ChartKeys {
  static let rocArea = "chart:auroc"
  static let precisionRecallArea = "chart:auprc"
  static let matrix = "chart:confmat"
  static let calibration = "chart:ece"
}

/// The names of the curves of the three classification objectives (the curves themselves come from
/// the library's `rocCurve(class:)` and `precisionRecallCurve(class:)`).
protocol ClassificationCurves: ClassificationObjective {
  /// One name per curve: `positive` for binary, `class i` or `label i` otherwise.
  func curveNames(width: Int) -> [String]
  /// The reliability diagram (binary and multiclass scores), or `nil`.
  func reliabilityDiagram() -> ReliabilityChart?
}

extension BinaryClassification: ClassificationCurves {
  func curveNames(width: Int) -> [String] { ["positive class"] }
  func reliabilityDiagram() -> ReliabilityChart? { reliabilityChart() }
}

extension MulticlassClassification: ClassificationCurves {
  func curveNames(width: Int) -> [String] { (0..<width).map { "class \($0)" } }
  func reliabilityDiagram() -> ReliabilityChart? { reliabilityChart() }
}

extension MultilabelClassification: ClassificationCurves {
  func curveNames(width: Int) -> [String] { (0..<width).map { "label \($0)" } }
  func reliabilityDiagram() -> ReliabilityChart? { nil }
}
