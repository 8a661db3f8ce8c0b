/// How per-output values of a multi-output regression metric are combined.
///
/// The default everywhere in this package is `.uniformAverage` (scikit-learn's default).
public enum MultiOutputAggregation: String, Sendable, Codable, CaseIterable {
  /// One value per output, reported as a vector (a scalar when there is one output).
  case rawValues
  /// The unweighted mean of the per-output values.
  case uniformAverage
  /// The mean weighted by each output's target variance `Σ(y − ȳ)²`; uniform when every target
  /// is constant (as scikit-learn's `variance_weighted`).
  case varianceWeighted
}

/// One regression metric to report: what it computes, the key it is reported under, and how its
/// outputs are aggregated.
///
/// Use the static members (`.mse`, `.pearson`, …) and adjust them with `named(_:)` and
/// `aggregated(_:)`. Two descriptors are the same metric when all their fields are equal.
public struct RegressionMetric: Sendable, Hashable, Codable, CustomStringConvertible {
  /// What a regression metric computes.
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Mean squared error `Σ(y − ŷ)² / n`.
    case mse
    /// Root mean squared error `√MSE` (per output, then aggregated).
    case rmse
    /// Mean absolute error `Σ|y − ŷ| / n`.
    case mae
    /// Coefficient of determination `1 − Σ(y − ŷ)² / Σ(y − ȳ)²`.
    case r2
    /// Adjusted R² `1 − (1 − R²)(n − 1)/(n − p − 1)` for `p` regressors.
    case adjustedR2
    /// Pearson's correlation of predictions and targets.
    case pearson
    /// Spearman's rank correlation (average ranks for ties).
    case spearman
    /// Explained variance `1 − Var(y − ŷ) / Var(y)`.
    case explainedVariance
    /// Mean absolute percentage error `Σ|y − ŷ| / max(|y|, ε) / n` with ε the `Double` epsilon.
    case mape
    /// Cosine similarity of predictions and targets.
    case cosineSimilarity
    /// Mean squared logarithmic error (see RegressionMetric+Catalogue.swift for this and the
    /// following kinds).
    case msle, logCosh, smape, wmape, tweedieDeviance, kendall, ccc
    /// Normalised RMSE: by the target mean (`nrmse`), range, standard deviation or L2 norm.
    case nrmse, nrmseRange, nrmseStd, nrmseL2
    /// KL and JS divergences of target rows from prediction rows, as probabilities or
    /// log-probabilities.
    case klDivergence, klDivergenceLogProb, jsDivergence, jsDivergenceLogProb

    /// The default result key (`mse`, `rmse`, `mae`, `r2`, `adjusted_r2`, `pearson`, `spearman`,
    /// `explained_variance`, `mape`, `cosine_similarity`).
    public var defaultName: String {
      switch self {
      case .mse: return "mse"
      case .rmse: return "rmse"
      case .mae: return "mae"
      case .r2: return "r2"
      case .adjustedR2: return "adjusted_r2"
      case .pearson: return "pearson"
      case .spearman: return "spearman"
      case .explainedVariance: return "explained_variance"
      case .mape: return "mape"
      case .cosineSimilarity: return "cosine_similarity"
      default: return catalogueName
      }
    }

    /// The direction of optimisation: `.minimize` for errors, `.maximize` for scores.
    public var direction: Direction {
      switch self {
      case .mse, .rmse, .mae, .mape: return .minimize
      case .r2, .adjustedR2, .pearson, .spearman, .explainedVariance, .cosineSimilarity: return .maximize
      default: return catalogueDirection
      }
    }

    /// Whether the value over all data equals the sample-weighted mean of per-batch values (it is a
    /// mean over rows), so that streaming mode is exact for it.
    public var isExactWhenStreamed: Bool {
      switch self {
      case .mse, .mae, .mape, .cosineSimilarity: return true
      case .rmse, .r2, .adjustedR2, .pearson, .spearman, .explainedVariance: return false
      default: return catalogueExactWhenStreamed
      }
    }
  }

  /// What the metric computes.
  public var kind: Kind
  /// The result key.
  public var name: String
  /// How outputs are combined; `nil` uses the objective's `multioutput` setting.
  public var aggregation: MultiOutputAggregation?
  /// The number of regressors `p` of adjusted R² (0 for every other kind).
  public var regressors: Int
  /// The power P of the Tweedie deviance (`nil` for every other kind).
  public var power: Double?

  /// A metric of `kind` reported under `name` (the kind's default key when `nil`).
  public init(
    _ kind: Kind, name: String? = nil, aggregation: MultiOutputAggregation? = nil, regressors: Int = 0
  ) {
    self.kind = kind
    self.name = name ?? kind.defaultName
    self.aggregation = aggregation
    self.regressors = regressors
  }

  /// The direction of optimisation (the kind's).
  public var direction: Direction { kind.direction }

  /// The result key.
  public var description: String { name }

  /// The same metric reported under another key.
  public func named(_ name: String) -> RegressionMetric {
    var copy = self
    copy.name = name
    return copy
  }

  /// The same metric with its own multi-output aggregation.
  public func aggregated(_ aggregation: MultiOutputAggregation) -> RegressionMetric {
    var copy = self
    copy.aggregation = aggregation
    return copy
  }

  /// Mean squared error, key `mse`.
  public static let mse = RegressionMetric(.mse)
  /// Root mean squared error, key `rmse`.
  public static let rmse = RegressionMetric(.rmse)
  /// Mean absolute error, key `mae`.
  public static let mae = RegressionMetric(.mae)
  /// R², key `r2`.
  public static let r2 = RegressionMetric(.r2)
  /// Pearson's correlation, key `pearson`.
  public static let pearson = RegressionMetric(.pearson)
  /// Spearman's rank correlation, key `spearman`.
  public static let spearman = RegressionMetric(.spearman)
  /// Explained variance, key `explained_variance`.
  public static let explainedVariance = RegressionMetric(.explainedVariance)
  /// Mean absolute percentage error, key `mape`.
  public static let mape = RegressionMetric(.mape)
  /// Cosine similarity, key `cosine_similarity`.
  public static let cosineSimilarity = RegressionMetric(.cosineSimilarity)

  /// Adjusted R² for `regressors` independent variables, key `adjusted_r2`.
  public static func adjustedR2(regressors: Int) -> RegressionMetric {
    RegressionMetric(.adjustedR2, regressors: regressors)
  }

  /// DanLing's default set: `pearson`, `spearman`, `r2`, `mse`, `rmse`.
  public static let defaults: [RegressionMetric] = [.pearson, .spearman, .r2, .mse, .rmse]
}
