import Foundation
import Testing

@testable import Objectives

@Suite struct SampleCollectorTests {
  let logits: [Double] = [2, 0.5, -1, 0.1, 0.3, 1.7, -0.4, 2.2, 0.9, 1, 1, 1]
  let labels = [0, 2, 1, -100]

  @Test func multiclassQuantitiesMatchADirectComputation() throws {
    let options = ClassificationOptions(inputKind: .logits, ignoreIndex: -100)
    let q = try SampleQuantities.multiclass(logits, labels, numClasses: 3, options: options)
    #expect(q.names == ["target", "predicted", "confidence", "true_class_probability", "correct", "loss"])
    for i in 0..<4 {
      let row = Array(logits[(3 * i)..<(3 * i + 3)])
      let z = row.map { exp($0) }.reduce(0, +)
      let p = row.map { exp($0) / z }
      let best = p.indices.max { p[$0] < p[$1] || (p[$0] == p[$1] && $0 > $1) } ?? 0
      #expect(q["predicted"]?[i] == Double(best))
      #expect(abs((q["confidence"]?[i] ?? 0) - p[best]) < 1e-15)
      if labels[i] >= 0 {
        #expect(abs((q["true_class_probability"]?[i] ?? 0) - p[labels[i]]) < 1e-15)
        #expect(abs((q["loss"]?[i] ?? 0) + log(p[labels[i]])) < 1e-12)
        #expect(q["correct"]?[i] == (best == labels[i] ? 1 : 0))
      } else {
        // The ignored row keeps its prediction; what needs the target is NaN.
        #expect(q["correct"]?[i].isNaN == true)
        #expect(q["loss"]?[i].isNaN == true)
        #expect(q["true_class_probability"]?[i].isNaN == true)
      }
    }
    // The first largest score wins a tie (row 3: three equal logits).
    #expect(q["predicted"]?[3] == 0)
  }

  @Test func binaryQuantitiesFollowTheMetricsThreshold() throws {
    let options = ClassificationOptions(inputKind: .probabilities, threshold: 0.5)
    let q = try SampleQuantities.binary([0.5, 0.9, 0.2], [1, 1, 0], options: options)
    // 0.5 is not above the threshold: predicted 0, as the metrics decide.
    #expect(q["predicted"] == [0, 1, 0])
    #expect(q["confidence"] == [0.5, 0.9, 0.8])
    #expect(q["true_class_probability"] == [0.5, 0.9, 0.8])
    #expect(q["correct"] == [0, 1, 1])
    #expect(throws: ObjectiveError.self) { try SampleQuantities.binary([0.5], [2], options: options) }
  }

  @Test func aRecordingUpdateAccumulatesAsThePlainOne() throws {
    var plain = try MulticlassClassification<Double>(numClasses: 3, inputKind: .logits, ignoreIndex: -100)
    var recording = plain
    try plain.update(logits, labels)
    var samples = SampleTable()
    try recording.update(logits, labels, recording: &samples, exampleIDs: [10, 11, 12, 13])
    #expect(recording.compute().entries.map(\.name) == plain.compute().entries.map(\.name))
    #expect(sameResults(scalars(recording.compute()), scalars(plain.compute()), tolerance: 0))
    #expect(samples.exampleIDs == [10, 11, 12, 13])
    #expect(
      samples.columns == ["target", "predicted", "confidence", "true_class_probability", "correct", "loss"])
    // Default ids continue the row numbers.
    try recording.update(Array(logits[0..<6]), [0, 1], recording: &samples)
    #expect(samples.exampleIDs.suffix(2) == [4, 5])
  }

  @Test func aFailedRecordingUpdateChangesNothing() throws {
    var metrics = try MulticlassClassification<Double>(numClasses: 3, inputKind: .logits, ignoreIndex: -100)
    var samples = SampleTable()
    try metrics.update(Array(logits[0..<6]), [0, 1], recording: &samples)
    let (before, rowsBefore) = (scalars(metrics.compute()), samples.count)
    #expect(throws: ObjectiveError.self) {
      try metrics.update(logits, labels, recording: &samples, exampleIDs: [1, 2])
    }
    samples.constants["loss"] = .number(1)
    #expect(throws: ObjectiveError.self) {
      try metrics.update(logits, labels, recording: &samples, exampleIDs: [1, 2, 3, 4])
    }
    #expect(samples.count == rowsBefore)
    #expect(sameResults(scalars(metrics.compute()), before, tolerance: 0))
  }

  @Test func aLossRecordsEachPerSampleLeafAndTheCombinedValue() throws {
    let ce = Loss(try CrossEntropyLoss(numClasses: 3), name: "CE")
    let scale = Loss<[Double], [Int], Double>("Scale") { _, _ throws(ObjectiveError) in .batch(2) }
    var loss = ce + 0.5 * ce * scale
    var plain = loss
    let targets = [0, 2, 1, 1]
    var samples = SampleTable()
    let value = try loss.forward(logits, targets, recording: &samples)
    let expected = try plain.forward(logits, targets)
    #expect(abs(value - expected) < 1e-15)
    #expect(samples.columns == ["CE", "loss"])
    let perSample = try CrossEntropyLoss(numClasses: 3).values(logits, targets)
    #expect(samples.column("CE")?.map { $0?.number } == perSample.map { Optional($0) })
    #expect(samples.column("loss")?.map { $0?.number } == perSample.map { Optional($0 + 0.5 * $0 * 2) })
    #expect(sameResults(scalars(loss.compute()), scalars(plain.compute()), tolerance: 0))

    var batchOnly = scale
    #expect(throws: ObjectiveError.self) { try batchOnly.forward(logits, targets, recording: &samples) }
  }

  @Test func regressionAndMultilabelCollectors() throws {
    var regression = try RegressionMetrics<Double>(numOutputs: 2)
    var samples = SampleTable()
    try regression.update([1, 2, 3, 4], [1, 0, 5, 4], recording: &samples, exampleIDs: [7, 8])
    #expect(samples.column("squared_error")?.map { $0?.number } == [2, 2])
    #expect(samples.column("absolute_error")?.map { $0?.number } == [1, 1])

    var multilabel = try MultilabelClassification<Double>(numLabels: 2, inputKind: .probabilities)
    var labelSamples = SampleTable()
    try multilabel.update([0.9, 0.2, 0.4, 0.7], [1, 1, 0, 1], recording: &labelSamples)
    #expect(labelSamples.column("correct_labels")?.map { $0?.number } == [1, 2])
    #expect(labelSamples.column("exact_match")?.map { $0?.number } == [0, 1])
  }
}

/// Every entry's scalar value (NaN for vectors and matrices), in report order.
func scalars(_ results: Results) -> [Double] { results.entries.map { $0.value.scalar ?? .nan } }
