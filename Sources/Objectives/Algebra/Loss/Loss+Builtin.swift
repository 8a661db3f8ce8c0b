// The built-in per-sample losses as `Loss` leaves, named as formulas print them: `[MSE]`, `[CE]`.
//
// Each call makes a new leaf (a new identity): bind a built-in once and reuse the binding, as with
// any leaf (`let mse = Loss.mse()`; `mse + 0.5 * mse ** 2`). The per-sample structs (`MSELoss`, …)
// keep their registry names (`mse`, `cross_entropy`, …) as the keys of the functional API and of
// `BuiltinLoss(named:)`; `Loss(_:name:)` makes a leaf of any of them under any name.

extension Loss where Output == [Double], Target == [Double], Value == Double {
  /// `[MSE]`: the mean squared error over samples of `width` elements (see ``MSELoss``).
  public static func mse(width: Int = 1, fileID: String = #fileID, line: Int = #line) -> Loss {
    Loss(MSELoss(width: width), name: "MSE", fileID: fileID, line: line)
  }

  /// `[MAE]`: the mean absolute error over samples of `width` elements (see ``MAELoss``).
  public static func mae(width: Int = 1, fileID: String = #fileID, line: Int = #line) -> Loss {
    Loss(MAELoss(width: width), name: "MAE", fileID: fileID, line: line)
  }

  /// `[Huber]`: the Huber loss with threshold `delta` (see ``HuberLoss``).
  /// - Throws: `invalidArgument` when `delta` is not positive and finite.
  public static func huber(
    delta: Double = 1, width: Int = 1, fileID: String = #fileID, line: Int = #line
  ) throws(ObjectiveError) -> Loss {
    Loss(try HuberLoss(delta: delta, width: width), name: "Huber", fileID: fileID, line: line)
  }

  /// `[SmoothL1]`: the smooth L1 loss with threshold `beta` (see ``SmoothL1Loss``).
  /// - Throws: `invalidArgument` when `beta` is negative or not finite.
  public static func smoothL1(
    beta: Double = 1, width: Int = 1, fileID: String = #fileID, line: Int = #line
  ) throws(ObjectiveError) -> Loss {
    Loss(try SmoothL1Loss(beta: beta, width: width), name: "SmoothL1", fileID: fileID, line: line)
  }

  /// `[BCE]`: binary cross-entropy of probabilities (see ``BinaryCrossEntropyLoss``).
  public static func binaryCrossEntropy(width: Int = 1, fileID: String = #fileID, line: Int = #line) -> Loss {
    Loss(BinaryCrossEntropyLoss(width: width), name: "BCE", fileID: fileID, line: line)
  }

  /// `[BCEWithLogits]`: binary cross-entropy of logits (see ``BinaryCrossEntropyWithLogitsLoss``).
  public static func binaryCrossEntropyWithLogits(
    positiveWeight: Double = 1, width: Int = 1, fileID: String = #fileID, line: Int = #line
  ) -> Loss {
    Loss(
      BinaryCrossEntropyWithLogitsLoss(positiveWeight: positiveWeight, width: width), name: "BCEWithLogits",
      fileID: fileID, line: line)
  }

  /// `[Hinge]`: the (squared) hinge loss (see ``HingeLoss``).
  public static func hinge(
    labels: HingeLoss.Labels = .signed, margin: Double = 1, squared: Bool = false, width: Int = 1,
    fileID: String = #fileID, line: Int = #line
  ) -> Loss {
    Loss(
      HingeLoss(labels: labels, margin: margin, squared: squared, width: width), name: "Hinge",
      fileID: fileID, line: line)
  }

  /// `[KL]`: the KL divergence of rows of `numClasses` (see ``KLDivergenceLoss``).
  /// - Throws: `invalidArgument` when `numClasses < 1`.
  public static func klDivergence(
    numClasses: Int, input: KLDivergenceLoss.Input = .logProbabilities, logTarget: Bool = false,
    fileID: String = #fileID, line: Int = #line
  ) throws(ObjectiveError) -> Loss {
    Loss(
      try KLDivergenceLoss(numClasses: numClasses, input: input, logTarget: logTarget), name: "KL",
      fileID: fileID, line: line)
  }
}

extension Loss where Output == [Double], Target == [Int], Value == Double {
  /// `[CE]`: cross-entropy of logits against class indices (see ``CrossEntropyLoss``).
  /// - Throws: `invalidArgument` when `numClasses < 1` or `labelSmoothing` is outside `[0, 1]`.
  public static func crossEntropy(
    numClasses: Int, labelSmoothing: Double = 0, fileID: String = #fileID, line: Int = #line
  ) throws(ObjectiveError) -> Loss {
    Loss(
      try CrossEntropyLoss(numClasses: numClasses, labelSmoothing: labelSmoothing), name: "CE",
      fileID: fileID, line: line)
  }
}
