import Objectives

/// The rows of one part of a prediction file, decoded on a worker: every row up to the first
/// error, and that error (line numbers counted from the part's first line).
struct DecodedPart: Sendable {
  var batch = RowBatch()
  var error: ObjectiveError? = nil
}

extension EvaluateCommand {
  /// Reads the data rows of the regular file `path` (bytes `dataStart..<fileSize`, first data line
  /// `firstLine`) in parts decoded on all cores (`CSVParts`), and feeds them in file order, in
  /// chunks of `chunkRows`, to the evaluator and the per-sample file: the same updates with the same
  /// rows as the sequential `stream`, so the results are bit-identical to it under any number of
  /// workers, and so are the errors (the first in file order). A file with quoted fields continues
  /// sequentially from the first part that holds one. Returns the number of rows.
  static func streamInParallel(
    path: String, dataStart: Int, fileSize: Int, firstLine: Int, header: [String], _ layout: ColumnLayout,
    chunkRows: Int, into evaluator: inout any BatchEvaluator, perSample writer: PerSampleWriter?
  ) throws(CommandError) -> Int {
    let keepIDs = writer != nil && layout.idColumn != nil
    let parts = try lift { () throws(ObjectiveError) in
      try CSVParts(
        path: path, dataStart: dataStart, fileSize: fileSize, firstLine: firstLine, header: header
      ) { reader in layout.decodeAll(reader, keepingID: keepIDs) }
    }
    var batch = RowBatch()
    batch.reserveCapacity(rows: chunkRows, layout: layout)
    var progress = Progress(label: "evaluate")
    defer { progress.finish() }
    var rows = 0
    var partsDone = 0
    while let (part, lineOffset) = try lift({ () throws(ObjectiveError) in try parts.next() }) {
      partsDone += 1
      var start = 0
      while start < part.batch.count {
        let take = min(chunkRows - batch.count, part.batch.count - start)
        batch.append(part.batch, rows: start..<(start + take), lineOffset: lineOffset, layout: layout)
        start += take
        rows += take
        if batch.count == chunkRows {
          try lift { () throws(ObjectiveError) in try evaluator.update(batch) }
          try writer?.write(batch)
          batch.removeAll()
          progress.update(
            rows, unit: "rows", fraction: Double(partsDone) / Double(max(parts.ranges.count, 1)))
        }
      }
      if let error = part.error { throw .objective(error.shiftingLines(by: lineOffset)) }
    }
    if let resume = parts.resumePoint {
      let reader = try lift { () throws(ObjectiveError) in
        try CSVReader(path: path, offset: resume.offset, firstLine: resume.line, header: header)
      }
      return try stream(
        reader, layout, chunkRows: chunkRows, into: &evaluator, perSample: writer, pending: batch,
        rowsSoFar: rows)
    }
    if !batch.isEmpty {
      try lift { () throws(ObjectiveError) in try evaluator.update(batch) }
      try writer?.write(batch)
    }
    return rows
  }
}

extension ColumnLayout {
  /// Decodes every record of `reader` until the end or the first error.
  func decodeAll(_ reader: CSVReader, keepingID: Bool) -> DecodedPart {
    var part = DecodedPart()
    do throws(ObjectiveError) {
      while try reader.next() {
        let kept = (part.batch.outputs.count, part.batch.labels.count, part.batch.values.count)
        do throws(ObjectiveError) {
          try decode(reader, into: &part.batch, keepingID: keepingID)
        } catch {
          part.batch.outputs.removeLast(part.batch.outputs.count - kept.0)
          part.batch.labels.removeLast(part.batch.labels.count - kept.1)
          part.batch.values.removeLast(part.batch.values.count - kept.2)
          throw error
        }
      }
    } catch {
      part.error = error
    }
    return part
  }
}

extension RowBatch {
  /// Appends `rows` of `other`, adding `lineOffset` to their line numbers.
  mutating func append(_ other: RowBatch, rows: Range<Int>, lineOffset: Int, layout: ColumnLayout) {
    let outputs = layout.outputsPerRow
    let targets = layout.targetsPerRow
    self.outputs.append(contentsOf: other.outputs[(rows.lowerBound * outputs)..<(rows.upperBound * outputs)])
    let targetRange = (rows.lowerBound * targets)..<(rows.upperBound * targets)
    if !other.labels.isEmpty { labels.append(contentsOf: other.labels[targetRange]) }
    if !other.values.isEmpty { values.append(contentsOf: other.values[targetRange]) }
    if !other.ids.isEmpty { ids.append(contentsOf: other.ids[rows]) }
    lines.append(contentsOf: other.lines[rows].lazy.map { $0 + lineOffset })
  }
}

extension ObjectiveError {
  /// The error with `offset` added to its line number (for an error found in a part of a file).
  func shiftingLines(by offset: Int) -> ObjectiveError {
    guard case .malformedInput(let line, let column, let reason) = self, line > 0 else { return self }
    return .malformedInput(line: line + offset, column: column, reason: reason)
  }
}
