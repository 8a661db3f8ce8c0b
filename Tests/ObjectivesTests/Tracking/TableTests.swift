import Foundation
import Testing

@testable import Objectives

@Suite struct TableTests {
  static func sample() throws -> SampleTable {
    var t = SampleTable()
    t.constants = ["epoch": 1, "split": "val"]
    try t.record(
      exampleIDs: [0, 1, 2, 3, 4],
      columns: [
        "loss": [0.5, 2.0, .nan, 2.0, 0.1], "confidence": [0.9, 0.3, 0.5, 0.4, .infinity],
      ] as KeyValuePairs)
    t.constants = ["epoch": 2, "split": "train"]
    try t.record(exampleIDs: [1, 1], columns: ["loss": [3.0, 1.0]] as KeyValuePairs)
    try t.record(exampleID: 7, ["label": "cat", "loss": 0.2])
    return t
  }

  @Test func recordsRowsWithConstants() throws {
    let t = try Self.sample()
    #expect(t.count == 8)
    #expect(t.columns == ["epoch", "split", "loss", "confidence", "label"])
    #expect(t.constantColumns == ["epoch", "split"])
    let rows = t.rows(for: 1)
    #expect(rows.map(\.index) == [1, 5, 6])
    #expect(rows.map { $0["epoch"] } == [1, 2, 2])
    #expect(rows[1]["confidence"] == nil)
    #expect(t.row(7)["label"] == "cat")
    #expect(t.row(7)["split"] == "train")
    #expect(t.filtered { $0["epoch"] == 1 }.exampleIDs == [0, 1, 2, 3, 4])
    #expect(t.filtered { $0["epoch"] == 2 }.constantColumns == ["epoch", "split"])
    #expect(try t.best(2, by: "confidence", direction: .maximize).map(\.index) == [4, 0])
  }

  @Test func badRecordsLeaveTheTableUnchanged() throws {
    var t = try Self.sample()
    let before = t
    #expect(throws: ObjectiveError.lengthMismatch(what: "column \"loss\"", expected: 2, actual: 1)) {
      try t.record(exampleIDs: [1, 2], columns: ["loss": [1.0]] as KeyValuePairs)
    }
    #expect(throws: ObjectiveError.self) {
      try t.record(exampleIDs: [1], columns: ["epoch": [1.0]] as KeyValuePairs)
    }
    #expect(throws: ObjectiveError.self) {
      try t.record(exampleIDs: [1], columns: ["example_id": [1.0]] as KeyValuePairs)
    }
    #expect(t == before)
  }

  @Test func worstAndBestByAnyColumnWithNaNLastAndStableTies() throws {
    let t = try Self.sample()
    // loss by row: 0.5, 2.0, nan, 2.0, 0.1, 3.0, 1.0, 0.2
    let worst = try t.worst(4, by: "loss", direction: .minimize)
    #expect(worst.map(\.index) == [5, 1, 3, 6])  // the tie 2.0 keeps recording order
    let best = try t.best(3, by: "loss", direction: .minimize)
    #expect(best.map(\.index) == [4, 7, 0])
    let all = try t.worst(100, by: "loss", direction: .minimize)
    #expect(all.count == 8)
    #expect(all.last?.index == 2)  // NaN last
    let allBest = try t.best(100, by: "loss", direction: .minimize)
    #expect(allBest.last?.index == 2)  // NaN last in both directions
    // Confidence: lower is worse; rows without the column are left out.
    let unsure = try t.worst(10, by: "confidence", direction: .maximize)
    #expect(unsure.map(\.index) == [1, 3, 2, 0, 4])
    #expect(unsure.map(\.exampleID) == [1, 3, 2, 0, 4])
    #expect(try t.worst(0, by: "loss", direction: .minimize).isEmpty)
    #expect(throws: ObjectiveError.self) { try t.worst(1, by: "nope", direction: .minimize) }
    #expect(throws: ObjectiveError.self) { try t.worst(-1, by: "loss", direction: .minimize) }
  }

  @Test func splitAveragesUseFiniteValuesOnly() throws {
    let t = try Self.sample()
    let val = t.averages(split: "val")
    #expect(val.names == ["val_loss_avg", "val_confidence_avg"])
    // loss: (0.5 + 2 + 2 + 0.1) / 4, NaN left out; confidence: (0.9 + 0.3 + 0.5 + 0.4) / 4, inf left out.
    #expect(abs(try #require(val.scalar("val_loss_avg")) - 1.15) <= 1e-12)
    #expect(abs(try #require(val.scalar("val_confidence_avg")) - 0.525) <= 1e-12)
    let train = t.averages(split: "train")
    #expect(train.names == ["train_loss_avg"])
    #expect(abs(try #require(train.scalar("train_loss_avg")) - 1.4) <= 1e-12)
    var allNaN = SampleTable()
    try allNaN.record(exampleIDs: [0], columns: ["loss": [.nan]] as KeyValuePairs)
    #expect(allNaN.averages(prefix: "").scalar("loss_avg")?.isNaN == true)
    #expect(t.averages(split: "test").isEmpty)
  }
}

@Suite struct ExportTests {
  static func history() throws -> History {
    var h = History()
    let specials: [Double] = [
      0.1, .nan, .infinity, -.infinity, -0.0, .leastNonzeroMagnitude, 1.7976931348623157e308, 1 / 3,
    ]
    for (i, v) in specials.enumerated() {
      try h.log(
        Results([
          .init(name: "val/loss", value: .scalar(v), direction: .minimize),
          .init(name: "per \"class\", odd", value: .vector([v, 1, -2.5])),
          .init(
            name: "cm", value: .matrix(rows: 2, columns: 3, values: [v, 0, 1, 2, 3, .nan]),
            direction: .maximize),
        ]), epoch: i)
    }
    try h.log(["train/loss": 0.123456789012345678], step: 10)
    try h.log(Results([.init(name: "empty", value: .vector([]))]), step: 3)
    return h
  }

  @Test func historyRoundTripsBitForBit() throws {
    let h = try Self.history()
    let fromCSV = try History(csv: h.csv())
    let fromJSON = try History(jsonLines: h.jsonLines())
    #expect(fromCSV.isIdentical(to: h))
    #expect(fromJSON.isIdentical(to: h))
    #expect(fromCSV.csv() == h.csv())
    #expect(fromJSON.jsonLines() == h.jsonLines())
    let neg = try #require(fromCSV["val/loss"]?.scalars[4])
    #expect(neg == 0 && neg.sign == .minus)
    #expect(fromJSON["val/loss"]?.scalars[1].isNaN == true)
  }

  @Test func historyExportLooksAsDocumented() throws {
    var h = History()
    try h.log(Results([.init(name: "val/loss", value: .scalar(0.5), direction: .minimize)]), epoch: 1)
    try h.log(Results([.init(name: "v", value: .vector([0.5, .nan]))]), epoch: 1)
    #expect(
      h.csv() == """
        name,axis,time,direction,value
        "val/loss","epoch",1,minimize,0.5
        "v","epoch",1,,"[0.5,nan]"

        """)
    #expect(
      h.jsonLines() == """
        {"name":"val/loss","axis":"epoch","time":1,"direction":"minimize","value":0.5}
        {"name":"v","axis":"epoch","time":1,"direction":null,"value":[0.5,"nan"]}

        """)
  }

  @Test func tableRoundTripsBitForBit() throws {
    var t = try TableTests.sample()
    try t.record(exampleID: 9, ["label": "12", "note": "a, \"quoted\"\nline", "loss": -0.0])
    try t.record(exampleID: 10, ["label": "nan", "loss": .number(Double.leastNormalMagnitude / 3)])
    let fromCSV = try SampleTable(csv: t.csv(), constantColumns: ["epoch", "split"])
    let fromJSON = try SampleTable(jsonLines: t.jsonLines(), constantColumns: ["epoch", "split"])
    #expect(fromCSV.isIdentical(to: t))
    #expect(fromJSON.isIdentical(to: t))
    #expect(fromCSV.constantColumns == t.constantColumns)
    #expect(fromCSV.row(8)["label"] == "12")
    #expect(fromJSON.row(9)["label"] == "nan")
    #expect(fromCSV.averages(split: "val") == t.averages(split: "val"))
  }

  @Test func malformedHistoryIsATypedError() {
    let header = "name,axis,time,direction,value\n"
    let cases: [(String, ObjectiveError)] = [
      (
        header + "\"a\",\"epoch\",1,minimize,abc\n",
        .malformedInput(line: 2, column: 5, reason: "value: not a number: 'abc'")
      ),
      (
        header + "\"a\",\"hour\",1,,1\n",
        .malformedInput(line: 2, column: 2, reason: "axis must be \"step\" or \"epoch\", found \"hour\"")
      ),
      (
        header + "\"a\",\"epoch\",1.5,,1\n",
        .malformedInput(line: 2, column: 3, reason: "time: not an integer: '1.5'")
      ),
      (
        header + "\"a\",\"epoch\",1,,1\n\"a\",\"epoch\",1,,2\n",
        .malformedInput(line: 3, column: 0, reason: "")
      ),
      (
        header + "\"a\",\"epoch\",1,,1,7\n",
        .malformedInput(line: 2, column: 6, reason: "expected 5 fields, found 6")
      ),
      (header + "\"a,\"epoch\",1,,1\n", .malformedInput(line: 2, column: 1, reason: "")),
      (header + "\"a\",\"epoch\",1,,\"2x2[1,2,3]\"\n", .malformedInput(line: 2, column: 5, reason: "")),
      ("name,time\n", .malformedInput(line: 1, column: 0, reason: "missing column \"axis\" in the header")),
    ]
    for (text, expected) in cases {
      #expect(Self.position(of: text, csv: true).map { [$0.0, $0.1] } == Self.position(expected))
      if case .malformedInput(_, _, let reason) = expected, !reason.isEmpty {
        #expect(throws: expected) { try History(csv: text) }
      }
    }
  }

  @Test func malformedJSONLinesIsATypedError() throws {
    let good = #"{"name":"a","axis":"step","time":1,"direction":null,"value":1}"#
    let cases: [(String, (Int, Int))] = [
      (good + "\n" + #"{"name":"a","axis":"step","time":2,"value":}"#, (2, 44)),
      (good + "\n\n" + #"{"name":"a","axis":"step","time":2.5,"value":1}"#, (3, 0)),
      (#"{"name":"a","axis":"step","time":1,"value":"x"}"#, (1, 0)),
      (#"{"name":"a","axis":"step","time":1,"value":1} trailing"#, (1, 47)),
      (#"{"name":"a\q","axis":"step","time":1,"value":1}"#, (1, 11)),
      (#"["#, (1, 2)),
    ]
    for (text, position) in cases {
      #expect(Self.position(of: text, csv: false).map { [$0.0, $0.1] } == [position.0, position.1])
    }
    #expect(throws: ObjectiveError.self) { try SampleTable(jsonLines: #"{"loss":1}"#) }
    #expect(throws: ObjectiveError.self) { try SampleTable(jsonLines: #"{"example_id":1,"v":[1]}"#) }
    #expect(throws: ObjectiveError.self) { try SampleTable(csv: "example_id,\"loss\"\n1,train\n") }
    #expect(throws: ObjectiveError.self) { try SampleTable(csv: "id,\"loss\"\n1,2\n") }
    #expect(throws: ObjectiveError.self) { try SampleTable(csv: "") }
    #expect(throws: ObjectiveError.self) { try JSONText.parse(#""a\u+123""#, lineNumber: 1) }
    #expect(try JSONText.parse(#""a\u00e9\ud83d\ude00""#, lineNumber: 1) == .string("aé😀"))
    #expect(try SampleTable(csv: SampleTable().csv()).isEmpty)
    #expect(try History(csv: History().csv()).isEmpty)
    #expect(try History(jsonLines: "").isEmpty)
  }

  static func position(_ e: ObjectiveError) -> [Int]? {
    if case .malformedInput(let l, let c, _) = e { return [l, c] }
    return nil
  }

  static func position(of text: String, csv: Bool) -> (Int, Int)? {
    do {
      _ = csv ? try History(csv: text) : try History(jsonLines: text)
      return nil
    } catch {
      if case .malformedInput(let l, let c, _) = error { return (l, c) }
      return nil
    }
  }
}
