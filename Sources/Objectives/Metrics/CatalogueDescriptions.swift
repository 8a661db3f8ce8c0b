// Readable descriptions of the catalogue objectives and their options, for `print`, string
// interpolation and the `incompatibleState` messages that name two configurations.

extension ClassificationOptions: CustomStringConvertible {
  /// `probabilities, threshold 0.5, macro average, exact mode`, then whatever differs from the
  /// defaults: `ignore index -100`, `NaN omit`, `binned ranks (100 thresholds)`.
  public var description: String { describe(threshold: true, average: true) }

  /// The description, leaving out the options a task does not use.
  func describe(threshold showsThreshold: Bool, average showsAverage: Bool) -> String {
    var parts = [inputKind.rawValue]
    if showsThreshold && inputKind != .labels {
      parts.append("threshold \(NumberFormatting.shortest(threshold))")
    }
    if showsAverage { parts.append(average == .perClass ? "per-class values" : "\(average) average") }
    parts.append("\(mode) mode")
    if let ignoreIndex { parts.append("ignore index \(ignoreIndex)") }
    if nanPolicy != .propagate { parts.append("NaN \(nanPolicy)") }
    if case .binned(let t) = rankEstimation { parts.append("binned ranks (\(t) thresholds)") }
    return parts.joined(separator: ", ")
  }
}

/// `n samples` with the right plural.
func counted(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }

extension BinaryClassification: CustomStringConvertible {
  /// `binary classification [auroc, auprc, acc, f1, mcc] on probabilities, threshold 0.5, exact
  /// mode; 1000 samples`.
  public var description: String {
    "binary classification [\(metrics.map(\.name).joined(separator: ", "))] on "
      + "\(options.describe(threshold: true, average: false)); \(counted(state.samples, "sample"))"
  }
}

extension MulticlassClassification: CustomStringConvertible {
  /// `multiclass classification of 10 classes [acc, f1] on logits, macro average, exact mode;
  /// 0 samples`.
  public var description: String {
    "multiclass classification of \(numClasses) classes [\(metrics.map(\.name).joined(separator: ", "))] on "
      + "\(options.describe(threshold: false, average: true)); \(counted(state.samples, "sample"))"
  }
}

extension MultilabelClassification: CustomStringConvertible {
  /// `multilabel classification of 4 labels [auroc, …] on probabilities, threshold 0.5, macro
  /// average, exact mode; 12 rows`.
  public var description: String {
    "multilabel classification of \(counted(numLabels, "label")) [\(metrics.map(\.name).joined(separator: ", "))] on "
      + "\(options.describe(threshold: true, average: true)); \(counted(state.samples, "row"))"
  }
}

extension Regression: CustomStringConvertible {
  /// `regression of 1 output [pearson, spearman, r2, mse, rmse], exact mode; 100 rows`, with the
  /// multi-output aggregation when there are several outputs and the NaN policy unless `propagate`.
  public var description: String {
    var parts = ["\(mode) mode"]
    if numOutputs > 1 { parts.insert("\(multioutput)", at: 0) }
    if nanPolicy != .propagate { parts.append("NaN \(nanPolicy)") }
    return "regression of \(counted(numOutputs, "output")) [\(metrics.map(\.name).joined(separator: ", "))], "
      + "\(parts.joined(separator: ", ")); \(counted(sampleCount, "row"))"
  }
}

extension MultiTaskMetrics: CustomStringConvertible {
  /// `multi-task metrics of 2 tasks [sentiment, topic], macro aggregate`, with the key prefix and
  /// postfix when set.
  public var description: String {
    var text =
      "multi-task metrics of \(counted(taskNames.count, "task")) [\(taskNames.joined(separator: ", "))]"
    if let aggregate { text += ", \(aggregate) aggregate" }
    if !prefix.isEmpty || !postfix.isEmpty { text += ", keys \(prefix)…\(postfix)" }
    return text
  }
}

extension ROCPoint: CustomStringConvertible {
  /// `fpr 0.2500, tpr 0.7500 at threshold 0.6000` (`inf` for the first point).
  public var description: String {
    "fpr \(FloatFormat.standard(falsePositiveRate)), tpr \(FloatFormat.standard(truePositiveRate)) "
      + "at threshold \(FloatFormat.standard(threshold))"
  }
}

extension PrecisionRecallPoint: CustomStringConvertible {
  /// `precision 0.6667, recall 1.0000 at threshold 0.4000` (`inf` for the first point).
  public var description: String {
    "precision \(FloatFormat.standard(precision)), recall \(FloatFormat.standard(recall)) "
      + "at threshold \(FloatFormat.standard(threshold))"
  }
}
