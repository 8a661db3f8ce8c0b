import Objectives

/// Which columns of a prediction file hold the targets and the outputs, found from its header.
///
/// | task       | targets                     | outputs                                          |
/// |------------|-----------------------------|--------------------------------------------------|
/// | binary     | `target`                    | `score`, or `prediction` with `--input labels`   |
/// | multiclass | `target`                    | `score_0` … `score_{C-1}`, or `prediction`       |
/// | multilabel | `target_0` … `target_{L-1}` | `score_0` …, or `prediction_0` … for labels      |
/// | regression | `target` or `target_0` …    | `prediction` or `prediction_0` …                 |
///
/// Other columns are ignored; an `id` column names rows in messages.
struct ColumnLayout: Sendable {
  let task: EvaluationTask
  /// What the output columns mean.
  let input: InputKind?
  let targetColumns: [Int]
  let outputColumns: [Int]
  let idColumn: Int?
  /// The number of fields every row must have.
  let fieldCount: Int
  /// Classes (multiclass), labels (multilabel) or outputs (regression); 1 for binary.
  let width: Int
  /// `--nan-policy`: under `.error` a NaN score (or a non-finite regression value) stops the
  /// command at its line and column while decoding.
  let nanPolicy: NaNPolicy

  init(header: [String], options: EvaluateOptions) throws(CommandError) {
    task = options.task
    nanPolicy = options.nanPolicy
    fieldCount = header.count
    var index: [String: Int] = [:]
    for (i, name) in header.enumerated() {
      if index[name] != nil && Self.isReserved(name) {
        throw .objective(
          .malformedInput(line: 1, column: i + 1, reason: "the column '\(name)' appears twice in the header"))
      }
      index[name] = index[name] ?? i
    }
    idColumn = index["id"]
    func missing(_ name: String, _ why: String) -> CommandError {
      .objective(
        .malformedInput(
          line: 1, column: 0,
          reason: "missing column '\(name)'\(why); the header has: \(header.joined(separator: ","))"))
    }
    func required(_ name: String, _ why: String = "") throws(CommandError) -> Int {
      guard let i = index[name] else { throw missing(name, why) }
      return i
    }
    /// `prefix0`, `prefix1`, … as long as they exist.
    func numbered(_ prefix: String) -> [Int] {
      var columns: [Int] = []
      while let i = index["\(prefix)\(columns.count)"] { columns.append(i) }
      return columns
    }
    func checkWidth(_ found: Int, _ option: String, _ what: String) throws(CommandError) {
      if let given = options.width, given != found {
        throw .objective(
          .malformedInput(
            line: 1, column: 0, reason: "--\(option) \(given) but the header has \(found) \(what) columns"))
      }
    }

    switch options.task {
    case .binary:
      targetColumns = [try required("target")]
      let kind =
        options.input ?? (index["score"] != nil || index["prediction"] == nil ? .probabilities : .labels)
      input = kind
      outputColumns = [
        kind == .labels
          ? try required("prediction", " (--input labels reads hard predictions)")
          : try required("score", " (or 'prediction' with --input labels)")
      ]
      width = 1

    case .multiclass:
      targetColumns = [try required("target")]
      let scores = numbered("score_")
      let kind = options.input ?? (!scores.isEmpty || index["prediction"] == nil ? .probabilities : .labels)
      input = kind
      if kind == .labels {
        outputColumns = [try required("prediction", " (--input labels reads hard predictions)")]
        guard let classes = options.width else {
          throw .usage(
            "'--classes <n>' is required for --task multiclass with a 'prediction' column",
            command: EvaluateCommand.spec)
        }
        width = classes
      } else {
        guard scores.count >= 2 else {
          throw .objective(
            .malformedInput(
              line: 1, column: 0,
              reason:
                "expected columns score_0, score_1, … (one per class) or 'prediction' with --input labels; the header has: \(header.joined(separator: ","))"
            ))
        }
        try checkWidth(scores.count, "classes", "score_")
        outputColumns = scores
        width = scores.count
      }

    case .multilabel:
      let targets = numbered("target_")
      guard !targets.isEmpty else { throw missing("target_0", " (one target_i column per label)") }
      try checkWidth(targets.count, "labels", "target_")
      let scores = numbered("score_")
      let predictions = numbered("prediction_")
      let kind = options.input ?? (!scores.isEmpty || predictions.isEmpty ? .probabilities : .labels)
      input = kind
      let outputs = kind == .labels ? predictions : scores
      let prefix = kind == .labels ? "prediction_" : "score_"
      guard outputs.count == targets.count else {
        throw .objective(
          .malformedInput(
            line: 1, column: 0,
            reason:
              "the header has \(targets.count) target_ columns and \(outputs.count) \(prefix) columns; expected one \(prefix)i per target_i"
          ))
      }
      targetColumns = targets
      outputColumns = outputs
      width = targets.count

    case .regression:
      input = nil
      let targets = numbered("target_")
      if targets.isEmpty {
        targetColumns = [try required("target", " (or target_0, target_1, …)")]
        outputColumns = [try required("prediction")]
      } else {
        let predictions = numbered("prediction_")
        guard predictions.count == targets.count else {
          throw .objective(
            .malformedInput(
              line: 1, column: 0,
              reason:
                "the header has \(targets.count) target_ columns and \(predictions.count) prediction_ columns; expected one prediction_i per target_i"
            ))
        }
        targetColumns = targets
        outputColumns = predictions
      }
      try checkWidth(targetColumns.count, "outputs", "target")
      width = targetColumns.count
    }
  }

  /// Names whose duplication would make the layout ambiguous.
  static func isReserved(_ name: String) -> Bool {
    name == "id" || name == "target" || name == "score" || name == "prediction" || name.hasPrefix("target_")
      || name.hasPrefix("score_") || name.hasPrefix("prediction_")
  }

  /// How many output values each row contributes.
  var outputsPerRow: Int { outputColumns.count }
  /// How many target values each row contributes.
  var targetsPerRow: Int { targetColumns.count }
}
