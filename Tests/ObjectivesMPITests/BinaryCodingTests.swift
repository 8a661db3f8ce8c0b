#if MPI
  import Foundation
  import Objectives
  import Testing

  @testable import ObjectivesMPI

  /// The binary state format: round trips of every kind of state, bit for bit.
  @Suite struct BinaryCodingTests {
    struct Sample: Codable, Equatable {
      var name: String
      var scores: [Double]
      var floats: [Float]
      var counts: [Int]
      var empty: [String]
      var optional: Double?
      var missing: Int?
      var nested: [[Int8]]
      var flags: [Bool]
      var table: [String: Double]
    }

    @Test func roundTripKeepsEveryBit() throws {
      let s = Sample(
        name: "é✓", scores: [1.5, .nan, .infinity, -.infinity, -0.0], floats: [1, .nan], counts: [-3, .max],
        empty: [], optional: 2.5, missing: nil, nested: [[1, -2], []], flags: [true, false],
        table: ["a": 1, "b": -.infinity])
      let bytes = try BinaryCoding.encode(s)
      let back = try BinaryCoding.decode(Sample.self, from: bytes)
      #expect(
        back.name == s.name && back.counts == s.counts && back.nested == s.nested && back.flags == s.flags)
      #expect(back.scores.map(\.bitPattern) == s.scores.map(\.bitPattern))
      #expect(back.floats.map(\.bitPattern) == s.floats.map(\.bitPattern))
      #expect(back.optional == 2.5 && back.missing == nil && back.empty.isEmpty)
      #expect(back.table == s.table)
    }

    @Test func catalogueStatesRoundTrip() throws {
      var m = try binaryMetrics(Double.self, adding: [.logLoss])
      try m.update([0.1, 0.9, 0.4, 0.7], [0, 1, 1, 0])
      let back = try BinaryCoding.decode(
        ClassificationState<Double>.self, from: try BinaryCoding.encode(m.state))
      #expect(back == m.state)
      var r = try regressionMetrics(adding: [.spearman])
      try r.update([1, 2, 3], [1, 3, 2])
      #expect(
        try BinaryCoding.decode(RegressionState.self, from: try BinaryCoding.encode(r.state)) == r.state)
    }

    @Test func millionScoresAreOnePackedCopy() throws {
      let scores = (0..<1_000_000).map { Double($0) / 1e6 }
      let bytes = try BinaryCoding.encode(scores)
      #expect(bytes.count == 9 + 1 + 8 * scores.count)
      #expect(try BinaryCoding.decode([Double].self, from: bytes) == scores)
    }

    /// A value that asks for a nested container, which the format does not support.
    struct Nested: Codable {
      enum Keys: CodingKey { case inner, value }
      init() {}
      init(from decoder: any Decoder) throws {}
      func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        var inner = c.nestedContainer(keyedBy: Keys.self, forKey: .inner)
        try inner.encode(1, forKey: .value)
      }
    }

    @Test func dictionariesAreWrittenInKeyOrder() throws {
      // Hash order differs between processes; the bytes must not (they feed the fingerprint).
      let keys = (0..<50).map { "key\($0)" }
      let a = Dictionary(uniqueKeysWithValues: keys.map { ($0, 1.0) })
      var b: [String: Double] = [:]
      for k in keys.reversed() { b[k] = 1.0 }
      b.reserveCapacity(1000)
      #expect(try BinaryCoding.encode(a) == BinaryCoding.encode(b))
      #expect(try BinaryCoding.decode([String: Double].self, from: try BinaryCoding.encode(a)) == a)
    }

    @Test func nestedContainersThrowInsteadOfStopping() {
      #expect(throws: EncodingError.self) { try BinaryCoding.encode([Nested()]) }
    }

    @Test func truncatedBytesThrow() throws {
      let bytes = try BinaryCoding.encode(
        Sample(
          name: "x", scores: [1], floats: [], counts: [], empty: [], optional: nil, missing: nil, nested: [],
          flags: [], table: [:]))
      #expect(throws: DecodingError.self) {
        try BinaryCoding.decode(Sample.self, from: Array(bytes.dropLast(3)))
      }
      #expect(throws: DecodingError.self) {
        try BinaryCoding.decode([Float].self, from: try BinaryCoding.encode([1.0]))
      }
    }
  }
#endif
