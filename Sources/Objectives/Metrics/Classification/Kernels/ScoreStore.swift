/// The scores of one class, kept for the exact rank metrics (AUROC, average precision, curves).
///
/// Positive and negative samples are kept in two arrays, so the label costs no memory: a binary
/// `Float` score takes 4 bytes per sample. The order of the scores is irrelevant (they are sorted
/// when a rank metric is computed), so merging is concatenation and every split of the data gives
/// exactly the same multiset, hence exactly the same results.
///
/// A `MergeableState`, exact: `ScoreStore()` is the identity; `merge` is concatenation (and
/// commutative as a multiset).
/// - Complexity: O(1) amortised per sample, O(n) to merge; computing a rank metric sorts with an
///   O(n) radix sort and O(n) scratch memory.
struct ScoreStore<Score: ClassificationScore>: Sendable, MergeableState, Equatable {
  /// The scores of the positive samples, in arrival order.
  private(set) var positives: [Score] = []
  /// The scores of the negative samples, in arrival order.
  private(set) var negatives: [Score] = []

  /// An empty store.
  init() {}

  /// The number of stored samples.
  var count: Int { positives.count + negatives.count }

  /// Stores one score. The score must not be NaN.
  mutating func append(_ score: Score, positive: Bool) {
    if positive { positives.append(score) } else { negatives.append(score) }
  }

  /// Reserves room for `positives` more positive and `negatives` more negative scores, growing
  /// geometrically so that repeated batches stay amortised O(1) per sample.
  mutating func reserve(positives p: Int, negatives q: Int) {
    Self.grow(&positives, by: p)
    Self.grow(&negatives, by: q)
  }

  private static func grow(_ array: inout [Score], by extra: Int) {
    let needed = array.count + extra
    if array.capacity < needed { array.reserveCapacity(max(needed, 2 * array.capacity)) }
  }

  /// Appends runs of positive and negative scores (none NaN).
  mutating func append(
    positives p: UnsafeBufferPointer<Score>, negatives q: UnsafeBufferPointer<Score>
  ) {
    positives.append(contentsOf: p)
    negatives.append(contentsOf: q)
  }

  /// Appends every score of `other` (the monoid operation).
  mutating func merge(_ other: ScoreStore) {
    positives.append(contentsOf: other.positives)
    negatives.append(contentsOf: other.negatives)
  }

  /// Removes every score and releases the memory (a copy made by `forwardResults` or `emptied()`
  /// then costs nothing, and the store regrows geometrically).
  mutating func removeAll() {
    positives = []
    negatives = []
  }

  /// Removes the last `p` positive and `q` negative scores (used to undo a partial batch).
  mutating func removeLast(positives p: Int, negatives q: Int) {
    positives.removeLast(p)
    negatives.removeLast(q)
  }
}

extension ScoreStore: Codable {
  private enum CodingKeys: String, CodingKey { case positives, negatives }

  /// Decodes a store written as base64 of little-endian IEEE bits, or as arrays of numbers under
  /// the library's non-finite policy (see `FiniteOrSpecial`).
  init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    positives = try c.decodeBits(Score.self, forKey: .positives)
    negatives = try c.decodeBits(Score.self, forKey: .negatives)
  }

  /// Encodes the scores as base64 of their little-endian IEEE bits: exact (infinities and `-0`
  /// included), 4 or 8 bytes per score before base64, and a plain `JSONEncoder` accepts it.
  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encodeBits(positives, forKey: .positives)
    try c.encodeBits(negatives, forKey: .negatives)
  }
}

extension ScoreStore {
  /// Calls `body` with the ascending sort keys of the positives and of the negatives of all
  /// `stores` pooled together.
  static func withSortedKeys<R>(
    of stores: some Collection<ScoreStore>,
    _ body: (UnsafeBufferPointer<Score.SortKey>, UnsafeBufferPointer<Score.SortKey>) -> R
  ) -> R {
    let p = stores.reduce(0) { $0 + $1.positives.count }
    let q = stores.reduce(0) { $0 + $1.negatives.count }
    let buffer = UnsafeMutableBufferPointer<Score.SortKey>.allocate(capacity: p + q + max(p, q))
    defer { buffer.deallocate() }
    let pos = UnsafeMutableBufferPointer(rebasing: buffer[0..<p])
    let neg = UnsafeMutableBufferPointer(rebasing: buffer[p..<(p + q)])
    let scratch = UnsafeMutableBufferPointer(rebasing: buffer[(p + q)...])
    var i = 0
    var j = 0
    for store in stores {
      store.positives.withUnsafeBufferPointer { src in
        for s in src {
          pos[i] = s.sortKey
          i += 1
        }
      }
      store.negatives.withUnsafeBufferPointer { src in
        for s in src {
          neg[j] = s.sortKey
          j += 1
        }
      }
    }
    let sortedPos = sorted(pos, scratch: scratch)
    let sortedNeg = sorted(neg, scratch: scratch)
    return body(sortedPos, sortedNeg)
  }

  /// Sorts `keys`, copying the result back from `scratch` when it ends there.
  private static func sorted(
    _ keys: UnsafeMutableBufferPointer<Score.SortKey>,
    scratch: UnsafeMutableBufferPointer<Score.SortKey>
  ) -> UnsafeBufferPointer<Score.SortKey> {
    if !RadixSort.sort(keys, scratch: scratch) {
      _ = keys.update(fromContentsOf: scratch[0..<keys.count])
    }
    return UnsafeBufferPointer(keys)
  }

  /// AUROC and average precision of the pooled stores (NaN unless both classes are present).
  static func ranking(of stores: some Collection<ScoreStore>) -> ScoreRanking {
    withSortedKeys(of: stores) { pos, neg in
      var ranking = ScoreRanking(positives: pos.count, negatives: neg.count)
      ScoreRanking.forEachGroupDescending(positives: pos, negatives: neg) { _, p, q in
        ranking.addGroup(positives: p, negatives: q)
      }
      return ranking
    }
  }

  /// AUROC and average precision of this store (NaN unless both classes are present).
  var ranking: ScoreRanking { Self.ranking(of: CollectionOfOne(self)) }

  /// The exact ROC and precision–recall curves, one point per distinct score from the highest
  /// down, after a first point at `+∞`. `threshold` maps a stored score to the reported threshold.
  func curves(threshold: (Score) -> Double) -> CurveBuilder {
    Self.withSortedKeys(of: CollectionOfOne(self)) { pos, neg in
      var builder = CurveBuilder(positives: pos.count, negatives: neg.count)
      ScoreRanking.forEachGroupDescending(positives: pos, negatives: neg) { key, p, q in
        builder.addGroup(threshold: threshold(Score(sortKey: key)), positives: p, negatives: q)
      }
      return builder
    }
  }
}

extension ScoreStore {
  /// The empty store, the identity of `merge`.
  func emptied() -> ScoreStore { ScoreStore() }
}
