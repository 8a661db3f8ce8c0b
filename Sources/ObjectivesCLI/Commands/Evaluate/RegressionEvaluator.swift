import Objectives

/// Regression metrics fed with the decoded rows.
struct RegressionEvaluator: BatchEvaluator {
  var objective: Regression<Double>
  let layout: ColumnLayout

  mutating func update(_ batch: RowBatch) throws(ObjectiveError) {
    do throws(ObjectiveError) {
      try objective.update(batch.outputs, batch.values)
    } catch {
      throw Self.located(error, in: batch, layout: layout)
    }
  }

  func results() -> Results { objective.compute() }

  func writeCharts(to directory: String) throws(CommandError) -> [String] { [] }
}
