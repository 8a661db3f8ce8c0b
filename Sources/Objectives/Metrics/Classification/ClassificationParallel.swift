/// Runs independent per-class work on every core (on the calling thread under
/// `Parallelism.serial`). Each index is computed alone and written to its own slot, so the result
/// does not depend on the number of threads or on scheduling.
enum ClassificationParallel {
  /// A pointer handed to worker threads; each thread writes only its own indices.
  private struct Slots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
  }

  /// `(0..<count).map(body)`, with the calls spread over the available cores.
  static func map<T>(count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    guard count > 1 else { return (0..<count).map(body) }
    let buffer = UnsafeMutablePointer<T>.allocate(capacity: count)
    defer { buffer.deallocate() }
    let slots = Slots(base: buffer)
    Parallelism.perform(iterations: count) { i in
      (slots.base + i).initialize(to: body(i))
    }
    let result = Array(UnsafeBufferPointer(start: buffer, count: count))
    buffer.deinitialize(count: count)
    return result
  }
}
