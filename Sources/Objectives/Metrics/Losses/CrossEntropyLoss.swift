import Foundation

/// Cross-entropy of logits with class-index targets (torch's `cross_entropy`), with optional label
/// smoothing ε.
///
/// Logits are a flat row-major buffer of `n × numClasses` values; targets are `n` class indices.
/// With `q = softmax(z)` and `lse = log Σ_c e^{z_c}` (computed after subtracting the row maximum),
/// the per-sample value is
/// `ℓ = (1 − ε)·(lse − z_y) + (ε/C)·Σ_c (lse − z_c)`.
///
/// Gradient: `∂ℓ/∂z_c = q_c − (1 − ε)·[c = y] − ε/C`.
///
/// A target outside `0..<numClasses` throws `ObjectiveError.labelOutOfRange` naming the sample;
/// NaN logits flow into the result. Infinite logits give the limits described in `LogSoftmax`: a
/// loss of 0 when the target is the only `+∞` logit, `+∞` when another class is `+∞` or the
/// target is `−∞`, `log k` when the target is one of `k` logits of `+∞`.
/// - Complexity: O(n·C), one exponential per logit.
public struct CrossEntropyLoss: PerSampleLoss {
  /// Flat row-major logits, `n × numClasses`.
  public typealias Output = [Double]
  /// Class indices, one per sample.
  public typealias Target = [Int]

  /// The name the loss is reported under.
  public var name: String
  /// The number of classes C (≥ 1).
  public let numClasses: Int
  /// The label-smoothing weight ε in [0, 1].
  public let labelSmoothing: Double

  /// A cross-entropy over `numClasses` classes.
  /// Throws `ObjectiveError.invalidArgument` when `numClasses < 1` or ε is outside [0, 1].
  public init(numClasses: Int, labelSmoothing: Double = 0, name: String = "cross_entropy")
    throws(ObjectiveError)
  {
    guard numClasses >= 1 else { throw .invalidArgument("numClasses must be at least 1, got \(numClasses)") }
    guard labelSmoothing >= 0, labelSmoothing <= 1 else {
      throw .invalidArgument("label smoothing must be in [0, 1], got \(labelSmoothing)")
    }
    self.numClasses = numClasses
    self.labelSmoothing = labelSmoothing
    self.name = name
  }

  private func check(_ logits: [Double], _ targets: [Int]) throws(ObjectiveError) {
    guard logits.count == targets.count * numClasses else {
      throw .lengthMismatch(
        what: "\(name) logits", expected: targets.count * numClasses, actual: logits.count)
    }
    for (i, y) in targets.enumerated() where y < 0 || y >= numClasses {
      throw .labelOutOfRange(label: y, count: numClasses, position: i)
    }
  }

  /// `log Σ_c e^{z_c}` of one row.
  @inline(__always)
  static func logSumExp(_ z: UnsafeBufferPointer<Double>, _ start: Int, _ count: Int) -> Double {
    var m = -Double.infinity
    for c in start..<(start + count) { m = max(m, z[c]) }
    if m.isNaN { return m }
    if m == -.infinity { return m }
    var s = 0.0
    for c in start..<(start + count) { s += exp(z[c] - m) }
    return m + log(s)
  }

  /// One loss value per sample.
  public func values(_ outputs: [Double], _ targets: [Int]) throws(ObjectiveError) -> [Double] {
    try check(outputs, targets)
    let n = targets.count
    let k = numClasses
    let eps = labelSmoothing
    return outputs.withUnsafeBufferPointer { z in
      [Double](unsafeUninitializedCapacity: n) { out, initialized in
        for i in 0..<n {
          let base = i * k
          let lse = Self.logSumExp(z, base, k)
          guard lse.isFinite else {
            out[i] = LogSoftmax.crossEntropy(
              logProbabilities: LogSoftmax.row(z, base, k), target: targets[i], smoothing: eps)
            continue
          }
          var loss = (1 - eps) * (lse - z[base + targets[i]])
          if eps > 0 {
            var s = 0.0
            for c in base..<(base + k) { s += lse - z[c] }
            loss += eps / Double(k) * s
          }
          out[i] = loss
        }
        initialized = n
      }
    }
  }

  /// `∂(Σᵢ cotangents[i]·values[i])/∂outputs`, laid out like the outputs.
  public func vectorJacobianProduct(
    _ outputs: [Double], _ targets: [Int], cotangents: [Double]
  ) throws(ObjectiveError) -> [Double] {
    try check(outputs, targets)
    let n = targets.count
    guard cotangents.count == n else {
      throw .lengthMismatch(what: "\(name) cotangents", expected: n, actual: cotangents.count)
    }
    let k = numClasses
    let eps = labelSmoothing
    let uniform = eps / Double(k)
    return outputs.withUnsafeBufferPointer { z in
      [Double](unsafeUninitializedCapacity: n * k) { out, initialized in
        for i in 0..<n {
          let base = i * k
          let lse = Self.logSumExp(z, base, k)
          let g = cotangents[i]
          if lse.isFinite {
            for c in base..<(base + k) { out[c] = g * (exp(z[c] - lse) - uniform) }
          } else {
            let q = LogSoftmax.row(z, base, k)
            for c in 0..<k { out[base + c] = g * (exp(q[c]) - uniform) }
          }
          out[base + targets[i]] -= g * (1 - eps)
        }
        initialized = n * k
      }
    }
  }
}
