import Foundation
import Objectives

/// Writes one CSV row per input row for `--per-sample FILE`, as the rows stream past: the row's
/// name (its `id`, or its line number when the file has no id column) and its per-sample
/// quantities, computed by the library (`SampleQuantities`, the collectors' code):
///
/// | task       | columns after the name                                                   |
/// |------------|--------------------------------------------------------------------------|
/// | binary     | `target, predicted, confidence, true_class_probability, correct, loss`   |
/// | multiclass | `target, predicted, confidence, true_class_probability, correct, loss`   |
/// | multilabel | `correct_labels, exact_match, loss`                                      |
/// | regression | `squared_error, absolute_error` (means over the outputs)                 |
///
/// The probability columns and `loss` are left out for `--input labels`.
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

  var header: [String] {
    let name = layout.idColumn != nil ? "id" : "line"
    return [name] + ((try? quantities(RowBatch()).names) ?? [])
  }

  /// Appends the rows of `batch`.
  func write(_ batch: RowBatch) throws(CommandError) {
    let columns = try lift { () throws(ObjectiveError) in try quantities(batch).columns }
    var text = ""
    text.reserveCapacity(batch.count * 40)
    for i in 0..<batch.count {
      text += batch.ids.isEmpty ? String(batch.lines[i]) : CSVText.field(batch.ids[i])
      for column in columns { text += "," + CSVText.number(column[i]) }
      text += "\n"
    }
    try append(text)
  }

  /// The per-sample quantities of every row of `batch` (the columns after the name).
  func quantities(_ batch: RowBatch) throws(ObjectiveError) -> SampleQuantities {
    let options = ClassificationOptions(inputKind: layout.input ?? .probabilities, threshold: threshold)
    switch layout.task {
    case .binary: return try .binary(batch.outputs, batch.labels, options: options)
    case .multiclass:
      return try .multiclass(batch.outputs, batch.labels, numClasses: layout.width, options: options)
    case .multilabel:
      return try .multilabel(batch.outputs, batch.labels, numLabels: layout.width, options: options)
    case .regression: return try .regression(batch.outputs, batch.values, numOutputs: layout.width)
    }
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
