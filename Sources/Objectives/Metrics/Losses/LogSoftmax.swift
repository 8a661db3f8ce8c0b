import Foundation

/// The log-softmax of a row of logits that contains an infinity, where `z − log Σ e^z` would form
/// `∞ − ∞`.
///
/// The library's rule (shared by the built-in losses and the classification log loss): the
/// log-softmax is `(z_c − m) − log Σ e^(z_c − m)` with `m` the row's largest logit, and `z_c − m`
/// taken as 0 wherever `z_c == m`. With finite logits this is the usual formula. With infinities it
/// is the limit in which equal logits stay equal (IEEE infinities compare equal):
///
/// - one `+∞` logit takes all the probability: its log-probability is 0, every other class has
///   `−∞` (a loss of `+∞` when the target is another class);
/// - `k` logits of `+∞` share it equally: `−log k` each (a loss of `log k` for a target among them);
/// - `−∞` logits next to finite ones have probability 0 (`−∞`); a row of only `−∞` is uniform
///   (`−log C`), as a row of equal finite logits is;
/// - a NaN logit makes the whole row NaN.
///
/// torch returns NaN for rows with `+∞` or with only `−∞`; the rule above is what a diverging model
/// converges to, and it keeps an infinite loss infinite.
enum LogSoftmax {
  /// The log-probabilities of row `start..<start + count` of `z`. O(count); used off the hot
  /// paths, for the rows whose log-sum-exp is not finite.
  static func row(_ z: UnsafeBufferPointer<Double>, _ start: Int, _ count: Int) -> [Double] {
    var m = -Double.infinity
    for c in start..<(start + count) {
      if z[c].isNaN { return Array(repeating: .nan, count: count) }
      m = max(m, z[c])
    }
    var s = 0.0
    for c in start..<(start + count) { s += exp(z[c] == m ? 0 : z[c] - m) }
    let logSum = log(s)
    return (start..<(start + count)).map { c in (z[c] == m ? 0 : z[c] - m) - logSum }
  }

  /// The label-smoothed cross-entropy `−(1 − ε)·log q_y − (ε/C)·Σ_c log q_c` of a row of
  /// log-probabilities. Terms of zero weight are left out, so `0 · ∞` never makes a NaN; every
  /// term is non-negative, so one infinite term makes the loss `+∞`.
  static func crossEntropy(logProbabilities q: [Double], target y: Int, smoothing eps: Double) -> Double {
    var loss = 0.0
    if eps < 1 { loss -= (1 - eps) * q[y] }
    if eps > 0 {
      var s = 0.0
      for v in q { s -= v }
      loss += eps / Double(q.count) * s
    }
    return loss
  }
}
