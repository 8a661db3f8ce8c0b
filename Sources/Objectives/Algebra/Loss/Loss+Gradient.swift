extension Loss where Output: GradientVector {
  /// The batch's combined value and its gradient with respect to the outputs, by the chain rule
  /// through the tree and each leaf's vector-Jacobian product. Accumulates nothing.
  ///
  /// The gradient is that of the value `forward` returns: the mean of the per-sample combined
  /// values, or the batch value. Partial derivatives of the tree are taken on the leaves' `Double`
  /// values.
  /// - Throws: `ObjectiveError.invalidArgument` when a leaf has no vector-Jacobian product (or the
  ///   loss has no leaf), and any error of the leaves.
  public func valueAndGradient(_ outputs: Output, _ targets: Target) throws(ObjectiveError) -> (
    value: Value, gradient: Output
  ) {
    let batch = try evaluateBatch(outputs, targets)
    return (Self.batchValue(batch), try gradient(of: batch, outputs, targets).outputs)
  }

  /// The batch's combined value, its gradient with respect to the outputs and its gradient with
  /// respect to each `{parameter}`, in one pass. Accumulates nothing.
  public func valueAndGradients(_ outputs: Output, _ targets: Target) throws(ObjectiveError) -> (
    value: Value, gradient: Output, parameters: [String: Double]
  ) {
    let batch = try evaluateBatch(outputs, targets)
    let (g, p) = try gradient(of: batch, outputs, targets)
    return (Self.batchValue(batch), g, p)
  }

  /// As `forward`, and also returns the gradient of the batch's combined value with respect to the
  /// outputs; each leaf is evaluated once.
  public mutating func forwardWithGradient(_ outputs: Output, _ targets: Target) throws(ObjectiveError) -> (
    value: Value, gradient: Output
  ) {
    let batch = try evaluateBatch(outputs, targets)
    let g = try gradient(of: batch, outputs, targets).outputs
    if !metrics.isEmpty { try metrics.update(outputs, targets) }
    accumulate(batch)
    return (Self.batchValue(batch), g)
  }

  func gradient(of batch: BatchEvaluation<Value>, _ outputs: Output, _ targets: Target) throws(ObjectiveError)
    -> (outputs: Output, parameters: [String: Double])
  {
    let (cotangents, parameterGradient) = partials(of: batch)
    var total: Output? = nil
    for (k, leaf) in leaves.enumerated() {
      guard let vjp = leaf.vectorJacobianProduct else {
        throw .invalidArgument("[\(leaf.name)] has no vector-Jacobian product, so \(formula) has no gradient")
      }
      let g = try vjp(outputs, targets, cotangents[k])
      if total == nil { total = g } else { total?.addGradient(g) }
    }
    guard let total else {
      throw .invalidArgument("\(formula) has no leaf, so it has no gradient with respect to the outputs")
    }
    return (total, parameterGradient)
  }
}

extension Loss {
  /// The batch's combined value and its gradient with respect to each `{parameter}` (the value
  /// `forward` returns, differentiated through the tree). Needs no vector-Jacobian product, and
  /// accumulates nothing.
  ///
  /// ```swift
  /// var loss = exp(-s) * ce + s                 // uncertainty weighting
  /// let (_, g) = try loss.valueAndParameterGradient(outputs, targets)
  /// try loss.setParameter("s", to: loss.parameters["s"]! - 0.1 * g["s"]!)
  /// ```
  public func valueAndParameterGradient(_ outputs: Output, _ targets: Target) throws(ObjectiveError) -> (
    value: Value, parameters: [String: Double]
  ) {
    let batch = try evaluateBatch(outputs, targets)
    return (Self.batchValue(batch), partials(of: batch).parameters)
  }

  /// `cotangents[k][i]`, the partial derivative of the batch value with respect to leaf `k`'s value
  /// `i`, and the partial derivative with respect to each parameter (0 for every parameter of the
  /// formula, even one the value does not depend on).
  func partials(of batch: BatchEvaluation<Value>) -> (cotangents: [[Double]], parameters: [String: Double]) {
    let n = batch.sampleCount
    var cotangents = batch.leaves.map { [Double](repeating: 0, count: $0.count) }
    var partials = [Double](repeating: 0, count: leaves.count)
    var parameterGradient: [String: Double] = [:]
    for name in parameterNames { parameterGradient[name] = 0 }
    let values = parameters
    let scale = batch.isPerSample ? 1 / Double(n) : 1
    for i in 0..<(batch.isPerSample ? n : 1) {
      for k in partials.indices { partials[k] = 0 }
      expression.backpropagate(
        adjoint: scale, leaf: { batch.leaves[$0].value(at: i).objectiveDouble },
        parameter: { values[$0] ?? .nan }, into: &partials, parameterGradient: &parameterGradient)
      for k in partials.indices {
        if batch.leaves[k].isPerSample {
          cotangents[k][i] += partials[k]
        } else {
          cotangents[k][0] += partials[k]
        }
      }
    }
    return (cotangents, parameterGradient)
  }
}
