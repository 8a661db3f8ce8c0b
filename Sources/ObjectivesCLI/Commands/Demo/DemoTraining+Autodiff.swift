import Foundation
import Objectives

#if canImport(_Differentiation)
  import _Differentiation

  extension DemoModel {
    /// The logits of `n` rows of features as a differentiable function of the parameters: the
    /// arithmetic of ``forward(_:)``, in the same order, so both give the same logits.
    @differentiable(reverse,wrt: parameters)
    func logits(_ parameters: [Double], _ x: [Double]) -> [Double] {
      let n = x.count / inputs
      var z: [Double] = []
      for i in 0..<n {
        var h: [Double] = []
        for j in 0..<hidden {
          var s = parameters[b1Offset + j]
          for k in 0..<inputs { s += parameters[w1Offset + j * inputs + k] * x[i * inputs + k] }
          h.append(tanh(s))
        }
        for c in 0..<classes {
          var s = parameters[b2Offset + c]
          for j in 0..<hidden { s += parameters[w2Offset + c * hidden + j] * h[j] }
          z.append(s)
        }
      }
      return z
    }
  }

  extension DemoTraining {

    /// The gradient of the batch's loss with respect to the parameters, from Swift's automatic
    /// differentiation through the network and the loss's registered derivative; the loss records
    /// the batch as `forward` would.
    func autodiffGradient(_ x: [Double], _ targets: [Int], loss: inout DemoLosses.DemoLoss)
      throws(ObjectiveError) -> [Double]
    {
      let model = self.model
      let (_, gradient) = try loss.valueWithGradient(at: model.parameters) { parameters, loss in
        loss(model.logits(parameters, x), targets)
      }
      return gradient.base
    }
  }
#else
  extension DemoTraining {

    /// Refuses: the toolchain has no `_Differentiation` module.
    func autodiffGradient(_ x: [Double], _ targets: [Int], loss: inout DemoLosses.DemoLoss)
      throws(ObjectiveError) -> [Double]
    {
      throw .invalidArgument("--autodiff needs a Swift toolchain with the _Differentiation module")
    }
  }
#endif
