extension Loss where Output: GradientVector {
  /// The batch's combined value and its gradient with respect to the outputs, by the chain rule
  /// through the tree and each leaf's vector-Jacobian product. Accumulates nothing.
  ///
  /// The gradient is that of the value `forward` returns: the mean of the per-sample combined
  /// values, or the batch value. Partial derivatives of the tree are taken on the leaves' `Double`
  /// values.
  /// - Throws: `ObjectiveError.invalidArgument` when a leaf has no vector-Jacobian product, and any
  ///   error of the leaves.
  public func valueAndGradient(_ outputs: Output, _ targets: Target) throws(ObjectiveError) -> (
    value: Value, gradient: Output
  ) {
    let batch = try evaluateBatch(outputs, targets)
    return (Self.batchValue(batch), try gradient(of: batch, outputs, targets))
  }

  /// As `forward`, and also returns the gradient of the batch's combined value with respect to the
  /// outputs; each leaf is evaluated once.
  public mutating func forwardWithGradient(_ outputs: Output, _ targets: Target) throws(ObjectiveError) -> (
    value: Value, gradient: Output
  ) {
    let batch = try evaluateBatch(outputs, targets)
    let g = try gradient(of: batch, outputs, targets)
    if !metrics.isEmpty { try metrics.update(outputs, targets) }
    accumulate(batch)
    return (Self.batchValue(batch), g)
  }

  func gradient(of batch: BatchEvaluation<Value>, _ outputs: Output, _ targets: Target) throws(ObjectiveError)
    -> Output
  {
    let n = batch.sampleCount
    // cotangents[k][i]: ∂(batch value)/∂(leaf k's value i).
    var cotangents = batch.leaves.map { [Double](repeating: 0, count: $0.count) }
    var partials = [Double](repeating: 0, count: leaves.count)
    let scale = batch.isPerSample ? 1 / Double(n) : 1
    for i in 0..<(batch.isPerSample ? n : 1) {
      for k in partials.indices { partials[k] = 0 }
      expression.backpropagate(
        adjoint: scale, leaf: { batch.leaves[$0].value(at: i).objectiveDouble }, into: &partials)
      for k in partials.indices {
        if batch.leaves[k].isPerSample {
          cotangents[k][i] += partials[k]
        } else {
          cotangents[k][0] += partials[k]
        }
      }
    }
    var total: Output? = nil
    for (k, leaf) in leaves.enumerated() {
      guard let vjp = leaf.vectorJacobianProduct else {
        throw .invalidArgument("[\(leaf.name)] has no vector-Jacobian product, so \(formula) has no gradient")
      }
      let g = try vjp(outputs, targets, cotangents[k])
      if total == nil { total = g } else { total!.addGradient(g) }
    }
    return total!
  }
}
