/// The ordered result of `compute()`: one entry per reported quantity, in a stable order.
///
/// For a composed loss the combined value comes first, then each component in order of first
/// appearance, then any watched metrics. Each entry carries the direction of optimisation when it
/// is known, so that tracking can pick the best value without being told.
///
/// Iterating gives `(name, value)` pairs in report order; `entries` (and `results[i]`) give the
/// full entries with their directions:
///
/// ```swift
/// let results: Results = ["acc": 0.9, "f1": 0.8]
/// for (name, value) in results { print(name, value) }
/// ```
public struct Results: Sendable, Equatable, Codable, Sequence, CustomStringConvertible {
  /// One reported quantity.
  public struct Entry: Sendable, Equatable, Codable {
    /// The reported name.
    public var name: String
    /// The value: a scalar, a vector or a matrix.
    public var value: MetricValue
    /// The direction of optimisation, `nil` when not stated.
    public var direction: Direction?

    /// An entry; the direction is unknown unless given.
    public init(name: String, value: MetricValue, direction: Direction? = nil) {
      self.name = name
      self.value = value
      self.direction = direction
    }

    private enum CodingKeys: String, CodingKey { case name, value, direction, higherIsBetter }

    /// Decodes an entry; an entry written with the earlier boolean `higherIsBetter` is read as
    /// its ``Direction``.
    public init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      name = try c.decode(String.self, forKey: .name)
      value = try c.decode(MetricValue.self, forKey: .value)
      if let d = try c.decodeIfPresent(Direction.self, forKey: .direction) {
        direction = d
      } else {
        direction = try c.decodeIfPresent(Bool.self, forKey: .higherIsBetter).map(
          Direction.init(higherIsBetter:))
      }
    }

    /// Encodes the entry with its direction as `"minimize"` or `"maximize"` (absent when unknown).
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(name, forKey: .name)
      try c.encode(value, forKey: .value)
      try c.encodeIfPresent(direction, forKey: .direction)
    }
  }

  /// The entries, in report order.
  public private(set) var entries: [Entry] = []

  /// An empty result.
  public init() {}

  /// A result of the given entries in order; a later entry with an earlier one's name replaces it.
  public init(_ entries: [Entry]) {
    for e in entries { self.append(e) }
  }

  /// One reported quantity as a pair, the element of iteration.
  public typealias Element = (name: String, value: MetricValue)

  /// Iterates the `(name, value)` pairs in report order.
  public struct Iterator: IteratorProtocol {
    var base: IndexingIterator<[Entry]>

    /// The next pair, or `nil` after the last.
    public mutating func next() -> Element? { base.next().map { ($0.name, $0.value) } }
  }

  /// An iterator over the `(name, value)` pairs in report order.
  public func makeIterator() -> Iterator { Iterator(base: entries.makeIterator()) }

  /// The number of entries.
  public var underestimatedCount: Int { entries.count }

  /// The number of entries.
  public var count: Int { entries.count }

  /// Whether there is no entry.
  public var isEmpty: Bool { entries.isEmpty }

  /// The entry at `position` (0-based, report order), with its direction.
  /// - Precondition: `position` is in `0..<count`.
  public subscript(position: Int) -> Entry { entries[position] }

  /// The entries whose `(name, value)` pair satisfies `isIncluded`, directions kept, as a
  /// `Results` (as `Dictionary.filter` returns a dictionary).
  public func filter(_ isIncluded: (Element) throws -> Bool) rethrows -> Results {
    var kept = Results()
    kept.entries = try entries.filter { try isIncluded(($0.name, $0.value)) }
    return kept
  }

  /// The first entry, in report order, whose `(name, value)` pair satisfies `predicate`, with its
  /// direction.
  public func first(where predicate: (Element) throws -> Bool) rethrows -> Entry? {
    try entries.first { try predicate(($0.name, $0.value)) }
  }

  /// The first entry in report order, if any.
  public var first: Entry? { entries.first }

  /// The names in order.
  public var names: [String] { entries.map(\.name) }

  /// The value reported under `name`, if any.
  public subscript(name: String) -> MetricValue? {
    entries.first { $0.name == name }?.value
  }

  /// The scalar reported under `name`, if it exists and is a scalar.
  public func scalar(_ name: String) -> Double? { self[name]?.scalar }

  /// Appends an entry; an entry with the same name replaces the earlier one in place.
  public mutating func append(_ entry: Entry) {
    if let i = entries.firstIndex(where: { $0.name == entry.name }) {
      entries[i] = entry
    } else {
      entries.append(entry)
    }
  }

  /// Appends a scalar entry.
  public mutating func append(_ name: String, _ value: Double, direction: Direction? = nil) {
    append(Entry(name: name, value: .scalar(value), direction: direction))
  }

  /// Appends every entry of `other`, in its order.
  public mutating func append(contentsOf other: Results) {
    for e in other.entries { append(e) }
  }

  /// A copy whose names are `prefix + name + postfix` (for example `val/` + `MSE`).
  public func renamed(prefix: String = "", postfix: String = "") -> Results {
    Results(
      entries.map {
        Entry(name: prefix + $0.name + postfix, value: $0.value, direction: $0.direction)
      })
  }

  /// The scalar entries as a dictionary (vectors and matrices are left out).
  public var scalars: [String: Double] {
    var d: [String: Double] = [:]
    for e in entries { if let s = e.value.scalar { d[e.name] = s } }
    return d
  }

  /// A readable description, as `print` shows it.
  public var description: String {
    "{" + entries.map { "\($0.name): \($0.value)" }.joined(separator: ", ") + "}"
  }
}

extension Results: ExpressibleByDictionaryLiteral {
  /// Scalar entries, in the literal's order, with unknown directions.
  public init(dictionaryLiteral elements: (String, Double)...) {
    for (k, v) in elements { append(k, v) }
  }
}
