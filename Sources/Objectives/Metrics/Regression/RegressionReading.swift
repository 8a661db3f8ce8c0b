/// Reading a batch into `RegressionStatistics`: blocks of rows, the NaN policy, the kernels.
extension RegressionStatistics {
  /// Rows per block: small enough that a block of every output stays in cache between the passes
  /// of the kernels, large enough that per-block merges cost nothing.
  static let blockRows = 2048

  /// The statistics of one batch of `rows × outputs` values under `policy`.
  ///
  /// `contiguous` gives the predictions and targets directly when they can be read in place (one
  /// output, flat buffers); otherwise `gather` copies one block of one output into scratch
  /// memory that is allocated once per batch. Rows with a non-finite value anywhere are dropped
  /// under `.omit`; under `.error` the first one is reported and nothing is returned.
  /// - Complexity: O(rows × outputs) time, O(outputs × blockRows) scratch memory.
  @_specialize(where T == Float)
  @_specialize(where T == Double)
  static func reading<T: KernelScalar>(
    rows n: Int, outputs k: Int, needs: RegressionNeeds, precision: RankPrecision,
    policy: NaNPolicy, contiguous: (predictions: UnsafePointer<T>, targets: UnsafePointer<T>)?,
    gather: (
      _ output: Int, _ rows: Range<Int>, _ predictions: UnsafeMutablePointer<T>,
      _ targets: UnsafeMutablePointer<T>
    ) -> Void
  ) throws(ObjectiveError) -> RegressionStatistics {
    var stats = RegressionStatistics(outputs: k, needs: needs, precision: precision)
    guard n > 0 else { return stats }
    if needs.contains(.ranks) {
      for j in 0..<k { stats.columns[j].ranks?.reserveCapacity(n) }
    }
    let block = Swift.min(blockRows, n)
    if let contiguous, policy == .propagate, !needs.contains(.rowCosine) {
      // Fast path: one output read in place, nothing to check, no scratch memory.
      var start = 0
      while start < n {
        let m = Swift.min(block, n - start)
        stats.addBlock(output: 0, contiguous.predictions + start, contiguous.targets + start, count: m)
        start += m
      }
      stats.count = n
      return stats
    }
    let scratch = UnsafeMutablePointer<T>.allocate(capacity: 2 * k * block)
    defer { scratch.deallocate() }
    let cosine: UnsafeMutablePointer<Double>? =
      needs.contains(.rowCosine) ? .allocate(capacity: 3 * block) : nil
    defer { cosine?.deallocate() }
    var xs = [UnsafePointer<T>](repeating: UnsafePointer(scratch), count: k)
    var ys = xs
    var start = 0
    while start < n {
      let m = Swift.min(block, n - start)
      var inScratch = false
      if let contiguous {
        xs[0] = contiguous.predictions + start
        ys[0] = contiguous.targets + start
      } else {
        for j in 0..<k {
          gather(j, start..<(start + m), scratch + 2 * j * block, scratch + (2 * j + 1) * block)
          xs[j] = UnsafePointer(scratch + 2 * j * block)
          ys[j] = UnsafePointer(scratch + (2 * j + 1) * block)
        }
        inScratch = true
      }
      var valid = m
      if policy != .propagate && !(0..<k).allSatisfy({ MomentsKernels.allFinite(xs[$0], ys[$0], count: m) }) {
        if policy == .error {
          throw firstNonFinite(xs, ys, rows: m, offset: start)
        }
        if !inScratch {
          for j in 0..<k {
            (scratch + 2 * j * block).update(from: xs[j], count: m)
            (scratch + (2 * j + 1) * block).update(from: ys[j], count: m)
            xs[j] = UnsafePointer(scratch + 2 * j * block)
            ys[j] = UnsafePointer(scratch + (2 * j + 1) * block)
          }
        }
        valid = compactFiniteRows(scratch, stride: block, outputs: k, rows: m)
      }
      if valid > 0 {
        for j in 0..<k { stats.addBlock(output: j, xs[j], ys[j], count: valid) }
        if let cosine {
          stats.rowCosines.add(rowCosineSum(xs, ys, rows: valid, scratch: cosine, stride: block))
        }
        stats.count += valid
      }
      start += m
    }
    return stats
  }

  /// Runs the kernels that the needs call for on one block of one output.
  @_specialize(where T == Float)
  @_specialize(where T == Double)
  private mutating func addBlock<T: KernelScalar>(
    output j: Int, _ x: UnsafePointer<T>, _ y: UnsafePointer<T>, count m: Int
  ) {
    var sawFinite = false
    if needs.contains(.moments) {
      columns[j].add(MomentsKernels.pairBlock(x, y, count: m))
      sawFinite = true
    } else if needs.contains(.squaredError) {
      let s = MomentsKernels.squaredDifference(x, y, count: m)
      columns[j].squaredError.add(s)
      if !s.isFinite { columns[j].containsNonFinite = true }
      sawFinite = true
    }
    if !needs.isDisjoint(with: [.absoluteError, .percentageError]) {
      let percentage = needs.contains(.percentageError)
      let (absolute, relative) = MomentsKernels.absoluteDifference(
        x, y, count: m, percentage: percentage, epsilon: Double.ulpOfOne)
      if needs.contains(.absoluteError) { columns[j].absoluteError.add(absolute) }
      if percentage { columns[j].percentageError.add(relative) }
      if !absolute.isFinite { columns[j].containsNonFinite = true }
      sawFinite = true
    }
    if needs.contains(.ranks) {
      columns[j].ranks?.append(x, y, count: m)
      if columns[j].ranks?.containsNonFinite == true { columns[j].containsNonFinite = true }
      sawFinite = true
    }
    if !sawFinite && !MomentsKernels.allFinite(x, y, count: m) {
      columns[j].containsNonFinite = true
    }
  }

  /// `Σᵢ ⟨x_i, y_i⟩ / (‖x_i‖·‖y_i‖)` over the rows of a block whose outputs are columns.
  private static func rowCosineSum<T: KernelScalar>(
    _ xs: [UnsafePointer<T>], _ ys: [UnsafePointer<T>], rows m: Int,
    scratch: UnsafeMutablePointer<Double>, stride: Int
  ) -> Double {
    let dot = scratch
    let xx = scratch + stride
    let yy = scratch + 2 * stride
    dot.update(repeating: 0, count: m)
    xx.update(repeating: 0, count: m)
    yy.update(repeating: 0, count: m)
    for j in xs.indices {
      let x = xs[j]
      let y = ys[j]
      for r in 0..<m {
        let a = Double(x[r])
        let b = Double(y[r])
        dot[r] += a * b
        xx[r] += a * a
        yy[r] += b * b
      }
    }
    var total = 0.0
    for r in 0..<m { total += dot[r] / (xx[r].squareRoot() * yy[r].squareRoot()) }
    return total
  }

  /// Moves the rows whose values are all finite to the front of every scratch column and
  /// returns how many there are.
  private static func compactFiniteRows<T: KernelScalar>(
    _ scratch: UnsafeMutablePointer<T>, stride: Int, outputs k: Int, rows m: Int
  ) -> Int {
    var kept = 0
    for r in 0..<m {
      var finite = true
      for j in 0..<(2 * k) where !scratch[j * stride + r].isFinite {
        finite = false
        break
      }
      guard finite else { continue }
      if kept != r {
        for j in 0..<(2 * k) { scratch[j * stride + kept] = scratch[j * stride + r] }
      }
      kept += 1
    }
    return kept
  }

  /// The error for the first non-finite value of a block, in row order.
  private static func firstNonFinite<T: KernelScalar>(
    _ xs: [UnsafePointer<T>], _ ys: [UnsafePointer<T>], rows m: Int, offset: Int
  ) -> ObjectiveError {
    let k = xs.count
    for r in 0..<m {
      for j in 0..<k {
        let suffix = k > 1 ? " (output \(j))" : ""
        if !xs[j][r].isFinite { return .nonFinite(what: "prediction" + suffix, position: offset + r) }
        if !ys[j][r].isFinite { return .nonFinite(what: "target" + suffix, position: offset + r) }
      }
    }
    return .nonFinite(what: "value", position: offset)
  }
}
