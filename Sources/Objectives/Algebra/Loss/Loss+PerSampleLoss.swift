extension Loss where Value == Double {
  /// A leaf made from a built-in (or any) per-sample loss: its per-sample values, averaged exactly
  /// across batches, and its vector-Jacobian product, so compositions of it have gradients.
  ///
  /// ```swift
  /// let ce = Loss(try CrossEntropyLoss(numClasses: 3), name: "CE")
  /// let loss = ce + 0.1 * Loss(try CrossEntropyLoss(numClasses: 3, labelSmoothing: 0.2), name: "Smooth")
  /// let (value, gradient) = try loss.valueAndGradient(logits, labels)
  /// ```
  /// - Parameters:
  ///   - loss: The per-sample loss.
  ///   - name: The leaf's name; the loss's own `name` when `nil`.
  ///   - direction: `.minimize` (the default): losses are minimised.
  public init<L: PerSampleLoss>(
    _ loss: L, name: String? = nil, direction: Direction = .minimize, fileID: String = #fileID,
    line: Int = #line
  ) where L.Output == Output, L.Target == Target {
    self.init(
      name ?? loss.name, direction: direction, fileID: fileID, line: line,
      { (outputs: Output, targets: Target) throws(ObjectiveError) -> Evaluation<Double> in
        .samples(try loss.values(outputs, targets))
      },
      vectorJacobianProduct: {
        (outputs: Output, targets: Target, cotangents: [Double]) throws(ObjectiveError) -> Output in
        try loss.vectorJacobianProduct(outputs, targets, cotangents: cotangents)
      })
  }
}
