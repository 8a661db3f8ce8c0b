import Foundation
import Objectives

/// The package's built-in losses as leaves over the model's logits, for composing with `--loss`.
/// Every leaf takes its values and vector-Jacobian product from the built-in loss, so any
/// composition of them has a gradient.
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

  /// The leaves, in the order the help lists them, made from the library's loss registry.
  static func leaves(classes k: Int) throws(ObjectiveError) -> [Leaf] {
    let width = LossParameter.number(Double(k))
    return [
      Leaf(
        name: "CE", help: "cross-entropy of the logits (CrossEntropyLoss)",
        loss: try classIndices("CE", "cross_entropy", ["classes": width])),
      Leaf(
        name: "SmoothCE", help: "cross-entropy with label smoothing 0.1",
        loss: try classIndices("SmoothCE", "cross_entropy", ["classes": width, "label_smoothing": 0.1])),
      Leaf(
        name: "BCE", help: "one-vs-rest binary cross-entropy of the logits",
        loss: onLogits(
          "BCE", try elementwise("binary_cross_entropy_with_logits", ["width": width]), classes: k)),
      Leaf(
        name: "Hinge", help: "one-vs-rest hinge loss of the logits",
        loss: onLogits("Hinge", try elementwise("hinge", ["labels": "binary", "width": width]), classes: k)),
      Leaf(
        name: "MSE", help: "squared error of the softmax probabilities (MSELoss)",
        loss: onProbabilities("MSE", try elementwise("mse", ["width": width]), classes: k)),
      Leaf(
        name: "MAE", help: "absolute error of the softmax probabilities (MAELoss)",
        loss: onProbabilities("MAE", try elementwise("mae", ["width": width]), classes: k)),
    ]
  }

  /// A registry loss over logits and class indices (`cross_entropy`) as a leaf named `name`.
  static func classIndices(_ name: String, _ loss: String, _ parameters: [String: LossParameter])
    throws(ObjectiveError) -> DemoLoss
  {
    guard case .crossEntropy(let ce) = try BuiltinLoss(named: loss, parameters: parameters) else {
      throw .invalidArgument("loss \"\(loss)\" does not take class indices")
    }
    return DemoLoss(ce, name: name)
  }

  /// A registry loss applied element by element.
  static func elementwise(_ loss: String, _ parameters: [String: LossParameter]) throws(ObjectiveError)
    -> any ElementwiseLoss
  {
    guard case .elementwise(let l) = try BuiltinLoss(named: loss, parameters: parameters) else {
      throw .invalidArgument("loss \"\(loss)\" is not elementwise")
    }
    return l
  }

  /// A leaf applying an elementwise `loss` to the logits and the one-hot targets (one-vs-rest).
  static func onLogits(_ name: String, _ loss: any ElementwiseLoss, classes k: Int) -> DemoLoss {
    DemoLoss(
      name,
      { (z: [Double], labels: [Int]) throws(ObjectiveError) -> Evaluation<Double> in
        .samples(try loss.values(z, oneHot(labels, classes: k)))
      },
      vectorJacobianProduct: { z, labels, cotangents throws(ObjectiveError) in
        try loss.vectorJacobianProduct(z, oneHot(labels, classes: k), cotangents: cotangents)
      })
  }

  /// A leaf applying `loss` to the softmax probabilities and the one-hot targets; the gradient is
  /// carried back through the softmax.
  static func onProbabilities(_ name: String, _ loss: any ElementwiseLoss, classes k: Int) -> DemoLoss {
    DemoLoss(
      name,
      { (z: [Double], labels: [Int]) throws(ObjectiveError) -> Evaluation<Double> in
        .samples(try loss.values(softmax(z, classes: k), oneHot(labels, classes: k)))
      },
      vectorJacobianProduct: { z, labels, cotangents throws(ObjectiveError) in
        let p = softmax(z, classes: k)
        let g = try loss.vectorJacobianProduct(p, oneHot(labels, classes: k), cotangents: cotangents)
        return softmaxBackward(probabilities: p, gradient: g, classes: k)
      })
  }

  /// The labels one-hot encoded, `n × classes`; a label outside `0..<classes` throws.
  static func oneHot(_ labels: [Int], classes k: Int) throws(ObjectiveError) -> [Double] {
    var y = [Double](repeating: 0, count: labels.count * k)
    for (i, c) in labels.enumerated() {
      guard (0..<k).contains(c) else { throw .labelOutOfRange(label: c, count: k, position: i) }
      y[i * k + c] = 1
    }
    return y
  }

  /// Row-wise softmax of `n × classes` logits (`Functional.softmax`, the library's log-softmax rule).
  static func softmax(_ z: [Double], classes k: Int) -> [Double] { Functional.softmax(z, numClasses: k) }

  /// The gradient with respect to the logits from one with respect to the probabilities:
  /// `∂/∂z_j = p_j (g_j − Σ_c g_c p_c)`.
  static func softmaxBackward(probabilities p: [Double], gradient g: [Double], classes k: Int) -> [Double] {
    var out = g
    for i in 0..<(p.count / k) {
      var dot = 0.0
      for j in 0..<k { dot += g[i * k + j] * p[i * k + j] }
      for j in 0..<k { out[i * k + j] = p[i * k + j] * (g[i * k + j] - dot) }
    }
    return out
  }
}
