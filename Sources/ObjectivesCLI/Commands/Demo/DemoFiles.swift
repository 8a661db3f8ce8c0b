import Foundation
import Objectives

/// The files the demo writes: the history as CSV, the training and validation curves, and the
/// validation confusion matrix, as SVG.
enum DemoFiles {
  static let history = "history.csv"
  static let curves = "training.svg"
  static let confusion = "confusion_matrix.svg"

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
    } catch {
      throw .objective(error)
    }
    return try ChartFiles.write(contents, to: directory)
  }
}
