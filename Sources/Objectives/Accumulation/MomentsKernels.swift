/// A floating-point element type that the block kernels read directly, four lanes at a time,
/// widened to `Double`.
///
/// `Float` and `Double` conform; other `BinaryFloatingPoint` types are converted to `Double` before
/// they reach a kernel.
@usableFromInline
protocol KernelScalar: BinaryFloatingPoint, Sendable {
  /// Four consecutive elements starting at `base`, widened to `Double`.
  static func lanes(_ base: UnsafePointer<Self>) -> SIMD4<Double>
}

extension Double: KernelScalar {
  @inlinable @inline(__always)
  static func lanes(_ base: UnsafePointer<Double>) -> SIMD4<Double> {
    UnsafeRawPointer(base).loadUnaligned(as: SIMD4<Double>.self)
  }
}

extension Float: KernelScalar {
  @inlinable @inline(__always)
  static func lanes(_ base: UnsafePointer<Float>) -> SIMD4<Double> {
    SIMD4<Double>(UnsafeRawPointer(base).loadUnaligned(as: SIMD4<Float>.self))
  }
}

/// The statistics of one block of pairs `(x, y)`, reduced by `MomentsKernels.pairBlock`.
struct PairBlock {
  /// Means, squared deviations and co-moment of the block.
  var moments = PairedMoments()
  /// `Σ(e − ē)²` for `e = y − x`.
  var m2Difference: Double = 0
  /// `Σ(y − x)²`.
  var squaredDifference: Double = 0
  /// Smallest and largest `x`, `y` and `y − x` (exact, for constancy tests).
  var xRange = ValueRange(lower: 0, upper: 0)
  var yRange = ValueRange(lower: 0, upper: 0)
  var differenceRange = ValueRange(lower: 0, upper: 0)
  /// Whether every value that was read was finite (inferred from the block sums, which overflow
  /// only for magnitudes above about 1e154).
  var isFinite = true
}

/// The smallest and largest value seen; merged by taking the extremes.
///
/// A `MergeableState`, exact: the empty range (`lower = +∞`, `upper = −∞`) is the identity.
///
/// Used to decide *exactly* whether a column is constant (`lower == upper`), which a variance
/// computed in floating point cannot do.
struct ValueRange: Sendable, MergeableState, Equatable {
  /// The smallest value.
  var lower: Double
  /// The largest value.
  var upper: Double

  /// A range with the given bounds.
  init(lower: Double, upper: Double) {
    self.lower = lower
    self.upper = upper
  }

  /// Whether every value was the same.
  var isConstant: Bool { lower == upper }

  /// The range covering both ranges (the monoid operation; `nil` is its identity).
  func merged(with other: ValueRange?) -> ValueRange {
    guard let other else { return self }
    return ValueRange(lower: Swift.min(lower, other.lower), upper: Swift.max(upper, other.upper))
  }
}

extension ValueRange: Codable {
  private enum CodingKeys: String, CodingKey { case lower, upper }

  /// Decodes a range written under the library's non-finite policy (see `FiniteOrSpecial`).
  init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(lower: try c.decodeNumber(forKey: .lower), upper: try c.decodeNumber(forKey: .upper))
  }

  /// Encodes the bounds under the library's non-finite policy, so a plain `JSONEncoder` works.
  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encodeNumber(lower, forKey: .lower)
    try c.encodeNumber(upper, forKey: .upper)
  }
}

/// Contiguous block kernels over pairs of buffers: SIMD lanes of `Double`, no allocation.
///
/// Each kernel reads `count` elements starting at two pointers and returns plain `Double` lane
/// sums; callers fold them into compensated sums or Chan merges, so the rounding of a kernel is
/// bounded by the block length (a few thousand elements).
enum MomentsKernels {
  /// Two passes over a block of pairs: means, then deviations, squared deviations, co-moment,
  /// `Σ(y − x)²` and the spread of `y − x`, with the corrected two-pass formula
  /// `m2 = Σd² − (Σd)²/n`.
  /// - Complexity: O(count), two reads of the block.
  @inline(__always)
  static func pairBlock<T: KernelScalar>(
    _ x: UnsafePointer<T>, _ y: UnsafePointer<T>, count n: Int
  ) -> PairBlock {
    precondition(n > 0)
    var sx = SIMD4<Double>()
    var sy = SIMD4<Double>()
    let x0 = Double(x[0])
    let y0 = Double(y[0])
    var minX = SIMD4<Double>(repeating: x0)
    var maxX = minX
    var minY = SIMD4<Double>(repeating: y0)
    var maxY = minY
    var minE = SIMD4<Double>(repeating: y0 - x0)
    var maxE = minE
    var i = 0
    while i &+ 4 <= n {
      let xv = T.lanes(x + i)
      let yv = T.lanes(y + i)
      let ev = yv - xv
      sx += xv
      sy += yv
      minX = pointwiseMin(minX, xv)
      maxX = pointwiseMax(maxX, xv)
      minY = pointwiseMin(minY, yv)
      maxY = pointwiseMax(maxY, yv)
      minE = pointwiseMin(minE, ev)
      maxE = pointwiseMax(maxE, ev)
      i &+= 4
    }
    var sumX = sx.sum()
    var sumY = sy.sum()
    var lowX = minX.min()
    var highX = maxX.max()
    var lowY = minY.min()
    var highY = maxY.max()
    var lowE = minE.min()
    var highE = maxE.max()
    while i < n {
      let xv = Double(x[i])
      let yv = Double(y[i])
      sumX += xv
      sumY += yv
      lowX = Swift.min(lowX, xv)
      highX = Swift.max(highX, xv)
      lowY = Swift.min(lowY, yv)
      highY = Swift.max(highY, yv)
      lowE = Swift.min(lowE, yv - xv)
      highE = Swift.max(highE, yv - xv)
      i &+= 1
    }
    let count = Double(n)
    let mx = sumX / count
    let my = sumY / count
    let mxv = SIMD4<Double>(repeating: mx)
    let myv = SIMD4<Double>(repeating: my)
    var sdx = SIMD4<Double>()
    var sdy = SIMD4<Double>()
    var sxx = SIMD4<Double>()
    var syy = SIMD4<Double>()
    var sxy = SIMD4<Double>()
    var sdd = SIMD4<Double>()
    var see = SIMD4<Double>()
    i = 0
    while i &+ 4 <= n {
      let xv = T.lanes(x + i)
      let yv = T.lanes(y + i)
      let dx = xv - mxv
      let dy = yv - myv
      let dd = dy - dx
      let e = yv - xv
      sdx += dx
      sdy += dy
      sxx += dx * dx
      syy += dy * dy
      sxy += dx * dy
      sdd += dd * dd
      see += e * e
      i &+= 4
    }
    var tdx = sdx.sum()
    var tdy = sdy.sum()
    var txx = sxx.sum()
    var tyy = syy.sum()
    var txy = sxy.sum()
    var tdd = sdd.sum()
    var tee = see.sum()
    while i < n {
      let xv = Double(x[i])
      let yv = Double(y[i])
      let dx = xv - mx
      let dy = yv - my
      let dd = dy - dx
      let e = yv - xv
      tdx += dx
      tdy += dy
      txx += dx * dx
      tyy += dy * dy
      txy += dx * dy
      tdd += dd * dd
      tee += e * e
      i &+= 1
    }
    var block = PairBlock()
    block.moments = PairedMoments(
      count: n, meanX: mx + tdx / count, meanY: my + tdy / count,
      m2X: Swift.max(0, txx - tdx * tdx / count), m2Y: Swift.max(0, tyy - tdy * tdy / count),
      cXY: txy - tdx * tdy / count)
    let tde = tdy - tdx
    block.m2Difference = Swift.max(0, tdd - tde * tde / count)
    block.squaredDifference = tee
    block.xRange = ValueRange(lower: lowX, upper: highX)
    block.yRange = ValueRange(lower: lowY, upper: highY)
    block.differenceRange = ValueRange(lower: lowE, upper: highE)
    block.isFinite = (sumX + sumY).isFinite && txx.isFinite && tyy.isFinite
    return block
  }

  /// `Σ(y − x)²` over a block.
  /// - Complexity: O(count), one read.
  @inline(__always)
  static func squaredDifference<T: KernelScalar>(
    _ x: UnsafePointer<T>, _ y: UnsafePointer<T>, count n: Int
  ) -> Double {
    var a0 = SIMD4<Double>()
    var a1 = SIMD4<Double>()
    var i = 0
    while i &+ 8 <= n {
      let d0 = T.lanes(y + i) - T.lanes(x + i)
      let d1 = T.lanes(y + (i &+ 4)) - T.lanes(x + (i &+ 4))
      a0 += d0 * d0
      a1 += d1 * d1
      i &+= 8
    }
    var total = (a0 + a1).sum()
    while i < n {
      let d = Double(y[i]) - Double(x[i])
      total += d * d
      i &+= 1
    }
    return total
  }

  /// `Σ|y − x|` and, when `percentage` is set, `Σ|y − x| / max(|y|, epsilon)` over a block.
  /// - Complexity: O(count), one read.
  @inline(__always)
  static func absoluteDifference<T: KernelScalar>(
    _ x: UnsafePointer<T>, _ y: UnsafePointer<T>, count n: Int, percentage: Bool, epsilon: Double
  ) -> (absolute: Double, relative: Double) {
    var sa = SIMD4<Double>()
    var sr = SIMD4<Double>()
    let eps = SIMD4<Double>(repeating: epsilon)
    var i = 0
    if percentage {
      while i &+ 4 <= n {
        let yv = T.lanes(y + i)
        let d = yv - T.lanes(x + i)
        let a = pointwiseMax(d, -d)
        sa += a
        sr += a / pointwiseMax(pointwiseMax(yv, -yv), eps)
        i &+= 4
      }
    } else {
      while i &+ 4 <= n {
        let d = T.lanes(y + i) - T.lanes(x + i)
        sa += pointwiseMax(d, -d)
        i &+= 4
      }
    }
    var absolute = sa.sum()
    var relative = sr.sum()
    while i < n {
      let yv = Double(y[i])
      let a = (yv - Double(x[i])).magnitude
      absolute += a
      if percentage { relative += a / Swift.max(yv.magnitude, epsilon) }
      i &+= 1
    }
    return (absolute, relative)
  }

  /// Whether every element of both blocks is finite (no NaN, no infinity).
  /// - Complexity: O(count), one read.
  @inline(__always)
  static func allFinite<T: KernelScalar>(_ x: UnsafePointer<T>, _ y: UnsafePointer<T>, count n: Int) -> Bool {
    var acc = SIMD4<Double>()
    var i = 0
    while i &+ 4 <= n {
      acc += T.lanes(x + i) * 0 + T.lanes(y + i) * 0
      i &+= 4
    }
    var total = acc.sum()
    while i < n {
      total += Double(x[i]) * 0 + Double(y[i]) * 0
      i &+= 1
    }
    return total == 0
  }
}

extension ValueRange {
  /// The empty range (`lower = +∞`, `upper = −∞`), the identity of `merge`.
  func emptied() -> ValueRange { ValueRange(lower: .infinity, upper: -.infinity) }

  /// Widens the range to cover `other` (the monoid operation).
  mutating func merge(_ other: ValueRange) {
    self = merged(with: other)
  }
}
