import Foundation
import Testing

@testable import Objectives

/// Checkpoint and resume, for any stateful value: accumulate some batches, checkpoint through a
/// plain `JSONEncoder`, resume a fresh value from a plain `JSONDecoder`, accumulate the remaining
/// batches; the results and the state must equal those of the run never interrupted, bit for bit
/// (any NaN equals any NaN), at every batch boundary.
struct ResumeSubject<S> {
  /// A fresh value, nothing accumulated.
  var fresh: () throws -> S
  /// The number of rows of the data set.
  var rows: Int
  /// Accumulates rows `range` (one batch).
  var accumulate: (inout S, Range<Int>) throws -> Void
  /// The results a user reads, flattened.
  var observe: (S) throws -> [Double]
  /// The checkpoint, with a plain `JSONEncoder`.
  var checkpoint: (S) throws -> Data
  /// A fresh value restored from a checkpoint, with a plain `JSONDecoder`.
  var resume: (Data) throws -> S

  /// Checks resuming at every batch boundary of a few random batchings (seeded).
  func verify(_ name: String, seed: UInt64) throws {
    var g = SeededGenerator(seed: seed)
    for pieces in [1, 3, 8] {
      let batches = lawSplit(rows, pieces: pieces, using: &g)
      var whole = try fresh()
      for r in batches { try accumulate(&whole, r) }
      let expected = try observe(whole)
      let expectedState = try canonical(whole)
      for cut in 0...pieces {
        var first = try fresh()
        for r in batches[..<cut] { try accumulate(&first, r) }
        var resumed = try resume(try checkpoint(first))
        for r in batches[cut...] { try accumulate(&resumed, r) }
        let label = "\(name): checkpoint after \(cut) of \(pieces) batches"
        let got = try observe(resumed)
        #expect(bitIdentical(got, expected), "\(label): \(got) vs \(expected)")
        #expect(try canonical(resumed) == expectedState, "\(label): the states differ")
      }
    }
  }

  /// The checkpoint re-read as JSON with sorted keys (dictionaries have no order), so that two
  /// states compare as bytes.
  func canonical(_ value: S) throws -> Data {
    let object = try JSONSerialization.jsonObject(with: try checkpoint(value), options: [.fragmentsAllowed])
    return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed])
  }
}

/// Bit-identical numbers, except that any NaN equals any NaN.
func bitIdentical(_ a: [Double], _ b: [Double]) -> Bool {
  a.count == b.count && zip(a, b).allSatisfy { x, y in x.isNaN ? y.isNaN : x.bitPattern == y.bitPattern }
}

extension LawSubject {
  /// The checkpoint-and-resume subject of a law subject that has a checkpoint.
  var resumeSubject: ResumeSubject<S>? {
    guard let encode, let decode else { return nil }
    let empty = self.empty
    return ResumeSubject(
      fresh: { empty }, rows: rows, accumulate: accumulate, observe: observe, checkpoint: encode,
      resume: { try decode(empty, $0) })
  }
}

/// One row of the parameterised resume test.
struct ResumeCase: CustomStringConvertible, Sendable {
  let description: String
  let run: @Sendable () throws -> Void

  init<S>(_ name: String, seed: UInt64 = 1, _ make: @escaping @Sendable () throws -> ResumeSubject<S>) {
    description = name
    run = { try make().verify(name, seed: seed) }
  }

  /// The resume check of a case of the law test (every `MergeableState` with a checkpoint).
  init(_ law: LawCase) {
    description = law.description
    run = law.resume
  }
}

/// The subject of an objective: a checkpoint is its `state` through a plain `JSONEncoder`,
/// restored into a fresh instance; `compute()` is observed.
func objectiveResumeSubject<O: Objective>(
  _ make: @escaping () throws -> O, rows: Int, update: @escaping (inout O, Range<Int>) throws -> Void
) -> ResumeSubject<O> {
  ResumeSubject(
    fresh: make, rows: rows, accumulate: update, observe: { flattened($0.compute()) },
    checkpoint: { try JSONEncoder().encode($0.state) },
    resume: { data in
      var o = try make()
      try o.restore(try JSONDecoder().decode(O.State.self, from: data))
      return o
    })
}

/// The subject of a `Codable` value checkpointed as itself.
func codableResumeSubject<S: Codable>(
  _ make: @escaping () throws -> S, rows: Int, update: @escaping (inout S, Range<Int>) throws -> Void,
  observe: @escaping (S) throws -> [Double]
) -> ResumeSubject<S> {
  ResumeSubject(
    fresh: make, rows: rows, accumulate: update, observe: observe,
    checkpoint: { try JSONEncoder().encode($0) },
    resume: { try JSONDecoder().decode(S.self, from: $0) })
}
