import Foundation
import Objectives

/// The files the demo writes: the history as CSV, the training and validation curves, and the
/// validation confusion matrix, as SVG; from the per-sample history of the validation flowers, the
/// data map (dataset cartography) as SVG, the hardest flowers as CSV and the trajectories of the
/// worst ones as SVG.
enum DemoFiles {
  static let history = "history.csv"
  static let curves = "training.svg"
  static let confusion = "confusion_matrix.svg"
  static let cartography = "cartography.svg"
  static let hardest = "hardest_samples.csv"
  static let trajectories = "worst_samples.svg"
  /// How many flowers `hardest_samples.csv` lists and the trajectories chart draws.
  static let hardestCount = 10
  static let trajectoryCount = 5

  /// Writes the files into `directory` (created if needed) and returns their paths.
  static func write(_ training: DemoTraining, to directory: String) throws(CommandError) -> [String] {
    let history = training.history
    var quantities: [String] = []
    for series in history.series where series.points.allSatisfy({ $0.value.scalar != nil }) {
      let name = series.name
      let quantity =
        name.hasPrefix("train/")
        ? String(name.dropFirst(6)) : name.hasPrefix("val/") ? String(name.dropFirst(4)) : name
      if !quantities.contains(quantity) { quantities.append(quantity) }
    }
    var contents: [(String, String)]
    do throws(ObjectiveError) {
      let curves = try TrainValidationChart(
        history: history, quantities: quantities, title: "Iris: \(training.loss.formula)", columns: 3)
      contents = [(Self.history, history.csv()), (Self.curves, curves.svg())]
      if let matrix = training.validationConfusion {
        let confusion = try ConfusionMatrixChart(
          matrix, labels: IrisData.classNames,
          title: "Validation confusion matrix, epoch \(training.epochCount)")
        contents.append((Self.confusion, confusion.svg()))
      }
      contents += try sampleFiles(training)
    } catch {
      throw .objective(error)
    }
    return try ChartFiles.write(contents, to: directory)
  }

  /// The data map, the hardest flowers and the trajectories of the worst, from the validation
  /// flowers' per-sample history.
  static func sampleFiles(_ training: DemoTraining) throws(ObjectiveError) -> [(String, String)] {
    guard !training.samples.isEmpty else { return [] }
    let map = try training.samples.cartography()
    let hardest = map.hardest(hardestCount)
    let chart = CartographyChart(
      cartography: map, title: "Iris validation data map, \(training.epochCount) epochs",
      labelled: hardest.prefix(5).map(\.exampleID))
    let worst = try training.samples.trajectoryChart(
      worst: trajectoryCount, by: "loss", higherIsBetter: false,
      title: "Validation loss of the \(trajectoryCount) worst flowers at the last epoch")
    return [
      (Self.cartography, chart.svg()), (Self.hardest, map.table(hardest).csv()),
      (Self.trajectories, worst.svg()),
    ]
  }
}
