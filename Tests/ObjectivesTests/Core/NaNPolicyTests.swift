import Foundation
import Objectives
import Testing

/// One NaN policy, with the same three words, in the library's objectives and in
/// `objectives evaluate --nan-policy`.
@Suite struct NaNPolicyTests {
  @Test func theCasesAreTheCommandsWords() throws {
    #expect(NaNPolicy.allCases.map(\.rawValue) == ["propagate", "omit", "error"])
    // "ignore", the earlier name of `.omit`, still decodes.
    let old = try JSONDecoder().decode([NaNPolicy].self, from: Data(#"["ignore","omit","error"]"#.utf8))
    #expect(old == [.omit, .omit, .error])
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode([NaNPolicy].self, from: Data(#"["skip"]"#.utf8))
    }
  }

  @Test func multilabelOmitsTheDecisionAndErrorLeavesTheStateUntouched() throws {
    let scores: [Float] = [0.9, .nan, 0.2, 0.7, 0.4, 0.6]
    let targets = [1, 1, 0, 1, 0, 0]
    var omitting = try MultilabelClassification<Float>(
      numLabels: 2, metrics: [.accuracy, .confusionMatrix], nanPolicy: .omit)
    try omitting.update(scores, targets)
    // Label 1 of row 0 is left out; every other decision counts.
    #expect(omitting.compute()["confmat"] == .matrix(rows: 2, columns: 4, values: [2, 0, 0, 1, 0, 1, 0, 1]))
    var strict = try MultilabelClassification<Float>(numLabels: 2, nanPolicy: .error)
    try strict.update([0.9, 0.2], [1, 0])
    let before = strict.state
    do {
      try strict.update(scores, targets)
      Issue.record("a NaN under .error did not throw")
    } catch {
      #expect(error == .nonFinite(what: "score", position: 1))
    }
    #expect(strict.state == before)
    var propagating = try MultilabelClassification<Float>(numLabels: 2, metrics: [.accuracy])
    try propagating.update(scores, targets)
    #expect(propagating.compute().scalar("acc")?.isNaN == true)
  }

  @Test func binaryFloatScoresFollowEachPolicy() throws {
    let scores: [Float] = [0.9, .nan, 0.2, 0.8]
    let targets = [1, 0, 0, 1]
    var omitting = try binaryMetrics(Float.self, metrics: [.accuracy, .auroc], nanPolicy: .omit)
    try omitting.update(scores, targets)
    #expect(omitting.compute().scalars == ["acc": 1, "auroc": 1])
    var propagating = try binaryMetrics(Float.self, metrics: [.accuracy, .auroc])
    try propagating.update(scores, targets)
    #expect(propagating.compute().scalars.values.allSatisfy { $0.isNaN })
    var strict = try binaryMetrics(Float.self, nanPolicy: .error)
    #expect(throws: ObjectiveError.nonFinite(what: "score", position: 1)) {
      try strict.update(scores, targets)
    }
    #expect(strict.state.isEmpty)
  }

  // MARK: The command

  let binaryCSV = "target,score\n1,0.9\n0,nan\n1,0.8\n0,0.1\n"

  @Test func theCommandStopsAtTheFirstNaNByDefault() throws {
    let run = try CLI.run(["evaluate", "--task", "binary", "-"], stdin: binaryCSV)
    CLI.expectFailure(run, mentioning: ["line 3, column 2", "score", "NaN", "--nan-policy omit"])
    let explicit = try CLI.run(
      ["evaluate", "--task", "binary", "--nan-policy", "error", "-"], stdin: binaryCSV)
    #expect(explicit.stderr == run.stderr && explicit.status == 2)

    let multiclass = "id,target,score_0,score_1,score_2\na,0,0.8,0.1,0.1\nb,1,0.2,NaN,0.1\n"
    CLI.expectFailure(
      try CLI.run(["evaluate", "--task", "multiclass", "--input", "logits", "-"], stdin: multiclass),
      mentioning: ["line 3, column 4", "score_1"])
  }

  @Test func theCommandOmitsOrPropagates() throws {
    let omit = try CLI.run(
      [
        "evaluate", "--task", "binary", "--nan-policy", "omit", "--metrics", "acc,auroc", "--format", "csv",
        "-",
      ],
      stdin: binaryCSV)
    #expect(omit.status == 0, "\(omit.stderr)")
    #expect(omit.stdout == "metric,value\nacc,1\nauroc,1\n", "\(omit.stdout)")
    let propagate = try CLI.run(
      [
        "evaluate", "--task", "binary", "--nan-policy", "propagate", "--metrics", "acc", "--format", "csv",
        "-",
      ],
      stdin: binaryCSV)
    #expect(propagate.status == 0, "\(propagate.stderr)")
    #expect(propagate.stdout.lowercased().contains("acc,nan"), "\(propagate.stdout)")
  }

  @Test func regressionPolicyCoversNaNAndInfinityInEitherColumn() throws {
    let csv = "target,prediction\n1,1.5\ninf,3\n3,2.5\n2,nan\n"
    CLI.expectFailure(
      try CLI.run(["evaluate", "--task", "regression", "-"], stdin: csv),
      mentioning: ["line 3, column 1", "target", "not finite"])
    let omit = try CLI.run(
      [
        "evaluate", "--task", "regression", "--nan-policy", "omit", "--metrics", "mae", "--format", "csv",
        "-",
      ],
      stdin: csv)
    #expect(omit.stdout == "metric,value\nmae,0.5\n", "\(omit.stdout) \(omit.stderr)")
  }

  @Test func aNaNLabelIsMalformedUnderEveryPolicy() throws {
    for policy in NaNPolicy.allCases {
      CLI.expectFailure(
        try CLI.run(
          ["evaluate", "--task", "binary", "--nan-policy", policy.rawValue, "-"],
          stdin: "target,score\nnan,0.5\n"),
        mentioning: ["line 2, column 1", "not an integer"])
    }
  }
}
