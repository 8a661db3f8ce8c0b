import Foundation
import Testing

@testable import Objectives

/// Tampered or corrupted states are refused with a typed error naming the broken part, instead of
/// crashing (overflow, index out of range) or computing garbage (issue 15, items 4 and 5). Each
/// test takes the JSON of a real state, changes one field, decodes it and restores or merges it.
@Suite struct StateTamperingTests {
  /// `state` encoded, changed by `edit` as a JSON object, and decoded again.
  func tampered<S: Codable>(_ state: S, _ edit: (inout [String: Any]) throws -> Void) throws -> S {
    let data = try JSONEncoder().encode(state)
    var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    try edit(&object)
    return try JSONDecoder().decode(S.self, from: JSONSerialization.data(withJSONObject: object))
  }

  /// Expects `body` to throw `malformedInput` whose reason mentions every fragment.
  func expectCorrupted(
    _ fragments: [String], sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws(ObjectiveError) -> Void
  ) {
    do throws(ObjectiveError) {
      try body()
      Issue.record("the corrupted state was accepted", sourceLocation: sourceLocation)
    } catch {
      guard case .malformedInput(_, _, let reason) = error else {
        Issue.record("expected malformedInput, got \(error)", sourceLocation: sourceLocation)
        return
      }
      for f in fragments {
        #expect(reason.contains(f), "\(reason) lacks \(f)", sourceLocation: sourceLocation)
      }
    }
  }

  func binary(_ metrics: [ClassificationMetric] = [.accuracy], rank: RankEstimation = .exact) throws
    -> BinaryClassification<Double>
  {
    var metric = try binaryMetrics(Double.self, metrics: metrics, rankEstimation: rank)
    try metric.update([0.2, 0.9, 0.6, 0.4], [0, 1, 0, 1])
    return metric
  }

  @Test func confusionCountAtIntMaxIsRefused() throws {
    let source = try binary()
    let state = try tampered(source.state) { $0["confusion"] = [Int.max, 1, 1, 1] }
    var target = try binaryMetrics(Double.self, metrics: [.accuracy])
    expectCorrupted(["confusion[0]", "\(Int.max)"]) { () throws(ObjectiveError) in try target.restore(state) }
    #expect(target.state == (try binaryMetrics(Double.self, metrics: [.accuracy])).state)
  }

  @Test func mergeThatWouldOverflowIsRefusedAndChangesNothing() throws {
    let source = try binary()
    let limit = ClassificationState<Double>.countLimit
    let big = try tampered(source.state) { $0["confusion"] = [limit, 1, 1, 1] }
    var restored = try binaryMetrics(Double.self, metrics: [.accuracy])
    try restored.restore(big)  // at the limit: valid
    var merged = restored.state
    let before = merged
    do {
      try merged.merge(source.state)
      Issue.record("a merge past the count limit was accepted")
    } catch {
      guard case .incompatibleState(let reason) = error else {
        Issue.record("expected incompatibleState, got \(error)")
        return
      }
      #expect(reason.contains("overflow confusion[0]"), "\(reason)")
    }
    #expect(merged == before)
    // Counts near Int.max in the other state (each would overflow the sum) are refused as corrupt.
    let nearMax = try tampered(source.state) { $0["confusion"] = [Int.max / 2 + 1, 1, 1, 1] }
    var twice = nearMax
    expectCorrupted(["confusion[0]"]) { () throws(ObjectiveError) in try twice.merge(nearMax) }
  }

  @Test func negativeCountsAreRefused() throws {
    let source = try binary()
    var target = try binaryMetrics(Double.self, metrics: [.accuracy])
    let negative = try tampered(source.state) { $0["confusion"] = [-3, 1, 1, 10] }
    expectCorrupted(["confusion[0]", "-3"]) { () throws(ObjectiveError) in try target.restore(negative) }
    let samples = try tampered(source.state) { $0["samples"] = -1 }
    expectCorrupted(["samples", "-1"]) { () throws(ObjectiveError) in try target.restore(samples) }
    var withLogLoss = try binaryMetrics(Double.self, metrics: [.logLoss])
    try withLogLoss.update([0.2, 0.9], [0, 1])
    let logLossCount = try tampered(withLogLoss.state) { $0["logLossCount"] = -2 }
    var logTarget = try binaryMetrics(Double.self, metrics: [.logLoss])
    expectCorrupted(["logLossCount", "-2"]) { () throws(ObjectiveError) in try logTarget.restore(logLossCount)
    }
  }

  @Test func histogramShorterThanItsThresholdsIsRefused() throws {
    let source = try binary([.auroc], rank: .binned(thresholds: 5))
    let state = try tampered(source.state) { object in
      var histograms = try #require(object["histograms"] as? [[String: Any]])
      histograms[0]["positives"] = [0, 1]
      object["histograms"] = histograms
    }
    var target = try binaryMetrics(Double.self, metrics: [.auroc], rankEstimation: .binned(thresholds: 5))
    expectCorrupted(["histograms[0]", "5 thresholds", "2 positive"]) { () throws(ObjectiveError) in
      try target.restore(state)
    }
  }

  @Test func nanInStoredScoresIsRefused() throws {
    let source = try binary([.auroc])
    let nanBits = withUnsafeBytes(of: Double.nan.bitPattern.littleEndian) { Data($0) }.base64EncodedString()
    let state = try tampered(source.state) { object in
      var scores = try #require(object["scores"] as? [[String: Any]])
      scores[0]["positives"] = nanBits
      object["scores"] = scores
    }
    var target = try binaryMetrics(Double.self, metrics: [.auroc])
    expectCorrupted(["scores[0].positives[0]", "NaN"]) { () throws(ObjectiveError) in
      try target.restore(state)
    }
  }

  typealias L = Loss<Double, Double, Double>
  func squared() -> L { L("MSE") { o, t in .batch((o - t) * (o - t)) } }

  @Test func lossWithHugeBatchCountIsRefusedBeforeForward() throws {
    var source = squared()
    try source.forward(1, 0)
    let state = try tampered(source.state) { $0["batches"] = Int.max }
    var target = squared()
    expectCorrupted(["batches", "\(Int.max)"]) { () throws(ObjectiveError) in try target.restore(state) }
    try target.forward(2, 0)  // the refused restore left a usable loss
    #expect(target.compute().scalar("MSE") == 4)
    // Two valid losses whose batch counts would pass the limit together are not merged.
    var full = squared()
    try full.restore(try tampered(source.state) { $0["batches"] = LossState.countLimit })
    let before = full.state
    #expect(throws: ObjectiveError.self) { try full.merge(source) }
    #expect(full.state == before)
  }

  @Test func resultsMatrixOfTheWrongSizeIsRefused() throws {
    let results = Results([.init(name: "confmat", value: .matrix(rows: 2, columns: 2, values: [1, 2, 3, 4]))])
    let data = try JSONEncoder().encode(results)
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains("\"rows\":2"))
    for wrong in ["\"rows\":3", "\"rows\":-2", "\"rows\":4611686018427387904"] {
      let bad = Data(text.replacingOccurrences(of: "\"rows\":2", with: wrong).utf8)
      do {
        _ = try JSONDecoder().decode(Results.self, from: bad)
        Issue.record("a matrix with \(wrong) was accepted")
      } catch DecodingError.dataCorrupted(let context) {
        #expect(context.debugDescription.contains("rows × columns"), "\(context.debugDescription)")
      }
    }
  }

  @Test func corruptedMomentsAndSumsAreRefused() throws {
    let decoder = JSONDecoder()
    for json in [#"{"count":-1,"mean":0,"m2":0}"#, #"{"count":3,"mean":0,"m2":-1}"#] {
      #expect(throws: DecodingError.self) { try decoder.decode(Moments.self, from: Data(json.utf8)) }
    }
    #expect(throws: DecodingError.self) {
      try decoder.decode(
        CompensatedSum.self, from: Data(#"{"sum":1,"compensation":0,"exponent":9223372036854775807}"#.utf8))
    }
  }

  @Test func absurdClassCountsAreRefusedWithTheMemoryNeeded() throws {
    do {
      _ = try multiclassMetrics(Double.self, numClasses: 100_000, metrics: [.accuracy])
      Issue.record("100000 classes were accepted")
    } catch {
      guard case .invalidArgument(let reason) = error else { throw error }
      #expect(reason.contains("80 GB") && reason.contains("16384"), "\(reason)")
    }
    #expect(throws: ObjectiveError.self) {
      try multiclassMetrics(Double.self, numClasses: Int.max, metrics: [.accuracy])
    }
    #expect(throws: ObjectiveError.self) {
      try MultilabelClassification<Double>(numLabels: Int.max, metrics: [.accuracy])
    }
  }
}
