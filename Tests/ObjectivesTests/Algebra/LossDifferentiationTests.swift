#if canImport(_Differentiation)
  import _Differentiation
  import Foundation
  import Objectives
  import Testing

  /// A tiny model: `outputs[i] = tanh(p[i]) · x[i] + p[last]`, differentiable in its parameters.
  @differentiable(reverse,wrt: parameters)
  func tinyModel(_ parameters: [Double], _ x: [Double]) -> [Double] {
    var outputs: [Double] = []
    let last = withoutDerivative(at: parameters.count) - 1
    for i in 0..<withoutDerivative(at: x.count) {
      outputs.append(tanh(parameters[i]) * x[i] + parameters[last])
    }
    return outputs
  }

  /// Swift autodiff through composed losses: the gradient with respect to a model's parameters
  /// equals central finite differences and the hand-written vector-Jacobian products, and the loss
  /// records the forward pass.
  @Suite("Loss differentiation")
  struct LossDifferentiationTests {
    typealias L = Loss<[Double], [Double], Double>

    let parameters: [Double] = [0.3, -0.7, 1.1, 0.2, -0.4, 0.9, 0.15]
    let x: [Double] = [1.5, -2.0, 0.8, 2.5, -1.2, 0.6]
    let targets: [Double] = [2.0, -1.0, 3.0, -0.5, 1.8, -2.2]

    let mse = L(MSELoss(width: 2), name: "MSE")
    let mae = L(MAELoss(width: 2), name: "MAE")
    let huber: L
    /// A user leaf whose derivative comes from Swift's automatic differentiation.
    let l4 = L.differentiable("L4") { (o: [Double], t: [Double]) -> Double in
      var s = 0.0
      for i in 0..<withoutDerivative(at: o.count) {
        let e = o[i] - t[i]
        s += e * e * e * e
      }
      return s / 100
    }
    /// A user leaf with a hand-written vector-Jacobian product, one value per sample of 2 elements.
    let cubic = L(
      "Cubic",
      { o, _ in .samples((0..<(o.count / 2)).map { (pow(o[2 * $0], 3) + pow(o[2 * $0 + 1], 3)) / 10 }) },
      vectorJacobianProduct: { o, _, c in o.indices.map { 0.3 * o[$0] * o[$0] * c[$0 / 2] } })

    init() throws {
      huber = L(try HuberLoss(delta: 1.5, width: 2), name: "Huber")
    }

    /// The compositions checked, by name.
    var compositions: [(String, L)] {
      [
        ("+", mse + 0.5 * mae),
        ("-", mse - 0.3 * huber + 1),
        ("x", mse * huber),
        ("/", mse / (1 + mae)),
        ("^", (mse ** 1.5) + (huber ** -1)),
        ("exp log sqrt", exp(-0.1 * mse) + log(1 + huber) + sqrt(mae)),
        ("abs min max clamp", abs(mse - 3 * huber) + min(mse, mae) + max(huber, 0.1) + clamp(mse, 0.01, 100)),
        ("shared leaves", mse * mse + 2 * mse - mae * mse / (mae + 1)),
        ("user leaves", l4 + 0.5 * cubic * mse + l4 * cubic),
      ]
    }

    /// The loss's value at `p` (the hand-written path, recording nothing).
    func value(_ loss: L, _ p: [Double]) throws -> Double {
      try loss.valueAndGradient(tinyModel(p, x), targets).value
    }

    /// The hand-written gradient with respect to the outputs, carried back through the model.
    func handWrittenGradient(_ loss: L, _ p: [Double]) throws -> [Double] {
      let outputs = tinyModel(p, x)
      let g = try loss.valueAndGradient(outputs, targets).gradient
      let (_, back) = valueWithPullback(at: p) { p in tinyModel(p, x) }
      return back(.init(g)).base
    }

    /// Central finite differences of the value with respect to each parameter.
    func finiteDifferences(_ loss: L, _ p: [Double]) throws -> [Double] {
      try p.indices.map { i in
        let h = 1e-5 * max(1, abs(p[i]))
        var up = p
        var down = p
        up[i] += h
        down[i] -= h
        return (try value(loss, up) - value(loss, down)) / (2 * h)
      }
    }

    @Test("the gradient of every composition equals finite differences and the hand-written gradient")
    func gradientsOfCompositions() throws {
      for (name, composition) in compositions {
        var loss = composition
        let (v, g) = try loss.valueWithGradient(at: parameters) { p, loss in loss(tinyModel(p, x), targets) }
        #expect(isClose(v, try value(composition, parameters)), "\(name)")
        let fd = try finiteDifferences(composition, parameters)
        let hand = try handWrittenGradient(composition, parameters)
        #expect(g.base.count == parameters.count)
        for i in parameters.indices {
          #expect(
            isClose(g.base[i], fd[i], relative: 1e-6, absolute: 1e-9),
            "\(name) ∂/∂p\(i): \(g.base[i]) vs \(fd[i])")
          #expect(isClose(g.base[i], hand[i], relative: 1e-12, absolute: 1e-15), "\(name) ∂/∂p\(i)")
        }
      }
    }

    @Test("the loss records the components of the forward pass, as forward does")
    func recordsTheForwardPass() throws {
      var differentiated = mse * mse + 0.5 * l4 + huber
      var forwarded = differentiated
      _ = try differentiated.valueWithGradient(at: parameters) { p, loss in loss(tinyModel(p, x), targets) }
      try forwarded.forward(tinyModel(parameters, x), targets)
      #expect(differentiated.state == forwarded.state)
      #expect(differentiated.compute().names == ["Combined Loss", "MSE", "L4", "Huber"])
    }

    @Test("through the standard gradient(at:of:), a tape evaluates each leaf once and is recorded after")
    func standardEntryPointsEvaluateOnce() throws {
      let counter = CallCounter()
      let counted = L(
        "Counted",
        { o, t in
          counter.tick()
          return .samples(zip(o, t).map { ($0 - $1) * ($0 - $1) })
        },
        vectorJacobianProduct: { o, t, c in (0..<o.count).map { 2 * (o[$0] - t[$0]) * c[$0] } })
      var loss = counted * counted + exp(-counted) + 3 * counted
      let tape = loss.tape()
      let g = gradient(at: parameters) { p in tape(tinyModel(p, x), targets) + 0.01 * p[0] * p[0] }
      #expect(counter.value == 1)
      #expect(tape.batchCount == 1)
      try loss.record(tape)
      #expect(loss.state.batches == 1)
      let hand = try handWrittenGradient(loss, parameters)
      #expect(isClose(g.base[0], hand[0] + 0.02 * parameters[0]))
      for i in 1..<parameters.count { #expect(isClose(g.base[i], hand[i])) }
    }

    @Test("an error of a leaf is thrown after differentiation, and nothing is recorded")
    func errorsAreThrown() throws {
      var loss = mse + mae
      #expect(throws: ObjectiveError.self) {
        try loss.valueWithGradient(at: parameters) { p, loss in loss(tinyModel(p, x), [1, 2, 3]) }
      }
      #expect(loss.state.batches == 0)

      var noGradient = mse + L("Opaque") { o, _ in .batch(o[0]) }
      #expect(
        throws: ObjectiveError.invalidArgument(
          "[Opaque] has no vector-Jacobian product, so [MSE] + [Opaque] has no gradient")
      ) {
        try noGradient.valueWithGradient(at: parameters) { p, loss in loss(tinyModel(p, x), targets) }
      }
      var other = mse + mae
      #expect(throws: ObjectiveError.self) { try other.record(mse.tape()) }
    }

    @Test("built-in losses' differentiable mean has the hand-written gradient")
    func builtinDifferentiableMean() throws {
      let huberLoss = try HuberLoss(delta: 1.5)
      let g = gradient(at: parameters) { p in huberLoss.differentiableMean(tinyModel(p, x), targets) }
      let hand = try handWrittenGradient(L(huberLoss), parameters)
      let fd = try finiteDifferences(L(huberLoss), parameters)
      for i in parameters.indices {
        #expect(isClose(g.base[i], hand[i]))
        #expect(isClose(g.base[i], fd[i], relative: 1e-6, absolute: 1e-9))
      }

      let ce = try CrossEntropyLoss(numClasses: 3, labelSmoothing: 0.1)
      let labels = [2, 0]
      let logits = gradient(at: x) { z in ce.differentiableMean(z, labels) }
      #expect(logits.base == (try ce.gradientOfMean(x, labels)))
      #expect(gradient(at: x) { z in ce.differentiableMean(z, [7, 0]) }.base.allSatisfy { $0 == 0 })
      #expect(ce.differentiableMean(x, [7, 0]).isNaN)
    }

    @Test("Float outputs and values differentiate with the hand-written gradient")
    func floatLoss() throws {
      typealias F = Loss<[Float], [Float], Float>
      let squared = F(
        "Squared",
        { o, t in .samples(zip(o, t).map { ($0 - $1) * ($0 - $1) }) },
        vectorJacobianProduct: { o, t, c in (0..<o.count).map { 2 * (o[$0] - t[$0]) * Float(c[$0]) } })
      var loss = squared * squared + 2 * squared
      let outputs: [Float] = [0.5, -1, 2]
      let targets: [Float] = [1, 1, 1]
      let hand = try loss.valueAndGradient(outputs, targets)
      let (v, g) = try loss.valueWithGradient(at: outputs) { o, loss in loss(o, targets) }
      #expect(v == hand.value)
      #expect(g.base == hand.gradient)
      #expect(loss.state.batches == 1)
    }
  }
#endif
