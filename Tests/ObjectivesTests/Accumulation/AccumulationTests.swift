import Foundation
import Testing

@testable import Objectives

@Suite struct AccumulationTests {
  @Test func compensatedSumRecoversLostLowOrderBits() {
    var s = CompensatedSum()
    s.add(1e16)
    for _ in 0..<1000 { s.add(1) }
    s.add(-1e16)
    #expect(s.value == 1000)
  }

  @Test func meanAccumulatorIsSplitInvariant() {
    let values = (0..<1000).map { Double($0) * 0.1 + 1e8 }
    var whole = MeanAccumulator()
    for v in values { whole.add(v) }
    var left = MeanAccumulator()
    var right = MeanAccumulator()
    for v in values[..<317] { left.add(v) }
    for v in values[317...] { right.add(v) }
    left.merge(right)
    #expect(abs(left.mean - whole.mean) <= 1e-12 * abs(whole.mean))
    #expect(left.count == 1000)
  }

  @Test func emptyMeanIsNaN() {
    #expect(MeanAccumulator().mean.isNaN)
  }

  @Test func snapshotRoundTripsNonFiniteValues() throws {
    let snapshot = try StateSnapshot(of: [Double.nan, 1.5, -Double.infinity])
    let back = try snapshot.decode([Double].self)
    #expect(back[0].isNaN && back[1] == 1.5 && back[2] == -.infinity)
  }

  @Test func shortestNumberFormatting() {
    #expect(NumberFormatting.shortest(2) == "2")
    #expect(NumberFormatting.shortest(0.5) == "0.5")
    #expect(NumberFormatting.shortest(1e-8) == "1e-08")
    #expect(NumberFormatting.shortest(1e20) == "1e+20")
    #expect(NumberFormatting.shortest(1.0 / 3.0) == "0.3333333333333333")
  }
}
