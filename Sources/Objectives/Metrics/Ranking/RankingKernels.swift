import Foundation

/// The per-query values of the ranking metrics.
enum RankingKernels {
  /// The value of every metric for one query that has a relevant item.
  ///
  /// Items are ranked by descending score, ties in arrival order (a stable sort); NDCG gives tied
  /// items the average gain of their group, so its value does not depend on the order of ties.
  /// - Complexity: O(m log m) for m items.
  static func values(_ metrics: [RankingMetric], scores: [Double], grades: [Double]) -> [Double] {
    let m = scores.count
    let order = (0..<m).sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
    let relevant = order.map { grades[$0] > 0 }
    let totalRelevant = relevant.reduce(0) { $0 + ($1 ? 1 : 0) }
    return metrics.map { metric in
      let k = metric.k ?? m
      let top = Swift.min(k, m)
      switch metric.kind {
      case .ndcg:
        return ndcg(order: order, scores: scores, grades: grades, k: k)
      case .mrr:
        guard let first = relevant[0..<top].firstIndex(of: true) else { return 0 }
        return 1 / Double(first + 1)
      case .map:
        var hits = 0
        var sum = 0.0
        for i in 0..<top where relevant[i] {
          hits += 1
          sum += Double(hits) / Double(i + 1)
        }
        return hits == 0 ? 0 : sum / Double(hits)
      case .precision:
        return Double(relevant[0..<top].count(where: { $0 })) / Double(k)
      case .recall:
        return Double(relevant[0..<top].count(where: { $0 })) / Double(totalRelevant)
      case .hitRate:
        return relevant[0..<top].contains(true) ? 1 : 0
      }
    }
  }

  /// `DCG@K / IDCG@K` with tie-averaged gains; 0 when the ideal DCG is 0.
  static func ndcg(order: [Int], scores: [Double], grades: [Double], k: Int) -> Double {
    let m = order.count
    func discount(_ i: Int) -> Double { i < k ? 1 / log2(Double(i) + 2) : 0 }
    var dcg = 0.0
    var start = 0
    while start < m {
      var end = start + 1
      while end < m && scores[order[end]] == scores[order[start]] { end += 1 }
      var gain = 0.0
      var weight = 0.0
      for i in start..<end {
        gain += grades[order[i]]
        weight += discount(i)
      }
      dcg += gain / Double(end - start) * weight
      start = end
    }
    let ideal = grades.sorted(by: >)
    var idcg = 0.0
    for i in 0..<Swift.min(k, m) { idcg += ideal[i] * discount(i) }
    return idcg > 0 ? dcg / idcg : 0
  }
}
