/// The area under the ROC curve and the average precision of a ranking, built from groups of tied
/// scores visited from the highest score down.
///
/// AUROC is the Mann–Whitney statistic: the share of (positive, negative) pairs ranked in the right
/// order, a tied pair counting one half — the trapezoid area under the exact ROC curve, as
/// scikit-learn computes it. Average precision is scikit-learn's step-wise sum
/// `Σₖ (Rₖ − Rₖ₋₁) Pₖ` over distinct thresholds, without interpolation.
///
/// Both are NaN unless both classes are present.
/// - Complexity: O(1) per group.
struct ScoreRanking {
  let positives: Int
  let negatives: Int
  private(set) var truePositives = 0
  private(set) var falsePositives = 0
  private var pairs = LoopSum()
  private var precisionSum = LoopSum()

  init(positives: Int, negatives: Int) {
    self.positives = positives
    self.negatives = negatives
  }

  /// Adds the next group of tied scores (lower than every group added before).
  mutating func addGroup(positives p: Int, negatives q: Int) {
    let falseAfter = falsePositives + q
    if p > 0 {
      // Twice the pair credit: 2 for each negative below, 1 for each tied negative.
      pairs.add(Double(p) * Double(2 * (negatives - falseAfter) + q))
      truePositives += p
      precisionSum.add(Double(p) * Double(truePositives) / Double(truePositives + falseAfter))
    }
    falsePositives = falseAfter
  }

  /// The area under the ROC curve, NaN when a class is missing.
  var auroc: Double {
    guard positives > 0, negatives > 0 else { return .nan }
    return pairs.value / (2 * Double(positives) * Double(negatives))
  }

  /// The average precision, NaN when a class is missing.
  var averagePrecision: Double {
    guard positives > 0, negatives > 0 else { return .nan }
    return precisionSum.value / Double(positives)
  }

  /// Visits the tied groups of two ascending sorted key buffers from the top:
  /// `body(key, positivesInGroup, negativesInGroup)`.
  @_specialize(where K == UInt32)
  @_specialize(where K == UInt64)
  static func forEachGroupDescending<K: FixedWidthInteger>(
    positives: UnsafeBufferPointer<K>, negatives: UnsafeBufferPointer<K>,
    _ body: (K, Int, Int) -> Void
  ) {
    var i = positives.count - 1
    var j = negatives.count - 1
    while i >= 0 || j >= 0 {
      let key: K
      if i < 0 {
        key = negatives[j]
      } else if j < 0 {
        key = positives[i]
      } else {
        key = max(positives[i], negatives[j])
      }
      var p = 0
      while i >= 0 && positives[i] == key {
        p += 1
        i -= 1
      }
      var q = 0
      while j >= 0 && negatives[j] == key {
        q += 1
        j -= 1
      }
      body(key, p, q)
    }
  }
}
