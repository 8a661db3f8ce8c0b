import Foundation
import Objectives

/// `objectives demo`: trains a small model on Iris with a composed loss and prints and writes what
/// the package tracks.
enum DemoCommand {
  static let spec = CommandSpec(
    name: "demo", fullName: "objectives demo",
    abstract: "Train a small network on the Iris data with a composed loss, and report it.",
    synopsis:
      "[--epochs <n>] [--seed <s>] [--loss <formula> | --config <file>] [--autodiff] [--output <dir>] [--checkpoint <file>]",
    positionals: [],
    options: [
      OptionSpec("epochs", value: "n", help: "Number of training epochs (default 40)."),
      OptionSpec(
        "seed", value: "s",
        help:
          "Seed of the split, the initial weights and the batch order\n(default 2); a seed gives the same run every time."
      ),
      OptionSpec(
        "loss", value: "formula",
        help: "The loss to train, composed from the leaves below\n(default \"\(DemoLosses.defaultFormula)\")."
      ),
      .flag(
        "autodiff",
        help:
          "Take the gradient from Swift's automatic differentiation\n(_Differentiation) instead of the hand-written backward pass;\nthe table is the same."
      ),
      OptionSpec(
        "config", value: "file",
        help:
          "Train the loss of a configuration file instead (see\n'objectives describe'); its metrics are validated."
      ),
      OptionSpec(
        "output", value: "dir",
        help: "Where to write history.csv and the SVG charts\n(default ./objectives-demo)."),
      OptionSpec(
        "checkpoint", value: "file",
        help:
          "Write the run to <file> atomically after every epoch, and\nresume from it when it exists (same results as a run\nnever interrupted)."
      ),
    ],
    discussion: """
      LEAVES (for --loss):
      \(leafHelp)

      FILES (in --output):
        history.csv           every logged value (name, axis, time, direction, value)
        training.svg          training and validation curves, one panel per quantity
        confusion_matrix.svg  the validation confusion matrix after the last epoch
        cartography.svg       the data map of the validation flowers (confidence in
                              the true species vs its variability over the epochs)
        hardest_samples.csv   the 10 validation flowers with the lowest mean confidence
                              (example_id is the row of the Iris data set)
        worst_samples.svg     the validation loss of the 5 worst flowers, per epoch

      EXAMPLES:
        objectives demo
        objectives demo --epochs 60 --seed 7 --loss "[CE] + 0.25 x [MSE]" --output runs/demo
        objectives demo --checkpoint run.json   (killed, run again: it resumes)
        objectives demo --config loss.json
      """)

  /// One line per leaf for the help.
  static var leafHelp: String {
    let leaves = (try? DemoLosses.leaves(classes: DemoData.classCount)) ?? []
    return leaves.map { "  [\($0.name)]".padding(toLength: 15, withPad: " ", startingAt: 0) + $0.help }
      .joined(separator: "\n")
  }

  static func run(_ arguments: ParsedArguments) throws(CommandError) -> String {
    try arguments.expectPositionals(atMost: 0)
    var configuration = DemoTraining.Configuration()
    configuration.epochs = try arguments.integer("epochs", in: 1...10_000) ?? configuration.epochs
    if let text = arguments.value("seed") {
      guard let seed = UInt64(text) else {
        throw arguments.usageError(
          "The value '\(text)' is invalid for '--seed <s>': expected an integer in 0...\(UInt64.max)")
      }
      configuration.seed = seed
    }
    configuration.formula = arguments.value("loss") ?? configuration.formula
    configuration.autodiff = arguments.has("autodiff")
    let output = arguments.value("output") ?? "objectives-demo"

    if let path = arguments.value("config") {
      if arguments.has("loss") {
        throw arguments.usageError("'--loss' and '--config' cannot be used together")
      }
      let (loss, metrics) = try DemoConfiguration.read(path)
      configuration.formula = loss.formula
      configuration.metrics = metrics
      return try train(configuration, loss: loss, output: output, checkpoint: arguments.value("checkpoint"))
    }
    let leaves = try lift { () throws(ObjectiveError) in try DemoLosses.leaves(classes: DemoData.classCount) }
    let loss: DemoLosses.DemoLoss
    do throws(FormulaError) {
      loss = try DemoLosses.DemoLoss(parsing: configuration.formula, leaves: leaves.map(\.loss))
    } catch {
      let names = leaves.map { "[\($0.name)]" }.joined(separator: ", ")
      throw .formula(error, formula: configuration.formula, hint: "The leaves of the demo are \(names).")
    }

    return try train(configuration, loss: loss, output: output, checkpoint: arguments.value("checkpoint"))
  }

  /// Trains `loss` as `configuration` asks, writes the files and returns the report.
  static func train(
    _ configuration: DemoTraining.Configuration, loss: DemoLosses.DemoLoss, output: String,
    checkpoint: String?
  ) throws(CommandError) -> String {
    var training = DemoTraining(configuration, loss: loss)
    var progress = Progress(label: "demo", delay: .zero)
    try lift { () throws(ObjectiveError) in
      try training.train(checkpoint: checkpoint) { epoch in
        progress.update(
          epoch, unit: "of \(configuration.epochs) epochs",
          fraction: Double(epoch) / Double(configuration.epochs))
      }
    }
    progress.finish()
    let written = try DemoFiles.write(training, to: output)
    return DemoReport(training: training).text + "\nWrote " + written.joined(separator: ", ") + "\n"
  }
}
