import Foundation
import Testing

@testable import Objectives

/// One `MergeableState` under the generic law test: how to accumulate rows of a data set, how to
/// read its results, and the tolerance the protocol gives it.
struct LawSubject<S: MergeableState> {
  /// A value of the shape under test with nothing accumulated.
  var empty: S
  /// The number of rows of the data set.
  var rows: Int
  /// Accumulates rows `range` (one update).
  var accumulate: (inout S, Range<Int>) throws -> Void
  /// The results a user reads, flattened (NaN-aware comparison).
  var observe: (S) throws -> [Double]
  /// 0 for counts and stores (exact), 1e-12 for compensated floating sums (relative, and absolute
  /// near zero).
  var tolerance: Double
  /// Whether one update gives the same as any batching (false in streaming mode, which averages
  /// per-batch values: there, only the same batches merged as shards must agree).
  var batchInvariant = true
  /// Encodes a value with a plain `JSONEncoder`; `nil` when the type is not `Codable`.
  var encode: ((S) throws -> Data)?
  /// Decodes what `encode` wrote and restores it into an emptied value.
  var decode: ((S, Data) throws -> S)?
  /// A value of another shape, which `merge` must refuse.
  var mismatched: S?
}

/// NaN-aware equality to a tolerance: NaN equals NaN, infinities equal only themselves, finite
/// values agree to `tolerance` relative (or absolute, near zero).
func sameResults(_ a: [Double], _ b: [Double], tolerance: Double) -> Bool {
  a.count == b.count
    && zip(a, b).allSatisfy { x, y in
      if x.isNaN || y.isNaN { return x.isNaN && y.isNaN }
      if x == y { return true }
      guard x.isFinite, y.isFinite else { return false }
      return abs(x - y) <= tolerance * max(abs(x), abs(y), 1)
    }
}

/// Random contiguous ranges covering `0..<n` (some may be empty).
func lawSplit(_ n: Int, pieces: Int, using g: inout SeededGenerator) -> [Range<Int>] {
  var cuts = (0..<(pieces - 1)).map { _ in n == 0 ? 0 : Int.random(in: 0...n, using: &g) }
  cuts.sort()
  let bounds = [0] + cuts + [n]
  return (0..<pieces).map { bounds[$0]..<bounds[$0 + 1] }
}

extension LawSubject {
  func accumulated(_ ranges: [Range<Int>]) throws -> S {
    var s = empty
    for r in ranges { try accumulate(&s, r) }
    return s
  }

  func expectSame(_ a: S, _ b: S, _ law: String, _ name: String, tolerance: Double? = nil) throws {
    let (x, y) = (try observe(a), try observe(b))
    #expect(sameResults(x, y, tolerance: tolerance ?? self.tolerance), "\(name): \(law): \(x) vs \(y)")
  }

  /// Checks every law of `MergeableState` on this subject.
  func verify(_ name: String, seed: UInt64) throws {
    var g = SeededGenerator(seed: seed)
    let all = 0..<rows
    let whole = try accumulated([all])

    // Identity: merging the empty value, either way, changes nothing (exactly, for every type).
    var left = whole
    try left.merge(whole.emptied())
    try expectSame(left, whole, "identity (right)", name, tolerance: 0)
    var right = whole.emptied()
    try right.merge(whole)
    try expectSame(right, whole, "identity (left)", name, tolerance: 0)
    try expectSame(whole.emptied(), empty, "emptied", name, tolerance: 0)

    // Associativity: (a·b)·c = a·(b·c), on random shards.
    let abc = try lawSplit(rows, pieces: 3, using: &g).map { try accumulated([$0]) }
    var ab = abc[0]
    try ab.merge(abc[1])
    try ab.merge(abc[2])
    var bc = abc[1]
    try bc.merge(abc[2])
    var a = abc[0]
    try a.merge(bc)
    try expectSame(ab, a, "associativity", name)

    // Split invariance: one update, any batching, shards merged in order.
    for pieces in [2, 5, 11] {
      let ranges = lawSplit(rows, pieces: pieces, using: &g)
      let batched = try accumulated(ranges)
      if batchInvariant { try expectSame(batched, whole, "batching into \(pieces)", name) }
      var merged = empty
      for r in ranges { try merged.merge(try accumulated([r])) }
      try expectSame(merged, batched, "\(pieces) shards merged", name)

      // Checkpoint and continue: encode mid-stream, decode, restore into an emptied value.
      if let encode, let decode {
        let half = pieces / 2
        let before = try accumulated(Array(ranges[..<half]))
        var resumed = try decode(before.emptied(), try encode(before))
        for r in ranges[half...] { try accumulate(&resumed, r) }
        try expectSame(resumed, batched, "checkpoint after \(half) of \(pieces) batches", name)
      }
    }

    // Refusal: another shape throws `incompatibleState` and changes nothing.
    if let mismatched {
      var target = whole
      let before = try observe(target)
      #expect(throws: ObjectiveError.self, "\(name): refusal") { try target.merge(mismatched) }
      #expect(sameResults(try observe(target), before, tolerance: 0), "\(name): refusal changed the value")
    }
  }
}

/// One row of the parameterised law test: a named check.
struct LawCase: CustomStringConvertible, Sendable {
  let description: String
  let run: @Sendable () throws -> Void
  /// The checkpoint-and-resume check of the same subject (`CheckpointResumeTests`); it fails when
  /// the subject has no checkpoint.
  let resume: @Sendable () throws -> Void

  init<S: MergeableState>(
    _ name: String, seed: UInt64 = 1, _ make: @escaping @Sendable () throws -> LawSubject<S>
  ) {
    description = name
    run = { try make().verify(name, seed: seed) }
    resume = {
      let subject = try #require(try make().resumeSubject, "\(name) has no checkpoint")
      try subject.verify(name, seed: seed)
    }
  }
}

/// Results flattened to numbers, in order (names are compared separately by the objectives).
func flattened(_ r: Results) -> [Double] { r.flatMap { $0.value.values } }

/// The subject of an objective updated with `(outputs(range), targets(range))`: `compute()` is
/// observed, and a checkpoint is its `state` through a plain `JSONEncoder`.
func objectiveSubject<O: Objective>(
  _ make: () throws -> O, rows: Int, tolerance: Double, batchInvariant: Bool = true,
  mismatched: O? = nil, update: @escaping (inout O, Range<Int>) throws -> Void
) throws -> LawSubject<O> {
  LawSubject<O>(
    empty: try make(), rows: rows, accumulate: update,
    observe: { flattened($0.compute()) },
    tolerance: tolerance, batchInvariant: batchInvariant,
    encode: { try JSONEncoder().encode($0.state) },
    decode: { emptied, data in
      var o = emptied
      try o.restore(try JSONDecoder().decode(O.State.self, from: data))
      return o
    },
    mismatched: mismatched)
}

extension LawSubject where S: Codable {
  /// Adds a plain-`JSONEncoder` checkpoint of the value itself.
  func codable() -> LawSubject {
    var s = self
    s.encode = { try JSONEncoder().encode($0) }
    s.decode = { _, data in try JSONDecoder().decode(S.self, from: data) }
    return s
  }
}
