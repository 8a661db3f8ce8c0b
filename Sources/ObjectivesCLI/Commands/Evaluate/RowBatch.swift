import Objectives

/// A chunk of decoded rows of a prediction file, flat and row-major, ready for a metric update.
struct RowBatch: Sendable {
  /// The line each row came from, to name it in errors.
  var lines: [Int] = []
  /// `count × outputsPerRow` scores, logits, labels or regression predictions.
  var outputs: [Double] = []
  /// `count × targetsPerRow` class labels (classification tasks).
  var labels: [Int] = []
  /// `count × targetsPerRow` targets (regression).
  var values: [Double] = []
  /// The `id` of each row, kept only for per-sample output.
  var ids: [String] = []

  var count: Int { lines.count }
  var isEmpty: Bool { lines.isEmpty }

  mutating func removeAll() {
    lines.removeAll(keepingCapacity: true)
    outputs.removeAll(keepingCapacity: true)
    labels.removeAll(keepingCapacity: true)
    values.removeAll(keepingCapacity: true)
    ids.removeAll(keepingCapacity: true)
  }

  mutating func reserveCapacity(rows: Int, layout: ColumnLayout) {
    lines.reserveCapacity(rows)
    outputs.reserveCapacity(rows * layout.outputsPerRow)
    if layout.task.isClassification {
      labels.reserveCapacity(rows * layout.targetsPerRow)
    } else {
      values.reserveCapacity(rows * layout.targetsPerRow)
    }
  }
}

extension ColumnLayout {
  /// The largest deviation from 1 accepted for the sum of a multiclass probability row (files often
  /// hold probabilities rounded to two or three decimals).
  static let probabilitySumTolerance = 0.01

  /// Decodes the reader's current record into `batch`. After a thrown error the batch holds a
  /// partial row and must be discarded (the command stops without a result).
  /// - Throws: `ObjectiveError.malformedInput` with the line and column of a wrong field count, an
  ///   unparsable number, a label out of range, a probability outside [0, 1], a multiclass
  ///   probability row that does not sum to 1, or, under `--nan-policy error`, a NaN score or a
  ///   non-finite regression value (the library's own check would name only the row).
  func decode(_ reader: CSVReader, into batch: inout RowBatch, keepingID: Bool = false) throws(ObjectiveError)
  {
    try reader.expectFieldCount(fieldCount)
    let labelCount = task == .multiclass ? width : 2
    let startOutputs = batch.outputs.count
    for column in outputColumns {
      let x: Double
      if input == .labels {
        let label = try reader.integer(at: column)
        guard (0..<labelCount).contains(label) else {
          throw reader.fieldError(column, "is not a label in 0..<\(labelCount)")
        }
        x = Double(label)
      } else {
        x = try reader.double(at: column)
        if x.isNaN || (!task.isClassification && x.isInfinite) {
          try checkNaNPolicy(reader, column)
        } else if input == .probabilities && !(x >= 0 && x <= 1) {
          throw reader.fieldError(
            column, "is not a probability in [0, 1] (use --input logits for unnormalised scores)")
        }
      }
      batch.outputs.append(x)
    }
    if task == .multiclass && input == .probabilities {
      var sum = 0.0
      for x in batch.outputs[startOutputs...] { sum += x }
      if abs(sum - 1) > Self.probabilitySumTolerance {
        throw ObjectiveError.malformedInput(
          line: reader.line, column: 0,
          reason:
            "the probabilities score_0…score_\(width - 1) sum to \(NumberFormatting.shortest(sum)), not 1 (use --input logits for unnormalised scores)"
        )
      }
    }
    if task.isClassification {
      for column in targetColumns {
        let label = try reader.integer(at: column)
        guard (0..<labelCount).contains(label) else {
          throw reader.fieldError(column, "is not a label in 0..<\(labelCount)")
        }
        batch.labels.append(label)
      }
    } else {
      for column in targetColumns {
        let y = try reader.double(at: column)
        if !y.isFinite { try checkNaNPolicy(reader, column) }
        batch.values.append(y)
      }
    }
    if keepingID, let idColumn { batch.ids.append(reader.string(at: idColumn)) }
    batch.lines.append(reader.line)
  }

  /// Under `--nan-policy error`, the error for the non-finite field `column`; otherwise nothing
  /// (the library omits or propagates it).
  private func checkNaNPolicy(_ reader: CSVReader, _ column: Int) throws(ObjectiveError) {
    guard nanPolicy == .error else { return }
    let what = task.isClassification ? "is NaN" : "is not finite"
    throw reader.fieldError(
      column, "\(what) (--nan-policy error); use --nan-policy omit to leave such rows out, or propagate")
  }
}
