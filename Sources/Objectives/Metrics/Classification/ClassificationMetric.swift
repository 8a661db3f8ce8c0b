/// One metric reported by a classification objective, with its result key.
///
/// Metrics are values: `.accuracy`, `.f1`, `.auroc`, … and the parameterised `.fBeta(2)` and
/// `.topKAccuracy(5)`. A metric uses the objective's `average` unless given its own with
/// `averaged(_:)`, which also suffixes its key (`acc_micro`); `named(_:)` sets any key. Within an
/// objective keys are unique: adding a metric whose key is already present replaces it.
///
/// Default keys follow DanLing: `acc`, `acc@k`, `precision`, `recall`, `f1`, `f2` (β = 2; `f0_5` for
/// β = 0.5), `specificity`, `balanced_accuracy`, `mcc`, `kappa`, `confmat`, `auroc`, `auprc`,
/// `log_loss`, `cross_entropy`, `exact_match`, `hamming_loss`, `jaccard`, `dice` (`mean_iou` for
/// `meanIoU`), `kappa_linear`, `kappa_quadratic`, `ece`, `mce`
/// (`ece@N`, `mce@N` for N bins).
public struct ClassificationMetric: Sendable, Hashable, Codable, CustomStringConvertible {
  /// What is measured.
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Binary and multilabel: (TP + TN) / total per class. Multiclass: TP / support per class
    /// (recall), so micro accuracy is the share of correct rows (TorchMetrics' definitions).
    case accuracy
    /// Multiclass: the target is among the `k` highest scores (ties go to the lower class index).
    case topKAccuracy
    /// TP / (TP + FP).
    case precision
    /// TP / (TP + FN).
    case recall
    /// The harmonic mean of precision and recall.
    case f1
    /// (1 + β²)·TP / ((1 + β²)·TP + β²·FN + FP).
    case fBeta
    /// TN / (TN + FP).
    case specificity
    /// The mean recall over the classes present in the targets (scikit-learn).
    case balancedAccuracy
    /// Matthews correlation coefficient (multiclass: Gorodkin's R_K, as scikit-learn).
    case mcc
    /// Cohen's κ between predictions and targets (unweighted).
    case cohenKappa
    /// The confusion matrix of counts.
    case confusionMatrix
    /// Area under the ROC curve (one-vs-rest for multiclass).
    case auroc
    /// Average precision, the step-wise area under the precision–recall curve.
    case averagePrecision
    /// Mean negative log-likelihood: binary and multilabel cross-entropy, multiclass cross-entropy.
    case logLoss
    /// Multilabel: the share of rows whose labels are all right (subset accuracy).
    case exactMatch
    /// Multilabel: the share of wrong label decisions.
    case hammingLoss
    /// Jaccard index, intersection over union: TP / (TP + FP + FN).
    case jaccard
    /// Dice coefficient (Sørensen–Dice): 2·TP / (2·TP + FP + FN), the set form of F1.
    case dice
    /// Cohen's κ with linear disagreement weights |i − j| on the class indices.
    case linearKappa
    /// Cohen's κ with quadratic disagreement weights (i − j)² on the class indices.
    case quadraticKappa
    /// Expected calibration error (l1): Σ_b (n_b / N)·|accuracy_b − confidence_b| over equal-width
    /// confidence bins (binary: the positive probability against the target; multiclass: the
    /// top-1 probability against the arg-max being right).
    case calibrationError
    /// Maximum calibration error (max norm): max_b |accuracy_b − confidence_b| over non-empty bins.
    case maxCalibrationError
  }

  /// What is measured.
  public let kind: Kind
  /// The averaging of this metric; `nil` uses the objective's `average`.
  public let average: Averaging?
  /// β of `.fBeta` (1 otherwise).
  public let beta: Double
  /// `k` of `.topKAccuracy` (1 otherwise).
  public let k: Int
  private let customName: String?
  private let binCount: Int?

  /// The number of equal-width confidence bins of `.calibrationError` and `.maxCalibrationError`
  /// (15 by default, TorchMetrics' `n_bins`); 0 for other kinds.
  public var bins: Int { binCount ?? 0 }

  /// Whether the metric is a calibration error (it needs confidence bins).
  public var isCalibration: Bool { kind == .calibrationError || kind == .maxCalibrationError }

  /// A metric of `kind` with the objective's averaging and the default key (or `name`).
  ///
  /// β (`.fBeta`, finite and > 0) and `k` (`.topKAccuracy`, ≥ 1) are checked when the metric is
  /// given to an objective, which throws `ObjectiveError.invalidArgument` for a bad value.
  public init(_ kind: Kind, beta: Double = 1, k: Int = 1, name: String? = nil) {
    self.init(kind, averaging: nil, beta: beta, k: k, bins: 15, name: name)
  }

  /// A calibration error (`.calibrationError` or `.maxCalibrationError`) over `bins` equal-width
  /// bins; the key is `ece` / `mce` for 15 bins and `ece@N` / `mce@N` otherwise. `bins` ≥ 1 is
  /// checked when the metric is given to an objective.
  public init(_ kind: Kind, bins: Int, name: String? = nil) {
    self.init(kind, averaging: nil, beta: 1, k: 1, bins: bins, name: name)
  }

  /// A metric of `kind` with its own averaging: `.micro`, `.macro`, `.weighted`, or `.perClass`
  /// for one value per class. The key gains the suffix `_micro`, `_macro`, `_weighted` or `_none`
  /// unless `name` is given.
  public init(_ kind: Kind, average: Averaging, beta: Double = 1, k: Int = 1, name: String? = nil) {
    self.init(kind, averaging: average, beta: beta, k: k, bins: 15, name: name)
  }

  private init(_ kind: Kind, averaging: Averaging?, beta: Double, k: Int, bins: Int?, name: String?) {
    self.kind = kind
    self.average = averaging
    self.beta = kind == .fBeta ? beta : 1
    self.k = kind == .topKAccuracy ? k : 1
    self.customName = name
    self.binCount = kind == .calibrationError || kind == .maxCalibrationError ? bins : nil
  }

  /// Why this metric cannot be reported by a `task` objective (`"binary"`, `"multiclass"` or
  /// `"multilabel"`), or `nil` when it can.
  func problem(task: String) -> String? {
    if kind == .fBeta && !(beta > 0 && beta.isFinite) {
      return "F-beta needs a finite β > 0, got \(beta)"
    }
    if kind == .topKAccuracy && k < 1 { return "top-k accuracy needs k ≥ 1, got \(k)" }
    if kind == .topKAccuracy && task != "multiclass" {
      return "top-k accuracy (\(name)) is a multiclass metric, not a \(task) one"
    }
    if isCalibration && bins < 1 { return "calibration error needs at least 1 bin, got \(bins)" }
    if isCalibration && task == "multilabel" {
      return "calibration error (\(name)) is a binary or multiclass metric, not a multilabel one"
    }
    if kind == .exactMatch && task != "multilabel" {
      return "exact match (\(name)) is a multilabel metric, not a \(task) one"
    }
    return nil
  }

  /// The result key.
  public var name: String {
    if let customName { return customName }
    let base: String
    switch kind {
    case .accuracy: base = "acc"
    case .topKAccuracy: base = "acc@\(k)"
    case .precision: base = "precision"
    case .recall: base = "recall"
    case .f1: base = "f1"
    case .fBeta:
      base = "f" + NumberFormatting.shortest(beta).replacing(".", with: "_")
    case .specificity: base = "specificity"
    case .balancedAccuracy: base = "balanced_accuracy"
    case .mcc: base = "mcc"
    case .cohenKappa: base = "kappa"
    case .confusionMatrix: base = "confmat"
    case .auroc: base = "auroc"
    case .averagePrecision: base = "auprc"
    case .logLoss: base = "log_loss"
    case .exactMatch: base = "exact_match"
    case .hammingLoss: base = "hamming_loss"
    case .jaccard: base = "jaccard"
    case .dice: base = "dice"
    case .linearKappa: base = "kappa_linear"
    case .quadraticKappa: base = "kappa_quadratic"
    case .calibrationError: base = bins == 15 ? "ece" : "ece@\(bins)"
    case .maxCalibrationError: base = bins == 15 ? "mce" : "mce@\(bins)"
    }
    if let average { return base + "_" + average.rawValue }
    return base
  }

  /// `true` when higher is better, `false` for losses, `nil` for the confusion matrix.
  public var higherIsBetter: Bool? {
    switch kind {
    case .logLoss, .hammingLoss, .calibrationError, .maxCalibrationError: return false
    case .confusionMatrix: return nil
    default: return true
    }
  }

  /// Whether the metric needs the stored scores (AUROC, average precision).
  public var isRankBased: Bool { kind == .auroc || kind == .averagePrecision }

  /// The same metric with its own averaging; the key gains the suffix `_micro`, `_macro`,
  /// `_weighted` or `_none` (for `.perClass`) unless a name was set.
  public func averaged(_ average: Averaging) -> ClassificationMetric {
    ClassificationMetric(kind, averaging: average, beta: beta, k: k, bins: binCount, name: customName)
  }

  /// The same metric reported under `name`.
  public func named(_ name: String) -> ClassificationMetric {
    ClassificationMetric(kind, averaging: average, beta: beta, k: k, bins: binCount, name: name)
  }

  /// The result key.
  public var description: String { name }

  /// Accuracy (`acc`).
  public static let accuracy = ClassificationMetric(.accuracy)
  /// Precision (`precision`).
  public static let precision = ClassificationMetric(.precision)
  /// Recall, sensitivity (`recall`).
  public static let recall = ClassificationMetric(.recall)
  /// F1 score (`f1`).
  public static let f1 = ClassificationMetric(.f1)
  /// Specificity, true negative rate (`specificity`).
  public static let specificity = ClassificationMetric(.specificity)
  /// Balanced accuracy (`balanced_accuracy`).
  public static let balancedAccuracy = ClassificationMetric(.balancedAccuracy)
  /// Matthews correlation coefficient (`mcc`).
  public static let mcc = ClassificationMetric(.mcc)
  /// Cohen's κ (`kappa`).
  public static let cohenKappa = ClassificationMetric(.cohenKappa)
  /// The confusion matrix (`confmat`).
  public static let confusionMatrix = ClassificationMetric(.confusionMatrix)
  /// Area under the ROC curve (`auroc`).
  public static let auroc = ClassificationMetric(.auroc)
  /// Average precision, area under the precision–recall curve (`auprc`).
  public static let averagePrecision = ClassificationMetric(.averagePrecision)
  /// Log loss, binary cross-entropy (`log_loss`).
  public static let logLoss = ClassificationMetric(.logLoss)
  /// Cross-entropy (`cross_entropy`), the same quantity as `logLoss` under the multiclass name.
  public static let crossEntropy = ClassificationMetric(.logLoss, name: "cross_entropy")
  /// Exact match, subset accuracy (`exact_match`).
  public static let exactMatch = ClassificationMetric(.exactMatch)
  /// Hamming loss (`hamming_loss`).
  public static let hammingLoss = ClassificationMetric(.hammingLoss)

  /// Expected calibration error over 15 bins (`ece`).
  public static let calibrationError = ClassificationMetric(.calibrationError)
  /// Maximum calibration error over 15 bins (`mce`).
  public static let maxCalibrationError = ClassificationMetric(.maxCalibrationError)

  /// Expected calibration error over `bins` equal-width bins (`ece@N`; `ece` for 15).
  public static func calibrationError(bins: Int) -> ClassificationMetric {
    ClassificationMetric(.calibrationError, bins: bins)
  }

  /// Maximum calibration error over `bins` equal-width bins (`mce@N`; `mce` for 15).
  public static func maxCalibrationError(bins: Int) -> ClassificationMetric {
    ClassificationMetric(.maxCalibrationError, bins: bins)
  }

  /// Linearly weighted Cohen's κ (`kappa_linear`).
  public static let linearKappa = ClassificationMetric(.linearKappa)
  /// Quadratically weighted Cohen's κ (`kappa_quadratic`).
  public static let quadraticKappa = ClassificationMetric(.quadraticKappa)
  /// Jaccard index, intersection over union (`jaccard`).
  public static let jaccard = ClassificationMetric(.jaccard)
  /// Dice coefficient (`dice`).
  public static let dice = ClassificationMetric(.dice)
  /// Mean IoU (`mean_iou`): the Jaccard index macro-averaged over the classes present in targets or
  /// predictions (`jaccard_macro` under another key), as scikit-learn's
  /// `jaccard_score(average="macro")` and TorchMetrics' `MulticlassJaccardIndex(average="macro")`.
  public static let meanIoU = ClassificationMetric(.jaccard, average: .macro, name: "mean_iou")

  /// F-β score (`f2` for β = 2, `f0_5` for β = 0.5).
  public static func fBeta(_ beta: Double) -> ClassificationMetric {
    ClassificationMetric(.fBeta, beta: beta)
  }

  /// Top-k accuracy (`acc@k`).
  public static func topKAccuracy(_ k: Int) -> ClassificationMetric {
    ClassificationMetric(.topKAccuracy, k: k)
  }

  /// DanLing's default set for every classification task: `auroc, auprc, acc, f1, mcc`.
  public static let defaults: [ClassificationMetric] = [.auroc, .averagePrecision, .accuracy, .f1, .mcc]
}
