/// The definitions of the catalogue's metrics as one line of text, for loss descriptions and
/// model cards (the same wording as the documentation of `ClassificationMetric.Kind` and
/// `RegressionMetric.Kind`).
extension ClassificationMetric.Kind {
  /// What the metric measures, in one line.
  public var definition: String {
    switch self {
    case .accuracy:
      return "share of correct predictions: TP / support per class (multiclass), (TP + TN) / total"
    case .topKAccuracy: return "share of samples whose target is among the k highest scores"
    case .precision: return "TP / (TP + FP)"
    case .recall: return "TP / (TP + FN)"
    case .f1: return "harmonic mean of precision and recall, 2·TP / (2·TP + FP + FN)"
    case .fBeta: return "(1 + β²)·TP / ((1 + β²)·TP + β²·FN + FP)"
    case .specificity: return "TN / (TN + FP)"
    case .balancedAccuracy: return "mean recall over the classes present in the targets"
    case .mcc: return "Matthews correlation coefficient of predictions and targets"
    case .cohenKappa: return "Cohen's κ between predictions and targets (unweighted)"
    case .confusionMatrix: return "matrix of counts, row = true class, column = predicted class"
    case .auroc: return "area under the ROC curve (one-vs-rest for multiclass)"
    case .averagePrecision: return "step-wise area under the precision–recall curve"
    case .logLoss: return "mean negative log-likelihood of the targets"
    case .exactMatch: return "share of rows whose labels are all right"
    case .hammingLoss: return "share of wrong label decisions"
    case .jaccard: return "intersection over union, TP / (TP + FP + FN)"
    case .dice: return "Sørensen–Dice coefficient, 2·TP / (2·TP + FP + FN)"
    case .linearKappa: return "Cohen's κ with linear disagreement weights |i − j|"
    case .quadraticKappa: return "Cohen's κ with quadratic disagreement weights (i − j)²"
    case .calibrationError: return "expected calibration error, Σ_b (n_b / N)·|accuracy_b − confidence_b|"
    case .maxCalibrationError: return "maximum calibration error, max_b |accuracy_b − confidence_b|"
    case .recallAtPrecision: return "highest recall among thresholds with precision at least the level"
    case .precisionAtRecall: return "highest precision among thresholds with recall at least the level"
    case .sensitivityAtSpecificity:
      return "highest sensitivity among thresholds with specificity at least the level"
    case .specificityAtSensitivity:
      return "highest specificity among thresholds with sensitivity at least the level"
    case .partialAUROC:
      return "McClish-standardised area under the ROC curve up to the false positive rate level"
    case .bestF1: return "highest F1 over all thresholds"
    case .youden: return "Youden's J, the highest TPR − FPR over all thresholds"
    }
  }
}

extension RegressionMetric.Kind {
  /// What the metric measures, in one line.
  public var definition: String {
    switch self {
    case .mse: return "mean squared error, Σ(y − ŷ)² / n"
    case .rmse: return "root mean squared error, √MSE"
    case .mae: return "mean absolute error, Σ|y − ŷ| / n"
    case .r2: return "coefficient of determination, 1 − Σ(y − ŷ)² / Σ(y − ȳ)²"
    case .adjustedR2: return "adjusted R², 1 − (1 − R²)(n − 1)/(n − p − 1)"
    case .pearson: return "Pearson's correlation of predictions and targets"
    case .spearman: return "Spearman's rank correlation of predictions and targets"
    case .explainedVariance: return "explained variance, 1 − Var(y − ŷ) / Var(y)"
    case .mape: return "mean absolute percentage error, Σ|y − ŷ| / max(|y|, ε) / n"
    case .cosineSimilarity: return "cosine similarity of predictions and targets"
    case .msle: return "mean squared logarithmic error, Σ(log(1 + y) − log(1 + ŷ))² / n"
    case .logCosh: return "log-cosh error, Σ log cosh(ŷ − y) / n"
    case .smape: return "symmetric mean absolute percentage error, Σ 2|y − ŷ| / (|y| + |ŷ|) / n"
    case .wmape: return "weighted mean absolute percentage error, Σ|y − ŷ| / Σ|y|"
    case .tweedieDeviance: return "mean Tweedie deviance of power P"
    case .kendall: return "Kendall's tau-b rank correlation of predictions and targets"
    case .ccc: return "Lin's concordance correlation coefficient of predictions and targets"
    case .nrmse: return "root mean squared error divided by the mean of the targets"
    case .nrmseRange: return "root mean squared error divided by the range of the targets"
    case .nrmseStd: return "root mean squared error divided by the standard deviation of the targets"
    case .nrmseL2: return "root mean squared error divided by the L2 norm of the targets"
    case .klDivergence, .klDivergenceLogProb:
      return "Kullback-Leibler divergence D(y ‖ ŷ) of each row's distributions"
    case .jsDivergence, .jsDivergenceLogProb: return "Jensen-Shannon divergence of each row's distributions"
    }
  }
}
