import Objectives

/// The kind of prediction file `objectives evaluate` reads.
enum EvaluationTask: String, CaseIterable, Sendable {
  case binary, multiclass, multilabel, regression

  /// Whether the task reads classification labels as targets.
  var isClassification: Bool { self != .regression }
}

/// How `objectives evaluate` writes its results.
enum OutputFormat: String, CaseIterable, Sendable {
  case table, json, csv
}

/// The options of `objectives evaluate`, checked against each other.
struct EvaluateOptions: Sendable {
  var task: EvaluationTask
  /// `--classes`, `--labels` or `--outputs`, whichever the task takes.
  var width: Int?
  /// `--input`; `nil` lets the header decide between score and prediction columns.
  var input: InputKind?
  var threshold: Double
  /// `--nan-policy`: what a NaN score (or a non-finite regression value) does; `.error` unless given.
  var nanPolicy: NaNPolicy
  /// `--metrics`: plain names and formulas, in order; `nil` for the task's defaults.
  var metrics: [MetricItem]?
  var streaming: Bool
  /// Rows per metric update.
  var chunkRows: Int
  var format: OutputFormat
  var curves: String?
  /// `--per-sample`: where to write one row per input row.
  var perSample: String?
  /// The file to read, or `-` for standard input.
  var file: String
  /// `--distributed`: split the file among the ranks of an MPI job.
  var distributed: Bool
  /// `--class-names a,b,c`: per-class results as `<key>/<name>` (multiclass, multilabel).
  var classNames: [String]?
  /// `--bootstrap N`: the number of Poisson bootstrap replicates; `nil` for no intervals.
  var bootstrap: Int?
  /// `--seed S`: the seed of the bootstrap (default 0).
  var seed: UInt64
  /// `--confidence L`: the level of the bootstrap intervals (default 0.95).
  var confidence: Double

  init(_ arguments: ParsedArguments) throws(CommandError) {
    if let text = arguments.value("task"), EvaluationTask(rawValue: text) == nil {
      let names =
        EvaluationTask.allCases.map(\.rawValue) + RankingPerplexityEvaluate.tasks.sorted().reversed()
      throw arguments.usageError(
        "The value '\(text)' is invalid for '--task <task>': expected one of " + names.joined(separator: ", ")
      )
    }
    guard let task = try arguments.choice("task", EvaluationTask.self) else {
      throw arguments.usageError("Missing expected argument '--task <task>'")
    }
    self.task = task
    guard let file = arguments.positionals.first else {
      throw arguments.usageError("Missing expected argument '<file>' (use - for standard input)")
    }
    try arguments.expectPositionals(atMost: 1)
    self.file = file

    let widthOptions = ["classes", "labels", "outputs"].filter(arguments.has)
    if widthOptions.count > 1 {
      throw arguments.usageError(
        widthOptions.map { "'--\($0)'" }.joined(separator: " and ") + " cannot be used together")
    }
    let expected: String? =
      switch task {
      case .binary: nil
      case .multiclass: "classes"
      case .multilabel: "labels"
      case .regression: "outputs"
      }
    if let given = widthOptions.first {
      guard given == expected else {
        let hint = expected.map { "; use '--\($0)'" } ?? ""
        throw arguments.usageError("'--\(given)' does not apply to --task \(task.rawValue)\(hint)")
      }
      width = try arguments.integer(given, in: (task == .multiclass ? 2 : 1)...1_000_000)
      if task == .multiclass, let classes = width, classes > ClassificationLimits.maximumClasses {
        let most = ClassificationLimits.maximumClasses
        throw arguments.usageError(
          "'--classes \(classes)' needs a \(classes)×\(classes) confusion matrix, about "
            + ClassificationLimits.formatted(bytes: ClassificationLimits.confusionBytes(classes: classes))
            + " of memory; at most \(most) classes ("
            + ClassificationLimits.formatted(bytes: ClassificationLimits.confusionBytes(classes: most))
            + ") are supported")
      }
    }

    input = try arguments.choice("input", InputKind.self)
    threshold = try arguments.number("threshold") ?? 0.5
    if task == .regression {
      for name in ["input", "threshold"] where arguments.has(name) {
        throw arguments.usageError("'--\(name)' does not apply to --task regression")
      }
    }
    if arguments.has("threshold") && task == .multiclass {
      throw arguments.usageError("'--threshold' does not apply to --task multiclass (the highest score wins)")
    }
    if !(0...1).contains(threshold) {
      throw arguments.usageError(
        "'--threshold \(arguments.value("threshold") ?? "")' must be in [0, 1] (a probability; with logits it applies to sigmoid(logit))"
      )
    }
    for name in ["empty-queries", "ignore-index"] where arguments.has(name) {
      throw arguments.usageError("'--\(name)' does not apply to --task \(task.rawValue)")
    }
    nanPolicy = try arguments.choice("nan-policy", NaNPolicy.self) ?? .error
    if let list = arguments.value("metrics") {
      let items = MetricItem.split(list)
      guard !items.isEmpty else { throw arguments.usageError("'--metrics' needs at least one metric name") }
      metrics = items
    }
    streaming = arguments.has("streaming")
    chunkRows = try arguments.integer("chunk-rows", in: 1...(1 << 24)) ?? EvaluateCommand.defaultChunkRows
    format = try arguments.choice("format", OutputFormat.self) ?? .table
    curves = arguments.value("curves")
    perSample = arguments.value("per-sample")
    if perSample == "-" {
      throw arguments.usageError("'--per-sample' needs a file; standard output holds the metrics")
    }
    distributed = arguments.has("distributed")
    if distributed && file == "-" {
      throw arguments.usageError("'--distributed' needs a file that every rank can read, not standard input")
    }
    if let list = arguments.value("class-names") {
      guard task == .multiclass || task == .multilabel else {
        throw arguments.usageError("'--class-names' applies to --task multiclass and multilabel")
      }
      let names = list.split(separator: ",", omittingEmptySubsequences: false).map {
        String($0).trimming(" ")
      }
      if names.contains(where: \.isEmpty) || Set(names).count != names.count {
        throw arguments.usageError("'--class-names' needs distinct, non-empty names, got '\(list)'")
      }
      classNames = names
    }
    bootstrap = try arguments.integer("bootstrap", in: 2...100_000)
    seed = UInt64(try arguments.integer("seed", in: 0...Int.max) ?? 0)
    confidence = try arguments.number("confidence") ?? 0.95
    if !(confidence > 0 && confidence < 1) {
      throw arguments.usageError(
        "'--confidence \(arguments.value("confidence") ?? "")' must be in (0, 1), such as 0.95")
    }
    if bootstrap == nil, let given = ["seed", "confidence"].first(where: arguments.has) {
      throw arguments.usageError("'--\(given)' applies to the bootstrap; add '--bootstrap <n>'")
    }
    if bootstrap != nil && distributed {
      throw arguments.usageError("'--bootstrap' and '--distributed' cannot be used together")
    }
    if curves != nil && task == .regression {
      throw arguments.usageError(
        "'--curves' draws ROC, precision-recall or confusion-matrix charts; --task regression has none")
    }
  }
}
