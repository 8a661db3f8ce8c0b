import Foundation
import Testing

/// `objectives evaluate --class-names` and `--bootstrap`: names per class, and intervals that are the
/// same for the same seed however the file is chunked.
@Suite struct CLICatalogue1Tests {
  @Test("--class-names reports per-class vectors as <metric>/<name>")
  func classNames() throws {
    let file = try CLI.fixture("multiclass_logits.csv")
    let named = try CLI.run([
      "evaluate", "--task", "multiclass", "--input", "logits", "--metrics", "acc,f1_none", "--class-names",
      "a, b,c,d", "--format", "csv", file,
    ])
    #expect(named.status == 0, "\(named.stderr)")
    let plain = try CLI.run([
      "evaluate", "--task", "multiclass", "--input", "logits", "--metrics", "acc,f1_none", "--format", "csv",
      file,
    ])
    let renamed = plain.stdout.replacingOccurrences(of: "f1_none[0]", with: "f1/a")
      .replacingOccurrences(of: "f1_none[1]", with: "f1/b").replacingOccurrences(
        of: "f1_none[2]", with: "f1/c"
      )
      .replacingOccurrences(of: "f1_none[3]", with: "f1/d")
    #expect(named.stdout == renamed)
    CLI.expectFailure(
      try CLI.run(["evaluate", "--task", "multiclass", "--input", "logits", "--class-names", "a,b", file]),
      mentioning: ["--class-names", "2 names", "4"])
    CLI.expectFailure(
      try CLI.run(["evaluate", "--task", "binary", "--class-names", "a,b", try CLI.fixture("binary.csv")]),
      mentioning: ["--class-names"])
    CLI.expectFailure(
      try CLI.run(["evaluate", "--task", "multiclass", "--class-names", "a,a,b,c", file]),
      mentioning: ["distinct"])
  }

  @Test("--bootstrap: the same intervals for the same seed, whatever --chunk-rows")
  func bootstrap() throws {
    let file = try CLI.fixture("binary.csv")
    func run(_ extra: [String]) throws -> String {
      let r = try CLI.run(
        ["evaluate", "--task", "binary", "--metrics", "auroc,acc", "--bootstrap", "50", "--format", "csv"]
          + extra
          + [file])
      #expect(r.status == 0, "\(r.stderr)")
      return r.stdout
    }
    let whole = try run(["--seed", "3"])
    #expect(try run(["--seed", "3", "--chunk-rows", "7"]) == whole)
    #expect(try run(["--seed", "4"]) != whole)
    let lines = whole.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
    #expect(lines.first == ["metric", "value", "low", "high", "level"])
    #expect(lines.dropFirst().map { $0[0] } == ["auroc", "acc"])
    for row in lines.dropFirst() {
      let (value, low, high) = (Double(row[1]) ?? .nan, Double(row[2]) ?? .nan, Double(row[3]) ?? .nan)
      #expect(low <= value && value <= high && row[4] == "0.95", "\(row)")
    }
    let table = try CLI.run([
      "evaluate", "--task", "binary", "--bootstrap", "20", "--confidence", "0.9", file,
    ])
    #expect(table.stdout.contains("90% percentile intervals, 20 Poisson bootstrap replicates, seed 0"))
    let json = try CLI.run(["evaluate", "--task", "binary", "--bootstrap", "20", "--format", "json", file])
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: [String: Any]]
    #expect(object?["auroc"]?.keys.sorted() == ["high", "level", "low", "value"])
    CLI.expectFailure(
      try CLI.run(["evaluate", "--task", "binary", "--seed", "1", file]), mentioning: ["--bootstrap"])
    CLI.expectFailure(
      try CLI.run(["evaluate", "--task", "binary", "--bootstrap", "10", "--confidence", "1", file]),
      mentioning: ["--confidence"])
  }
}
