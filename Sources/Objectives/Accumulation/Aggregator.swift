/// What an `Aggregator` makes of the values it is given (TorchMetrics' `MeanMetric`, `SumMetric`,
/// `MinMetric`, `MaxMetric` and `CatMetric`).
public enum AggregationKind: String, Sendable, Codable, CaseIterable {
  /// The weighted mean `Σ wᵢxᵢ / Σ wᵢ` (NaN when nothing was added).
  case mean
  /// The weighted sum `Σ wᵢxᵢ` (0 when nothing was added).
  case sum
  /// The smallest value (`+∞` when nothing was added).
  case min
  /// The largest value (`−∞` when nothing was added).
  case max
  /// Every value, in order (a vector; empty when nothing was added).
  case concatenation = "cat"
}

/// A running aggregate of plain values — mean, sum, min, max or concatenation — with a NaN policy.
///
/// An `Objective` whose outputs are the values and whose targets are their weights (`[]` for a
/// weight of 1 each), so it composes with `Running`, `Bootstrap` and the tracking API. Weights apply
/// to `.mean` and `.sum`; the other kinds refuse them. The mean and the sum are compensated
/// (`CompensatedSum`), so the laws of `MergeableState` hold to 1e-12 relative; min, max and
/// concatenation are exact (concatenation keeps the order of the merges).
///
/// `compute()` reports one entry named `name` (the kind's name unless given) and, under
/// `AggregationNaNPolicy.warn`, a second entry `<name>/nan_warnings` with the number of NaN values
/// left out.
/// - Complexity: O(1) memory except `.concatenation` (O(values)); O(batch) per update.
public struct Aggregator: Objective, Codable, Equatable {
  /// The outputs it reads.
  public typealias Output = [Double]
  /// The targets it reads.
  public typealias Target = [Double]
  /// The accumulated state.
  public typealias State = Aggregator

  /// What is computed.
  public let kind: AggregationKind
  /// What a NaN value does.
  public let nanPolicy: AggregationNaNPolicy
  /// The result key.
  public let name: String
  /// The compensated `Σ wᵢxᵢ` (mean and sum).
  public private(set) var total = CompensatedSum()
  /// The compensated `Σ wᵢ` (mean).
  public private(set) var weight = CompensatedSum()
  /// The smallest or largest value so far (min, max); NaN once a NaN propagated.
  public private(set) var extreme: Double
  /// The values in order (concatenation).
  public private(set) var values: [Double] = []
  /// The number of values added (NaN values left out are not counted).
  public private(set) var count = 0
  /// The number of NaN values left out under `.warn`.
  public private(set) var nanWarnings = 0

  /// An empty aggregator of `kind`, reporting under `name` (default: the kind's raw value).
  public init(_ kind: AggregationKind, nanPolicy: AggregationNaNPolicy = .warn, name: String? = nil) {
    self.kind = kind
    self.nanPolicy = nanPolicy
    self.name = name ?? kind.rawValue
    extreme = kind == .min ? .infinity : -.infinity
  }

  /// Adds one value with a weight (1 by default).
  public mutating func add(_ value: Double, weight w: Double = 1) throws(ObjectiveError) {
    try update([value], w == 1 ? [] : [w])
  }

  /// Adds `values` with `weights` (`[]`: each weighs 1). On a thrown error nothing is added.
  public mutating func update(_ values: [Double], _ weights: [Double]) throws(ObjectiveError) {
    if !weights.isEmpty {
      guard kind == .mean || kind == .sum else {
        throw .invalidArgument("weights apply to the mean and the sum, not to \(kind.rawValue)")
      }
      guard weights.count == values.count else {
        throw .lengthMismatch(what: "weights", expected: values.count, actual: weights.count)
      }
      for (i, w) in weights.enumerated() where !w.isFinite || w < 0 {
        throw .invalidValue(what: "weight", value: w, position: i)
      }
    }
    if nanPolicy == .error, let i = values.firstIndex(where: \.isNaN) {
      throw .nonFinite(what: "value", position: i)
    }
    for (i, x) in values.enumerated() {
      if x.isNaN && nanPolicy != .propagate {
        if nanPolicy == .warn { nanWarnings += 1 }
        continue
      }
      let w = weights.isEmpty ? 1 : weights[i]
      switch kind {
      case .mean:
        total.add(x, times: w)
        weight.add(w)
      case .sum: total.add(x, times: w)
      case .min: extreme = extreme.isNaN || x.isNaN ? .nan : Swift.min(extreme, x)
      case .max: extreme = extreme.isNaN || x.isNaN ? .nan : Swift.max(extreme, x)
      case .concatenation: self.values.append(x)
      }
      count += 1
    }
  }

  /// The aggregate: a scalar (`.vector` for concatenation).
  public var value: MetricValue {
    switch kind {
    case .mean: return .scalar(weight.value == 0 ? .nan : total.value(dividedBy: weight))
    case .sum: return .scalar(total.value)
    case .min, .max: return .scalar(extreme)
    case .concatenation: return .vector(values)
    }
  }

  /// The values accumulated so far.
  public func compute() -> Results {
    var results = Results([Results.Entry(name: name, value: value)])
    if nanPolicy == .warn {
      results.append(Results.Entry(name: name + "/nan_warnings", value: .scalar(Double(nanWarnings))))
    }
    return results
  }

  /// Empties the accumulated state; the configuration is kept.
  public mutating func reset() { self = Aggregator(kind, nanPolicy: nanPolicy, name: name) }

  /// Merges another aggregator of the same kind, policy and name (concatenation appends its values).
  public mutating func merge(_ other: Aggregator) throws(ObjectiveError) {
    guard other.kind == kind, other.nanPolicy == nanPolicy, other.name == name else {
      throw .incompatibleState(
        "aggregator \(other.name) (\(other.kind.rawValue), \(other.nanPolicy.rawValue)) cannot merge into "
          + "\(name) (\(kind.rawValue), \(nanPolicy.rawValue))")
    }
    total.merge(other.total)
    weight.merge(other.weight)
    switch kind {
    case .min: extreme = extreme.isNaN || other.extreme.isNaN ? .nan : Swift.min(extreme, other.extreme)
    case .max: extreme = extreme.isNaN || other.extreme.isNaN ? .nan : Swift.max(extreme, other.extreme)
    default: break
    }
    values += other.values
    count += other.count
    nanWarnings += other.nanWarnings
  }

  /// The accumulated state, a `Codable` snapshot for checkpoints.
  public var state: Aggregator { self }

  /// Restores a snapshot of an aggregator of the same kind, policy and name.
  public mutating func restore(_ state: Aggregator) throws(ObjectiveError) {
    var restored = emptied()
    try restored.merge(state)
    self = state
  }

  private enum CodingKeys: String, CodingKey {
    case kind, nanPolicy, name, total, weight, extreme, values, count, nanWarnings
  }

  /// Decodes an aggregator written by `encode(to:)` (numbers under `FiniteOrSpecial`).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    kind = try c.decode(AggregationKind.self, forKey: .kind)
    nanPolicy = try c.decode(AggregationNaNPolicy.self, forKey: .nanPolicy)
    name = try c.decode(String.self, forKey: .name)
    total = try c.decode(CompensatedSum.self, forKey: .total)
    weight = try c.decode(CompensatedSum.self, forKey: .weight)
    extreme = try c.decodeNumber(forKey: .extreme)
    values = try c.decodeNumbers(forKey: .values)
    count = try c.decode(Int.self, forKey: .count)
    nanWarnings = try c.decode(Int.self, forKey: .nanWarnings)
    guard count >= 0, nanWarnings >= 0, kind == .concatenation || values.isEmpty else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "aggregator counts or values out of shape"))
    }
  }

  /// Encodes the configuration and the state under the library's non-finite policy.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(kind, forKey: .kind)
    try c.encode(nanPolicy, forKey: .nanPolicy)
    try c.encode(name, forKey: .name)
    try c.encode(total, forKey: .total)
    try c.encode(weight, forKey: .weight)
    try c.encodeNumber(extreme, forKey: .extreme)
    try c.encodeNumbers(values, forKey: .values)
    try c.encode(count, forKey: .count)
    try c.encode(nanWarnings, forKey: .nanWarnings)
  }
}
