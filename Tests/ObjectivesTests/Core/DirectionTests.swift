import Foundation
import Testing

@testable import Objectives

/// `Direction` replaced the boolean `higherIsBetter`: new files say `minimize`/`maximize`, and
/// files written with the boolean are still read.
@Suite struct DirectionTests {
  @Test func encodesAsWords() throws {
    let data = try JSONEncoder().encode([Direction.minimize, .maximize])
    #expect(String(decoding: data, as: UTF8.self) == #"["minimize","maximize"]"#)
    #expect(Direction(higherIsBetter: true) == .maximize)
    #expect(Direction.minimize.opposite == .maximize)
  }

  @Test func resultsEntryReadsTheEarlierBoolean() throws {
    let old = #"{"name":"acc","value":{"scalar":{"_0":0.5}},"higherIsBetter":true}"#
    let new = try JSONEncoder().encode(Results.Entry(name: "acc", value: .scalar(0.5), direction: .maximize))
    let decodedNew = try JSONDecoder().decode(Results.Entry.self, from: new)
    #expect(decodedNew.direction == .maximize)
    #expect(String(decoding: new, as: UTF8.self).contains(#""direction":"maximize""#))
    let valueJSON = try JSONEncoder().encode(MetricValue.scalar(0.5))
    let oldText = old.replacingOccurrences(
      of: #"{"scalar":{"_0":0.5}}"#, with: String(decoding: valueJSON, as: UTF8.self))
    let decodedOld = try JSONDecoder().decode(Results.Entry.self, from: Data(oldText.utf8))
    #expect(decodedOld.direction == .maximize)
  }

  @Test func historyExportsWrittenWithTheBooleanAreRead() throws {
    let csv = """
      name,axis,time,higher_is_better,value
      "val/loss","epoch",1,false,0.5
      "val/acc","epoch",1,true,0.75

      """
    let fromCSV = try History(csv: csv)
    #expect(fromCSV["val/loss"]?.direction == .minimize)
    #expect(fromCSV["val/acc"]?.direction == .maximize)
    let lines = #"{"name":"a","axis":"step","time":1,"higher_is_better":true,"value":1}"#
    #expect(try History(jsonLines: lines)["a"]?.direction == .maximize)
    #expect(throws: ObjectiveError.self) {
      try History(csv: "name,axis,time,direction,value\n\"a\",\"step\",1,true,1\n")
    }
  }

  @Test func historyAndStoppersDecodeTheBoolean() throws {
    let series = #"{"name":"a","axis":"step","higherIsBetter":false,"points":[]}"#
    let s = try JSONDecoder().decode(History.Series.self, from: Data(series.utf8))
    #expect(s.direction == .minimize)
    let stopper = #"""
      {"monitor":"a","patience":2,"minDelta":0,"higherIsBetter":true,"bestTime":0,"direction":true,
       "waited":0,"lastImproved":false,"shouldStop":false}
      """#
    let e = try JSONDecoder().decode(EarlyStopping.self, from: Data(stopper.utf8))
    #expect(e.direction == .maximize)
    #expect(e.resolvedDirection == .maximize)
    let best = #"{"name":"a","value":1,"time":3,"axis":"epoch","index":2,"higherIsBetter":false}"#
    #expect(try JSONDecoder().decode(BestValue.self, from: Data(best.utf8)).direction == .minimize)
    var meters = AverageMeters()
    _ = meters.update(Results([.init(name: "loss", value: .scalar(1), direction: .minimize)]))
    let text = String(decoding: try JSONEncoder().encode(meters), as: UTF8.self)
    let roundTrip = try JSONDecoder().decode(AverageMeters.self, from: Data(text.utf8))
    #expect(roundTrip.directions == ["loss": .minimize])
    let legacy = text.replacingOccurrences(of: #""loss":"minimize""#, with: #""loss":false"#)
    #expect(legacy != text)
    #expect(
      try JSONDecoder().decode(AverageMeters.self, from: Data(legacy.utf8)).directions == ["loss": .minimize])
  }
}
