import Objectives

/// The text the demo prints: the loss formula, a per-epoch table, the best epoch and the final
/// metrics.
struct DemoReport {
  let training: DemoTraining
  /// At most this many epochs are listed; longer runs list every k-th epoch, the best and the last.
  static let maximumRows = 50

  /// The series the best epoch is chosen on: the validation value of the trained loss.
  var monitor: String { "val/" + training.loss.name }

  /// The best epoch of the monitored series, by the loss's direction (the earliest on ties).
  var best: BestValue? { try? training.history.best(monitor) }

  var text: String {
    let c = training.configuration
    var lines: [String] = []
    lines.append(
      "Iris: \(training.data.train.count) training and \(training.data.validation.count) validation flowers; "
        + "a 4-\(c.hidden)-3 tanh network, Adam (learning rate \(NumberFormatting.shortest(c.learningRate))), "
        + "batches of \(c.batchSize), seed \(c.seed)")
    lines.append("")
    lines.append("Loss: \(training.loss.formula)")
    lines.append("")
    lines += epochTable()
    if let best {
      let direction = best.direction == .maximize ? "higher is better" : "lower is better"
      lines.append("")
      lines.append(
        "Best epoch: \(best.time) (\(monitor) = \(FloatFormat.standard(best.value)), \(direction))"
      )
    }
    var final = Results()
    for series in training.history.series {
      if let value = series.last {
        final.append(.init(name: series.name, value: value, direction: series.direction))
      }
    }
    if !final.isEmpty {
      lines.append("")
      lines.append("Final metrics (epoch \(training.epochCount)):")
      lines.append(final.table())
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `epoch  <series…>`, one row per listed epoch.
  func epochTable() -> [String] {
    // Training: the combined loss and each component; validation: the combined loss and the
    // metrics (the validation components are in the final metrics and the history).
    let components = Set(training.loss.componentNames.map { "val/" + $0 })
    let series = training.history.series.filter { s in
      s.points.allSatisfy { $0.value.scalar != nil } && (training.loss.isLeaf || !components.contains(s.name))
    }
    guard !series.isEmpty else { return [] }
    var rows = [["epoch"] + series.map(\.name)]
    for epoch in listedEpochs() {
      var row = [String(epoch)]
      for s in series {
        let v = s.points.first { $0.time == epoch }?.value.scalar ?? .nan
        row.append(FloatFormat.standard(v))
      }
      rows.append(row)
    }
    let widths = (0..<rows[0].count).map { j in rows.map { $0[j].count }.max() ?? 0 }
    return rows.map { row in
      row.enumerated().map { j, cell in String(repeating: " ", count: widths[j] - cell.count) + cell }
        .joined(separator: "  ")
    }
  }

  /// Every epoch, or for long runs every k-th epoch with the first, the best and the last.
  func listedEpochs() -> [Int] {
    let n = training.epochCount
    guard n > Self.maximumRows else { return Array(1...max(n, 1)).filter { $0 <= n } }
    let step = (n + Self.maximumRows - 1) / Self.maximumRows
    let bestEpoch = best?.time
    return (1...n).filter { $0 % step == 0 || $0 == 1 || $0 == n || $0 == bestEpoch }
  }
}
