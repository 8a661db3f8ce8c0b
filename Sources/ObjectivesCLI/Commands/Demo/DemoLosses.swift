import Objectives

/// The package's built-in losses as leaves over the model's logits, for composing with `--loss`.
/// Each leaf is a one-leaf loss configuration built by the library
/// (`Loss(configuration:classes:)`), so it takes its values and vector-Jacobian product from the
/// built-in loss, and any composition of them has a gradient.
enum DemoLosses {
  typealias DemoLoss = Loss<[Double], [Int], Double>

  /// The composition trained by default.
  static let defaultFormula = "[CE] + 0.5 x [MSE]"

  /// One leaf and what it measures.
  struct Leaf: Sendable {
    let name: String
    let help: String
    let loss: DemoLoss
  }

  /// The leaves, in the order the help lists them: name, help, registry loss and parameters.
  static let catalogue: [(String, String, String, [String: LossParameter])] = [
    ("CE", "cross-entropy of the logits (CrossEntropyLoss)", "cross_entropy", [:]),
    ("SmoothCE", "cross-entropy with label smoothing 0.1", "cross_entropy", ["label_smoothing": 0.1]),
    ("BCE", "one-vs-rest binary cross-entropy of the logits", "binary_cross_entropy_with_logits", [:]),
    ("Hinge", "one-vs-rest hinge loss of the logits", "hinge", [:]),
    ("MSE", "squared error of the softmax probabilities (MSELoss)", "mse", [:]),
    ("MAE", "absolute error of the softmax probabilities (MAELoss)", "mae", [:]),
  ]

  /// The leaves over logits of `k` classes, made from the library's loss registry.
  static func leaves(classes k: Int) throws(ObjectiveError) -> [Leaf] {
    var leaves: [Leaf] = []
    for (name, help, loss, parameters) in catalogue {
      do throws(LossConfigurationError) {
        let configuration = try LossConfiguration(
          formula: "[\(name)]",
          leaves: [LossConfiguration.Leaf(name: name, loss: loss, parameters: parameters)])
        leaves.append(
          Leaf(name: name, help: help, loss: try DemoLoss(configuration: configuration, classes: k)))
      } catch {
        throw .invalidArgument(error.description)
      }
    }
    return leaves
  }
}
