import Foundation
import Objectives
import Testing

/// `objectives evaluate`, run as a process on the CSV fixtures (reference values from
/// scikit-learn, see scripts/make_cli_fixtures.py).
@Suite("CLI evaluate")
struct CLIEvaluateTests {
  /// The reference values of one case in expected.json.
  func expected(_ name: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: try CLI.fixture("expected.json")))
    let all = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    return try #require(all[name] as? [String: Any], "no case \(name) in expected.json")
  }

  /// Runs `evaluate … --format json` and returns the parsed object.
  func json(_ arguments: [String], stdin: String? = nil) throws -> [String: Any] {
    let run = try CLI.run(["evaluate", "--format", "json"] + arguments, stdin: stdin)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.isEmpty, "\(run.stderr)")
    return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
  }

  /// Expects `keys` of `output` (CLI name → reference name) to match the reference values.
  func expectMatch(
    _ output: [String: Any], _ reference: [String: Any], _ keys: [String: String],
    relative: Double = 1e-12, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    for (key, referenceKey) in keys.sorted(by: { $0.key < $1.key }) {
      guard let value = output[key] as? Double, let wanted = reference[referenceKey] as? Double else {
        Issue.record("missing \(key) or \(referenceKey): \(output)", sourceLocation: sourceLocation)
        continue
      }
      #expect(
        isClose(value, wanted, relative: relative), "\(key): \(value) vs \(wanted)",
        sourceLocation: sourceLocation)
    }
  }

  @Test("binary scores: the default metrics, in order, match scikit-learn")
  func binary() throws {
    let run = try CLI.run(["evaluate", "--task", "binary", "--format", "json", try CLI.fixture("binary.csv")])
    #expect(run.status == 0, "\(run.stderr)")
    let keys = run.stdout.split(separator: "\n").compactMap { line in
      line.split(separator: "\"").dropFirst().first.map(String.init)
    }
    #expect(keys == ["auroc", "auprc", "acc", "f1", "mcc"])
    let output = try json(["--task", "binary", try CLI.fixture("binary.csv")])
    expectMatch(
      output, try expected("binary"),
      ["auroc": "auroc", "auprc": "average_precision", "acc": "accuracy", "f1": "f1", "mcc": "mcc"])
  }

  @Test("binary: --metrics, --threshold, logits and hard predictions")
  func binaryOptions() throws {
    let file = try CLI.fixture("binary.csv")
    let chosen = try json(["--task", "binary", "--metrics", "precision,recall,accuracy", file])
    #expect(Set(chosen.keys) == ["precision", "recall", "acc"])
    expectMatch(
      chosen, try expected("binary"), ["precision": "precision", "recall": "recall", "acc": "accuracy"])

    let threshold = try json(["--task", "binary", "--threshold", "0.3", "--metrics", "acc,f1", file])
    expectMatch(threshold, try expected("binary_threshold_0.3"), ["acc": "accuracy", "f1": "f1"])

    let logits = try json(["--task", "binary", "--input", "logits", try CLI.fixture("binary_logits.csv")])
    expectMatch(logits, try expected("binary_logits"), ["acc": "accuracy", "auroc": "auroc"])

    // A `prediction` column means hard labels without being told.
    let labels = try json(["--task", "binary", "--metrics", "acc,f1", try CLI.fixture("binary_labels.csv")])
    expectMatch(labels, try expected("binary_labels"), ["acc": "accuracy", "f1": "f1"])
  }

  @Test("chunking: exact mode is split invariant; streaming averages each chunk's values")
  func chunks() throws {
    let file = try CLI.fixture("binary.csv")
    let whole = try json(["--task", "binary", file])
    for size in ["1", "7", "60"] {
      let chunked = try json(["--task", "binary", "--chunk-rows", size, file])
      for (key, value) in whole {
        #expect(
          isClose(chunked[key] as? Double ?? .nan, value as? Double ?? .nan, relative: 1e-12),
          "\(key) @\(size)")
      }
    }
    let streaming = try json(["--task", "binary", "--streaming", "--chunk-rows", "60", file])
    expectMatch(
      streaming, try expected("binary_streaming_60"),
      ["auroc": "auroc", "auprc": "average_precision", "acc": "accuracy"])
    #expect(
      !isClose(streaming["auroc"] as? Double ?? .nan, whole["auroc"] as? Double ?? .nan, relative: 1e-6))
  }

  @Test("multiclass probabilities, logits and predicted classes")
  func multiclass() throws {
    let reference = try expected("multiclass")
    let keys = ["acc": "recall_macro", "f1": "f1_macro", "mcc": "mcc", "auroc": "auroc_macro_ovr"]
    let probabilities = try json(["--task", "multiclass", try CLI.fixture("multiclass.csv")])
    expectMatch(probabilities, reference, keys)
    let logits = try json([
      "--task", "multiclass", "--input", "logits", try CLI.fixture("multiclass_logits.csv"),
    ])
    expectMatch(logits, reference, keys, relative: 1e-9)

    let more = try json([
      "--task", "multiclass", "--classes", "4", "--metrics", "f1_micro,precision,confmat",
      try CLI.fixture("multiclass.csv"),
    ])
    expectMatch(more, reference, ["f1_micro": "f1_micro", "precision": "precision_macro"])
    let matrix = try #require(more["confmat"] as? [[Double]])
    #expect(matrix == (reference["confusion_matrix"] as? [[Double]]))

    let predicted = try json([
      "--task", "multiclass", "--classes", "4", "--metrics", "acc,f1",
      try CLI.fixture("multiclass_labels.csv"),
    ])
    expectMatch(predicted, reference, ["acc": "recall_macro", "f1": "f1_macro"])
  }

  @Test("sets and weighted agreement: jaccard, dice, mean_iou, kappa_linear, kappa_quadratic")
  func setsAndAgreement() throws {
    let reference = try expected("multiclass")
    let out = try json([
      "--task", "multiclass", "--metrics",
      "jaccard,iou_micro,mean_iou,dice_weighted,kappa_linear,kappa_quadratic",
      try CLI.fixture("multiclass.csv"),
    ])
    expectMatch(
      out, reference,
      [
        "jaccard": "jaccard_macro", "jaccard_micro": "jaccard_micro", "mean_iou": "jaccard_macro",
        "dice_weighted": "dice_weighted", "kappa_linear": "kappa_linear",
        "kappa_quadratic": "kappa_quadratic",
      ])
    let multilabel = try json([
      "--task", "multilabel", "--metrics", "jaccard,dice_micro", try CLI.fixture("multilabel.csv"),
    ])
    expectMatch(
      multilabel, try expected("multilabel"), ["jaccard": "jaccard_macro", "dice_micro": "dice_micro"])
    let refused = try CLI.run([
      "evaluate", "--task", "multiclass", "--metrics", "mean_iou_micro", try CLI.fixture("multiclass.csv"),
    ])
    #expect(refused.status != 0)
  }

  @Test("calibration: ece, mce, ece@N against TorchMetrics' definition; --curves writes reliability.svg")
  func calibration() throws {
    let reference = try expected("multiclass")
    let out = try json([
      "--task", "multiclass", "--metrics", "ece,mce,ece@10", try CLI.fixture("multiclass.csv"),
    ])
    expectMatch(out, reference, ["ece": "ece", "mce": "mce", "ece@10": "ece@10"], relative: 1e-9)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cat2a-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let run = try CLI.run([
      "evaluate", "--task", "multiclass", "--metrics", "ece@10", "--curves", directory,
      try CLI.fixture("multiclass.csv"),
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let svg = try String(contentsOfFile: directory + "/reliability.svg", encoding: .utf8)
    #expect(svg.contains("ECE = 0.050"))
    let refused = try CLI.run([
      "evaluate", "--task", "multilabel", "--metrics", "ece", try CLI.fixture("multilabel.csv"),
    ])
    #expect(refused.status != 0)
  }

  @Test("operating points print their thresholds; partial AUROC matches scikit-learn")
  func operatingPoints() throws {
    let reference = try expected("binary")
    let out = try json([
      "--task", "binary", "--metrics", "auroc_max_fpr=1,youden,recall_at_precision=0.9",
      try CLI.fixture("binary.csv"),
    ])
    expectMatch(out, reference, ["auroc_max_fpr=1": "auroc"])
    #expect(out["youden_threshold"] is Double)
    #expect(out["recall_at_precision=0.9_threshold"] != nil)
    let bad = try CLI.run([
      "evaluate", "--task", "binary", "--metrics", "recall_at_precision=1.5", try CLI.fixture("binary.csv"),
    ])
    #expect(bad.status != 0)
  }

  @Test("multilabel scores")
  func multilabel() throws {
    let output = try json([
      "--task", "multilabel", "--metrics", "f1,f1_micro,hamming_loss,exact_match,acc,auroc,auprc",
      try CLI.fixture("multilabel.csv"),
    ])
    expectMatch(
      output, try expected("multilabel"),
      [
        "f1": "f1_macro", "f1_micro": "f1_micro", "hamming_loss": "hamming_loss",
        "exact_match": "exact_match",
        "acc": "accuracy_micro", "auroc": "auroc_macro", "auprc": "average_precision_macro",
      ])
    let run = try CLI.run([
      "evaluate", "--task", "multilabel", "--labels", "4", try CLI.fixture("multilabel.csv"),
    ])
    CLI.expectFailure(run, mentioning: ["--labels 4 but the header has 3 target_ columns"])
  }

  @Test("regression with one and two outputs")
  func regression() throws {
    let one = try json(["--task", "regression", try CLI.fixture("regression.csv")])
    #expect(Set(one.keys) == ["pearson", "spearman", "r2", "mse", "rmse"])
    expectMatch(
      one, try expected("regression"),
      ["pearson": "pearson", "spearman": "spearman", "r2": "r2", "mse": "mse", "rmse": "rmse"],
      relative: 1e-10)
    let mae = try json(
      ["--task", "regression", "--metrics", "mae", "-"], stdin: try CLI.fixtureText("regression.csv"))
    expectMatch(mae, try expected("regression"), ["mae": "mae"], relative: 1e-12)

    let two = try json([
      "--task", "regression", "--outputs", "2", "--metrics", "mse,mae,r2,pearson,mse_raw",
      try CLI.fixture("regression_2.csv"),
    ])
    expectMatch(
      two, try expected("regression_2"), ["mse": "mse", "mae": "mae", "r2": "r2", "pearson": "pearson"],
      relative: 1e-10)
    let perOutput = try #require(two["mse_raw"] as? [Double])
    #expect(perOutput.count == 2)
    #expect(isClose((perOutput[0] + perOutput[1]) / 2, two["mse"] as? Double ?? .nan, relative: 1e-12))

    CLI.expectFailure(
      try CLI.run(["evaluate", "--task", "regression", "--outputs", "3", try CLI.fixture("regression_2.csv")]
      ),
      mentioning: ["--outputs 3 but the header has 2 target columns"])
    CLI.expectFailure(
      try CLI.run([
        "evaluate", "--task", "regression", "--metrics", "auroc", try CLI.fixture("regression.csv"),
      ]),
      mentioning: ["Unknown metric 'auroc' for --task regression"])
  }

  @Test("standard input, quoted fields, CRLF and blank lines")
  func standardInput() throws {
    let text = try CLI.fixtureText("binary.csv")
    let fromFile = try CLI.run(["evaluate", "--task", "binary", try CLI.fixture("binary.csv")])
    let fromStdin = try CLI.run(["evaluate", "--task", "binary", "-"], stdin: text)
    #expect(fromStdin.status == 0)
    #expect(fromStdin.stdout == fromFile.stdout)

    let quoted = try json(["--task", "binary", "--metrics", "acc,auroc", try CLI.fixture("quoted_crlf.csv")])
    #expect(quoted["acc"] as? Double == 1)
    #expect(quoted["auroc"] as? Double == 1)
  }

  @Test("table and CSV formats carry the same values")
  func formats() throws {
    let file = try CLI.fixture("multiclass.csv")
    let values = try json(["--task", "multiclass", "--metrics", "acc,confmat", file])
    let table = try CLI.run(["evaluate", "--task", "multiclass", "--metrics", "acc,confmat", file])
    #expect(table.status == 0)
    let lines = table.stdout.split(separator: "\n").map(String.init)
    #expect(lines[0].hasPrefix("acc ") && lines[0].hasSuffix("max"))
    let shown = try #require(Double(lines[0].split(separator: " ", omittingEmptySubsequences: true)[1]))
    #expect(abs(shown - (values["acc"] as? Double ?? .nan)) <= 0.00005)
    #expect(lines[1].hasPrefix("confmat  [38"))
    #expect(lines.count == 5)

    let csv = try CLI.run([
      "evaluate", "--task", "multiclass", "--metrics", "acc,confmat", "--format", "csv", file,
    ])
    let rows = csv.stdout.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
    #expect(rows[0] == ["metric", "value"])
    #expect(rows[1][0] == "acc" && Double(rows[1][1]) == values["acc"] as? Double)
    #expect(rows.count == 2 + 16)
    #expect(rows[2] == ["confmat[0][0]", "38"])
  }

  @Test("--curves writes ROC and precision-recall charts, and the confusion matrix for multiclass")
  func curves() throws {
    let directory = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let binary = try CLI.run([
      "evaluate", "--task", "binary", "--curves", directory.appendingPathComponent("b").path,
      try CLI.fixture("binary.csv"),
    ])
    #expect(binary.status == 0, "\(binary.stderr)")
    let reference = try expected("binary")
    for (name, label, key) in [
      ("roc.svg", "AUC", "auroc"), ("precision_recall.svg", "AP", "average_precision"),
    ] {
      let svg = try String(contentsOf: directory.appendingPathComponent("b/\(name)"), encoding: .utf8)
      #expect(svg.contains("<svg"))
      let area = String(format: "%.3f", reference[key] as? Double ?? .nan)
      #expect(svg.contains("\(label) = \(area)"), "\(name) shows the area from the metrics")
    }
    #expect(binary.stderr.contains("Wrote "))

    let multiclass = try CLI.run([
      "evaluate", "--task", "multiclass", "--metrics", "acc", "--curves",
      directory.appendingPathComponent("m").path,
      try CLI.fixture("multiclass.csv"),
    ])
    #expect(multiclass.status == 0, "\(multiclass.stderr)")
    #expect(
      !multiclass.stdout.contains("confmat"), "the matrix drawn for --curves is not printed unless asked")
    let heat = try String(
      contentsOf: directory.appendingPathComponent("m/confusion_matrix.svg"), encoding: .utf8)
    #expect(heat.contains("data-value=\"38.0\"") || heat.contains("data-value=\"38\""))

    let streaming = try CLI.run([
      "evaluate", "--task", "binary", "--streaming", "--curves", directory.path,
      try CLI.fixture("binary.csv"),
    ])
    CLI.expectFailure(streaming, mentioning: ["'--curves' needs the exact mode"])
  }

  @Test(
    "bad rows name the line and column; nothing is printed to standard output",
    arguments: [
      (["binary"], "bad_number.csv", "line 4, column 2: score: '0.8x' is not a number"),
      (["binary"], "too_few_fields.csv", "line 4, column 2: expected 2 fields (as in the header), found 1"),
      (["binary"], "too_many_fields.csv", "line 3, column 3: expected 2 fields (as in the header), found 3"),
      (["multiclass"], "label_out_of_range.csv", "line 3, column 1: target: '3' is not a label in 0..<3"),
      (
        ["binary"], "probability_out_of_range.csv",
        "line 3, column 2: score: '1.5' is not a probability in [0, 1]"
      ),
      (["binary"], "header_only.csv", "the input has a header but no rows"),
      (["binary"], "empty.csv", "the input is empty; expected a header row"),
      (["binary"], "missing_column.csv", "missing column 'score'"),
      (["multiclass"], "binary.csv", "expected columns score_0, score_1"),
      (["regression"], "binary.csv", "missing column 'prediction'"),
      (["multilabel"], "binary.csv", "missing column 'target_0'"),
      (
        ["multiclass", "--classes", "3"], "multiclass.csv", "--classes 3 but the header has 4 score_ columns"
      ),
      (["multiclass", "--input", "labels"], "multiclass_labels.csv", "'--classes <n>' is required"),
      (["binary", "--metrics", "acc,wow"], "binary.csv", "Unknown metric 'wow'"),
    ])
  func malformed(_ options: [String], _ fixture: String, _ message: String) throws {
    let run = try CLI.run(["evaluate", "--task"] + options + [try CLI.fixture(fixture)])
    CLI.expectFailure(run, mentioning: [message])
  }

  @Test("an unreadable input is an error")
  func unreadable() throws {
    CLI.expectFailure(
      try CLI.run(["evaluate", "--task", "binary", "/nonexistent/p.csv"]),
      mentioning: ["cannot open /nonexistent/p.csv"])
    let directory = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    CLI.expectFailure(
      try CLI.run(["evaluate", "--task", "binary", directory.path]), mentioning: ["it is a directory"])
    CLI.expectFailure(
      try CLI.run(["evaluate", "--task", "binary", "-"], stdin: ""), mentioning: ["the input is empty"])
  }

  @Test("a bad row after many good rows still gives no partial result")
  func lateError() throws {
    var text = "target,score\n"
    for i in 0..<5000 { text += "\(i % 2),0.\(i % 10)\n" }
    text += "1,0.5,extra\n"
    let run = try CLI.run(["evaluate", "--task", "binary", "--chunk-rows", "100", "-"], stdin: text)
    CLI.expectFailure(run, mentioning: ["line 5002, column 3: expected 2 fields"])
  }
}
