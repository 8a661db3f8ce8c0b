import Foundation
import Objectives
import Testing

/// The per-class choice is `.perClass`: never confused with `Optional.none` (which means "the
/// objective's averaging"), and still `_none` in result keys, saved values and the command.
@Suite struct PerClassAveragingTests {
  let scores: [Double] = [0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.3, 0.3, 0.4, 0.6, 0.3, 0.1]
  let targets = [0, 1, 2, 1]

  @Test func aPerClassMetricReportsOneValuePerClass() throws {
    var m = try multiclassMetrics(
      numClasses: 3,
      metrics: [
        ClassificationMetric(.f1, average: .perClass), .f1.averaged(.perClass).named("per_class"), .f1,
      ])
    try m.update(scores, targets)
    let r = m.compute()
    #expect(r.names == ["f1_none", "per_class", "f1"])
    #expect(r["f1_none"] == .vector([2.0 / 3, 2.0 / 3, 1]))
    #expect(r["per_class"] == r["f1_none"])
    #expect(r["f1"]?.scalar != nil)
  }

  @Test func aMetricWithoutItsOwnAveragingUsesTheObjectives() throws {
    let inherited = ClassificationMetric(.f1)
    #expect(inherited.average == nil)
    #expect(ClassificationMetric(.f1, average: .perClass).average == .perClass)
    var m = try multiclassMetrics(numClasses: 3, metrics: [inherited], average: .perClass)
    try m.update(scores, targets)
    #expect(m.compute()["f1"]?.values.count == 3)
  }

  @Test func rawValueKeySuffixAndCodableStayNone() throws {
    #expect(Averaging.perClass.rawValue == "none")
    #expect(Averaging(rawValue: "none") == .perClass)
    #expect(Averaging.allCases == [.micro, .macro, .weighted, .perClass])
    let decoded = try JSONDecoder().decode([Averaging].self, from: Data(#"["none","micro"]"#.utf8))
    #expect(decoded == [.perClass, .micro])
    #expect(ClassificationMetric.recall.averaged(.perClass).name == "recall_none")
  }

  @Test func theCommandStillTakesNoneSuffixes() throws {
    let csv = "target,score_0,score_1,score_2\n0,0.7,0.2,0.1\n1,0.1,0.8,0.1\n2,0.3,0.3,0.4\n1,0.6,0.3,0.1\n"
    let run = try CLI.run(
      ["evaluate", "--task", "multiclass", "--metrics", "f1_none", "--format", "json", "-"], stdin: csv)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains(#""f1_none""#), "\(run.stdout)")
    #expect(run.stdout.contains("0.666666"), "\(run.stdout)")
  }
}
