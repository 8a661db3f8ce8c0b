/// The streaming state of one reported metric: a sample-weighted mean per entry of its value (one
/// for a scalar, one per class or output for a vector). Classification and regression objectives in
/// streaming mode keep one per metric.
///
/// A metric whose width is known up front (regression) is made with ``init(name:width:)``; one
/// whose width comes with the first batch (classification) with ``init(name:)``, and stays empty
/// until then.
///
/// A `MergeableState`: the empty value of the same name (and width, when fixed) is the identity;
/// `merge` merges `MeanAccumulator`s entry by entry (1e-12 relative).
struct StreamedMetric: Sendable, MergeableState, Codable, Equatable {
  /// The metric's key.
  let name: String
  /// One weighted mean per entry; empty until the first batch when the width was not given.
  var values: [MeanAccumulator] = []

  /// A metric whose width comes with its first batch.
  init(name: String) { self.name = name }

  /// A metric of `width` entries.
  init(name: String, width: Int) {
    self.name = name
    values = Array(repeating: MeanAccumulator(), count: width)
  }

  /// Adds one batch value entry by entry with weight `weight`. NaN entries are skipped (the batch
  /// did not define them) unless `poisoned`, when they are added and make the mean NaN.
  mutating func add(_ value: [Double], weight: Double, poisoned: Bool) {
    if values.isEmpty { values = Array(repeating: MeanAccumulator(), count: value.count) }
    guard values.count == value.count else { return }
    for i in value.indices where poisoned || !value[i].isNaN {
      values[i].add(value[i], weight: weight)
    }
  }

  /// Merges another metric's means entry by entry (the monoid operation).
  /// - Throws: `ObjectiveError.incompatibleState` when the names or the widths differ.
  mutating func merge(_ other: StreamedMetric) throws(ObjectiveError) {
    guard name == other.name, values.isEmpty || other.values.isEmpty || values.count == other.values.count
    else { throw .incompatibleState("streamed metrics \(name) and \(other.name) of different widths") }
    if other.values.isEmpty { return }
    if values.isEmpty {
      values = other.values
      return
    }
    for i in values.indices { values[i].merge(other.values[i]) }
  }

  /// The fresh value of the same name, the identity of `merge` (without a width).
  func emptied() -> StreamedMetric { StreamedMetric(name: name) }

  /// The empty value of the same name and width.
  func emptiedKeepingWidth() -> StreamedMetric { StreamedMetric(name: name, width: values.count) }

  /// The means (NaN where nothing was added), or `nil` before the first batch.
  var means: [Double]? { values.isEmpty ? nil : values.map(\.mean) }

  /// The current means as a value: a scalar for one entry, a vector otherwise.
  var value: MetricValue {
    values.count == 1 ? .scalar(values[0].mean) : .vector(values.map(\.mean))
  }

  private enum CodingKeys: String, CodingKey { case name, values, components }

  /// Decodes a metric; regression checkpoints written before this type named the means `components`.
  init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decode(String.self, forKey: .name)
    values =
      try c.decodeIfPresent([MeanAccumulator].self, forKey: .values)
      ?? c.decode([MeanAccumulator].self, forKey: .components)
  }

  /// Encodes the name and the means.
  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encode(values, forKey: .values)
  }
}
