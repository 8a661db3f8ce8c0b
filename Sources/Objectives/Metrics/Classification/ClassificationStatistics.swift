/// One-vs-rest confusion counts of one class (or of all classes pooled, for micro averaging).
struct ClassCounts: Sendable, Equatable {
  var tp = 0
  var fp = 0
  var fn = 0
  var tn = 0

  /// TP + FN: the samples whose target is this class.
  var support: Int { tp + fn }
  /// Every counted sample.
  var total: Int { tp + fp + fn + tn }

  static func + (a: ClassCounts, b: ClassCounts) -> ClassCounts {
    ClassCounts(tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn, tn: a.tn + b.tn)
  }

  /// The 2×2 matrix `[tn, fp, fn, tp]` (rows = target).
  var matrix: [Int] { [tn, fp, fn, tp] }
}

/// The formulas of the count-based metrics. Zero denominators give 0 (scikit-learn's default
/// `zero_division`), except Cohen's κ, which is NaN when undefined (scikit-learn's default
/// `replace_undefined_by`).
enum ClassificationFormulas {
  @inline(__always) static func ratio(_ a: Int, _ b: Int) -> Double {
    b == 0 ? 0 : Double(a) / Double(b)
  }

  /// The value of a per-class metric from one class's counts. `multilabel` selects the label-wise
  /// accuracy (TP + TN) / total instead of the multiclass per-class accuracy TP / support.
  static func perClass(
    _ kind: ClassificationMetric.Kind, _ c: ClassCounts, beta: Double, labelwiseAccuracy: Bool
  ) -> Double {
    switch kind {
    case .accuracy:
      return labelwiseAccuracy ? ratio(c.tp + c.tn, c.total) : ratio(c.tp, c.support)
    case .precision: return ratio(c.tp, c.tp + c.fp)
    case .recall: return ratio(c.tp, c.support)
    case .f1: return fBeta(c, beta: 1)
    case .fBeta: return fBeta(c, beta: beta)
    case .specificity: return ratio(c.tn, c.tn + c.fp)
    case .balancedAccuracy: return balancedAccuracy(matrix: c.matrix, classes: 2)
    case .mcc: return mcc(matrix: c.matrix, classes: 2)
    case .cohenKappa, .linearKappa, .quadraticKappa: return kappa(matrix: c.matrix, classes: 2)
    case .hammingLoss: return ratio(c.fp + c.fn, c.total)
    case .jaccard: return ratio(c.tp, c.tp + c.fp + c.fn)
    case .dice: return ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn)
    default: return .nan
    }
  }

  /// (1 + β²)·TP / ((1 + β²)·TP + β²·FN + FP), 0 when the denominator is 0.
  static func fBeta(_ c: ClassCounts, beta: Double) -> Double {
    let b2 = beta * beta
    let numerator = (1 + b2) * Double(c.tp)
    let denominator = numerator + b2 * Double(c.fn) + Double(c.fp)
    return denominator == 0 ? 0 : numerator / denominator
  }

  /// The mean recall over the classes with a nonzero support (0 for an empty matrix, which only
  /// happens for a multilabel label without decisions; an empty state is NaN before this).
  static func balancedAccuracy(matrix m: [Int], classes k: Int) -> Double {
    var sum = CompensatedSum()
    var present = 0
    for i in 0..<k {
      var support = 0
      for j in 0..<k { support += m[i * k + j] }
      if support > 0 {
        sum.add(Double(m[i * k + i]) / Double(support))
        present += 1
      }
    }
    return present == 0 ? 0 : sum.value / Double(present)
  }

  /// The row sums (targets), column sums (predictions), trace and total of a k×k matrix.
  private static func margins(_ m: [Int], _ k: Int) -> (rows: [Int], columns: [Int], trace: Int, total: Int) {
    var rows = Array(repeating: 0, count: k)
    var columns = Array(repeating: 0, count: k)
    var trace = 0
    var total = 0
    for i in 0..<k {
      for j in 0..<k {
        let v = m[i * k + j]
        rows[i] += v
        columns[j] += v
        total += v
      }
      trace += m[i * k + i]
    }
    return (rows, columns, trace, total)
  }

  /// Matthews correlation of a k×k matrix (k = 2 is the binary MCC):
  /// `(n·tr − Σ tᵢpᵢ) / √((n² − Σ pᵢ²)(n² − Σ tᵢ²))`, 0 when the denominator is 0.
  /// Products are accumulated exactly enough that large counts do not cancel catastrophically.
  static func mcc(matrix m: [Int], classes k: Int) -> Double {
    let (t, p, trace, n) = margins(m, k)
    var cov = ProductSum()
    cov.add(n, trace)
    var pp = ProductSum()
    pp.add(n, n)
    var tt = ProductSum()
    tt.add(n, n)
    for i in 0..<k {
      cov.add(-t[i], p[i])
      pp.add(-p[i], p[i])
      tt.add(-t[i], t[i])
    }
    let denominator = pp.value * tt.value
    return denominator == 0 ? 0 : cov.value / (pp.value.squareRoot() * tt.value.squareRoot())
  }

  /// Cohen's κ of a k×k matrix: `(n·tr − Σ tᵢpᵢ) / (n² − Σ tᵢpᵢ)`, NaN when the denominator is 0
  /// (both raters always chose one and the same class).
  static func kappa(matrix m: [Int], classes k: Int) -> Double {
    let (t, p, trace, n) = margins(m, k)
    var numerator = ProductSum()
    numerator.add(n, trace)
    var denominator = ProductSum()
    denominator.add(n, n)
    for i in 0..<k {
      numerator.add(-t[i], p[i])
      denominator.add(-t[i], p[i])
    }
    let d = denominator.value
    return d == 0 ? .nan : numerator.value / d
  }

  /// Weighted Cohen's κ of a k×k matrix with disagreement weights `w(i, j) = |i − j|^power`
  /// (power 1: linear, 2: quadratic): `1 − n·Σ w·O / Σ w·tᵢ·pⱼ`, NaN when the expected
  /// disagreement is 0. Every product is an exact integer product summed with compensation.
  /// O(k²).
  static func weightedKappa(matrix m: [Int], classes k: Int, power: Int) -> Double {
    let (t, p, _, n) = margins(m, k)
    var observed = ProductSum()
    var expected = ProductSum()
    for i in 0..<k {
      for j in 0..<k where i != j {
        let d = abs(i - j)
        let w = power == 1 ? d : d * d
        observed.add(w * m[i * k + j], n)
        expected.add(w * t[i], p[j])
      }
    }
    let e = expected.value
    return e == 0 ? .nan : 1 - observed.value / e
  }

  /// Combines per-class values. `micro` is the value on the pooled counts. Macro averages the
  /// classes that are `present`; weighted uses `weights` (supports). Classes whose value is NaN
  /// (undefined) are left out of macro and weighted averages; with none left the result is NaN,
  /// and with zero total weight it is 0.
  static func reduce(
    values: [Double], present: [Bool], weights: [Int], micro: () -> Double, average: Averaging
  ) -> MetricValue {
    switch average {
    case .perClass:
      return .vector(values)
    case .micro:
      return .scalar(micro())
    case .macro:
      var sum = CompensatedSum()
      var count = 0
      var defined = 0
      for i in values.indices where !values[i].isNaN {
        defined += 1
        if present[i] {
          sum.add(values[i])
          count += 1
        }
      }
      if defined == 0 && !values.isEmpty { return .scalar(.nan) }
      return .scalar(count == 0 ? 0 : sum.value / Double(count))
    case .weighted:
      var sum = CompensatedSum()
      var total = 0
      var defined = 0
      for i in values.indices where !values[i].isNaN {
        defined += 1
        sum.add(Double(weights[i]) * values[i])
        total += weights[i]
      }
      if defined == 0 && !values.isEmpty { return .scalar(.nan) }
      return .scalar(total == 0 ? 0 : sum.value / Double(total))
    }
  }
}

/// A sum of integer products, each split exactly into two `Double`s (TwoProduct with a fused
/// multiply-add) and summed with compensation, so differences of large products keep their digits.
struct ProductSum {
  private var sum = CompensatedSum()

  mutating func add(_ a: Int, _ b: Int) {
    let x = Double(a)
    let y = Double(b)
    let p = x * y
    sum.add(p)
    sum.add((-p).addingProduct(x, y))
  }

  var value: Double { sum.value }
}
