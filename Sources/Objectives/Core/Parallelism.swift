import Dispatch
import Foundation
import Synchronization

/// Whether the library may use more than one core inside a single call.
///
/// Four places run work concurrently, always split in a way that depends only on the data, never
/// on the number of threads, so the results are bit-identical under either setting:
///
/// - `compute()` of a classification objective ranks the classes (or labels) of its exact AUROC and
///   average precision in parallel when the stored scores are large (≥ 2¹⁵ in all);
/// - a multiclass `update` with a batch of ≥ 2¹⁸ scores accumulates its two halves on two cores and
///   merges them in order;
/// - the radix sort behind the exact rank metrics sorts its buckets on two workers;
/// - parallel file reading (``CSVParts``) parses parts of a file on `workerCount` workers.
///
/// Set `Parallelism.current = .serial` once, before training, to keep every call on the calling
/// thread, for example when each process of a distributed job is pinned to one core:
///
/// ```swift
/// Parallelism.current = .serial
/// ```
public enum Parallelism: UInt8, Sendable, CaseIterable {
  /// Use the available cores where the work is large enough (the default).
  case automatic
  /// Run everything on the calling thread.
  case serial

  private static let storage = Atomic<UInt8>(Parallelism.automatic.rawValue)

  /// The process-wide setting; `.automatic` unless changed. Reading and writing are atomic.
  public static var current: Parallelism {
    get { Parallelism(rawValue: storage.load(ordering: .relaxed)) ?? .automatic }
    set { storage.store(newValue.rawValue, ordering: .relaxed) }
  }

  private static let workers = Atomic<Int>(0)

  /// The number of workers a parallel path uses: 1 under `.serial`, otherwise `maximumWorkers`
  /// when it is set, or the number of active processors.
  public static var workerCount: Int {
    if current == .serial { return 1 }
    let set = workers.load(ordering: .relaxed)
    return set > 0 ? set : max(1, ProcessInfo.processInfo.activeProcessorCount)
  }

  /// The number of workers under `.automatic`, or 0 (the default) for one per active processor.
  /// Parallel file reading (``CSVParts``) splits its work among this many workers; results never
  /// depend on it.
  public static var maximumWorkers: Int {
    get { workers.load(ordering: .relaxed) }
    set { workers.store(max(newValue, 0), ordering: .relaxed) }
  }

  /// Runs `body(0..<iterations)` concurrently, or in order under `.serial`.
  static func perform(iterations: Int, _ body: @Sendable (Int) -> Void) {
    if current == .serial || iterations < 2 {
      for i in 0..<iterations { body(i) }
    } else {
      DispatchQueue.concurrentPerform(iterations: iterations, execute: body)
    }
  }
}
