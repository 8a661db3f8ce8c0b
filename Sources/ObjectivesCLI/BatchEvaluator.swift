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
      let shown = metrics.flatMap(\.resultKeys)
      if options.curves != nil {
        // Hidden metrics for the charts: the area of each curve, and the confusion matrix.
        var curves = [
          ClassificationMetric(.auroc, name: ChartKeys.rocArea),
          ClassificationMetric(.averagePrecision, name: ChartKeys.precisionRecallArea),
        ]
        if layout.task != .binary { curves = curves.map { $0.averaged(.perClass) } }
        metrics += curves
        if layout.task == .multiclass {
          metrics.append(ClassificationMetric(.confusionMatrix, name: ChartKeys.matrix))
        }
        if layout.task != .multilabel && input != .labels {
          // The reliability diagram uses the bins of the first calibration metric asked for.
          metrics.append(ClassificationMetric(.calibrationError, name: ChartKeys.calibration))
        }
      }
      let evaluator: any BatchEvaluator = try lift { () throws(ObjectiveError) -> any BatchEvaluator in
        switch layout.task {
        case .binary:
          return ClassificationEvaluator(
            objective: try binaryMetrics(
              inputKind: input, metrics: metrics, threshold: options.threshold, nanPolicy: options.nanPolicy,
              mode: mode),
            layout: layout, shown: shown)
        case .multiclass:
          return ClassificationEvaluator(
            objective: try multiclassMetrics(
              numClasses: layout.width, inputKind: input, metrics: metrics, nanPolicy: options.nanPolicy,
              mode: mode),
            layout: layout, shown: shown)
        default:
          return ClassificationEvaluator(
            objective: try multilabelMetrics(
              numLabels: layout.width, inputKind: input, metrics: metrics, threshold: options.threshold,
              nanPolicy: options.nanPolicy, mode: mode),
            layout: layout, shown: shown)
        }
      }
      return evaluator
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
        try regressionMetrics(
          numOutputs: layout.width, mode: mode, metrics: metrics, nanPolicy: options.nanPolicy)
      }
      return RegressionEvaluator(objective: objective, layout: layout)
    }
  }
}
