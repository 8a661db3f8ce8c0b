/// Read-only access to the rows of a batch of scores, without copying them: a flat row-major
/// buffer or nested arrays.
protocol ClassificationRows {
  associatedtype Score: ClassificationScore
  /// The number of rows.
  var count: Int { get }
  /// Calls `body` with row `i` in place.
  func withRow<R>(_ i: Int, _ body: (UnsafeBufferPointer<Score>) -> R) -> R
}

/// The rows of a flat row-major buffer of `width` columns.
struct FlatRows<Score: ClassificationScore>: ClassificationRows {
  let base: UnsafeBufferPointer<Score>
  let width: Int

  var count: Int { base.count / width }

  @inline(__always) func withRow<R>(_ i: Int, _ body: (UnsafeBufferPointer<Score>) -> R) -> R {
    body(UnsafeBufferPointer(rebasing: base[(i * width)..<(i * width + width)]))
  }
}

/// The rows of nested arrays (their widths are checked before use).
struct NestedRows<Score: ClassificationScore>: ClassificationRows {
  let rows: [[Score]]

  var count: Int { rows.count }

  @inline(__always) func withRow<R>(_ i: Int, _ body: (UnsafeBufferPointer<Score>) -> R) -> R {
    rows[i].withUnsafeBufferPointer(body)
  }
}

/// Predicted class indices seen as one-hot rows (for `.labels` input), built in one scratch row.
struct OneHotRows<Score: ClassificationScore>: ClassificationRows {
  let labels: UnsafeBufferPointer<Score>
  let scratch: UnsafeMutableBufferPointer<Score>

  var count: Int { labels.count }

  @inline(__always) func withRow<R>(_ i: Int, _ body: (UnsafeBufferPointer<Score>) -> R) -> R {
    scratch.update(repeating: 0)
    let v = labels[i]
    if !v.isNaN { scratch[Int(v)] = 1 } else { scratch[0] = v }
    return body(UnsafeBufferPointer(scratch))
  }
}
