// The built-in losses in one call: `Functional.crossEntropyLoss(logits, labels, numClasses: 3)`.
// Each builds the loss value and reduces its per-sample values (`PerSampleLoss.values`), so the
// functions share the losses' kernels and checks.

/// How the per-sample values of a loss are reduced to one number.
public enum LossReduction: String, Sendable, Codable, CaseIterable {
  /// The mean over samples (torch's `reduction="mean"`; `batchmean` for KL divergence). NaN for no
  /// sample.
  case mean
  /// The sum over samples (torch's `reduction="sum"`), compensated.
  case sum
}

extension Functional {
  /// The reduced value of any built-in or user `PerSampleLoss`.
  ///
  /// - Complexity: that of `loss.values`, plus O(n) for the compensated reduction.
  public static func loss<L: PerSampleLoss>(
    _ loss: L, _ outputs: L.Output, _ targets: L.Target, reduction: LossReduction = .mean
  ) throws(ObjectiveError) -> Double {
    switch reduction {
    case .mean: return try loss.mean(outputs, targets)
    case .sum:
      var total = CompensatedSum()
      total.add(contentsOf: try loss.values(outputs, targets))
      return total.value
    }
  }

  /// Squared error `(ŷ − y)²`, the mean over each sample's `width` elements (`MSELoss`).
  public static func mseLoss(
    _ outputs: [Double], _ targets: [Double], width: Int = 1, reduction: LossReduction = .mean
  ) throws(ObjectiveError) -> Double {
    try loss(MSELoss(width: width), outputs, targets, reduction: reduction)
  }

  /// Absolute error `|ŷ − y|` (`MAELoss`).
  public static func maeLoss(
    _ outputs: [Double], _ targets: [Double], width: Int = 1, reduction: LossReduction = .mean
  ) throws(ObjectiveError) -> Double {
    try loss(MAELoss(width: width), outputs, targets, reduction: reduction)
  }

  /// Huber loss with threshold `delta` (`HuberLoss`).
  public static func huberLoss(
    _ outputs: [Double], _ targets: [Double], delta: Double = 1, width: Int = 1,
    reduction: LossReduction = .mean
  ) throws(ObjectiveError) -> Double {
    try loss(HuberLoss(delta: delta, width: width), outputs, targets, reduction: reduction)
  }

  /// Smooth L1 loss with threshold `beta` (`SmoothL1Loss`).
  public static func smoothL1Loss(
    _ outputs: [Double], _ targets: [Double], beta: Double = 1, width: Int = 1,
    reduction: LossReduction = .mean
  ) throws(ObjectiveError) -> Double {
    try loss(SmoothL1Loss(beta: beta, width: width), outputs, targets, reduction: reduction)
  }

  /// Binary cross-entropy of probabilities (`BinaryCrossEntropyLoss`).
  public static func binaryCrossEntropyLoss(
    _ probabilities: [Double], _ targets: [Double], width: Int = 1, reduction: LossReduction = .mean
  ) throws(ObjectiveError) -> Double {
    try loss(BinaryCrossEntropyLoss(width: width), probabilities, targets, reduction: reduction)
  }

  /// Binary cross-entropy of logits, with a weight for positives (`BinaryCrossEntropyWithLogitsLoss`).
  public static func binaryCrossEntropyWithLogitsLoss(
    _ logits: [Double], _ targets: [Double], positiveWeight: Double = 1, width: Int = 1,
    reduction: LossReduction = .mean
  ) throws(ObjectiveError) -> Double {
    try loss(
      BinaryCrossEntropyWithLogitsLoss(positiveWeight: positiveWeight, width: width), logits, targets,
      reduction: reduction)
  }

  /// Hinge loss `max(0, margin − s·ŷ)`, squared if asked (`HingeLoss`).
  public static func hingeLoss(
    _ outputs: [Double], _ targets: [Double], labels: HingeLoss.Labels = .signed, margin: Double = 1,
    squared: Bool = false, width: Int = 1, reduction: LossReduction = .mean
  ) throws(ObjectiveError) -> Double {
    try loss(
      HingeLoss(labels: labels, margin: margin, squared: squared, width: width), outputs, targets,
      reduction: reduction)
  }

  /// Cross-entropy of flat `n × numClasses` logits against class indices, with optional label
  /// smoothing (`CrossEntropyLoss`).
  public static func crossEntropyLoss(
    _ logits: [Double], _ labels: [Int], numClasses: Int, labelSmoothing: Double = 0,
    reduction: LossReduction = .mean
  ) throws(ObjectiveError) -> Double {
    try loss(
      CrossEntropyLoss(numClasses: numClasses, labelSmoothing: labelSmoothing), logits, labels,
      reduction: reduction)
  }

  /// KL divergence `D(P ‖ Q)` of the targets' distribution from the outputs' (`KLDivergenceLoss`;
  /// the mean is torch's `batchmean`).
  public static func klDivergenceLoss(
    _ outputs: [Double], _ targets: [Double], numClasses: Int,
    input: KLDivergenceLoss.Input = .logProbabilities, logTarget: Bool = false,
    reduction: LossReduction = .mean
  ) throws(ObjectiveError) -> Double {
    try loss(
      KLDivergenceLoss(numClasses: numClasses, input: input, logTarget: logTarget), outputs, targets,
      reduction: reduction)
  }
}
