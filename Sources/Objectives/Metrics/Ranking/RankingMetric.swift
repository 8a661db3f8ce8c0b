/// One ranking / retrieval metric to report: what it computes and its cut-off K.
///
/// Every metric is computed per query, over the query's items ranked by descending score, and
/// averaged over queries (see `RankingMetrics` for queries without relevant items and ties).
/// An item is relevant when its grade is positive; NDCG uses the grades themselves as gains.
public struct RankingMetric: Sendable, Hashable, Codable, CustomStringConvertible {
  /// What a ranking metric computes for one query.
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Normalised discounted cumulative gain `DCG@K / IDCG@K`, gains = grades, discount
    /// `1/log₂(i + 1)` at rank i; tied scores share their average gain (TorchMetrics, scikit-learn).
    case ndcg
    /// Reciprocal rank of the first relevant item within the top K (0 if none).
    case mrr
    /// Average precision within the top K: the mean of `precision@i` over the ranks i ≤ K that hold a
    /// relevant item (TorchMetrics' `RetrievalMAP(top_k=K)`; 0 if none).
    case map
    /// Relevant items in the top K divided by K (K is the query's size without a cut-off).
    case precision
    /// Relevant items in the top K divided by the query's relevant items.
    case recall
    /// 1 when the top K hold a relevant item, else 0.
    case hitRate = "hit_rate"
  }

  /// What the metric computes.
  public var kind: Kind
  /// The cut-off K (≥ 1), or `nil` for the whole ranking.
  public var k: Int?

  /// A metric of `kind` at cut-off `k`.
  public init(_ kind: Kind, k: Int? = nil) {
    self.kind = kind
    self.k = k
  }

  /// The result key: `ndcg`, `ndcg@10`, `mrr`, `map@5`, `precision@3`, `recall`, `hit_rate@1`, ….
  public var name: String { kind.rawValue + (k.map { "@\($0)" } ?? "") }

  /// The result key.
  public var description: String { name }

  /// Every ranking metric is better when higher.
  public var direction: Direction { .maximize }

  /// NDCG over the whole ranking, key `ndcg`.
  public static let ndcg = RankingMetric(.ndcg)
  /// Mean reciprocal rank, key `mrr`.
  public static let mrr = RankingMetric(.mrr)
  /// Mean average precision, key `map`.
  public static let map = RankingMetric(.map)

  /// The default list: `ndcg`, `ndcg@10`, `mrr`, `map`, `precision@10`, `recall@10`, `hit_rate@10`.
  public static let defaults: [RankingMetric] = [
    .ndcg, RankingMetric(.ndcg, k: 10), .mrr, .map, RankingMetric(.precision, k: 10),
    RankingMetric(.recall, k: 10), RankingMetric(.hitRate, k: 10),
  ]
}

/// What a ranking metric reports for a query without any relevant item (TorchMetrics'
/// `empty_target_action`).
public enum EmptyQueryAction: String, Sendable, Codable, CaseIterable {
  /// The query scores 0 (TorchMetrics' default).
  case neg
  /// The query scores 1.
  case pos
  /// The query is left out of the average (when every query is left out the average is 0, as
  /// TorchMetrics reports).
  case skip
  /// `RankingMetrics.checkedResults()` throws; `compute()` reports NaN.
  case error
}
