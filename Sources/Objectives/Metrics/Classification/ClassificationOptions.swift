/// How AUROC and average precision are estimated.
public enum RankEstimation: Sendable, Hashable, Codable {
  /// Every score is stored (4 bytes per `Float` score and class) and sorted at compute time: the
  /// exact values, with ties given half credit.
  case exact
  /// Scores are counted between `thresholds` evenly spaced thresholds on probabilities, in O(T)
  /// memory per class; the error bound is documented on `ScoreHistogram`.
  case binned(thresholds: Int)
}

/// The options shared by the classification objectives. Two objectives share state only when
/// their options (and task shapes) are equal.
public struct ClassificationOptions: Sendable, Hashable, Codable {
  /// What the scores mean; never guessed from their values.
  public var inputKind: InputKind
  /// Binary and multilabel: a sample is predicted positive when its probability is strictly above
  /// `threshold` (with logits: when the logit is above `log(t / (1 − t))`, the same decision without
  /// rounding). Unused for multiclass and for `.labels` input.
  public var threshold: Double
  /// Targets equal to this value are skipped (for multilabel, that label of that row).
  public var ignoreIndex: Int?
  /// What a NaN score does.
  public var nanPolicy: NaNPolicy
  /// The averaging of per-class values, unless a metric sets its own. Default `.macro`.
  public var average: Averaging
  /// Exact (whole data set) or streaming (per-batch values averaged by sample count).
  public var mode: AccumulationMode
  /// Exact or binned AUROC and average precision.
  public var rankEstimation: RankEstimation

  /// Options with the package defaults: probabilities, threshold 0.5, no ignore index, NaN
  /// propagates, macro averaging, exact mode, exact rank metrics.
  ///
  /// The values are checked when an objective is made from them: a threshold outside [0, 1] or
  /// fewer than 2 binned thresholds makes its initialiser throw `ObjectiveError.invalidArgument`.
  public init(
    inputKind: InputKind = .probabilities, threshold: Double = 0.5, ignoreIndex: Int? = nil,
    nanPolicy: NaNPolicy = .propagate, average: Averaging = .macro, mode: AccumulationMode = .exact,
    rankEstimation: RankEstimation = .exact
  ) {
    self.inputKind = inputKind
    self.threshold = threshold
    self.ignoreIndex = ignoreIndex
    self.nanPolicy = nanPolicy
    self.average = average
    self.mode = mode
    self.rankEstimation = rankEstimation
  }
}

extension ClassificationOptions {
  /// Throws `invalidArgument` naming the first option whose value no objective accepts.
  func validate() throws(ObjectiveError) {
    guard threshold >= 0 && threshold <= 1 else {
      throw .invalidArgument("threshold must be in [0, 1], got \(threshold)")
    }
    if case .binned(let t) = rankEstimation, t < 2 {
      throw .invalidArgument("binned rank estimation needs at least 2 thresholds, got \(t)")
    }
  }
}
