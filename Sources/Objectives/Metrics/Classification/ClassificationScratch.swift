/// A zero-filled buffer for the counters of one batch, freed by the caller (`defer { free() }`).
/// Subscripts are unchecked pointer accesses; callers index within `count`.
struct Scratch<Element: BinaryInteger> {
  let buffer: UnsafeMutableBufferPointer<Element>

  init(count: Int) {
    buffer = .allocate(capacity: count)
    buffer.initialize(repeating: 0)
  }

  @inline(__always) subscript(i: Int) -> Element {
    get { buffer[i] }
    nonmutating set { buffer[i] = newValue }
  }

  func free() { buffer.deallocate() }
}
