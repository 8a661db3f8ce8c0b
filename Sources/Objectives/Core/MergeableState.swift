/// A value that accumulates evidence and merges with another of its kind: a *lawful monoid*
/// under `merge`, with `emptied()` as its identity.
///
/// Every accumulator of the library (compensated sums, means, moments, score stores, histograms,
/// rank stores), every state of a catalogue objective and every `Objective` conforms. The laws
/// are stated once here; the conforming types refer to them.
///
/// ## Laws
///
/// For values `a`, `b`, `c` of one *shape* (the same configuration: number of classes, thresholds,
/// precision, metric list, …):
///
/// - **Identity.** `a.emptied()` is the identity of `merge`: merging it into `a`, or merging `a`
///   into it, gives `a`, exactly (merging nothing adds nothing, whatever the type).
/// - **Associativity.** Merging `b` then `c` into `a` gives the same value as merging into `a` the
///   result of merging `c` into `b`: `(a·b)·c = a·(b·c)`.
/// - **Split invariance.** Accumulating a data set in one piece, in any batching, or in shards
///   accumulated separately and then merged (in order), gives the same value.
/// - **Refusal.** Merging values of different shapes throws `ObjectiveError.incompatibleState`
///   and leaves the receiver unchanged; it never traps.
///
/// "The same value" (for associativity and split invariance) means:
///
/// - **exactly** equal for counts and stores (integer counts, confusion matrices, histograms,
///   stored scores and ranks): every split gives bit-identical results;
/// - equal to **1e-12 relative** (with an absolute floor of 1e-12 near zero) for floating sums
///   that are compensated (`CompensatedSum`, `MeanAccumulator`, `Moments`, `PairedMoments` and the
///   results computed from them): the order of additions changes only the final rounding;
/// - for NaN: a NaN is equal to a NaN (a poisoned value stays poisoned under every split), and
///   `±∞` are equal only to themselves. Values compare by their reported results, so two NaNs
///   with different payloads are the same result.
///
/// The laws are what make `Objective.forwardResults(_:_:)`, checkpoints (`state`/`restore`) and
/// distributed reduction (merge the shards in rank order) give the results of one pass over the
/// data. One generic test (`MergeableLawTests`) checks them for every conforming type.
public protocol MergeableState: Sendable {
  /// The identity of `merge` among values of this value's shape: the same configuration, nothing
  /// accumulated.
  func emptied() -> Self

  /// Merges `other` into this value (the monoid operation).
  /// - Throws: `ObjectiveError.incompatibleState` when the shapes differ; the value is unchanged.
  mutating func merge(_ other: Self) throws(ObjectiveError)
}
