/// Leaves over logits and class indices made from losses of `Double` targets: the targets are
/// one-hot encoded, and the outputs are the logits themselves or their softmax probabilities (the
/// gradient then carried back through the softmax).
enum ClassIndexLeaves {
  typealias ClassLoss = Loss<[Double], [Int], Double>

  /// The elementwise losses applied to the logits (the others take probabilities).
  static let logitLosses: Set<String> = ["binary_cross_entropy_with_logits", "hinge"]

  /// A leaf applying `loss` to the logits and the one-hot targets.
  static func onLogits<L: PerSampleLoss>(_ name: String, _ loss: L, classes k: Int) -> ClassLoss
  where L.Output == [Double], L.Target == [Double] {
    ClassLoss(
      name,
      { (z: [Double], labels: [Int]) throws(ObjectiveError) -> Evaluation<Double> in
        .samples(try loss.values(z, oneHot(labels, classes: k)))
      },
      vectorJacobianProduct: { z, labels, cotangents throws(ObjectiveError) in
        try loss.vectorJacobianProduct(z, oneHot(labels, classes: k), cotangents: cotangents)
      })
  }

  /// A leaf applying `loss` to the softmax probabilities and the one-hot targets.
  static func onProbabilities<L: PerSampleLoss>(_ name: String, _ loss: L, classes k: Int) -> ClassLoss
  where L.Output == [Double], L.Target == [Double] {
    ClassLoss(
      name,
      { (z: [Double], labels: [Int]) throws(ObjectiveError) -> Evaluation<Double> in
        .samples(try loss.values(Functional.softmax(z, numClasses: k), oneHot(labels, classes: k)))
      },
      vectorJacobianProduct: { z, labels, cotangents throws(ObjectiveError) in
        let p = Functional.softmax(z, numClasses: k)
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
