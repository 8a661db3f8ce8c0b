import Foundation

/// The state of `Perplexity`: the summed negative log-likelihood of the counted tokens and their
/// number.
///
/// A `MergeableState`: the empty state is the identity; sums merge compensated (1e-12 relative),
/// counts exactly. A state of another vocabulary size, input meaning or ignore index is refused by
/// `Perplexity.restore(_:)` and `merge(_:)`.
public struct PerplexityState: Sendable, MergeableState, Codable, Equatable {
  /// `Σ −log p(target)` over the tokens counted.
  public internal(set) var negativeLogLikelihood = CompensatedSum()
  /// The number of tokens counted (ignored tokens are not).
  public internal(set) var tokens = 0
  /// The configuration of the objective that holds the state.
  var configuration: String

  /// The empty state of the same configuration, the identity of `merge`.
  public func emptied() -> PerplexityState { PerplexityState(configuration: configuration) }

  /// Adds another state of the same configuration (the monoid operation).
  /// - Throws: `ObjectiveError.incompatibleState` when the configurations differ.
  public mutating func merge(_ other: PerplexityState) throws(ObjectiveError) {
    guard configuration == other.configuration else {
      throw .incompatibleState("perplexity states of \(configuration) and \(other.configuration)")
    }
    negativeLogLikelihood.merge(other.negativeLogLikelihood)
    tokens += other.tokens
  }
}

/// Perplexity `exp(Σ −log p(yₜ) / T)` over the tokens t that are not ignored (TorchMetrics'
/// `Perplexity`), reported under `perplexity`.
///
/// **Inputs.** Scores are a flat row-major buffer of `n × vocabularySize` values, one row per
/// token, read as `.logits` (a log-softmax is taken per row, as TorchMetrics does) or as
/// `.logProbabilities` (used as given, not renormalised); targets are `n` token indices. A target
/// equal to `ignoreIndex` is skipped (its row is not read); any other target outside
/// `0..<vocabularySize` throws `ObjectiveError.labelOutOfRange` naming the token, and the state is
/// unchanged. NaN scores flow into the result; a target of probability 0 gives `+∞`.
///
/// **Degenerate cases.** No counted token (nothing accumulated, or every token ignored): NaN, as
/// TorchMetrics' `0/0`.
///
/// Exact and streaming at once: the state is a sum and a count, so every batching and sharding
/// gives the same value (1e-12 relative).
/// - Complexity: O(n·V) per batch (one exponential per logit; O(n) for log-probabilities), O(1)
///   memory.
public struct Perplexity: Objective, SampleCounting, Sendable {
  /// What the scores mean.
  public enum Input: String, Sendable, Codable, CaseIterable {
    /// Unnormalised logits; a log-softmax is taken per row.
    case logits
    /// Log-probabilities, used as they are.
    case logProbabilities = "log_probabilities"
  }

  /// Flat row-major scores, `n × vocabularySize`.
  public typealias Output = [Double]
  /// Token indices, one per row.
  public typealias Target = [Int]
  /// The summed negative log-likelihood and the token count.
  public typealias State = PerplexityState

  /// The vocabulary size V (≥ 1).
  public let vocabularySize: Int
  /// What the scores mean.
  public let input: Input
  /// The target value whose tokens are skipped, if any.
  public let ignoreIndex: Int?
  /// The result key.
  public let name: String
  /// The accumulated state.
  public private(set) var state: PerplexityState

  /// A perplexity over a vocabulary of `vocabularySize` tokens.
  /// - Throws: `ObjectiveError.invalidArgument` when `vocabularySize < 1`.
  public init(
    vocabularySize: Int, input: Input, ignoreIndex: Int? = nil, name: String = "perplexity"
  ) throws(ObjectiveError) {
    guard vocabularySize >= 1 else {
      throw .invalidArgument("vocabularySize must be at least 1, got \(vocabularySize)")
    }
    self.vocabularySize = vocabularySize
    self.input = input
    self.ignoreIndex = ignoreIndex
    self.name = name
    state = PerplexityState(
      configuration: "perplexity over \(vocabularySize) tokens of \(input.rawValue), ignore index "
        + (ignoreIndex.map(String.init) ?? "none"))
  }

  /// The number of tokens counted.
  public var sampleCount: Int { state.tokens }

  /// Accumulates `targets.count` tokens whose scores are the rows of `outputs`.
  /// - Throws: `ObjectiveError.lengthMismatch` when `outputs.count ≠ targets.count × V`,
  ///   `ObjectiveError.labelOutOfRange` for a target outside the vocabulary (not the ignore index).
  public mutating func update(_ outputs: [Double], _ targets: [Int]) throws(ObjectiveError) {
    try outputs.withUnsafeBufferPointer { (z) throws(ObjectiveError) in try update(scores: z, targets) }
  }

  /// Accumulates `targets.count` tokens whose scores are the rows of `scores`, read in place.
  /// Throws as `update(_:_:)` does.
  public mutating func update(scores outputs: UnsafeBufferPointer<Double>, _ targets: [Int])
    throws(ObjectiveError)
  {
    let v = vocabularySize
    guard outputs.count == targets.count * v else {
      throw .lengthMismatch(
        what: "\(name) scores (tokens × \(v))", expected: targets.count * v, actual: outputs.count)
    }
    for (i, y) in targets.enumerated() where y != ignoreIndex && (y < 0 || y >= v) {
      throw .labelOutOfRange(label: y, count: v, position: i)
    }
    var total = LoopSum()
    var counted = 0
    let z = outputs
    for (i, y) in targets.enumerated() where y != ignoreIndex {
      let base = i * v
      switch input {
      case .logProbabilities:
        total.add(-z[base + y])
      case .logits:
        let lse = CrossEntropyLoss.logSumExp(z, base, v)
        if lse.isFinite {
          total.add(lse - z[base + y])
        } else {
          // A NaN or an infinite logit: the limits of `LogSoftmax`.
          total.add(-LogSoftmax.row(z, base, v)[y])
        }
      }
      counted += 1
    }
    state.negativeLogLikelihood.merge(total.settled)
    state.tokens += counted
  }

  /// `perplexity`: `exp(mean negative log-likelihood)`, NaN when no token was counted.
  public func compute() -> Results {
    let value =
      state.tokens == 0 ? Double.nan : exp(state.negativeLogLikelihood.value(dividedBy: Double(state.tokens)))
    return Results([Results.Entry(name: name, value: .scalar(value), direction: .minimize)])
  }

  /// Returns to the empty state, keeping the configuration.
  public mutating func reset() { state = state.emptied() }

  /// Adds the state of an objective of the same configuration.
  /// - Throws: `ObjectiveError.incompatibleState` when the configurations differ.
  public mutating func merge(_ other: Perplexity) throws(ObjectiveError) { try state.merge(other.state) }

  /// Replaces the state with a snapshot of an objective of the same configuration.
  /// - Throws: `ObjectiveError.incompatibleState` naming both configurations, or for a negative
  ///   token count; the state is then unchanged.
  public mutating func restore(_ state: PerplexityState) throws(ObjectiveError) {
    guard state.configuration == self.state.configuration else {
      throw .incompatibleState(
        "expected the state of \(self.state.configuration), got \(state.configuration)")
    }
    guard state.tokens >= 0 else {
      throw .incompatibleState("a perplexity state with a negative token count")
    }
    self.state = state
  }
}
