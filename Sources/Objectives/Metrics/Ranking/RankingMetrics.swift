/// The query and the relevance grade of each scored item of a batch.
public struct RankingJudgements: Sendable, Equatable {
  /// The query of each item.
  public var queries: [String]
  /// The relevance grade of each item: 0 or 1, or a non-negative grade.
  public var grades: [Double]

  /// Judgements of `queries.count` items.
  public init(queries: [String], grades: [Double]) {
    self.queries = queries
    self.grades = grades
  }
}

/// Ranking and retrieval metrics over queries (TorchMetrics' retrieval metrics): NDCG, MRR, MAP,
/// precision, recall and hit rate, each optionally at a cut-off K, averaged over queries.
///
/// **Inputs.** Each item has a query id, a score (higher ranks first) and a relevance grade ≥ 0
/// (0/1, or a grade: an item is relevant when its grade is positive, and NDCG uses the grades as
/// gains). The items of a query may come in any batches and shards. A NaN score throws
/// `ObjectiveError.nonFinite`, a negative or non-finite grade `ObjectiveError.invalidArgument`,
/// both naming the item; the state is then unchanged. Infinite scores rank first or last.
///
/// **Queries without a relevant item** follow `emptyQueries` (TorchMetrics' `empty_target_action`,
/// default `.neg`: the query scores 0).
///
/// **Ties.** NDCG averages the gains of tied items (as TorchMetrics and scikit-learn do); the other
/// metrics rank tied items in arrival order (TorchMetrics' sorts leave that order undefined).
///
/// Exact mode only: the state stores every item (`RankingState`).
/// - Complexity: O(1) per item to update, 16 bytes per item; `compute()` is O(m log m) per query
///   of m items.
public struct RankingMetrics: Objective, SampleCounting, Sendable {
  /// The scores of a batch.
  public typealias Output = [Double]
  /// The queries and grades of a batch.
  public typealias Target = RankingJudgements
  /// Every query's items.
  public typealias State = RankingState

  /// The metrics reported, in order.
  public let metrics: [RankingMetric]
  /// What a query without a relevant item reports.
  public let emptyQueries: EmptyQueryAction
  /// The accumulated items.
  public private(set) var state: RankingState

  /// An objective reporting `metrics` (`RankingMetric.defaults` unless given).
  /// - Throws: `ObjectiveError.invalidArgument` for an empty list, a cut-off below 1 or two metrics
  ///   of the same name.
  public init(
    _ metrics: [RankingMetric] = RankingMetric.defaults, emptyQueries: EmptyQueryAction = .neg
  ) throws(ObjectiveError) {
    guard !metrics.isEmpty else { throw .invalidArgument("no ranking metric to report") }
    var names = Set<String>()
    for m in metrics {
      if let k = m.k, k < 1 {
        throw .invalidArgument("\(m.kind.rawValue): the cut-off must be at least 1, got \(k)")
      }
      guard names.insert(m.name).inserted else {
        throw .invalidArgument("two ranking metrics named \(m.name)")
      }
    }
    self.metrics = metrics
    self.emptyQueries = emptyQueries
    state = RankingState(
      configuration: "ranking of [" + metrics.map(\.name).joined(separator: ", ") + "], empty queries "
        + emptyQueries.rawValue)
  }

  /// The number of items accumulated.
  public var sampleCount: Int { state.itemCount }

  /// Accumulates a batch of scored items.
  public mutating func update(_ outputs: [Double], _ targets: RankingJudgements) throws(ObjectiveError) {
    try update(queries: targets.queries, scores: outputs, grades: targets.grades)
  }

  /// Accumulates `scores.count` items, the i-th of query `queries[i]` with grade `grades[i]`.
  /// - Throws: `ObjectiveError.lengthMismatch`, `.nonFinite` for a NaN score, `.invalidArgument`
  ///   for a negative or non-finite grade; the state is then unchanged.
  public mutating func update(queries: [String], scores: [Double], grades: [Double]) throws(ObjectiveError) {
    guard queries.count == scores.count else {
      throw .lengthMismatch(what: "ranking queries", expected: scores.count, actual: queries.count)
    }
    guard grades.count == scores.count else {
      throw .lengthMismatch(what: "ranking grades", expected: scores.count, actual: grades.count)
    }
    for i in scores.indices {
      if scores[i].isNaN { throw .nonFinite(what: "ranking score", position: i) }
      guard grades[i].isFinite, grades[i] >= 0 else {
        throw .invalidArgument(
          "ranking grade \(grades[i]) of item \(i) (query \(queries[i])) must be finite and ≥ 0")
      }
    }
    for i in scores.indices { state.append(query: queries[i], score: scores[i], grade: grades[i]) }
  }

  /// The mean of every metric over queries; NaN with no query, and NaN for every metric when
  /// `emptyQueries` is `.error` and a query has no relevant item (`checkedResults()` throws then).
  public func compute() -> Results {
    (try? checkedResults()) ?? results(Array(repeating: .nan, count: metrics.count))
  }

  /// The mean of every metric over queries.
  /// - Throws: `ObjectiveError.invalidArgument` naming the first query without a relevant item
  ///   when `emptyQueries` is `.error`.
  public func checkedResults() throws(ObjectiveError) -> Results {
    guard !state.queries.isEmpty else { return results(Array(repeating: .nan, count: metrics.count)) }
    var totals = [CompensatedSum](repeating: CompensatedSum(), count: metrics.count)
    var counted = 0
    for q in state.queries.indices {
      let grades = state.grades[q]
      if !grades.contains(where: { $0 > 0 }) {
        switch emptyQueries {
        case .skip: continue
        case .error:
          throw .invalidArgument("query \(state.queries[q]) has no relevant item (empty queries: error)")
        case .neg, .pos:
          let v: Double = emptyQueries == .pos ? 1 : 0
          for i in totals.indices { totals[i].add(v) }
        }
      } else {
        let values = RankingKernels.values(metrics, scores: state.scores[q], grades: grades)
        for i in totals.indices { totals[i].add(values[i]) }
      }
      counted += 1
    }
    return results(totals.map { counted == 0 ? 0 : $0.value(dividedBy: Double(counted)) })
  }

  private func results(_ values: [Double]) -> Results {
    Results(
      zip(metrics, values).map { Results.Entry(name: $0.name, value: .scalar($1), direction: .maximize) })
  }

  /// Returns to the empty state, keeping the configuration.
  public mutating func reset() { state = state.emptied() }

  /// Appends the items of an objective of the same configuration.
  public mutating func merge(_ other: RankingMetrics) throws(ObjectiveError) { try state.merge(other.state) }

  /// Replaces the state with a snapshot of an objective of the same configuration.
  /// - Throws: `ObjectiveError.incompatibleState` naming both configurations; the state is then
  ///   unchanged.
  public mutating func restore(_ state: RankingState) throws(ObjectiveError) {
    guard state.configuration == self.state.configuration else {
      throw .incompatibleState(
        "expected the state of \(self.state.configuration), got \(state.configuration)")
    }
    self.state = state
  }
}
