/// A gradient with respect to a loss's outputs: something that can be added to another gradient
/// of the same shape. The chain rule through a composition adds the gradients of its leaves.
///
/// `[Double]` and `[Float]` add elementwise (not by concatenation); `Double` and `Float` add as
/// numbers.
public protocol GradientVector {
  /// Adds `other`, which has the same shape, to `self`.
  mutating func addGradient(_ other: Self)
}

extension Double: GradientVector {
  /// Adds `other` in place (gradients of shared leaves accumulate).
  @inlinable public mutating func addGradient(_ other: Double) { self += other }
}

extension Float: GradientVector {
  /// Adds `other` in place (gradients of shared leaves accumulate).
  @inlinable public mutating func addGradient(_ other: Float) { self += other }
}

extension Array: GradientVector where Element: BinaryFloatingPoint {
  /// Adds elementwise. Both arrays must have the same length.
  @inlinable public mutating func addGradient(_ other: [Element]) {
    precondition(count == other.count, "gradients of different lengths: \(count) and \(other.count)")
    withUnsafeMutableBufferPointer { a in
      other.withUnsafeBufferPointer { b in
        for i in a.indices { a[i] += b[i] }
      }
    }
  }
}
