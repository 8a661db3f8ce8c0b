/// One point of a ROC curve: the rates when every score at or above `threshold` is called positive.
public struct ROCPoint: Sendable, Equatable, Codable {
  /// FP / (FP + TN); NaN when there are no negatives.
  public var falsePositiveRate: Double
  /// TP / (TP + FN); NaN when there are no positives.
  public var truePositiveRate: Double
  /// The score threshold (`+∞` for the first point, where nothing is called positive).
  public var threshold: Double

  /// A point with the given rates and threshold.
  public init(falsePositiveRate: Double, truePositiveRate: Double, threshold: Double) {
    self.falsePositiveRate = falsePositiveRate
    self.truePositiveRate = truePositiveRate
    self.threshold = threshold
  }
}

/// One point of a precision–recall curve: the values when every score at or above `threshold` is
/// called positive.
public struct PrecisionRecallPoint: Sendable, Equatable, Codable {
  /// TP / (TP + FP); 1 for the first point, where nothing is called positive.
  public var precision: Double
  /// TP / (TP + FN); 0 for the first point, and 1 at every finite threshold when there are no
  /// positives (as scikit-learn).
  public var recall: Double
  /// The score threshold (`+∞` for the first point).
  public var threshold: Double

  /// A point with the given precision, recall and threshold.
  public init(precision: Double, recall: Double, threshold: Double) {
    self.precision = precision
    self.recall = recall
    self.threshold = threshold
  }
}

/// Builds curve points from groups visited from the highest score down.
struct CurveBuilder {
  let positives: Int
  let negatives: Int
  private var tp = 0
  private var fp = 0
  private(set) var roc: [ROCPoint]
  private(set) var precisionRecall: [PrecisionRecallPoint]

  init(positives: Int, negatives: Int) {
    self.positives = positives
    self.negatives = negatives
    roc = [
      ROCPoint(
        falsePositiveRate: negatives > 0 ? 0 : .nan, truePositiveRate: positives > 0 ? 0 : .nan,
        threshold: .infinity)
    ]
    precisionRecall = [
      PrecisionRecallPoint(precision: 1, recall: 0, threshold: .infinity)
    ]
  }

  mutating func addGroup(threshold: Double, positives p: Int, negatives q: Int) {
    tp += p
    fp += q
    roc.append(
      ROCPoint(
        falsePositiveRate: negatives > 0 ? Double(fp) / Double(negatives) : .nan,
        truePositiveRate: positives > 0 ? Double(tp) / Double(positives) : .nan,
        threshold: threshold))
    precisionRecall.append(
      PrecisionRecallPoint(
        precision: tp + fp > 0 ? Double(tp) / Double(tp + fp) : 0,
        recall: positives > 0 ? Double(tp) / Double(positives) : 1, threshold: threshold))
  }
}
