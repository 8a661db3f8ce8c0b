/// The state of `RankingMetrics`: every query's scored items, in the order they arrived.
///
/// A `MergeableState` (a store, so the laws hold exactly): merging appends the other state's items
/// to the same queries (new queries after the known ones), so shards merged in order hold the
/// items in input order — the order that breaks ties. A state of another configuration is
/// refused.
/// - Complexity: 16 bytes per item plus one entry per query.
public struct RankingState: Sendable, MergeableState, Equatable {
  /// The query ids, in order of first appearance.
  public private(set) var queries: [String] = []
  /// `scores[q]`: the scores of query q's items, in arrival order.
  public private(set) var scores: [[Double]] = []
  /// `grades[q]`: the relevance grades (≥ 0) of query q's items, aligned with `scores[q]`.
  public private(set) var grades: [[Double]] = []
  /// The configuration of the objective that holds the state.
  var configuration: String
  /// The position of each query id in `queries`.
  private var position: [String: Int] = [:]

  init(configuration: String) { self.configuration = configuration }

  /// The number of items stored.
  public var itemCount: Int { scores.reduce(0) { $0 + $1.count } }

  /// Appends one item to query `query`.
  mutating func append(query: String, score: Double, grade: Double) {
    if let q = position[query] {
      scores[q].append(score)
      grades[q].append(grade)
    } else {
      position[query] = queries.count
      queries.append(query)
      scores.append([score])
      grades.append([grade])
    }
  }

  /// The empty state of the same configuration, the identity of `merge`.
  public func emptied() -> RankingState { RankingState(configuration: configuration) }

  /// Appends another state's items (the monoid operation).
  /// - Throws: `ObjectiveError.incompatibleState` when the configurations differ.
  public mutating func merge(_ other: RankingState) throws(ObjectiveError) {
    guard configuration == other.configuration else {
      throw .incompatibleState("ranking states of \(configuration) and \(other.configuration)")
    }
    for (q, id) in other.queries.enumerated() {
      if let mine = position[id] {
        scores[mine].append(contentsOf: other.scores[q])
        grades[mine].append(contentsOf: other.grades[q])
      } else {
        position[id] = queries.count
        queries.append(id)
        scores.append(other.scores[q])
        grades.append(other.grades[q])
      }
    }
  }
}

extension RankingState: Codable {
  private enum CodingKeys: String, CodingKey { case configuration, queries, sizes, scores, grades }

  /// Decodes a state written by `encode(to:)`, checking that the sizes and the items agree.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    configuration = try c.decode(String.self, forKey: .configuration)
    let ids = try c.decode([String].self, forKey: .queries)
    let sizes = try c.decode([Int].self, forKey: .sizes)
    let flatScores = try c.decodeNumbers(forKey: .scores)
    let flatGrades = try c.decodeNumbers(forKey: .grades)
    guard ids.count == sizes.count, Set(ids).count == ids.count, sizes.allSatisfy({ $0 >= 1 }),
      sizes.reduce(0, +) == flatScores.count, flatScores.count == flatGrades.count
    else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: c.codingPath, debugDescription: "ranking state: queries, sizes and items disagree"))
    }
    var start = 0
    for (id, size) in zip(ids, sizes) {
      position[id] = queries.count
      queries.append(id)
      scores.append(Array(flatScores[start..<(start + size)]))
      grades.append(Array(flatGrades[start..<(start + size)]))
      start += size
    }
  }

  /// Encodes the queries, their sizes and the flat items under the library's non-finite policy.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(configuration, forKey: .configuration)
    try c.encode(queries, forKey: .queries)
    try c.encode(scores.map(\.count), forKey: .sizes)
    try c.encodeNumbers(scores.flatMap { $0 }, forKey: .scores)
    try c.encodeNumbers(grades.flatMap { $0 }, forKey: .grades)
  }
}
