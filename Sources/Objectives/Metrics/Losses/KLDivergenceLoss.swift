import Foundation

/// Kullback–Leibler divergence `D(P ‖ Q) = Σ_c p_c·(log p_c − log q_c)` per sample, with the input
/// convention of torch's `kl_div`: the **outputs are log-probabilities** `log q` (or logits, turned
/// into log-probabilities with a log-softmax, when `input` is `.logits`) and the **targets are
/// probabilities** `p` (or log-probabilities when `logTarget` is set).
///
/// Outputs and targets are flat row-major buffers of `n × numClasses` values. Terms with `p_c = 0`
/// contribute 0 (torch's `xlogy` convention), also where `q_c = 0`. Logits with infinities are
/// turned into log-probabilities by the rule of `LogSoftmax` (mass 0 gives `log q = −∞`, hence
/// `+∞` where `p_c > 0`). The mean of the per-sample values is torch's
/// `reduction="batchmean"`.
///
/// Gradient with log-probability outputs: `∂ℓ/∂(log q_c) = −p_c`. With logits:
/// `∂ℓ/∂z_c = q_c·Σ_c′ p_c′ − p_c` (`q_c − p_c` for normalised targets).
///
/// A negative target probability throws `ObjectiveError.invalidValue`.
/// - Complexity: O(n·C).
public struct KLDivergenceLoss: PerSampleLoss {
  /// What the outputs are.
  public enum Input: String, Sendable, Codable, CaseIterable {
    /// Log-probabilities `log q` (torch's `kl_div` input).
    case logProbabilities
    /// Unnormalised scores; a log-softmax is applied to each row.
    case logits
  }

  /// Flat row-major outputs, `n × numClasses`.
  public typealias Output = [Double]
  /// Flat row-major target probabilities (or log-probabilities), `n × numClasses`.
  public typealias Target = [Double]

  /// The name the loss is reported under.
  public var name: String
  /// The number of classes C (≥ 1).
  public let numClasses: Int
  /// What the outputs are.
  public let input: Input
  /// Whether targets are log-probabilities (torch's `log_target`).
  public let logTarget: Bool

  /// A KL divergence over `numClasses` classes.
  /// Throws `ObjectiveError.invalidArgument` when `numClasses < 1`.
  public init(
    numClasses: Int, input: Input = .logProbabilities, logTarget: Bool = false, name: String = "kl_divergence"
  ) throws(ObjectiveError) {
    guard numClasses >= 1 else { throw .invalidArgument("numClasses must be at least 1, got \(numClasses)") }
    self.numClasses = numClasses
    self.input = input
    self.logTarget = logTarget
    self.name = name
  }

  private func check(_ outputs: [Double], _ targets: [Double]) throws(ObjectiveError) -> Int {
    guard outputs.count == targets.count else {
      throw .lengthMismatch(what: "\(name) targets", expected: outputs.count, actual: targets.count)
    }
    guard outputs.count % numClasses == 0 else {
      throw .lengthMismatch(
        what: "\(name) outputs (a multiple of \(numClasses) classes)",
        expected: outputs.count - outputs.count % numClasses, actual: outputs.count)
    }
    if !logTarget {
      for (i, p) in targets.enumerated() where p < 0 {
        throw .invalidValue(what: "target probability", value: p, position: i)
      }
    }
    return outputs.count / numClasses
  }

  /// The log-normaliser of row `base` (0 for log-probability outputs).
  @inline(__always)
  private func shift(_ z: UnsafeBufferPointer<Double>, _ base: Int) -> Double {
    input == .logits ? CrossEntropyLoss.logSumExp(z, base, numClasses) : 0
  }

  /// One loss value per sample.
  public func values(_ outputs: [Double], _ targets: [Double]) throws(ObjectiveError) -> [Double] {
    let n = try check(outputs, targets)
    let k = numClasses
    return outputs.withUnsafeBufferPointer { z in
      targets.withUnsafeBufferPointer { t in
        [Double](unsafeUninitializedCapacity: n) { out, initialized in
          for i in 0..<n {
            let base = i * k
            let lse = shift(z, base)
            let rare = lse.isFinite ? nil : LogSoftmax.row(z, base, k)
            var s = 0.0
            for c in base..<(base + k) {
              let logQ = rare?[c - base] ?? z[c] - lse
              if logTarget {
                s += exp(t[c]) * (t[c] - logQ)
              } else {
                let p = t[c]
                s += p == 0 ? 0 : p * log(p) - p * logQ
              }
            }
            out[i] = s
          }
          initialized = n
        }
      }
    }
  }

  /// `∂(Σᵢ cotangents[i]·values[i])/∂outputs`, laid out like the outputs.
  public func vectorJacobianProduct(
    _ outputs: [Double], _ targets: [Double], cotangents: [Double]
  ) throws(ObjectiveError) -> [Double] {
    let n = try check(outputs, targets)
    guard cotangents.count == n else {
      throw .lengthMismatch(what: "\(name) cotangents", expected: n, actual: cotangents.count)
    }
    let k = numClasses
    return outputs.withUnsafeBufferPointer { z in
      targets.withUnsafeBufferPointer { t in
        [Double](unsafeUninitializedCapacity: n * k) { out, initialized in
          for i in 0..<n {
            let base = i * k
            let g = cotangents[i]
            var mass = 0.0
            for c in base..<(base + k) {
              let p = logTarget ? exp(t[c]) : t[c]
              out[c] = -g * p
              mass += p
            }
            if input == .logits {
              let lse = shift(z, base)
              if lse.isFinite {
                for c in base..<(base + k) { out[c] += g * mass * exp(z[c] - lse) }
              } else {
                let q = LogSoftmax.row(z, base, k)
                for c in 0..<k { out[base + c] += g * mass * exp(q[c]) }
              }
            }
          }
          initialized = n * k
        }
      }
    }
  }
}
