import Foundation
import Objectives
import Testing

/// `objectives evaluate --per-sample`: the library's per-sample quantities, row by row.
extension CLIEvaluateTests {
  /// The rows of a per-sample file: its header and its cells.
  func perSample(_ arguments: [String]) throws -> (header: [String], rows: [[String]]) {
    let directory = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("samples.csv").path
    let run = try CLI.run(["evaluate", "--per-sample", path] + arguments)
    #expect(run.status == 0, "\(run.stderr)")
    let reader = try CSVReader(path: path)
    let header = try reader.readHeader()
    var rows: [[String]] = []
    while try reader.next() { rows.append((0..<reader.fieldCount).map(reader.string(at:))) }
    return (header, rows)
  }

  func mean(_ rows: [[String]], _ column: Int) -> Double {
    rows.map { Double($0[column]) ?? .nan }.reduce(0, +) / Double(rows.count)
  }

  @Test("--per-sample writes one row per input row, named by id or line")
  func perSampleOutput() throws {
    let binary = try perSample(["--task", "binary", try CLI.fixture("binary.csv")])
    #expect(
      binary.header == [
        "id", "target", "predicted", "confidence", "true_class_probability", "correct", "loss",
      ])
    #expect(binary.rows.count == 240)
    #expect(binary.rows.first?.first == "s0" && binary.rows.last?.first == "s239")
    let reference = try expected("binary")
    #expect(isClose(mean(binary.rows, 5), reference["accuracy"] as? Double ?? .nan, relative: 1e-12))
    #expect(isClose(mean(binary.rows, 6), reference["mean_bce"] as? Double ?? .nan, relative: 1e-12))
    // The probability of the true class is exp(−BCE) row by row.
    for row in binary.rows {
      #expect(isClose(Double(row[4]) ?? .nan, exp(-(Double(row[6]) ?? .nan)), relative: 1e-9))
    }

    let multiclass = try perSample([
      "--task", "multiclass", "--input", "logits", try CLI.fixture("multiclass_logits.csv"),
    ])
    #expect(
      multiclass.header == [
        "id", "target", "predicted", "confidence", "true_class_probability", "correct", "loss",
      ])
    let classes = try expected("multiclass")
    #expect(isClose(mean(multiclass.rows, 5), classes["accuracy_micro"] as? Double ?? .nan, relative: 1e-12))
    #expect(
      isClose(mean(multiclass.rows, 6), classes["mean_cross_entropy"] as? Double ?? .nan, relative: 1e-12))

    let regression = try perSample(["--task", "regression", try CLI.fixture("regression_2.csv")])
    #expect(regression.header == ["id", "squared_error", "absolute_error"])
    let values = try expected("regression_2")
    #expect(isClose(mean(regression.rows, 1), values["mse"] as? Double ?? .nan, relative: 1e-12))
    #expect(isClose(mean(regression.rows, 2), values["mae"] as? Double ?? .nan, relative: 1e-12))

    let unnamed = try perSample(["--task", "multilabel", try CLI.fixture("multilabel.csv")])
    #expect(unnamed.header == ["line", "correct_labels", "exact_match", "loss"])
    #expect(unnamed.rows.map(\.[0]) == (2...201).map(String.init))
    let labels = try expected("multilabel")
    #expect(isClose(mean(unnamed.rows, 2), labels["exact_match"] as? Double ?? .nan, relative: 1e-12))
    #expect(isClose(mean(unnamed.rows, 1) / 3, labels["accuracy_micro"] as? Double ?? .nan, relative: 1e-12))

    let quoted = try perSample(["--task", "binary", "--chunk-rows", "1", try CLI.fixture("quoted_crlf.csv")])
    #expect(quoted.rows.map(\.[0]) == ["a, quoted id", "b \"q\"", "c"])
  }

  @Test("a failed run leaves no per-sample file")
  func perSampleFailure() throws {
    let directory = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("samples.csv").path
    let run = try CLI.run([
      "evaluate", "--task", "binary", "--per-sample", path, try CLI.fixture("bad_number.csv"),
    ])
    CLI.expectFailure(run, mentioning: ["line 4"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
  }
}
