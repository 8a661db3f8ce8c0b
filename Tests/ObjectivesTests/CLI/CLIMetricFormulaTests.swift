import Foundation
import Objectives
import Testing

/// `objectives evaluate --metrics` with formulas over metric names, and `objectives formula` with
/// parameters, run as a process.
@Suite("CLI metric formulas")
struct CLIMetricFormulaTests {
  func json(_ arguments: [String]) throws -> (keys: [String], values: [String: Double]) {
    let run = try CLI.run(["evaluate", "--format", "json"] + arguments)
    #expect(run.status == 0, "\(run.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Double])
    let keys = run.stdout.split(separator: "\n").compactMap { line -> String? in
      guard let start = line.firstIndex(of: "\""), let end = line.range(of: "\": ")?.lowerBound else {
        return nil
      }
      return String(line[line.index(after: start)..<end])
    }
    return (keys, object)
  }

  @Test("formulas are computed over the whole file, keyed by their canonical formula, in order")
  func binaryFormulas() throws {
    let file = try CLI.fixture("binary.csv")
    let list =
      "auroc, 1-[auroc], ([precision]+[recall])/2, min([acc], [f1]),accuracy,2 x [precision] x [recall] / ([precision] + [recall])"
    let whole = try json(["--task", "binary", "--metrics", list, file])
    #expect(
      whole.keys == [
        "auroc", "1 - [auroc]", "([precision] + [recall]) / 2", "min([acc], [f1])", "acc",
        "2 x [precision] x [recall] / ([precision] + [recall])",
      ])
    let plain = try json(["--task", "binary", "--metrics", "auroc,precision,recall,acc,f1", file]).values
    // Another metric list may round the catalogue's values differently in the last bit.
    #expect(isClose(whole.values["1 - [auroc]"]!, 1 - plain["auroc"]!, relative: 1e-12))
    #expect(
      isClose(
        whole.values["([precision] + [recall]) / 2"]!, (plain["precision"]! + plain["recall"]!) / 2,
        relative: 1e-12))
    #expect(
      isClose(whole.values["min([acc], [f1])"]!, Swift.min(plain["acc"]!, plain["f1"]!), relative: 1e-12))
    let f1 = whole.values["2 x [precision] x [recall] / ([precision] + [recall])"]!
    #expect(isClose(f1, plain["f1"]!, relative: 1e-12))
    // Seven rows per chunk: the same values as one chunk.
    let chunked = try json(["--task", "binary", "--chunk-rows", "7", "--metrics", list, file])
    #expect(chunked.keys == whole.keys)
    for key in whole.keys { #expect(chunked.values[key] == whole.values[key], "\(key)") }
  }

  @Test("regression formulas, directions in the table")
  func regressionFormulas() throws {
    let file = try CLI.fixture("regression.csv")
    let both = try json(["--task", "regression", "--metrics", "mse,[mse]^0.5,1 - [pearson]", file]).values
    let plain = try json(["--task", "regression", "--metrics", "rmse,pearson", file]).values
    #expect(isClose(both["[mse]^0.5"]!, plain["rmse"]!, relative: 1e-12))
    #expect(isClose(both["1 - [pearson]"]!, 1 - plain["pearson"]!, relative: 1e-12))
    let run = try CLI.run(["evaluate", "--task", "regression", "--metrics", "1 - [pearson],[r2]+[mse]", file])
    let rows = run.stdout.split(separator: "\n").map(String.init)
    #expect(rows.first?.hasSuffix("min") == true, "\(run.stdout)")
    #expect(rows.last?.hasSuffix("max") == false, "a contradiction has no direction: \(run.stdout)")
  }

  @Test("splitting --metrics respects parentheses and brackets")
  func splitting() throws {
    let file = try CLI.fixture("binary.csv")
    let keys = try json([
      "--task", "binary", "--metrics", " auroc, min([acc], max([f1], 0.5)),, clamp([acc] + 1, 0, 1) ", file,
    ]).keys
    #expect(keys == ["auroc", "min([acc], max([f1], 0.5))", "clamp([acc] + 1, 0, 1)"])
  }

  @Test("unknown names and malformed formulas are reported with the formula")
  func errors() throws {
    let file = try CLI.fixture("binary.csv")
    let unknown = try CLI.run(["evaluate", "--task", "binary", "--metrics", "1 - [aurocc]", file])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("Unknown metric 'aurocc' in the formula '1 - [aurocc]'"))
    let malformed = try CLI.run(["evaluate", "--task", "binary", "--metrics", "min([auroc])", file])
    #expect(malformed.status == 2)
    #expect(malformed.stderr.contains("min takes 2 arguments"), "\(malformed.stderr)")
  }

  @Test("formula: parameters take values with --set, like leaves")
  func formulaParameters() throws {
    let run = try CLI.run(["formula", "exp(-{s}) x [CE] + {s}", "--set", "CE=0.7", "--set", "s=0.5"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasPrefix("exp(-{s}) x [CE] + {s}\n"))
    let value = Foundation.exp(-0.5) * 0.7 + 0.5
    #expect(run.stdout.contains("Combined Loss  \(value)"), "\(run.stdout)")
    #expect(run.stdout.contains("{s}                           0.5"), "\(run.stdout)")
    let missing = try CLI.run(["formula", "[CE] x {w}", "--set", "CE=1"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("add --set w=VALUE"))
    let wrong = try CLI.run(["formula", "[CE] x {w}", "--set", "CE=1", "--set", "[w]=2"])
    #expect(wrong.status == 2)
    #expect(wrong.stderr.contains("no leaf [w] and no parameter {w}"), "\(wrong.stderr)")
  }
}
