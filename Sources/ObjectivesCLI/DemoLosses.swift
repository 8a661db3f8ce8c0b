import Foundation
import Objectives

/// The targets of the demo's losses: class indices, and the same classes one-hot encoded.
struct DemoTargets: Sendable {
  let labels: [Int]
  let oneHot: [Double]
  let classes: Int

  init(labels: [Int], classes: Int) {
    self.labels = labels
    self.classes = classes
    var y = [Double](repeating: 0, count: labels.count * classes)
    for (i, c) in labels.enumerated() { y[i * classes + c] = 1 }
    oneHot = y
  }
}

/// The losses the demo can compose, as leaves over the model's logits. Every leaf supplies its
/// vector-Jacobian product, so any composition of them has a gradient.
enum DemoLosses {
  typealias DemoLoss = Loss<[Double], DemoTargets, Double>

  /// The composition trained by default.
  static let defaultFormula = "[CE] + 0.5 x [MSE]"

  /// The leaves, by the name used in formulas, with a description for the help.
  static func leaves(classes: Int) -> [(name: String, help: String, loss: DemoLoss)] {
    [
      ("CE", "cross-entropy of the logits with the class labels", crossEntropy(classes: classes)),
      (
        "MSE", "mean squared error between the softmax probabilities and the one-hot targets",
        squaredError(classes: classes)
      ),
    ]
  }

  static func crossEntropy(classes k: Int) -> DemoLoss {
    DemoLoss(
      "CE",
      { (z: [Double], t: DemoTargets) throws(ObjectiveError) -> Evaluation<Double> in
        let p = softmax(z, classes: k)
        return .samples((0..<t.labels.count).map { i in -log(p[i * k + t.labels[i]]) })
      },
      vectorJacobianProduct: { z, t, c throws(ObjectiveError) in
        var g = softmax(z, classes: k)
        for i in 0..<t.labels.count {
          for j in 0..<k { g[i * k + j] = c[i] * (g[i * k + j] - t.oneHot[i * k + j]) }
        }
        return g
      })
  }

  static func squaredError(classes k: Int) -> DemoLoss {
    DemoLoss(
      "MSE",
      { (z: [Double], t: DemoTargets) throws(ObjectiveError) -> Evaluation<Double> in
        let p = softmax(z, classes: k)
        return .samples(
          (0..<t.labels.count).map { i in
            var s = 0.0
            for j in 0..<k {
              s += (p[i * k + j] - t.oneHot[i * k + j]) * (p[i * k + j] - t.oneHot[i * k + j])
            }
            return s / Double(k)
          })
      },
      vectorJacobianProduct: { z, t, c throws(ObjectiveError) in
        let p = softmax(z, classes: k)
        var gp = [Double](repeating: 0, count: p.count)
        for i in 0..<t.labels.count {
          for j in 0..<k { gp[i * k + j] = c[i] * 2 * (p[i * k + j] - t.oneHot[i * k + j]) / Double(k) }
        }
        return softmaxBackward(probabilities: p, gradient: gp, classes: k)
      })
  }

  /// Row-wise softmax of `n × classes` logits.
  static func softmax(_ z: [Double], classes k: Int) -> [Double] {
    var p = z
    for i in 0..<(z.count / k) {
      var m = -Double.infinity
      for j in 0..<k { m = max(m, z[i * k + j]) }
      var s = 0.0
      for j in 0..<k {
        p[i * k + j] = exp(z[i * k + j] - m)
        s += p[i * k + j]
      }
      for j in 0..<k { p[i * k + j] /= s }
    }
    return p
  }

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
