import Foundation
import Testing

@testable import Objectives

@Suite struct SampleHistoryTests {
  /// Three examples over four epochs: 1 is learned and kept, 2 is forgotten twice, 3 is never learned.
  static let correctness: [Int: [Double]] = [1: [0, 1, 1, 1], 2: [1, 0, 1, 0], 3: [0, 0, 0, 0]]
  static let confidence: [Int: [Double]] = [
    1: [0.4, 0.7, 0.9, 0.95], 2: [0.6, 0.3, 0.8, 0.2], 3: [0.1, 0.15, 0.05, 0.1],
  ]

  func history(retention: SampleRetention = .all) throws -> SampleHistory {
    var h = try SampleHistory(axis: .epoch, retention: retention)
    for epoch in 1...4 {
      let ids = [1, 2, 3]
      try h.record(
        time: epoch, exampleIDs: ids,
        columns: [
          ("true_class_probability", ids.map { Self.confidence[$0]?[epoch - 1] }),
          ("correct", ids.map { Self.correctness[$0]?[epoch - 1] }),
          ("loss", ids.map { Self.confidence[$0].map { -log($0[epoch - 1]) } }),
        ])
    }
    return h
  }

  @Test func worstAndBestAtATime() throws {
    let h = try history()
    #expect(h.times == [1, 2, 3, 4])
    #expect(try h.worst(2, by: "loss", higherIsBetter: false).map(\.exampleID) == [3, 2])
    #expect(try h.best(1, by: "true_class_probability", at: 1, higherIsBetter: true).map(\.exampleID) == [2])
    #expect(throws: ObjectiveError.self) { try h.worst(1, by: "nope", higherIsBetter: false) }
    #expect(h.trajectory("correct", exampleID: 2).map(\.value) == [1, 0, 1, 0])
  }

  @Test func forgettingEvents() throws {
    let records = try history().forgetting()
    #expect(records.map(\.exampleID) == [1, 2, 3])
    #expect(records.map(\.forgettingEvents) == [0, 2, 0])
    #expect(records.map(\.learningEvents) == [1, 1, 0])
    #expect(records.map(\.firstCorrect) == [2, 1, nil])
    #expect(records.map(\.isUnforgettable) == [true, false, false])
  }

  @Test func cartographyAgreesWithADirectComputation() throws {
    let map = try history().cartography()
    for p in map.points {
      let c = Self.confidence[p.exampleID] ?? []
      let mean = c.reduce(0, +) / Double(c.count)
      let sd = (c.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(c.count)).squareRoot()
      let correct = (Self.correctness[p.exampleID] ?? []).reduce(0, +) / 4
      #expect(abs(p.confidence - mean) < 1e-15)
      #expect(abs(p.variability - sd) < 1e-15)
      #expect(p.correctness == correct)
      #expect(p.epochs == 4)
    }
    // Variabilities: 1 ≈ 0.219, 2 ≈ 0.238, 3 ≈ 0.035; the two-thirds quantile (lower) is 0.219,
    // so only example 2 is ambiguous; 1 is easy, 3 hard.
    #expect(map.points.map(\.region) == [.easyToLearn, .ambiguous, .hardToLearn])
    #expect(map.hardest(1).map(\.exampleID) == [3])
    let chart = CartographyChart(cartography: map, labelled: [3]).svg()
    let root = try #require(XMLTreeBuilder.parse(chart))
    #expect(root.all("circle").filter { $0.attributes["data-id"] != nil }.count == 3)
  }

  @Test func retentionBoundsTheMemory() throws {
    let worst = try history(retention: .worst(count: 1, by: "loss", higherIsBetter: false))
    for t in worst.times { #expect(worst.values("loss", at: t).count == 1) }
    #expect(worst.values("loss", at: 1).keys.first == 3)
    let sampled = try history(retention: .sampledIDs(fraction: 0.5, seed: 7))
    let kept = Set(sampled.exampleIDs)
    #expect(kept.isSubset(of: [1, 2, 3]))
    // The same ids are kept at every time.
    for t in sampled.times { #expect(Set(sampled.values("loss", at: t).keys) == kept) }
    #expect(throws: ObjectiveError.self) { try SampleHistory(retention: .sampledIDs(fraction: 0, seed: 1)) }
  }

  @Test func exportsReadBack() throws {
    let h = try history()
    let table = h.table()
    #expect(table.columns.first == "epoch")
    #expect(try SampleHistory(table: SampleTable(csv: table.csv())) == h)
    #expect(try SampleHistory(table: SampleTable(jsonLines: table.jsonLines())) == h)
  }

  @Test func checkpointAndResumeEqualsAnUninterruptedRun() throws {
    let whole = try history()
    var first = SampleHistory(axis: .epoch)
    var rest = SampleHistory(axis: .epoch)
    for (time, values) in [(1, whole), (2, whole), (3, whole), (4, whole)] {
      var part = SampleHistory(axis: .epoch)
      for name in values.columns {
        let cells = values.values(name, at: time).sorted { $0.key < $1.key }
        try part.record(time: time, exampleIDs: cells.map(\.key), columns: [(name, cells.map(\.value))])
      }
      if time <= 2 { try first.merge(part) } else { try rest.merge(part) }
    }
    var resumed = try JSONDecoder().decode(SampleHistory.self, from: JSONEncoder().encode(first))
    try resumed.merge(rest)
    #expect(resumed.times == whole.times)
    #expect(sampleHistoryCells(resumed) == sampleHistoryCells(whole))
  }

  @Test func tamperedStatesAreRefused() throws {
    let data = try JSONEncoder().encode(try history())
    var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    for (key, value) in [("column", [99] as Any), ("times", [1] as Any)] {
      var bad = object
      var array = try #require(bad[key] as? [Int])
      if key == "column" { array[0] = 99 } else { array.removeLast() }
      bad[key] = array
      let tampered = try JSONSerialization.data(withJSONObject: bad)
      #expect(throws: DecodingError.self) { try JSONDecoder().decode(SampleHistory.self, from: tampered) }
      _ = value
    }
    var ids = try #require(object["exampleIDs"] as? [Int])
    ids[1] = ids[0]
    object["exampleIDs"] = ids
    let duplicated = try JSONSerialization.data(withJSONObject: object)
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(SampleHistory.self, from: duplicated) }
  }

  @Test func mergeRefusesAnotherShape() throws {
    var h = try history()
    let before = h
    #expect(throws: ObjectiveError.self) { try h.merge(SampleHistory(axis: .step)) }
    #expect(h == before)
  }

  @Test func trajectoryChartOfTheWorst() throws {
    let chart = try history().trajectoryChart(worst: 2, by: "loss", higherIsBetter: false)
    #expect(chart.series.map(\.name) == ["example 3", "example 2"])
    #expect(chart.series[0].y.count == 4)
  }
}

/// The claims of the worked example in Docs/Tracking.md ("Per-sample histories and dataset
/// cartography"), checked.
@Suite struct SampleHistoryGuideTests {
  @Test func theGuidesExampleSaysWhatItDoes() throws {
    var metrics = try MulticlassClassification<Double>(
      numClasses: 3, inputKind: .logits, metrics: [.accuracy])
    var history = SampleHistory(axis: .epoch)
    let ids = [101, 102, 103]
    let labels = [0, 1, 2]
    let logitsPerEpoch: [[Double]] = [
      [2, 0, 0, 0, 1, 0, 1, 0, 0], [2, 0, 0, 1, 0, 0, 1, 0, 0], [3, 0, 0, 0, 2, 0, 1, 0, 0.5],
    ]
    for (epoch, logits) in zip(1..., logitsPerEpoch) {
      metrics.reset()
      var samples = SampleTable()
      try metrics.update(logits, labels, recording: &samples, exampleIDs: ids)
      try history.record(samples, at: epoch)
    }
    #expect(
      history.columns == ["target", "predicted", "confidence", "true_class_probability", "correct", "loss"])
    let worst = try history.worst(1, by: "loss", higherIsBetter: false)
    #expect(worst.map(\.exampleID) == [103])
    #expect(abs((worst.first?.value ?? 0) - 1.18) < 0.005)
    #expect(try history.forgetting().map(\.forgettingEvents) == [0, 1, 0])
    #expect(try history.cartography().points.map(\.region) == [.easyToLearn, .ambiguous, .hardToLearn])
  }
}
