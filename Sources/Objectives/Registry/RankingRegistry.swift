/// The ranking metric names: `ndcg`, `mrr`, `map`, `precision`, `recall`, `hit_rate`, each
/// optionally with a cut-off `@K` (K ≥ 1).
extension RankingMetric {
  /// Every base name, sorted, then the cut-off form (for messages).
  public static var knownNames: [String] { Kind.allCases.map(\.rawValue).sorted() + ["NAME@K"] }

  /// The metric called `name` (`ndcg@10`, `hit_rate`, `map@5`, …), or `nil` for an unknown name or
  /// a cut-off that is not a positive integer.
  public init?(named name: String) {
    let parts = name.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
    guard let kind = Kind(rawValue: String(parts[0])) else { return nil }
    if parts.count == 2 {
      guard let k = Int(parts[1]), k >= 1 else { return nil }
      self.init(kind, k: k)
    } else {
      self.init(kind)
    }
  }
}
