import Foundation
import Testing

@testable import Objectives

/// The accumulators behind the regression metrics: `Moments`, `PairedMoments`, the block kernels and
/// `RankStore`.
@Suite struct RegressionAccumulationTests {
  typealias Generator = RegressionTestSupport.Generator

  static func values(_ n: Int, seed: UInt64, offset: Double = 0) -> [Double] {
    var g = Generator(seed: seed)
    return (0..<n).map { _ in offset + g.normal() }
  }

  /// Two-pass reference moments.
  static func reference(_ x: [Double], _ y: [Double]) -> PairedMoments {
    let n = Double(x.count)
    let mx = x.reduce(0, +) / n
    let my = y.reduce(0, +) / n
    var m = PairedMoments(count: x.count, meanX: mx, meanY: my, m2X: 0, m2Y: 0, cXY: 0)
    for i in x.indices {
      m.m2X += (x[i] - mx) * (x[i] - mx)
      m.m2Y += (y[i] - my) * (y[i] - my)
      m.cXY += (x[i] - mx) * (y[i] - my)
    }
    return m
  }

  @Test func welfordChanAndTwoPassAgree() {
    let x = Self.values(1000, seed: 1, offset: 1e6)
    var welford = Moments()
    for v in x { welford.add(v) }
    var left = Moments(x[..<400])
    left.merge(Moments(x[400...]))
    let twoPass = Moments(x)
    for m in [welford, left] {
      #expect(m.count == 1000)
      #expect(RegressionTestSupport.close(m.mean, twoPass.mean, relative: 1e-15))
      #expect(RegressionTestSupport.close(m.m2, twoPass.m2, relative: 1e-9))
    }
    #expect(Moments().variance.isNaN && Moments([1]).sampleVariance.isNaN)
    #expect(Moments([1, 2, 3, 4]).variance == 1.25)
  }

  @Test func momentsMergeLaws() {
    let x = Self.values(300, seed: 2)
    let a = Moments(x[..<100])
    let b = Moments(x[100..<170])
    let c = Moments(x[170...])
    var withEmpty = a
    withEmpty.merge(Moments())
    #expect(withEmpty == a)
    var intoEmpty = Moments()
    intoEmpty.merge(a)
    #expect(intoEmpty == a)
    var left = a
    left.merge(b)
    left.merge(c)
    var bc = b
    bc.merge(c)
    var right = a
    right.merge(bc)
    #expect(left.count == right.count)
    #expect(RegressionTestSupport.close(left.m2, right.m2, relative: 1e-13))
    #expect(RegressionTestSupport.close(left.mean, right.mean, relative: 1e-13, floor: 1e-3))
  }

  @Test func pairedMomentsAddMergeAndKernelAgree() throws {
    let x = Self.values(5003, seed: 3, offset: 50)
    let y = zip(x, Self.values(5003, seed: 4)).map { 0.5 * $0 + $1 }
    let reference = Self.reference(x, y)
    var welford = PairedMoments()
    for i in x.indices { welford.add(x[i], y[i]) }
    var blocks = PairedMoments()
    x.withUnsafeBufferPointer { px in
      y.withUnsafeBufferPointer { py in
        var start = 0
        while start < x.count {
          let m = min(777, x.count - start)
          blocks.merge(
            MomentsKernels.pairBlock(px.baseAddress! + start, py.baseAddress! + start, count: m).moments)
          start += m
        }
      }
    }
    for m in [welford, blocks] {
      #expect(m.count == reference.count)
      #expect(RegressionTestSupport.close(m.m2X, reference.m2X, relative: 1e-11))
      #expect(RegressionTestSupport.close(m.m2Y, reference.m2Y, relative: 1e-11))
      #expect(RegressionTestSupport.close(m.cXY, reference.cXY, relative: 1e-11))
      #expect(RegressionTestSupport.close(m.correlation, reference.correlation, relative: 1e-12))
    }
    var constant = PairedMoments()
    constant.add(1, 2)
    constant.add(1, 3)
    #expect(constant.correlation.isNaN)
  }

  @Test func kernelsHandleEveryTailLength() {
    for n in 1...19 {
      let x = Self.values(n, seed: UInt64(n))
      let y = Self.values(n, seed: UInt64(100 + n))
      let (absolute, relative) = x.withUnsafeBufferPointer { px in
        y.withUnsafeBufferPointer { py in
          MomentsKernels.absoluteDifference(
            px.baseAddress!, py.baseAddress!, count: n, percentage: true, epsilon: 1e-3)
        }
      }
      let squared = x.withUnsafeBufferPointer { px in
        y.withUnsafeBufferPointer { py in
          MomentsKernels.squaredDifference(px.baseAddress!, py.baseAddress!, count: n)
        }
      }
      let wantAbsolute = zip(x, y).reduce(0) { $0 + abs($1.1 - $1.0) }
      let wantRelative = zip(x, y).reduce(0) { $0 + abs($1.1 - $1.0) / max(abs($1.1), 1e-3) }
      let wantSquared = zip(x, y).reduce(0) { $0 + ($1.1 - $1.0) * ($1.1 - $1.0) }
      #expect(RegressionTestSupport.close(absolute, wantAbsolute, relative: 1e-14))
      #expect(RegressionTestSupport.close(relative, wantRelative, relative: 1e-14))
      #expect(RegressionTestSupport.close(squared, wantSquared, relative: 1e-14))
      var bad = x
      bad[n - 1] = .nan
      let finite = bad.withUnsafeBufferPointer { px in
        y.withUnsafeBufferPointer { py in MomentsKernels.allFinite(px.baseAddress!, py.baseAddress!, count: n)
        }
      }
      #expect(!finite)
    }
  }

  @Test func rankKeysSortLikeTheValues() {
    let values: [Double] = [
      -.infinity, -1e300, -2.5, -.leastNonzeroMagnitude, -0.0, 0, .leastNonzeroMagnitude, 3, 1e300, .infinity,
    ]
    let keys64 = values.map(\.sortKey)
    #expect(zip(keys64, keys64.dropFirst()).allSatisfy { $0 < $1 || ($0 == $1) })
    #expect((-0.0).sortKey == 0.0.sortKey)
    #expect(Float(-0.0).sortKey == Float(0).sortKey)
    let floats: [Float] = [-.infinity, -3, -1, -.leastNonzeroMagnitude, 0, 1, 2, .infinity]
    let keys32 = floats.map(\.sortKey)
    #expect(zip(keys32, keys32.dropFirst()).allSatisfy { $0 < $1 })
  }

  @Test(arguments: RankPrecision.allCases)
  func rankStoreMergesAndRoundTrips(precision: RankPrecision) throws {
    let x = Self.values(400, seed: 5)
    let y = zip(x, Self.values(400, seed: 6)).map { $0 - $1 }
    var whole = RankStore(precision: precision)
    for i in x.indices { whole.append(x[i], y[i]) }
    var a = RankStore(precision: precision)
    var b = RankStore(precision: precision)
    for i in x.indices { if i % 3 == 0 { a.append(x[i], y[i]) } else { b.append(x[i], y[i]) } }
    try b.merge(a)
    #expect(b.count == 400)
    #expect(b.spearman() == whole.spearman())
    let data = try JSONEncoder().encode(whole)
    let back = try JSONDecoder().decode(RankStore.self, from: data)
    #expect(back == whole)
    #expect(whole.byteCount == (precision == .single ? 3200 : 6400))
    var other = RankStore(precision: precision == .single ? .double : .single)
    #expect(throws: ObjectiveError.self) { try other.merge(whole) }
    var empty = RankStore(precision: precision)
    try empty.merge(RankStore(precision: precision))
    #expect(empty.isEmpty && empty.spearman().isNaN)
  }

  @Test func spearmanOfMonotoneAndTiedData() {
    var store = RankStore()
    for i in 0..<5000 { store.append(Double(i % 100), Double((i % 100) * (i % 100))) }
    #expect(store.spearman() == 1)
    var reversed = RankStore(precision: .double)
    for i in 0..<3000 { reversed.append(Double(i), -Double(i) * 1e-300) }
    #expect(reversed.spearman() == -1)
    var constant = RankStore()
    for i in 0..<10 { constant.append(Double(i), 4) }
    #expect(constant.spearman().isNaN)
    var withNaN = RankStore()
    withNaN.append(1, 2)
    withNaN.append(.nan, 3)
    withNaN.append(3, 1)
    #expect(withNaN.spearman().isNaN && withNaN.containsNonFinite)
  }

  @Test func singlePrecisionTiesValuesThatRoundTogether() {
    var single = RankStore(precision: .single)
    var double = RankStore(precision: .double)
    for (x, y) in [(1.0, 1.0), (1.0 + 1e-12, 2.0), (2.0, 3.0)] {
      single.append(x, y)
      double.append(x, y)
    }
    #expect(double.spearman() == 1)
    #expect(single.spearman() < 1)
  }
}

extension RegressionAccumulationTests {
  @Test func momentStatesRoundTripThroughCodable() throws {
    let x = Self.values(50, seed: 9)
    var paired = PairedMoments()
    for v in x { paired.add(v, v * v) }
    let moments = Moments(x)
    let range = ValueRange(lower: -1, upper: 2)
    #expect(try JSONDecoder().decode(PairedMoments.self, from: JSONEncoder().encode(paired)) == paired)
    #expect(try JSONDecoder().decode(Moments.self, from: JSONEncoder().encode(moments)) == moments)
    #expect(try JSONDecoder().decode(ValueRange.self, from: JSONEncoder().encode(range)) == range)
    #expect(range.merged(with: ValueRange(lower: 0, upper: 5)) == ValueRange(lower: -1, upper: 5))
    #expect(range.merged(with: nil) == range && !range.isConstant)
  }
}
