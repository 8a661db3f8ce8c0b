import Foundation

/// A one-hidden-layer perceptron, `inputs → hidden (tanh) → classes`, with hand-written backward
/// pass and the Adam optimiser; small enough to train on Iris in a debug build in a second.
struct DemoModel: Sendable, Codable {
  let inputs: Int
  let hidden: Int
  let classes: Int
  /// Parameters in one buffer: W1 (hidden × inputs), b1 (hidden), W2 (classes × hidden), b2 (classes).
  var parameters: [Double]
  private var firstMoment: [Double]
  private var secondMoment: [Double]
  private var steps = 0

  var w1Offset: Int { 0 }
  var b1Offset: Int { hidden * inputs }
  var w2Offset: Int { b1Offset + hidden }
  var b2Offset: Int { w2Offset + classes * hidden }

  /// Glorot-uniform weights and zero biases drawn from `generator`.
  init(inputs: Int, hidden: Int, classes: Int, generator: inout SeededGenerator) {
    self.inputs = inputs
    self.hidden = hidden
    self.classes = classes
    let count = hidden * inputs + hidden + classes * hidden + classes
    parameters = [Double](repeating: 0, count: count)
    firstMoment = parameters
    secondMoment = parameters
    let limit1 = (6 / Double(inputs + hidden)).squareRoot()
    for i in 0..<(hidden * inputs) { parameters[i] = (2 * generator.unit() - 1) * limit1 }
    let limit2 = (6 / Double(hidden + classes)).squareRoot()
    for i in 0..<(classes * hidden) { parameters[w2Offset + i] = (2 * generator.unit() - 1) * limit2 }
  }

  /// The hidden activations (`n × hidden`) and logits (`n × classes`) of `n` rows of features.
  func forward(_ x: [Double]) -> (hidden: [Double], logits: [Double]) {
    let n = x.count / inputs
    var h = [Double](repeating: 0, count: n * hidden)
    var z = [Double](repeating: 0, count: n * classes)
    for i in 0..<n {
      for j in 0..<hidden {
        var s = parameters[b1Offset + j]
        for k in 0..<inputs { s += parameters[w1Offset + j * inputs + k] * x[i * inputs + k] }
        h[i * hidden + j] = tanh(s)
      }
      for c in 0..<classes {
        var s = parameters[b2Offset + c]
        for j in 0..<hidden { s += parameters[w2Offset + c * hidden + j] * h[i * hidden + j] }
        z[i * classes + c] = s
      }
    }
    return (h, z)
  }

  /// The gradient of the loss with respect to the parameters, given the inputs, the hidden
  /// activations and the gradient with respect to the logits.
  func backward(_ x: [Double], hidden h: [Double], logitGradient g: [Double]) -> [Double] {
    let n = x.count / inputs
    var grad = [Double](repeating: 0, count: parameters.count)
    var dh = [Double](repeating: 0, count: hidden)
    for i in 0..<n {
      for j in 0..<hidden { dh[j] = 0 }
      for c in 0..<classes {
        let gc = g[i * classes + c]
        grad[b2Offset + c] += gc
        for j in 0..<hidden {
          grad[w2Offset + c * hidden + j] += gc * h[i * hidden + j]
          dh[j] += gc * parameters[w2Offset + c * hidden + j]
        }
      }
      for j in 0..<hidden {
        let a = h[i * hidden + j]
        let ds = dh[j] * (1 - a * a)
        grad[b1Offset + j] += ds
        for k in 0..<inputs { grad[w1Offset + j * inputs + k] += ds * x[i * inputs + k] }
      }
    }
    return grad
  }

  /// One Adam step (β₁ 0.9, β₂ 0.999, ε 1e-8) along `gradient`.
  mutating func step(_ gradient: [Double], learningRate: Double) {
    steps += 1
    let b1 = 0.9
    let b2 = 0.999
    let c1 = 1 - pow(b1, Double(steps))
    let c2 = 1 - pow(b2, Double(steps))
    for i in parameters.indices {
      let g = gradient[i]
      firstMoment[i] = b1 * firstMoment[i] + (1 - b1) * g
      secondMoment[i] = b2 * secondMoment[i] + (1 - b2) * g * g
      let m = firstMoment[i] / c1
      let v = secondMoment[i] / c2
      parameters[i] -= learningRate * m / (v.squareRoot() + 1e-8)
    }
  }

  /// Whether `other` has this model's layout: the same sizes and buffers of the same length (a
  /// model read from a checkpoint is used only if it has).
  func hasLayout(of other: DemoModel) -> Bool {
    (inputs, hidden, classes) == (other.inputs, other.hidden, other.classes)
      && [parameters.count, firstMoment.count, secondMoment.count].allSatisfy { $0 == other.parameters.count }
      && steps >= 0
  }
}
