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
    if let names = options.classNames, names.count != layout.width {
      throw .usage("'--class-names' gives \(names.count) names for \(layout.width) columns", command: spec)
    }
    let evaluator = try makeTaskEvaluator(layout, options)
    guard let replicates = options.bootstrap else { return evaluator }
    return BootstrapEvaluator(
      evaluator, replicates: replicates, seed: options.seed, level: options.confidence, layout: layout)
  }

  /// The evaluator of the task, without bootstrap.
  static func makeTaskEvaluator(_ layout: ColumnLayout, _ options: EvaluateOptions) throws(CommandError)
    -> any BatchEvaluator
  {
    let mode: AccumulationMode = options.streaming ? .streaming : .exact
    let input = layout.input ?? .probabilities
    switch layout.task {
    case .binary, .multiclass, .multilabel:
      var metrics = ClassificationMetric.defaults
      // The name each plain item reports under, for formulas to keep the order of --metrics.
      var reported: [String: String] = [:]
      if let items = options.metrics {
        metrics = []
        for case .name(let name) in items {
          guard let metric = ClassificationMetric(named: name) else {
            let known = ClassificationMetric.knownNames.joined(separator: ", ")
            throw .usage(
              "Unknown metric '\(name)' for --task \(layout.task.rawValue); known: \(known)",
              command: spec)
          }
          metrics.append(metric)
          reported[name] = metric.name
        }
        // The metrics the formulas read, reported under the names written in brackets.
        for case .formula(let formula) in items {
          for (key, metric) in try formulaKeys(
            formula, task: layout.task.rawValue,
            known: ClassificationMetric.knownNames.joined(separator: ", "),
            resolve: { ClassificationMetric(named: $0) }
          )
          where !metrics.contains(where: { $0.name == key }) {
            metrics.append(metric.named(key))
          }
        }
      }
      if options.curves != nil && mode == .streaming {
        throw .usage("'--curves' needs the exact mode; drop '--streaming'", command: spec)
      }
      let shown = metrics.flatMap(\.resultKeys)
      let formulas =
        options.metrics.map { $0.contains { if case .formula = $0 { true } else { false } } } ?? false
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
            layout: layout, shown: shown, classNames: options.classNames)
        case .multiclass:
          return ClassificationEvaluator(
            objective: try multiclassMetrics(
              numClasses: layout.width, inputKind: input, metrics: metrics, nanPolicy: options.nanPolicy,
              mode: mode),
            layout: layout, shown: shown, classNames: options.classNames)
        default:
          return ClassificationEvaluator(
            objective: try multilabelMetrics(
              numLabels: layout.width, inputKind: input, metrics: metrics, threshold: options.threshold,
              nanPolicy: options.nanPolicy, mode: mode),
            layout: layout, shown: shown, classNames: options.classNames)
        }
      }
      guard formulas, let items = options.metrics else { return evaluator }
      return try withFormulas(evaluator, items: items, names: reported)
    case .regression:
      var metrics = RegressionMetric.defaults
      var reported: [String: String] = [:]
      if let items = options.metrics {
        metrics = []
        for case .name(let name) in items {
          guard let metric = RegressionMetric(named: name) else {
            let known = RegressionMetric.knownNames.joined(separator: ", ")
            throw .usage(
              "Unknown metric '\(name)' for --task regression; known: \(known)",
              command: spec)
          }
          metrics.append(metric)
          reported[name] = metric.name
        }
        for case .formula(let formula) in items {
          for (key, metric) in try formulaKeys(
            formula, task: "regression", known: RegressionMetric.knownNames.joined(separator: ", "),
            resolve: { RegressionMetric(named: $0) })
          where !metrics.contains(where: { $0.name == key }) {
            metrics.append(metric.named(key))
          }
        }
      }
      let objective = try lift { () throws(ObjectiveError) in
        try regressionMetrics(
          numOutputs: layout.width, mode: mode, metrics: metrics, nanPolicy: options.nanPolicy)
      }
      let evaluator = RegressionEvaluator(objective: objective, layout: layout)
      guard let items = options.metrics,
        items.contains(where: { if case .formula = $0 { true } else { false } })
      else { return evaluator }
      return try withFormulas(evaluator, items: items, names: reported)
    }
  }
}
