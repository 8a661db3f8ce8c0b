import Foundation

/// A per-element sum that one of the catalogue's further regression metrics needs (over every
/// value of one output).
enum ElementSum: Hashable, Codable, Sendable {
  /// `Σ (log1p(ŷ) − log1p(y))²` (MSLE).
  case squaredLogError
  /// `Σ log cosh(ŷ − y)` (log-cosh error).
  case logCosh
  /// `Σ 2|ŷ − y| / max(|y| + |ŷ|, ε)` with TorchMetrics' ε = 1.17e-6 (SMAPE).
  case symmetricPercentage
  /// `Σ |y|` (the scale of WMAPE).
  case targetMagnitude
  /// `Σ d_P(y, ŷ)`, the unit Tweedie deviance of power P.
  case tweedie(power: Double)
}

/// A per-row sum over the outputs of a row read as a distribution (KL and JS divergences).
enum RowDivergence: String, Hashable, Codable, Sendable, CaseIterable {
  /// `KL(y ‖ ŷ)` of rows normalised to sum 1.
  case kl
  /// `KL(y ‖ ŷ)` of rows of log-probabilities.
  case klLogProb
  /// `JS(y, ŷ)` of rows normalised to sum 1.
  case js
  /// `JS(y, ŷ)` of rows of log-probabilities.
  case jsLogProb
}

/// The sums of the further regression metrics (MSLE, log-cosh, SMAPE, WMAPE, Tweedie deviance,
/// KL and JS divergences): one compensated sum per element sum and output, one per row divergence.
///
/// A `MergeableState` (sums merge field by field; 1e-12 relative). States of another list of sums
/// or outputs are refused.
/// - Complexity: O(k · sums) memory; reading is O(n · k) per sum.
struct RegressionExtras: Sendable, MergeableState, Codable, Equatable {
  /// The element sums, in a fixed order.
  var elements: [ElementSum]
  /// The row divergences, in a fixed order.
  var divergences: [RowDivergence]
  /// `columns[j][e]`: element sum `elements[e]` of output j.
  var columns: [[CompensatedSum]]
  /// `rows[d]`: the sum over rows of `divergences[d]`.
  var rows: [CompensatedSum]

  init(elements: [ElementSum], divergences: [RowDivergence], outputs: Int) {
    self.elements = elements
    self.divergences = divergences
    columns = Array(repeating: Array(repeating: CompensatedSum(), count: elements.count), count: outputs)
    rows = Array(repeating: CompensatedSum(), count: divergences.count)
  }

  /// The sums that `metrics` need, or `nil` when they need none.
  init?(metrics: [RegressionMetric], outputs: Int) {
    var elements: [ElementSum] = []
    var divergences: [RowDivergence] = []
    for m in metrics {
      if let e = m.elementSum, !elements.contains(e) { elements.append(e) }
      if let d = m.rowDivergence, !divergences.contains(d) { divergences.append(d) }
    }
    guard !elements.isEmpty || !divergences.isEmpty else { return nil }
    self.init(elements: elements, divergences: divergences, outputs: outputs)
  }

  /// The sum `e` of output j.
  func sum(_ e: ElementSum, output j: Int) -> CompensatedSum? {
    elements.firstIndex(of: e).map { columns[j][$0] }
  }

  /// The sum over rows of divergence `d`.
  func sum(_ d: RowDivergence) -> CompensatedSum? { divergences.firstIndex(of: d).map { rows[$0] } }

  /// Whether `other` holds the same sums of the same outputs.
  func isCompatible(with other: RegressionExtras) -> Bool {
    elements == other.elements && divergences == other.divergences && columns.count == other.columns.count
  }

  /// The empty sums of the same shape, the identity of `merge`.
  func emptied() -> RegressionExtras {
    RegressionExtras(elements: elements, divergences: divergences, outputs: columns.count)
  }

  /// Adds the sums of another shard (the monoid operation).
  /// - Throws: `ObjectiveError.incompatibleState` when the sums or outputs differ.
  mutating func merge(_ other: RegressionExtras) throws(ObjectiveError) {
    guard isCompatible(with: other) else {
      throw .incompatibleState("regression sums of different metrics or outputs")
    }
    for j in columns.indices {
      for e in elements.indices { columns[j][e].merge(other.columns[j][e]) }
    }
    for d in rows.indices { rows[d].merge(other.rows[d]) }
  }
}

extension RegressionExtras {
  /// The sums of one batch of `n × k` row-major values, under the NaN policy (rows with a
  /// non-finite value are skipped under `.omit`; `.error` was applied before).
  ///
  /// - Throws: `ObjectiveError.invalidArgument` naming the row and the value when a value lies
  ///   outside the domain of a Tweedie deviance (TorchMetrics' rules, see `tweedieDomain`).
  static func reading<T: KernelScalar>(
    _ p: UnsafeBufferPointer<T>, _ y: UnsafeBufferPointer<T>, outputs k: Int, like template: RegressionExtras,
    policy: NaNPolicy
  ) throws(ObjectiveError) -> RegressionExtras {
    var out = template.emptied()
    let n = p.count / k
    var keep: [Bool]? = nil
    if policy == .omit {
      var rows = [Bool](repeating: true, count: n)
      for r in 0..<n {
        for j in 0..<k where !p[r * k + j].isFinite || !y[r * k + j].isFinite {
          rows[r] = false
          break
        }
      }
      keep = rows
    }
    let all = keep == nil
    for (e, element) in template.elements.enumerated() {
      if case .tweedie(let power) = element {
        for j in 0..<k {
          for r in 0..<n where all || keep?[r] == true {
            let a = Double(p[r * k + j])
            let b = Double(y[r * k + j])
            if let problem = tweedieDomain(power, prediction: a, target: b) {
              throw .invalidArgument(
                "tweedie_deviance=\(NumberFormatting.shortest(power)): row \(r)\(k > 1 ? " output \(j)" : ""): \(problem)"
              )
            }
          }
        }
      }
      for j in 0..<k {
        // One specialised loop per sum (the switch is outside the loop).
        let total: LoopSum
        switch element {
        case .squaredLogError: total = sum(p, y, k, j, keep) { ElementSum.squaredLogError($0, $1) }
        case .logCosh: total = sum(p, y, k, j, keep) { ElementSum.logCosh($0, $1) }
        case .symmetricPercentage: total = sum(p, y, k, j, keep) { ElementSum.symmetricPercentage($0, $1) }
        case .targetMagnitude: total = sum(p, y, k, j, keep) { _, b in Swift.abs(b) }
        case .tweedie(let power):
          if power == 1.5 {
            total = sum(p, y, k, j, keep) { ElementSum.tweedieThreeHalves($0, $1) }
          } else {
            total = sum(p, y, k, j, keep) { ElementSum.tweedie(power, prediction: $0, target: $1) }
          }
        }
        out.columns[j][e].merge(total.settled)
      }
    }
    if !template.divergences.isEmpty {
      var q = [Double](repeating: 0, count: k)
      var t = [Double](repeating: 0, count: k)
      for (d, divergence) in template.divergences.enumerated() {
        var total = LoopSum()
        for r in 0..<n where all || keep?[r] == true {
          for j in 0..<k {
            q[j] = Double(p[r * k + j])
            t[j] = Double(y[r * k + j])
          }
          total.add(divergence.value(target: t, prediction: q))
        }
        out.rows[d].merge(total.settled)
      }
    }
    return out
  }

  /// `Σ term(ŷ, y)` over the kept rows of output j.
  @inline(__always)
  private static func sum<T: KernelScalar>(
    _ p: UnsafeBufferPointer<T>, _ y: UnsafeBufferPointer<T>, _ k: Int, _ j: Int, _ keep: [Bool]?,
    _ term: (Double, Double) -> Double
  ) -> LoopSum {
    var total = LoopSum()
    let n = p.count / k
    if let keep {
      for r in 0..<n where keep[r] { total.add(term(Double(p[r * k + j]), Double(y[r * k + j]))) }
    } else if k == 1 {
      for r in 0..<n { total.add(term(Double(p[r]), Double(y[r]))) }
    } else {
      for r in 0..<n { total.add(term(Double(p[r * k + j]), Double(y[r * k + j]))) }
    }
    return total
  }

  /// Why `(prediction, target)` lies outside the domain of the Tweedie deviance of `power`, or
  /// `nil`: P = 0 accepts every value; P < 0 needs ŷ > 0; P = 1 and 1 < P < 2 need ŷ > 0 and
  /// y ≥ 0; P = 2 and P > 2 need ŷ > 0 and y > 0 (TorchMetrics' `TweedieDevianceScore`).
  static func tweedieDomain(_ power: Double, prediction a: Double, target b: Double) -> String? {
    if power == 0 { return nil }
    if a <= 0 { return "the prediction \(a) must be > 0" }
    if power < 0 { return nil }
    if power < 2 { return b < 0 ? "the target \(b) must be ≥ 0" : nil }
    return b <= 0 ? "the target \(b) must be > 0" : nil
  }
}

extension ElementSum {
  /// TorchMetrics' ε of SMAPE and WMAPE.
  static let percentageEpsilon = 1.17e-6

  /// `(log1p ŷ − log1p y)²`, with one `log1p` of `(ŷ − y)/(1 + y)` when both exceed −1.
  @inline(__always)
  static func squaredLogError(_ a: Double, _ b: Double) -> Double {
    let d = a > -1 && b > -1 ? Foundation.log1p((a - b) / (1 + b)) : Foundation.log1p(a) - Foundation.log1p(b)
    return d * d
  }

  /// `log cosh(ŷ − y) = |d| + log1p(e^(−2|d|)) − log 2`, stable for every d (the correction is
  /// below half an ulp of `|d|` beyond |d| = 20).
  @inline(__always)
  static func logCosh(_ a: Double, _ b: Double) -> Double {
    let d = Swift.abs(a - b)
    return d > 20 ? d - M_LN2 : d + Foundation.log1p(Foundation.exp(-2 * d)) - M_LN2
  }

  /// `2|ŷ − y| / max(|y| + |ŷ|, ε)`.
  @inline(__always)
  static func symmetricPercentage(_ a: Double, _ b: Double) -> Double {
    2 * Swift.abs(a - b) / Swift.max(Swift.abs(b) + Swift.abs(a), Self.percentageEpsilon)
  }

  /// The Tweedie unit deviance of power 3/2 with square roots in place of `pow`: the general
  /// formula `2(y^½/(−¼) − y·ŷ^(−½)/(−½) + ŷ^½/½)`.
  @inline(__always)
  static func tweedieThreeHalves(_ a: Double, _ b: Double) -> Double {
    let ra = a.squareRoot()
    let t1 = Swift.max(b, 0).squareRoot() / -0.25
    let t2 = b / ra / -0.5
    let t3 = ra / 0.5
    return 2 * (t1 - t2 + t3)
  }

  /// The term of one value.
  func term(prediction a: Double, target b: Double) -> Double {
    switch self {
    case .squaredLogError: return Self.squaredLogError(a, b)
    case .logCosh: return Self.logCosh(a, b)
    case .symmetricPercentage: return Self.symmetricPercentage(a, b)
    case .targetMagnitude: return Swift.abs(b)
    case .tweedie(let power): return Self.tweedie(power, prediction: a, target: b)
    }
  }

  /// The unit deviance `d_P(y, ŷ)` (TorchMetrics' formulas, with `y·log(y/ŷ) = 0` at y = 0).
  static func tweedie(_ power: Double, prediction a: Double, target b: Double) -> Double {
    switch power {
    case 0: return (b - a) * (b - a)
    case 1: return 2 * ((b == 0 ? 0 : b * Foundation.log(b / a)) + a - b)
    case 2: return 2 * (Foundation.log(a / b) + b / a - 1)
    default:
      let t1 = Foundation.pow(Swift.max(b, 0), 2 - power) / ((1 - power) * (2 - power))
      let t2 = b * Foundation.pow(a, 1 - power) / (1 - power)
      let t3 = Foundation.pow(a, 2 - power) / (2 - power)
      return 2 * (t1 - t2 + t3)
    }
  }
}

extension RowDivergence {
  /// The divergence of one row (TorchMetrics' `kl_divergence` / `jensen_shannon_divergence` with
  /// `p` the target row and `q` the prediction row), without allocating.
  func value(target p: [Double], prediction q: [Double]) -> Double {
    switch self {
    case .kl, .js:
      var sp = 0.0
      var sq = 0.0
      for i in p.indices {
        sp += p[i]
        sq += q[i]
      }
      var s = 0.0
      for i in p.indices {
        let a = p[i] / sp
        let b = q[i] / sq
        if self == .kl {
          if a != 0 { s += a * Foundation.log(a / b) }
        } else {
          let m = (a + b) / 2
          if a != 0 { s += 0.5 * a * Foundation.log(a / m) }
          if b != 0 { s += 0.5 * b * Foundation.log(b / m) }
        }
      }
      return s
    case .klLogProb:
      var s = 0.0
      for i in p.indices { s += Foundation.exp(p[i]) * (p[i] - q[i]) }
      return s
    case .jsLogProb:
      var s = 0.0
      for i in p.indices {
        let hi = Swift.max(p[i], q[i])
        let m =
          hi.isFinite
          ? hi + Foundation.log(Foundation.exp(p[i] - hi) + Foundation.exp(q[i] - hi)) - M_LN2 : hi
        s += 0.5 * Foundation.exp(p[i]) * (p[i] - m) + 0.5 * Foundation.exp(q[i]) * (q[i] - m)
      }
      return s
    }
  }
}
