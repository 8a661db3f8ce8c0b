/// The metric formulas over `RegressionStatistics`.
extension RegressionStatistics {
  /// The value of `metric` under `aggregation`: a scalar for one output or an averaged value, a
  /// vector of per-output values for `.rawValues` with several outputs. NaN (or a NaN vector) when
  /// empty.
  func value(of metric: RegressionMetric, aggregation: MultiOutputAggregation) -> MetricValue {
    if metric.kind == .cosineSimilarity {
      return .scalar(count == 0 ? .nan : rowCosines.value(dividedBy: Double(count)))
    }
    if let d = metric.rowDivergence {
      let nonFinite = columns.contains(where: \.containsNonFinite)
      guard count > 0, !nonFinite, let total = extras?.sum(d) else { return .scalar(.nan) }
      return .scalar(total.value(dividedBy: Double(count)))
    }
    let values = columns.indices.map { perOutput(metric, output: $0) }
    if values.count == 1 { return .scalar(values[0]) }
    switch aggregation {
    case .rawValues: return .vector(values)
    case .uniformAverage: return .scalar(values.reduce(0, +) / Double(values.count))
    case .varianceWeighted: return .scalar(varianceWeightedMean(values))
    }
  }

  /// The number of components `value(of:aggregation:)` reports.
  func width(of metric: RegressionMetric, aggregation: MultiOutputAggregation) -> Int {
    !metric.kind.isRowwise && aggregation == .rawValues ? outputs : 1
  }

  /// `Σ wⱼvⱼ / Σ wⱼ` with `wⱼ` the target variance of output j (0 for a constant target);
  /// outputs of weight 0 are left out, and the mean is uniform when every weight is 0.
  private func varianceWeightedMean(_ values: [Double]) -> Double {
    var weighted = 0.0
    var total = 0.0
    for (j, v) in values.enumerated() {
      let w = targetM2(j)
      if w == 0 { continue }
      weighted += w * v
      total += w
    }
    if total == 0 && !total.isNaN { return values.reduce(0, +) / Double(values.count) }
    return weighted / total
  }

  /// `Σ(y − ȳ)²` of output j, exactly 0 for a constant target.
  private func targetM2(_ j: Int) -> Double {
    let c = columns[j]
    if c.containsNonFinite { return .nan }
    if c.targetRange?.isConstant ?? true { return 0 }
    return c.moments.m2Y
  }

  /// The value of `metric` for output j alone.
  func perOutput(_ metric: RegressionMetric, output j: Int) -> Double {
    let c = columns[j]
    guard count > 0, !c.containsNonFinite else { return .nan }
    let n = Double(count)
    switch metric.kind {
    case .mse: return c.squaredError.value(dividedBy: n)
    case .rmse: return (c.squaredError.value(dividedBy: n)).squareRoot()
    case .mae: return c.absoluteError.value(dividedBy: n)
    case .mape: return c.percentageError.value(dividedBy: n)
    case .r2: return r2(j)
    case .adjustedR2:
      let p = metric.regressors
      guard p > 0 else { return r2(j) }
      let dof = count - p - 1
      guard dof > 0 else { return .nan }
      return 1 - (1 - r2(j)) * (n - 1) / Double(dof)
    case .pearson:
      guard count >= 2, c.predictionRange?.isConstant == false, c.targetRange?.isConstant == false else {
        return .nan
      }
      return c.moments.correlation
    case .spearman: return c.ranks?.spearman() ?? .nan
    case .explainedVariance:
      let numerator = c.errorRange?.isConstant ?? true ? 0 : c.m2Error
      return Self.assemble(numerator: numerator, denominator: targetM2(j))
    case .cosineSimilarity: return count == 0 ? .nan : rowCosines.value(dividedBy: n)
    default: return catalogueValue(metric, output: j)
    }
  }

  /// R² of output j as scikit-learn computes it with `force_finite=True`: NaN below two rows,
  /// otherwise 1 for perfect predictions, 0 for imperfect predictions of a constant target.
  private func r2(_ j: Int) -> Double {
    guard count >= 2 else { return .nan }
    return Self.assemble(numerator: columns[j].squaredError.value, denominator: targetM2(j))
  }

  /// `1 − numerator/denominator`, with scikit-learn's finite conventions: 1 when the numerator is
  /// exactly 0, 0 when only the denominator is.
  private static func assemble(numerator: Double, denominator: Double) -> Double {
    if numerator == 0 { return 1 }
    if denominator == 0 { return 0 }
    return 1 - numerator / denominator
  }
}
