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
    /// The highest recall among thresholds whose precision is at least `level` (and its threshold).
    case recallAtPrecision
    /// The highest precision among thresholds whose recall is at least `level` (and its threshold).
    case precisionAtRecall
    /// The highest sensitivity among thresholds whose specificity is at least `level`.
    case sensitivityAtSpecificity
    /// The highest specificity among thresholds whose sensitivity is at least `level`.
    case specificityAtSensitivity
    /// Partial AUROC up to the false positive rate `level`, McClish-standardised (scikit-learn's
    /// `roc_auc_score(max_fpr=…)`).
    case partialAUROC
    /// The highest F1 over all thresholds (and the threshold reaching it).
    case bestF1
    /// Youden's J = max over thresholds of TPR − FPR (and the threshold reaching it).
    case youden
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
  private let levelValue: Double?

  /// The level of an operating-point metric (minimum precision, recall, specificity or
  /// sensitivity; maximum false positive rate for `.partialAUROC`); NaN for other kinds.
  public var level: Double { levelValue ?? .nan }

  /// Whether the metric reports a threshold too (key `<name>_threshold`).
  public var reportsThreshold: Bool {
    switch kind {
    case .recallAtPrecision, .precisionAtRecall, .sensitivityAtSpecificity, .specificityAtSensitivity,
      .bestF1, .youden:
      return true
    default: return false
    }
  }

  /// The result keys: the name, and for operating points also `<name>_threshold`.
  public var resultKeys: [String] { reportsThreshold ? [name, name + "_threshold"] : [name] }

  /// An operating-point metric at `level`: `.recallAtPrecision`, `.precisionAtRecall`,
  /// `.sensitivityAtSpecificity`, `.specificityAtSensitivity` (level in [0, 1]) or `.partialAUROC`
  /// (maximum false positive rate in (0, 1]). The level is checked when the metric is given to an
  /// objective.
  public init(_ kind: Kind, level: Double, name: String? = nil) {
    self.init(kind, averaging: nil, beta: 1, k: 1, bins: nil, level: level, name: name)
  }

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

  private init(
    _ kind: Kind, averaging: Averaging?, beta: Double, k: Int, bins: Int?, level: Double? = nil, name: String?
  ) {
    self.kind = kind
    self.average = averaging
    self.beta = kind == .fBeta ? beta : 1
    self.k = kind == .topKAccuracy ? k : 1
    self.customName = name
    self.binCount = kind == .calibrationError || kind == .maxCalibrationError ? bins : nil
    switch kind {
    case .recallAtPrecision, .precisionAtRecall, .sensitivityAtSpecificity, .specificityAtSensitivity,
      .partialAUROC:
      self.levelValue = level ?? .nan
    default: self.levelValue = nil
    }
  }

  /// Why this metric cannot be reported by a `task` objective (`"binary"`, `"multiclass"` or
  /// `"multilabel"`), or `nil` when it can.
  func problem(task: String) -> String? {
    if kind == .fBeta && !(beta > 0 && beta.isFinite) {
      return "F-beta needs a finite β > 0, got \(beta)"
    }
    if kind == .topKAccuracy && k < 1 { return "top-k accuracy needs k ≥ 1, got \(k)" }
    if isCalibration && bins < 1 { return "\(name) needs at least one bin, got \(bins)" }
    if kind == .topKAccuracy && task != "multiclass" {
      return "top-k accuracy (\(name)) is a multiclass metric, not a \(task) one"
    }
    if levelValue != nil {
      let l = level
      if kind == .partialAUROC {
        guard l > 0 && l <= 1 else { return "partial AUROC needs a maximum FPR in (0, 1], got \(l)" }
      } else if !(l >= 0 && l <= 1) {
        return "\(name) needs a level in [0, 1], got \(l)"
      }
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
    case .recallAtPrecision: base = "recall_at_precision=" + NumberFormatting.shortest(level)
    case .precisionAtRecall: base = "precision_at_recall=" + NumberFormatting.shortest(level)
    case .sensitivityAtSpecificity: base = "sensitivity_at_specificity=" + NumberFormatting.shortest(level)
    case .specificityAtSensitivity: base = "specificity_at_sensitivity=" + NumberFormatting.shortest(level)
    case .partialAUROC: base = "auroc_max_fpr=" + NumberFormatting.shortest(level)
    case .bestF1: base = "best_f1"
    case .youden: base = "youden"
    }
    if let average { return base + "_" + average.rawValue }
    return base
  }

  /// `.maximize` for scores, `.minimize` for losses and errors, `nil` for the confusion matrix.
  public var direction: Direction? {
    switch kind {
    case .logLoss, .hammingLoss, .calibrationError, .maxCalibrationError: return .minimize
    case .confusionMatrix: return nil
    default: return .maximize
    }
  }

  /// Whether the metric needs the stored scores (AUROC, average precision).
  public var isRankBased: Bool {
    switch kind {
    case .auroc, .averagePrecision, .recallAtPrecision, .precisionAtRecall, .sensitivityAtSpecificity,
      .specificityAtSensitivity, .partialAUROC, .bestF1, .youden:
      return true
    default: return false
    }
  }

  /// Whether the metric is read off the ROC or precision–recall curve (an operating point or a
  /// partial AUROC).
  var isOperatingPoint: Bool { isRankBased && kind != .auroc && kind != .averagePrecision }

  /// The same metric with its own averaging; the key gains the suffix `_micro`, `_macro`,
  /// `_weighted` or `_none` (for `.perClass`) unless a name was set.
  public func averaged(_ average: Averaging) -> ClassificationMetric {
    ClassificationMetric(
      kind, averaging: average, beta: beta, k: k, bins: binCount, level: levelValue, name: customName)
  }

  /// The same metric reported under `name`.
  public func named(_ name: String) -> ClassificationMetric {
    ClassificationMetric(
      kind, averaging: average, beta: beta, k: k, bins: binCount, level: levelValue, name: name)
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

  /// The highest recall with precision ≥ `p` (`recall_at_precision=p`, `…_threshold`).
  public static func recallAtPrecision(_ p: Double) -> ClassificationMetric {
    ClassificationMetric(.recallAtPrecision, level: p)
  }
  /// The highest precision with recall ≥ `r` (`precision_at_recall=r`, `…_threshold`).
  public static func precisionAtRecall(_ r: Double) -> ClassificationMetric {
    ClassificationMetric(.precisionAtRecall, level: r)
  }
  /// The highest sensitivity with specificity ≥ `s` (`sensitivity_at_specificity=s`, `…_threshold`).
  public static func sensitivityAtSpecificity(_ s: Double) -> ClassificationMetric {
    ClassificationMetric(.sensitivityAtSpecificity, level: s)
  }
  /// The highest specificity with sensitivity ≥ `s` (`specificity_at_sensitivity=s`, `…_threshold`).
  public static func specificityAtSensitivity(_ s: Double) -> ClassificationMetric {
    ClassificationMetric(.specificityAtSensitivity, level: s)
  }
  /// Standardised partial AUROC up to FPR `maxFPR` (`auroc_max_fpr=F`).
  public static func partialAUROC(maxFPR: Double) -> ClassificationMetric {
    ClassificationMetric(.partialAUROC, level: maxFPR)
  }
  /// The best F1 over thresholds (`best_f1`, `best_f1_threshold`).
  public static let bestF1 = ClassificationMetric(.bestF1)
  /// Youden's J and its threshold (`youden`, `youden_threshold`).
  public static let youden = ClassificationMetric(.youden)

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
