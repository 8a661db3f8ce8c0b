import Objectives

/// The text the demo prints: the loss formula, a per-epoch table, the best epoch and the final
/// metrics.
struct DemoReport {
  let training: DemoTraining
  /// At most this many epochs are listed; longer runs list every k-th epoch, the best and the last.
  static let maximumRows = 50

  /// The series the best epoch is chosen on: the validation value of the trained loss.
  var monitor: String { "val/" + (training.loss.isLeaf ? training.loss.name : training.loss.name) }

  /// The epoch with the best monitored value, by the loss's direction (the first one on ties).
  var best: DemoTraining.Epoch? {
    let higher = training.loss.higherIsBetter
    var best: DemoTraining.Epoch? = nil
    for e in training.epochs {
      guard let v = e.validation.scalar(monitor), !v.isNaN else { continue }
      if let b = best, let bv = b.validation.scalar(monitor), higher ? v <= bv : v >= bv { continue }
      best = e
    }
    return best
  }

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
      let value = best.validation.scalar(monitor) ?? .nan
      let direction = training.loss.higherIsBetter ? "higher is better" : "lower is better"
      lines.append("")
      lines.append(
        "Best epoch: \(best.number) (\(monitor) = \(ResultsText.format(value, .decimals(4))), \(direction))")
    }
    if let last = training.epochs.last {
      lines.append("")
      lines.append("Final metrics (epoch \(last.number)):")
      var all = last.train
      all.append(contentsOf: last.validation)
      lines.append(ResultsText.table(all, numbers: .decimals(4)).trailingNewlineRemoved)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `epoch  <train scalars>  <validation scalars>`, one row per listed epoch.
  func epochTable() -> [String] {
    guard let first = training.epochs.first else { return [] }
    let names =
      (first.train.filter { $0.value.scalar != nil } + first.validation.filter { $0.value.scalar != nil })
      .map(\.name)
    let epochs = listedEpochs()
    var rows = [["epoch"] + names]
    for e in epochs {
      var row = [String(e.number)]
      for name in names {
        let v = e.train.scalar(name) ?? e.validation.scalar(name) ?? .nan
        row.append(ResultsText.format(v, .decimals(4)))
      }
      rows.append(row)
    }
    let widths = (0..<rows[0].count).map { j in rows.map { $0[j].count }.max() ?? 0 }
    return rows.map { row in
      row.enumerated().map { j, cell in String(repeating: " ", count: widths[j] - cell.count) + cell }
        .joined(separator: "  ")
    }
  }

  func listedEpochs() -> [DemoTraining.Epoch] {
    let all = training.epochs
    guard all.count > Self.maximumRows else { return all }
    let step = (all.count + Self.maximumRows - 1) / Self.maximumRows
    let bestNumber = best?.number
    return all.filter {
      $0.number % step == 0 || $0.number == 1 || $0.number == all.count || $0.number == bestNumber
    }
  }
}

extension String {
  var trailingNewlineRemoved: String {
    var s = Substring(self)
    while s.last == "\n" { s = s.dropLast() }
    return String(s)
  }
}
