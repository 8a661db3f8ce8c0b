import Foundation
import Testing

@testable import Objectives

@Suite struct MeterTests {
  @Test func emptyMeterIsNaN() {
    let m = AverageMeter()
    #expect(m.last.isNaN)
    #expect(m.average.isNaN)
    #expect(m.sum.isNaN)
    #expect(m.count == 0)
    #expect(m.formatted() == "nan (nan)")
  }

  @Test func averageIsWeightedByCount() {
    var m = AverageMeter()
    m.update(0.7)
    m.update(0.9)
    m.update(0.5, n: 3)
    #expect(m.count == 5)
    #expect(abs(m.sum - 3.1) <= 1e-12 * 3.1)
    #expect(abs(m.average - 0.62) <= 1e-12)
    #expect(m.last == 0.5)
    #expect(m.lastWeight == 3)
  }

  @Test func formatsValueThenAverage() throws {
    var m = AverageMeter()
    m.update(2, n: 2)
    m.update(4)
    #expect(m.formatted("%.2f") == "4.00 (2.67)")
    #expect(m.formatted(".2f") == "4.00 (2.67)")
    #expect(m.formatted(precision: 2) == "4.00 (2.67)")
    #expect(m.description == "4.0000 (2.6667)")
    let scientific: FloatFormat = "%8.3e"
    #expect(m.formatted(scientific) == "4.000e+00 (2.667e+00)")
  }

  @Test func invalidFormatsAreRejected() {
    for bad in ["%d", "%s", "", "%.f", ".2f%s", "%%", "abc", "%.2fx"] {
      #expect(throws: ObjectiveError.self) { try FloatFormat(bad) }
    }
  }

  @Test func nonFiniteValuesFormatReadably() throws {
    let spec = "%6.2f"
    let f = try FloatFormat(spec)
    #expect(f(.nan) == "   nan")
    #expect(f(-.infinity) == "  -inf")
    #expect(f(1.5) == "  1.50")
  }

  @Test func zeroWeightRecordsTheValueWithoutCountingIt() {
    var m = AverageMeter()
    m.update(3, n: 2)
    m.update(100, n: 0)
    #expect(m.last == 100)
    #expect(m.average == 3)
    #expect(m.count == 2)
  }

  @Test func mergeIsSplitInvariantAndKeepsTheLastValue() {
    let values: [(Double, Int)] = (0..<40).map { (i: Int) -> (Double, Int) in
      (Double(i) * 0.37 - 3, i % 5 + 1)
    }
    var whole = AverageMeter()
    for (v, n) in values { whole.update(v, n: n) }
    var a = AverageMeter()
    var b = AverageMeter()
    var c = AverageMeter()
    for (v, n) in values[..<13] { a.update(v, n: n) }
    for (v, n) in values[13..<29] { b.update(v, n: n) }
    for (v, n) in values[29...] { c.update(v, n: n) }
    var left = a
    left.merge(b)
    left.merge(c)
    var bc = b
    bc.merge(c)
    var right = a
    right.merge(bc)
    for merged in [left, right] {
      #expect(merged.count == whole.count)
      #expect(abs(merged.average - whole.average) <= 1e-12 * abs(whole.average))
      #expect(merged.last == whole.last)
    }
    var withEmpty = whole
    withEmpty.merge(AverageMeter())
    #expect(withEmpty == whole)
    var emptyFirst = AverageMeter()
    emptyFirst.merge(whole)
    #expect(emptyFirst.average == whole.average && emptyFirst.last == whole.last)
  }

  @Test func meterStateRoundTripsThroughJSON() throws {
    var m = AverageMeter()
    m.update(0.1, n: 3)
    m.update(0.25)
    let data = try JSONEncoder().encode(m)
    #expect(try JSONDecoder().decode(AverageMeter.self, from: data) == m)
  }

  @Test func metersCreateOnFirstUseAndPrintTabSeparated() {
    var meters = AverageMeters()
    meters["loss"].update(0.6)
    meters["loss"].update(0.9)
    meters.update(["auroc": 0.7, "r2": 0.8] as KeyValuePairs)
    #expect(meters.names == ["loss", "auroc", "r2"])
    #expect(meters.formatted() == "loss: 0.9000 (0.7500)\tauroc: 0.7000 (0.7000)\tr2: 0.8000 (0.8000)")
    #expect(meters.averages["loss"] == 0.75)
    #expect(meters.counts == ["loss": 2, "auroc": 1, "r2": 1])
    meters.reset()
    #expect(meters.description == "loss: nan (nan)\tauroc: nan (nan)\tr2: nan (nan)")
    #expect(AverageMeter().average.isNaN)
  }

  @Test func metersUpdateFromResultsAndDictionaries() {
    var meters = AverageMeters()
    let results = Results([
      .init(name: "loss", value: .scalar(2), direction: .minimize),
      .init(name: "per_class", value: .vector([1, 2])),
    ])
    let skipped = meters.update(results, n: 4)
    #expect(skipped == ["per_class"])
    meters.update(["b": 1, "a": 3])
    #expect(meters.names == ["loss", "a", "b"])
    #expect(meters["loss"].count == 4)
    #expect(meters.averageResults.names == ["loss", "a", "b"])
    #expect(meters.averageResults.entries.map(\.direction) == [.minimize, nil, nil])
  }

  @Test func metersMerge() throws {
    var x = AverageMeters()
    x["a"].update(1)
    var y = AverageMeters()
    y["b"].update(2)
    y["a"].update(3, n: 3)
    x.merge(y)
    #expect(x.names == ["a", "b"])
    #expect(x["a"].average == 2.5)
    #expect(x["a"].last == 3)
    let data = try JSONEncoder().encode(x)
    #expect(try JSONDecoder().decode(AverageMeters.self, from: data) == x)
    let broken = Data(
      #"{"names":["a","a"],"meters":{"a":{"value":1,"lastWeight":1,"total":{"sum":1,"compensation":0},"count":1,"updates":1}}}"#
        .utf8)
    #expect(throws: (any Error).self) { try JSONDecoder().decode(AverageMeters.self, from: broken) }
  }
}
