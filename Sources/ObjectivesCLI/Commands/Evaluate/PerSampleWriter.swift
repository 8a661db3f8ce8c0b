import Foundation
import Objectives

/// Writes one CSV row per input row for `--per-sample FILE`, as the rows stream past: the row's
/// name (its `id`, or its line number when the file has no id column) and its values.
///
/// | task       | columns after the name                                        |
/// |------------|---------------------------------------------------------------|
/// | binary     | `target, predicted, correct, loss`                            |
/// | multiclass | `target, predicted, confidence, correct, loss`                |
/// | multilabel | `correct_labels, exact_match, loss`                           |
/// | regression | `squared_error, absolute_error` (means over the outputs)      |
///
/// `loss` is the built-in binary cross-entropy (of probabilities or logits) or cross-entropy, and
/// `confidence` the probability of the predicted class; both are left out for `--input labels`.
/// The file is an `OutputFile`: written under a temporary name and renamed when the whole input has
/// been read, so a failed or interrupted run leaves no partial file, and a target that exists and is
/// not a regular file is refused.
struct PerSampleWriter {
  let layout: ColumnLayout
  let threshold: Double
  let path: String
  private let file: OutputFile

  init(path: String, layout: ColumnLayout, threshold: Double) throws(CommandError) {
    self.path = path
    self.layout = layout
    self.threshold = threshold
    file = try OutputFile(path: path, what: "the per-sample file")
    try append(header.joined(separator: ",") + "\n")
  }

  var hasLoss: Bool { layout.input != .labels }

  var header: [String] {
    let name = layout.idColumn != nil ? "id" : "line"
    switch layout.task {
    case .binary: return [name, "target", "predicted", "correct"] + (hasLoss ? ["loss"] : [])
    case .multiclass:
      return [name, "target", "predicted"] + (hasLoss ? ["confidence"] : []) + ["correct"]
        + (hasLoss ? ["loss"] : [])
    case .multilabel: return [name, "correct_labels", "exact_match"] + (hasLoss ? ["loss"] : [])
    case .regression: return [name, "squared_error", "absolute_error"]
    }
  }

  /// Appends the rows of `batch`.
  func write(_ batch: RowBatch) throws(CommandError) {
    let columns = try lift { () throws(ObjectiveError) in try values(batch) }
    var text = ""
    text.reserveCapacity(batch.count * 40)
    for i in 0..<batch.count {
      text += batch.ids.isEmpty ? String(batch.lines[i]) : CSVText.field(batch.ids[i])
      for column in columns { text += "," + CSVText.number(column[i]) }
      text += "\n"
    }
    try append(text)
  }

  /// The value columns (after the name) of every row of `batch`.
  func values(_ batch: RowBatch) throws(ObjectiveError) -> [[Double]] {
    let n = batch.count
    let w = layout.outputsPerRow
    let z = batch.outputs
    switch layout.task {
    case .binary:
      let targets = batch.labels.map(Double.init)
      let predicted = z.map { layout.input == .labels ? $0 : (isPositive($0) ? 1 : 0) }
      let correct = zip(predicted, targets).map { $0 == $1 ? 1.0 : 0.0 }
      var columns = [targets, predicted, correct]
      if layout.input == .logits {
        columns.append(try BinaryCrossEntropyWithLogitsLoss().values(z, targets))
      } else if layout.input == .probabilities {
        columns.append(try BinaryCrossEntropyLoss().values(z, targets))
      }
      return columns
    case .multiclass:
      let targets = batch.labels.map(Double.init)
      if layout.input == .labels {
        return [targets, z, zip(z, targets).map { $0 == $1 ? 1.0 : 0.0 }]
      }
      let logits = layout.input == .logits ? z : z.map { log($0) }
      let probabilities = Functional.softmax(logits, numClasses: w)
      var predicted = [Double](repeating: 0, count: n)
      var confidence = [Double](repeating: 0, count: n)
      for i in 0..<n {
        var best = 0
        for c in 1..<w where probabilities[i * w + c] > probabilities[i * w + best] { best = c }
        predicted[i] = Double(best)
        confidence[i] = probabilities[i * w + best]
      }
      let correct = zip(predicted, targets).map { $0 == $1 ? 1.0 : 0.0 }
      let loss = try CrossEntropyLoss(numClasses: w).values(logits, batch.labels)
      return [targets, predicted, confidence, correct, loss]
    case .multilabel:
      let targets = batch.labels.map(Double.init)
      var correctLabels = [Double](repeating: 0, count: n)
      for i in 0..<n {
        for j in 0..<w {
          let p = layout.input == .labels ? z[i * w + j] : (isPositive(z[i * w + j]) ? 1 : 0)
          if p == targets[i * w + j] { correctLabels[i] += 1 }
        }
      }
      var columns = [correctLabels, correctLabels.map { $0 == Double(w) ? 1.0 : 0.0 }]
      if layout.input == .logits {
        columns.append(try BinaryCrossEntropyWithLogitsLoss(width: w).values(z, targets))
      } else if layout.input == .probabilities {
        columns.append(try BinaryCrossEntropyLoss(width: w).values(z, targets))
      }
      return columns
    case .regression:
      return [
        try MSELoss(width: w).values(z, batch.values), try MAELoss(width: w).values(z, batch.values),
      ]
    }
  }

  /// Whether a binary or multilabel score is called positive (the library's rule,
  /// `ClassificationOptions.isPositive`).
  func isPositive(_ score: Double) -> Bool {
    ClassificationOptions(inputKind: layout.input ?? .probabilities, threshold: threshold).isPositive(score)
  }

  private func append(_ text: String) throws(CommandError) {
    try file.write(text)
  }

  /// Closes the file and gives it its final name.
  func finish() throws(CommandError) {
    try file.finish()
  }

  /// Closes and removes the partial file after a failure.
  func discard() {
    file.discard()
  }
}
