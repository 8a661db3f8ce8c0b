import Foundation
import Objectives

/// The metrics of one evaluation task, fed chunk by chunk.
protocol BatchEvaluator {
  /// Accumulates one chunk of decoded rows.
  mutating func update(_ batch: RowBatch) throws(ObjectiveError)
  /// The metrics over every row so far.
  func results() -> Results
  /// Writes the task's SVG charts into `directory` (created if needed).
  func writeCharts(to directory: String) throws(CommandError)
}

extension EvaluateCommand {
  /// The evaluator for the task and options.
  static func makeEvaluator(_ layout: ColumnLayout, _ options: EvaluateOptions) throws(CommandError)
    -> ProvisionalEvaluator
  {
    ProvisionalEvaluator(layout: layout, threshold: options.threshold)
  }
}

/// Accuracy or mean squared error through the algebra's `Metric`, until the task factories land.
struct ProvisionalEvaluator: BatchEvaluator {
  let layout: ColumnLayout
  let threshold: Double
  var metric: Metric<RowBatch, Int>

  init(layout: ColumnLayout, threshold: Double) {
    self.layout = layout
    self.threshold = threshold
    let w = layout.outputsPerRow
    let input = layout.input
    switch layout.task {
    case .regression:
      metric = Metric("mse", higherIsBetter: false) { b, _ in
        .samples(zip(b.outputs, b.values).map { ($0 - $1) * ($0 - $1) })
      }
    case .multiclass:
      metric = Metric("acc", higherIsBetter: true) { b, _ in
        .samples(
          (0..<b.count).map { i in
            let predicted =
              input == .labels
              ? Int(b.outputs[i]) : (0..<w).max { b.outputs[i * w + $0] < b.outputs[i * w + $1] } ?? 0
            return predicted == b.labels[i] ? 1 : 0
          })
      }
    case .binary, .multilabel:
      let cut = input == .logits ? log(threshold / (1 - threshold)) : threshold
      metric = Metric("acc", higherIsBetter: true) { b, _ in
        .samples(zip(b.outputs, b.labels).map { ($0 >= cut ? 1 : 0) == $1 ? 1.0 : 0.0 })
      }
    }
  }

  mutating func update(_ batch: RowBatch) throws(ObjectiveError) { try metric.update(batch, 0) }
  func results() -> Results { metric.compute() }
  func writeCharts(to directory: String) throws(CommandError) {
    throw .failure("--curves needs the chart module, which is not available yet")
  }
}
