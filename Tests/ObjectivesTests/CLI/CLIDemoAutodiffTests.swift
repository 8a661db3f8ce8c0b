#if canImport(_Differentiation)
  import _Differentiation
  import Foundation
  import Objectives
  @testable import ObjectivesCLI
  import Testing

  /// `objectives demo --autodiff`: the same training through Swift's automatic differentiation.
  @Suite("CLI demo on autodiff")
  struct CLIDemoAutodiffTests {
    /// The history a demo run writes.
    func history(_ arguments: [String]) throws -> (run: CLI.Run, history: History) {
      let directory = try CLI.temporaryDirectory()
      defer { try? FileManager.default.removeItem(at: directory) }
      let run = try CLI.run(["demo", "--output", "out"] + arguments, in: directory)
      let csv = try Data(contentsOf: directory.appendingPathComponent("out/history.csv"))
      return (run, try History(csv: String(decoding: csv, as: UTF8.self)))
    }

    @Test("--autodiff logs the default run's values to 1e-9 and prints the same table")
    func sameAsTheHandWrittenBackwardPass() throws {
      for arguments in [
        ["--epochs", "12", "--seed", "5"], ["--epochs", "6", "--loss", "exp(-[MAE]) + [BCE] x [CE]"],
      ] {
        let hand = try history(arguments)
        let autodiff = try history(arguments + ["--autodiff"])
        #expect(hand.run.status == 0 && autodiff.run.status == 0, "\(autodiff.run.stderr)")
        #expect(autodiff.history.names == hand.history.names)
        for name in hand.history.names {
          let a = try #require(autodiff.history[name]).points
          let b = try #require(hand.history[name]).points
          #expect(a.map(\.time) == b.map(\.time))
          for (p, q) in zip(a, b) {
            for (u, v) in zip(p.value.values, q.value.values) {
              #expect(abs(u - v) <= 1e-9 * max(1, abs(v)), "\(name) epoch \(p.time): \(u) vs \(v)")
            }
          }
        }
        #expect(autodiff.run.stdout == hand.run.stdout)
      }
    }

    @Test("the network's autodiff gradient equals finite differences and the hand-written backward pass")
    func networkGradient() throws {
      var generator = ObjectivesCLI.SeededGenerator(seed: 3)
      let model = DemoModel(inputs: 4, hidden: 5, classes: 3, generator: &generator)
      let x = (0..<12).map { _ in 2 * generator.unit() - 1 }
      let labels = [2, 0, 1]
      let leaves = try DemoLosses.leaves(classes: 3)
      let loss = try DemoLosses.DemoLoss(
        parsing: "[CE] + 0.5 x [MSE] + [Hinge]^2", leaves: leaves.map(\.loss))
      #expect(model.logits(model.parameters, x) == model.forward(x).logits)

      var recording = loss
      let (value, gradient) = try recording.valueWithGradient(at: model.parameters) { p, loss in
        loss(model.logits(p, x), labels)
      }
      let (hidden, logits) = model.forward(x)
      let (handValue, logitGradient) = try loss.valueAndGradient(logits, labels)
      let hand = model.backward(x, hidden: hidden, logitGradient: logitGradient)
      #expect(value == handValue)
      #expect(recording.state.batches == 1)

      func valueAt(_ parameters: [Double]) throws -> Double {
        var shifted = model
        shifted.parameters = parameters
        return try loss.valueAndGradient(shifted.forward(x).logits, labels).value
      }
      for i in model.parameters.indices {
        let h = 1e-5
        var up = model.parameters
        var down = model.parameters
        up[i] += h
        down[i] -= h
        let central = (try valueAt(up) - valueAt(down)) / (2 * h)
        #expect(isClose(gradient.base[i], hand[i], relative: 1e-12, absolute: 1e-15), "∂/∂θ\(i)")
        #expect(isClose(gradient.base[i], central, relative: 1e-6, absolute: 1e-9), "∂/∂θ\(i): \(central)")
      }
    }
  }
#endif
