import Foundation
import Testing

@testable import Objectives

/// `restore` refuses a state of another configuration with a typed error naming both (issue 10,
/// item 2, for every objective outside the algebra).
@Suite struct StateRestoreTests {
  /// Checks that `target` refuses the state of `source`, with a message containing `mentions`,
  /// and that the refused restore changed nothing.
  func expectRefusal<O: Objective>(
    _ source: O, into target: O, mentioning mentions: [String],
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    var target = target
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let before = try encoder.encode(target.state)
    do {
      try target.restore(source.state)
      Issue.record("the state was accepted", sourceLocation: sourceLocation)
    } catch {
      guard case .incompatibleState(let message) = error else {
        Issue.record("expected incompatibleState, got \(error)", sourceLocation: sourceLocation)
        return
      }
      for m in mentions {
        #expect(message.contains(m), "\(message) does not mention \(m)", sourceLocation: sourceLocation)
      }
    }
    #expect(try encoder.encode(target.state) == before, sourceLocation: sourceLocation)
  }

  @Test func binaryRefusesOtherConfigurations() throws {
    var source = try binaryMetrics(Double.self, metrics: [.accuracy, .f1])
    try source.update([0.2, 0.9], [0, 1])
    var target = try binaryMetrics(Double.self, metrics: [.accuracy, .f1], threshold: 0.7)
    try target.update([0.6], [1])
    try expectRefusal(source, into: target, mentioning: ["threshold 0.7", "threshold 0.5"])
    try expectRefusal(
      source, into: try binaryMetrics(Double.self, metrics: [.accuracy, .precision]),
      mentioning: ["[acc, f1]", "[acc, precision]"])
    try expectRefusal(
      source, into: try binaryMetrics(Double.self, metrics: [.accuracy, .f1], mode: .streaming),
      mentioning: ["exact mode", "streaming mode"])
    try expectRefusal(
      source, into: try binaryMetrics(Double.self, inputKind: .logits, metrics: [.accuracy, .f1]),
      mentioning: ["probabilities", "logits"])
    // The same configuration is accepted.
    var same = try binaryMetrics(Double.self, metrics: [.accuracy, .f1])
    try same.restore(source.state)
    #expect(same.compute() == source.compute())
  }

  @Test func multiclassAndMultilabelRefuseOtherShapes() throws {
    var three = try multiclassMetrics(Double.self, numClasses: 3, metrics: [.accuracy])
    try three.update([0.2, 0.5, 0.3], [1])
    try expectRefusal(
      three, into: try multiclassMetrics(Double.self, numClasses: 4, metrics: [.accuracy]),
      mentioning: ["multiclass(3)", "multiclass(4)"])
    try expectRefusal(
      three, into: try multiclassMetrics(Double.self, numClasses: 3, metrics: [.accuracy, .topKAccuracy(2)]),
      mentioning: ["[acc]", "[acc, acc@2]"])
    var labels = try multilabelMetrics(Double.self, numLabels: 2, metrics: [.exactMatch])
    try labels.update([0.2, 0.7], [0, 1])
    try expectRefusal(
      labels, into: try multilabelMetrics(Double.self, numLabels: 3, metrics: [.exactMatch]),
      mentioning: ["multilabel(2)", "multilabel(3)"])
    try expectRefusal(
      labels, into: try multilabelMetrics(Double.self, numLabels: 2, metrics: [.exactMatch], threshold: 0.3),
      mentioning: ["threshold 0.5", "threshold 0.3"])
  }

  @Test func aStateWithoutConfigurationIsCheckedByShape() throws {
    var source = try multiclassMetrics(Double.self, numClasses: 3, metrics: [.accuracy, .auroc])
    try source.update([0.2, 0.5, 0.3], [1])
    var legacy = source.state
    legacy.configuration = nil
    var same = try multiclassMetrics(Double.self, numClasses: 3, metrics: [.accuracy, .auroc])
    try same.restore(legacy)
    #expect(same.compute().description == source.compute().description)
    var other = try multiclassMetrics(Double.self, numClasses: 4, metrics: [.accuracy, .auroc])
    #expect {
      try other.restore(legacy)
    } throws: { error in
      guard case ObjectiveError.incompatibleState(let m) = error else { return false }
      return m.contains("9 confusion counts") && m.contains("16 confusion counts")
    }
  }

  @Test func regressionRefusesOtherConfigurations() throws {
    var one = try Regression<Double>([.mse, .mae])
    try one.update([1, 2], [1.5, 2])
    try expectRefusal(
      one, into: try Regression<Double>([.mse, .mae], numOutputs: 2),
      mentioning: ["1 output,", "2 outputs"])
    try expectRefusal(
      one, into: try Regression<Double>([.mse, .rmse]), mentioning: ["[mse, mae]", "[mse, rmse]"])
    try expectRefusal(
      one, into: try Regression<Double>([.mse, .mae], mode: .streaming),
      mentioning: ["exact mode", "streaming mode"])
    try expectRefusal(
      one, into: try Regression<Double>([.mse, .mae], nanPolicy: .omit),
      mentioning: ["NaN propagate", "NaN omit"])
    var legacy = one.state
    legacy.configuration = nil
    var two = try Regression<Double>([.mse, .mae], numOutputs: 2)
    #expect {
      try two.restore(legacy)
    } throws: { error in
      guard case ObjectiveError.incompatibleState(let m) = error else { return false }
      return m.contains("of 1 output") && m.contains("of 2 outputs")
    }
  }

  @Test func multiTaskRefusesOtherTasksWeightsAndMembers() throws {
    typealias Tasks = MultiTaskMetrics<[String: [Double]], [String: [Double]]>
    var source = Tasks(aggregate: .weighted)
    try source.register("price", try Regression<Double>([.mse]))
    try source.update(["price": [1, 2]], ["price": [1, 3]])
    var weighted = Tasks(aggregate: .weighted)
    try weighted.register("price", try Regression<Double>([.mse]), weight: 2)
    try expectRefusal(source, into: weighted, mentioning: ["weight 1.0", "weight 2.0"])
    var macro = Tasks(aggregate: .macro)
    try macro.register("price", try Regression<Double>([.mse]))
    try expectRefusal(source, into: macro, mentioning: ["aggregate weighted", "aggregate macro"])
    var member = Tasks(aggregate: .weighted)
    try member.register("price", try Regression<Double>([.mse], numOutputs: 2))
    var snapshot = source.state
    snapshot.configuration = nil
    #expect {
      try member.restore(snapshot)
    } throws: { error in
      guard case ObjectiveError.incompatibleState(let m) = error else { return false }
      return m.hasPrefix("task price:") && m.contains("2 outputs") && m.contains("1 output,")
    }
  }
}
