import Objectives

/// `--bootstrap N --seed S`: the task's evaluator on every row, and `N` copies of it that see each
/// row as many times as the library's Poisson bootstrap says (`BootstrapSampling.count`, fixed by
/// the seed, the row's index in the file and the replicate), so the intervals do not depend on
/// `--chunk-rows`.
struct BootstrapEvaluator: BatchEvaluator {
  var point: any BatchEvaluator
  var replicates: [any BatchEvaluator]
  let seed: UInt64
  let level: Double
  let layout: ColumnLayout
  /// The index (from 0, in file order) of the next row.
  var nextRow = 0

  init(_ evaluator: any BatchEvaluator, replicates: Int, seed: UInt64, level: Double, layout: ColumnLayout) {
    point = evaluator
    self.replicates = Array(repeating: evaluator, count: replicates)
    self.seed = seed
    self.level = level
    self.layout = layout
  }

  mutating func update(_ batch: RowBatch) throws(ObjectiveError) {
    try point.update(batch)
    let (o, t) = (layout.outputsPerRow, layout.targetsPerRow)
    var resampled = RowBatch()
    for r in replicates.indices {
      resampled.removeAll()
      for row in 0..<batch.count {
        let copies = BootstrapSampling.count(seed: seed, row: nextRow + row, replicate: r)
        for _ in 0..<copies {
          resampled.lines.append(batch.lines[row])
          resampled.outputs.append(contentsOf: batch.outputs[(row * o)..<((row + 1) * o)])
          if !batch.labels.isEmpty {
            resampled.labels.append(contentsOf: batch.labels[(row * t)..<((row + 1) * t)])
          }
          if !batch.values.isEmpty {
            resampled.values.append(contentsOf: batch.values[(row * t)..<((row + 1) * t)])
          }
        }
      }
      if !resampled.isEmpty { try replicates[r].update(resampled) }
    }
    nextRow += batch.count
  }

  /// The point results, with `<name>/low` and `<name>/high` after each scalar or vector entry.
  func results() -> Results {
    let values = point.results()
    let intervals = BootstrapInterval.intervals(
      point: values, replicates: replicates.map { $0.results() }, level: level)
    var out = Results()
    for entry in values.entries {
      out.append(entry)
      let own = intervals.filter { $0.name == entry.name || $0.name.hasPrefix(entry.name + "[") }
      guard !own.isEmpty else { continue }
      let scalar = entry.value.scalar != nil
      out.append(
        .init(name: entry.name + "/low", value: scalar ? .scalar(own[0].low) : .vector(own.map(\.low))))
      out.append(
        .init(name: entry.name + "/high", value: scalar ? .scalar(own[0].high) : .vector(own.map(\.high))))
    }
    return out
  }

  func writeCharts(to directory: String) throws(CommandError) -> [String] {
    try point.writeCharts(to: directory)
  }
}

/// The output of `--bootstrap`: each value with its interval, in the chosen format.
enum IntervalOutput {
  static func format(_ results: Results, _ options: EvaluateOptions) -> String {
    let intervals = BootstrapInterval.reported(in: results, level: options.confidence)
    switch options.format {
    case .table:
      let note =
        "\(NumberFormatting.shortest(options.confidence * 100))% percentile intervals, "
        + "\(options.bootstrap ?? 0) Poisson bootstrap replicates, seed \(options.seed)"
      return BootstrapInterval.table(intervals) + note + "\n"
    case .json: return BootstrapInterval.json(intervals)
    case .csv: return BootstrapInterval.csv(intervals)
    }
  }
}
