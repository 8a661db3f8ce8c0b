/// The catalogue's further regression metrics (issue 13): MSLE, log-cosh, SMAPE, WMAPE, Tweedie
/// deviance, Kendall's τ-b, concordance, normalised RMSE and the KL / JS divergences. Their
/// definitions, degenerate cases and costs are in Docs/Metrics-Regression.md.
extension RegressionMetric.Kind {
  /// The default result key of a catalogue kind (`msle`, `log_cosh`, `smape`, `wmape`,
  /// `tweedie_deviance`, `kendall`, `ccc`, `nrmse`, `nrmse_range`, `nrmse_std`, `nrmse_l2`,
  /// `kl_divergence`, `kl_divergence_log_prob`, `js_divergence`, `js_divergence_log_prob`).
  var catalogueName: String {
    switch self {
    case .msle: return "msle"
    case .logCosh: return "log_cosh"
    case .smape: return "smape"
    case .wmape: return "wmape"
    case .tweedieDeviance: return "tweedie_deviance"
    case .kendall: return "kendall"
    case .ccc: return "ccc"
    case .nrmse: return "nrmse"
    case .nrmseRange: return "nrmse_range"
    case .nrmseStd: return "nrmse_std"
    case .nrmseL2: return "nrmse_l2"
    case .klDivergence: return "kl_divergence"
    case .klDivergenceLogProb: return "kl_divergence_log_prob"
    case .jsDivergence: return "js_divergence"
    case .jsDivergenceLogProb: return "js_divergence_log_prob"
    default: return rawValue
    }
  }

  /// Whether a higher value is better: only for the correlations `kendall` and `ccc`.
  var catalogueDirection: Direction { self == .kendall || self == .ccc ? .maximize : .minimize }

  /// Whether streaming mode is exact: for the means over rows or values (MSLE, log-cosh, SMAPE,
  /// Tweedie deviance, KL, JS), not for WMAPE (a ratio of sums), the correlations or NRMSE.
  var catalogueExactWhenStreamed: Bool {
    switch self {
    case .msle, .logCosh, .smape, .tweedieDeviance, .klDivergence, .klDivergenceLogProb, .jsDivergence,
      .jsDivergenceLogProb:
      return true
    default: return false
    }
  }

  /// Whether the metric reads each row as one distribution over the outputs (one value per row,
  /// averaged over rows; the multi-output aggregation does not apply).
  var isRowwise: Bool {
    switch self {
    case .cosineSimilarity, .klDivergence, .klDivergenceLogProb, .jsDivergence, .jsDivergenceLogProb:
      return true
    default: return false
    }
  }
}

extension RegressionMetric {
  /// Mean squared logarithmic error `Σ(log1p ŷ − log1p y)² / n`, key `msle`.
  public static let msle = RegressionMetric(.msle)
  /// Mean log-cosh error `Σ log cosh(ŷ − y) / n`, key `log_cosh`.
  public static let logCosh = RegressionMetric(.logCosh)
  /// Symmetric MAPE `Σ 2|ŷ − y| / max(|y| + |ŷ|, 1.17e-6) / n` (TorchMetrics; in [0, 2]), key `smape`.
  public static let smape = RegressionMetric(.smape)
  /// Weighted MAPE `Σ|ŷ − y| / max(Σ|y|, 1.17e-6)`, key `wmape`.
  public static let wmape = RegressionMetric(.wmape)
  /// Kendall's τ-b (exact with ties), key `kendall`.
  public static let kendall = RegressionMetric(.kendall)
  /// Lin's concordance correlation coefficient, key `ccc`.
  public static let ccc = RegressionMetric(.ccc)
  /// RMSE divided by the target mean (TorchMetrics' default normalisation), key `nrmse`.
  public static let nrmse = RegressionMetric(.nrmse)
  /// RMSE divided by the target range `max − min`, key `nrmse_range`.
  public static let nrmseRange = RegressionMetric(.nrmseRange)
  /// RMSE divided by the target's population standard deviation, key `nrmse_std`.
  public static let nrmseStd = RegressionMetric(.nrmseStd)
  /// RMSE divided by the target's L2 norm `√Σy²`, key `nrmse_l2`.
  public static let nrmseL2 = RegressionMetric(.nrmseL2)
  /// `KL(y ‖ ŷ)` of rows normalised to sum 1, averaged over rows, key `kl_divergence`.
  public static let klDivergence = RegressionMetric(.klDivergence)
  /// `KL(y ‖ ŷ)` of rows of log-probabilities, key `kl_divergence_log_prob`.
  public static let klDivergenceLogProb = RegressionMetric(.klDivergenceLogProb)
  /// `JS(y, ŷ)` of rows normalised to sum 1 (natural log), key `js_divergence`.
  public static let jsDivergence = RegressionMetric(.jsDivergence)
  /// `JS(y, ŷ)` of rows of log-probabilities, key `js_divergence_log_prob`.
  public static let jsDivergenceLogProb = RegressionMetric(.jsDivergenceLogProb)

  /// The mean Tweedie deviance of power `power`, key `tweedie_deviance=P` (`P` in its shortest
  /// form). P must be 0, negative, or at least 1 (TorchMetrics' rules); `Regression`
  /// refuses the others.
  public static func tweedieDeviance(power: Double) -> RegressionMetric {
    var m = RegressionMetric(.tweedieDeviance, name: "tweedie_deviance=" + NumberFormatting.shortest(power))
    m.power = power
    return m
  }

  /// Why this metric's parameters are invalid, or `nil`.
  var catalogueProblem: String? {
    guard kind == .tweedieDeviance else {
      return power == nil ? nil : "\(name): a power for a non-Tweedie metric"
    }
    guard let p = power else { return "\(name): the Tweedie deviance needs a power" }
    guard p.isFinite else { return "\(name): the power must be finite, got \(p)" }
    if p > 0 && p < 1 { return "\(name): the Tweedie deviance is not defined for 0 < power < 1, got \(p)" }
    return nil
  }

  /// The element sum the metric needs beyond the shared statistics.
  var elementSum: ElementSum? {
    switch kind {
    case .msle: return .squaredLogError
    case .logCosh: return .logCosh
    case .smape: return .symmetricPercentage
    case .wmape: return .targetMagnitude
    case .tweedieDeviance: return power.map { .tweedie(power: $0) }
    default: return nil
    }
  }

  /// The row divergence the metric reports.
  var rowDivergence: RowDivergence? {
    switch kind {
    case .klDivergence: return .kl
    case .klDivergenceLogProb: return .klLogProb
    case .jsDivergence: return .js
    case .jsDivergenceLogProb: return .jsLogProb
    default: return nil
    }
  }
}

extension RegressionStatistics {
  /// The value of a catalogue metric for output j (the row-wise ones are handled by
  /// `value(of:aggregation:)`); called once the column is known finite and non-empty.
  func catalogueValue(_ metric: RegressionMetric, output j: Int) -> Double {
    let c = columns[j]
    let n = Double(count)
    func mean(_ e: ElementSum) -> Double { extras?.sum(e, output: j)?.value(dividedBy: n) ?? .nan }
    switch metric.kind {
    case .msle: return mean(.squaredLogError)
    case .logCosh: return mean(.logCosh)
    case .smape: return mean(.symmetricPercentage)
    case .tweedieDeviance: return metric.elementSum.map(mean) ?? .nan
    case .wmape:
      guard let scale = extras?.sum(.targetMagnitude, output: j)?.value else { return .nan }
      return c.absoluteError.value / Swift.max(scale, ElementSum.percentageEpsilon)
    case .kendall: return c.ranks?.kendallTau() ?? .nan
    case .ccc:
      // 2·cov / (var_x + var_y + (x̄ − ȳ)²) with unbiased (n − 1) moments, NaN when Pearson is
      // (a constant side or fewer than two rows), as TorchMetrics.
      guard count >= 2, c.predictionRange?.isConstant == false, c.targetRange?.isConstant == false else {
        return .nan
      }
      let m = c.moments
      let d = m.meanX - m.meanY
      return 2 * (m.cXY / (n - 1)) / (m.m2X / (n - 1) + m.m2Y / (n - 1) + d * d)
    case .nrmse, .nrmseRange, .nrmseStd, .nrmseL2:
      let rmse = c.squaredError.value(dividedBy: n).squareRoot()
      return rmse / nrmseDenominator(metric.kind, output: j)
    default: return .nan
    }
  }

  /// The normaliser of NRMSE: the target mean, range, population standard deviation or L2 norm.
  private func nrmseDenominator(_ kind: RegressionMetric.Kind, output j: Int) -> Double {
    let c = columns[j]
    let constant = c.targetRange?.isConstant ?? true
    switch kind {
    case .nrmseRange:
      guard let r = c.targetRange else { return .nan }
      return r.upper - r.lower
    case .nrmseStd: return constant ? 0 : (c.moments.m2Y / Double(count)).squareRoot()
    case .nrmseL2:
      let m = c.moments
      return ((constant ? 0 : m.m2Y) + Double(count) * m.meanY * m.meanY).squareRoot()
    default: return c.moments.meanY
    }
  }
}
