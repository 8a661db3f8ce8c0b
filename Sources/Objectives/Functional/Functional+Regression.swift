// The regression forms of `Functional`: the value of one `Regression` objective updated
// once with the whole data.

extension Functional {
  /// The value of any regression metric: a scalar, or one value per output with
  /// `multioutput: .rawValues` and more than one output.
  ///
  /// Equal to the `compute()` of `Regression<Scalar>([metric], numOutputs:, multioutput:,
  /// nanPolicy:)` updated once with `predictions` and `targets` (flat, row-major `n × numOutputs`).
  ///
  /// - Throws: the objective's `ObjectiveError`s: mismatched lengths, a length that is not a
  ///   multiple of `numOutputs`, `numOutputs < 1`, a NaN under `NaNPolicy.error`.
  public static func regression<Scalar: BinaryFloatingPoint & Sendable>(
    _ metric: RegressionMetric, _ predictions: [Scalar], _ targets: [Scalar], numOutputs: Int = 1,
    multioutput: MultiOutputAggregation = .uniformAverage, nanPolicy: NaNPolicy = .propagate
  ) throws(ObjectiveError) -> MetricValue {
    var objective = try Regression<Scalar>(
      [metric], numOutputs: numOutputs, multioutput: multioutput, nanPolicy: nanPolicy)
    try objective.update(predictions, targets)
    guard let value = objective.compute()[metric.name] else {
      throw .invalidArgument("\(metric.name) is not reported by the regression metrics")
    }
    return value
  }

  /// The scalar value of `metric`; per-output values are refused with a pointer to the general form.
  static func regressionScalar<Scalar: BinaryFloatingPoint & Sendable>(
    _ metric: RegressionMetric, _ predictions: [Scalar], _ targets: [Scalar], numOutputs: Int,
    multioutput: MultiOutputAggregation
  ) throws(ObjectiveError) -> Double {
    let value = try regression(metric, predictions, targets, numOutputs: numOutputs, multioutput: multioutput)
    guard let scalar = value.scalar else {
      throw .invalidArgument(
        "\(metric.name) with \(numOutputs) outputs and raw values is a vector; use "
          + "Functional.regression(_:_:_:numOutputs:multioutput:nanPolicy:)")
    }
    return scalar
  }

  /// Mean squared error `Σ(y − ŷ)² / n` (scikit-learn `mean_squared_error`, TorchMetrics
  /// `MeanSquaredError`).
  public static func mse<Scalar: BinaryFloatingPoint & Sendable>(
    _ predictions: [Scalar], _ targets: [Scalar], numOutputs: Int = 1,
    multioutput: MultiOutputAggregation = .uniformAverage
  ) throws(ObjectiveError) -> Double {
    try regressionScalar(.mse, predictions, targets, numOutputs: numOutputs, multioutput: multioutput)
  }

  /// Root mean squared error `√MSE`, per output then aggregated.
  public static func rmse<Scalar: BinaryFloatingPoint & Sendable>(
    _ predictions: [Scalar], _ targets: [Scalar], numOutputs: Int = 1,
    multioutput: MultiOutputAggregation = .uniformAverage
  ) throws(ObjectiveError) -> Double {
    try regressionScalar(.rmse, predictions, targets, numOutputs: numOutputs, multioutput: multioutput)
  }

  /// Mean absolute error `Σ|y − ŷ| / n`.
  public static func mae<Scalar: BinaryFloatingPoint & Sendable>(
    _ predictions: [Scalar], _ targets: [Scalar], numOutputs: Int = 1,
    multioutput: MultiOutputAggregation = .uniformAverage
  ) throws(ObjectiveError) -> Double {
    try regressionScalar(.mae, predictions, targets, numOutputs: numOutputs, multioutput: multioutput)
  }

  /// The coefficient of determination `1 − Σ(y − ŷ)² / Σ(y − ȳ)²` (scikit-learn `r2_score`).
  public static func r2<Scalar: BinaryFloatingPoint & Sendable>(
    _ predictions: [Scalar], _ targets: [Scalar], numOutputs: Int = 1,
    multioutput: MultiOutputAggregation = .uniformAverage
  ) throws(ObjectiveError) -> Double {
    try regressionScalar(.r2, predictions, targets, numOutputs: numOutputs, multioutput: multioutput)
  }

  /// Adjusted R² `1 − (1 − R²)(n − 1)/(n − p − 1)` for `regressors` (p) independent variables.
  public static func adjustedR2<Scalar: BinaryFloatingPoint & Sendable>(
    _ predictions: [Scalar], _ targets: [Scalar], regressors: Int, numOutputs: Int = 1,
    multioutput: MultiOutputAggregation = .uniformAverage
  ) throws(ObjectiveError) -> Double {
    try regressionScalar(
      .adjustedR2(regressors: regressors), predictions, targets, numOutputs: numOutputs,
      multioutput: multioutput)
  }

  /// Pearson's correlation of predictions and targets (SciPy `pearsonr`).
  public static func pearson<Scalar: BinaryFloatingPoint & Sendable>(
    _ predictions: [Scalar], _ targets: [Scalar], numOutputs: Int = 1,
    multioutput: MultiOutputAggregation = .uniformAverage
  ) throws(ObjectiveError) -> Double {
    try regressionScalar(.pearson, predictions, targets, numOutputs: numOutputs, multioutput: multioutput)
  }

  /// Spearman's rank correlation, average ranks for ties (SciPy `spearmanr`).
  public static func spearman<Scalar: BinaryFloatingPoint & Sendable>(
    _ predictions: [Scalar], _ targets: [Scalar], numOutputs: Int = 1,
    multioutput: MultiOutputAggregation = .uniformAverage
  ) throws(ObjectiveError) -> Double {
    try regressionScalar(.spearman, predictions, targets, numOutputs: numOutputs, multioutput: multioutput)
  }

  /// Explained variance `1 − Var(y − ŷ) / Var(y)` (scikit-learn `explained_variance_score`).
  public static func explainedVariance<Scalar: BinaryFloatingPoint & Sendable>(
    _ predictions: [Scalar], _ targets: [Scalar], numOutputs: Int = 1,
    multioutput: MultiOutputAggregation = .uniformAverage
  ) throws(ObjectiveError) -> Double {
    try regressionScalar(
      .explainedVariance, predictions, targets, numOutputs: numOutputs, multioutput: multioutput)
  }

  /// Mean absolute percentage error `Σ|y − ŷ| / max(|y|, ε) / n`
  /// (scikit-learn `mean_absolute_percentage_error`).
  public static func mape<Scalar: BinaryFloatingPoint & Sendable>(
    _ predictions: [Scalar], _ targets: [Scalar], numOutputs: Int = 1,
    multioutput: MultiOutputAggregation = .uniformAverage
  ) throws(ObjectiveError) -> Double {
    try regressionScalar(.mape, predictions, targets, numOutputs: numOutputs, multioutput: multioutput)
  }

  /// Cosine similarity of each prediction row with its target row, averaged over rows
  /// (TorchMetrics `CosineSimilarity` with mean reduction).
  public static func cosineSimilarity<Scalar: BinaryFloatingPoint & Sendable>(
    _ predictions: [Scalar], _ targets: [Scalar], numOutputs: Int = 1,
    multioutput: MultiOutputAggregation = .uniformAverage
  ) throws(ObjectiveError) -> Double {
    try regressionScalar(
      .cosineSimilarity, predictions, targets, numOutputs: numOutputs, multioutput: multioutput)
  }
}
