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
/// The file is written under a temporary name and renamed when the whole input has been read, so a
/// failed run leaves no partial file.
struct PerSampleWriter {
  let layout: ColumnLayout
  let threshold: Double
  let path: String
  private let partialPath: String
  private let handle: FileHandle
  private var failed = false

  init(path: String, layout: ColumnLayout, threshold: Double) throws(CommandError) {
    self.path = path
    self.layout = layout
    self.threshold = threshold
    partialPath = path + ".partial"
    guard FileManager.default.createFile(atPath: partialPath, contents: nil),
      let handle = FileHandle(forWritingAtPath: partialPath)
    else {
      throw .failure("cannot write the per-sample file \(path)")
    }
    self.handle = handle
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
    do {
      try handle.write(contentsOf: Data(text.utf8))
    } catch {
      throw .failure("cannot write the per-sample file \(path): \(error.localizedDescription)")
    }
  }

  /// Closes the file and gives it its final name.
  func finish() throws(CommandError) {
    do {
      try handle.close()
      if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
      try FileManager.default.moveItem(atPath: partialPath, toPath: path)
    } catch {
      throw .failure("cannot write the per-sample file \(path): \(error.localizedDescription)")
    }
  }

  /// Closes and removes the partial file after a failure.
  func discard() {
    try? handle.close()
    try? FileManager.default.removeItem(atPath: partialPath)
  }
}
