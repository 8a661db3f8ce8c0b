#if canImport(_Differentiation)
  import _Differentiation

  extension PerSampleLoss where Output: DifferentiableLossOutput {
    /// The mean of the per-sample values, differentiable with respect to the outputs: a model
    /// written with `@differentiable(reverse)` functions can call it inside `gradient(at:of:)`.
    ///
    /// Its derivative is registered from the loss's hand-written ``vectorJacobianProduct(_:_:cotangents:)``
    /// with cotangents `1/n`, so Swift's automatic differentiation never steps through the loss's
    /// loops. A differentiable function cannot throw: a batch the loss refuses gives NaN and a zero
    /// gradient; ``mean(_:_:)`` throws the reason, and a ``Loss`` leaf of this loss used through a
    /// ``LossTape`` reports it.
    @differentiable(reverse,wrt: outputs)
    public func differentiableMean(_ outputs: Output, _ targets: Target) -> Double {
      (try? mean(outputs, targets)) ?? .nan
    }

    @derivative(of: differentiableMean, wrt: outputs)
    @usableFromInline func differentiableMeanWithPullback(_ outputs: Output, _ targets: Target) -> (
      value: Double, pullback: (Double) -> Output.TangentVector
    ) {
      let zero = Output.zeroTangent(like: outputs)
      do throws(ObjectiveError) {
        let perSample = try values(outputs, targets)
        let n = perSample.count
        var sum = CompensatedSum()
        sum.add(contentsOf: perSample)
        let value = n == 0 ? Double.nan : sum.value(dividedBy: Double(n))
        let gradient = try vectorJacobianProduct(
          outputs, targets, cotangents: Array(repeating: n == 0 ? 0 : 1 / Double(n), count: n))
        return (value, { cotangent in Output.tangent(gradient, scaledBy: cotangent) })
      } catch {
        return (.nan, { _ in zero })
      }
    }
  }
#endif
