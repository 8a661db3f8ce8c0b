import Testing

@testable import Objectives

/// Every text export writes numbers under the one non-finite policy of `FiniteOrSpecial`, and
/// reads them back bit for bit.
@Suite struct SerializationPolicyTests {
  static let oddNaN = Double(bitPattern: 0xFFF8_0000_0000_0001)
  static let specials: [Double] = [.nan, .infinity, -.infinity, -0.0, 0.1, oddNaN]

  static func sameBits(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
  }

  @Test func policyTextIsSharedByJSONAndCSV() {
    #expect(
      Self.specials.map(FiniteOrSpecial.text) == [
        "nan", "inf", "-inf", "-0", "0.1", "nan(0xfff8000000000001)",
      ])
    #expect(Self.specials.map(CSVText.number) == Self.specials.map(FiniteOrSpecial.text))
    #expect(JSONText.number(.nan) == .string("nan"))
    #expect(JSONText.number(-0.0).text == "-0")
  }

  @Test func resultsJSONAndCSVFollowThePolicy() throws {
    let results = Results([
      .init(name: "s", value: .scalar(-0.0)), .init(name: "v", value: .vector(Self.specials)),
    ])
    let json = results.json()
    #expect(json.contains(#""v": ["nan", "inf", "-inf", -0, 0.1, "nan(0xfff8000000000001)"]"#))
    let parsed = try JSONText.parse(Substring(json), lineNumber: 1)
    guard case .array(let items)? = parsed["v"] else {
      Issue.record("no vector")
      return
    }
    #expect(Self.sameBits(items.compactMap(\.numberValue), Self.specials))
    #expect(parsed["s"]?.numberValue?.sign == .minus)

    let records = try CSVText.parse(results.csv())
    let values = records.dropFirst().map { CSVText.parseDouble($0[1].text) ?? 1 }
    #expect(Self.sameBits(values, [-0.0] + Self.specials))
    #expect(records[2][1].text == "nan" && !records[2][1].quoted)
  }

  @Test func historyExportsFollowThePolicyAndRoundTrip() throws {
    var h = History()
    for (i, v) in Self.specials.enumerated() {
      try h.log(Results([.init(name: "x", value: .scalar(v))]), epoch: i)
    }
    try h.log(Results([.init(name: "v", value: .vector(Self.specials))]), epoch: 0)
    try h.log(
      Results([.init(name: "m", value: .matrix(rows: 2, columns: 3, values: Self.specials))]), epoch: 0)
    let lines = h.jsonLines()
    #expect(lines.contains(#""value":"nan"}"#) && lines.contains(#""value":"-inf"}"#))
    #expect(lines.contains(#""value":-0}"#) && !lines.contains("NaN") && !lines.contains("Infinity"))
    #expect(h.csv().contains(#""x","epoch",2,,-inf"#))
    #expect(try History(jsonLines: lines).isIdentical(to: h))
    #expect(try History(csv: h.csv()).isIdentical(to: h))
    let back = try History(jsonLines: lines)
    #expect(Self.sameBits(back["x"]?.scalars ?? [], Self.specials))
  }

  @Test func sampleTableExportsFollowThePolicyAndRoundTrip() throws {
    var t = SampleTable()
    for (i, v) in Self.specials.enumerated() {
      try t.record(exampleID: i, ["loss": .number(v), "label": i == 0 ? "nan" : "inf?"])
    }
    let lines = t.jsonLines()
    #expect(lines.contains(#""loss":"nan""#) && lines.contains(#""label":{"text":"nan"}"#))
    #expect(!lines.contains("NaN") && !lines.contains("Infinity"))
    let fromJSON = try SampleTable(jsonLines: lines)
    let fromCSV = try SampleTable(csv: t.csv())
    #expect(fromJSON.isIdentical(to: t))
    #expect(fromCSV.isIdentical(to: t))
    #expect(fromJSON.row(0)["label"] == "nan")
    #expect(t.csv().contains(",nan(0xfff8000000000001)") && t.csv().contains(#","nan""#))
  }

  @Test func bareNaNJSONLinesOfEarlierExportsStillRead() throws {
    let history = try History(
      jsonLines: """
        {"name":"v","axis":"epoch","time":1,"higher_is_better":null,"value":[0.5,NaN,Infinity,-Infinity]}
        {"name":"s","axis":"epoch","time":1,"higher_is_better":false,"value":NaN}
        """)
    let v = try #require(history["v"]?.points.first?.value.values)
    #expect(v[0] == 0.5 && v[1].isNaN && v[2] == .infinity && v[3] == -.infinity)
    #expect(history["s"]?.scalars.first?.isNaN == true)
    let table = try SampleTable(jsonLines: #"{"example_id":3,"loss":NaN,"p":-Infinity,"label":"nan"}"#)
    #expect(table.row(0)["loss"].map { if case .number(let x) = $0 { x.isNaN } else { false } } == true)
    #expect(table.row(0)["p"] == .number(-.infinity))
  }
}
