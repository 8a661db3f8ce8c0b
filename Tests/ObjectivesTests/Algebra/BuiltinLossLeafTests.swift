import Testing

@testable import Objectives

/// Built-in losses as leaves of the algebra: values, averaging and gradients through compositions.
@Suite struct BuiltinLossLeafTests {
  @Test func regressionLossesComposeWithGradients() throws {
    let mse = Loss(MSELoss(), name: "MSE")
    let mae = Loss(MAELoss(), name: "MAE")
    let huber = Loss(try HuberLoss(delta: 0.5), name: "Huber")
    var loss = mse ** 2 + 0.5 * mae + huber / 3
    #expect(loss.formula == "[MSE]^2 + 0.5 x [MAE] + [Huber] / 3")
    let outputs = [0.3, -1.2, 2.5, 0.9]
    let targets = [0.1, -0.7, 1.0, 1.4]
    let (value, gradient) = try loss.valueAndGradient(outputs, targets)
    for i in outputs.indices {
      let h = 1e-6
      var up = outputs
      var down = outputs
      up[i] += h
      down[i] -= h
      let numeric =
        (try loss.valueAndGradient(up, targets).value - loss.valueAndGradient(down, targets).value) / (2 * h)
      #expect(isClose(gradient[i], numeric, relative: 1e-6))
    }
    // Per-sample leaves: every sample counts once across batches.
    try loss.update(Array(outputs[..<1]), Array(targets[..<1]))
    try loss.update(Array(outputs[1...]), Array(targets[1...]))
    let expectedMSE = try MSELoss().mean(outputs, targets)
    #expect(isClose(loss.compute().scalar("MSE")!, expectedMSE, relative: 1e-15))
    #expect(value.isFinite)
  }

  @Test func crossEntropyLeavesOverLogits() throws {
    let ce = Loss(try CrossEntropyLoss(numClasses: 3), name: "CE")
    let smooth = Loss(try CrossEntropyLoss(numClasses: 3, labelSmoothing: 0.2), name: "Smoothed")
    let loss = ce + 0.1 * smooth
    let logits = [2.0, 0.5, -1.0, 0.1, 0.2, 0.3]
    let labels = [0, 2]
    let (value, gradient) = try loss.valueAndGradient(logits, labels)
    let plain = try CrossEntropyLoss(numClasses: 3).mean(logits, labels)
    let smoothed = try CrossEntropyLoss(numClasses: 3, labelSmoothing: 0.2).mean(logits, labels)
    let expected = plain + 0.1 * smoothed
    #expect(isClose(value, expected, relative: 1e-14))
    #expect(gradient.count == logits.count)
    // Each row's gradient of a softmax cross-entropy sums to zero.
    #expect(abs(gradient[0..<3].reduce(0, +)) < 1e-12)
    #expect(throws: ObjectiveError.self) { try loss.valueAndGradient(logits, [0, 3]) }
  }
}
