import Foundation
import Objectives
import Testing

/// `objectives describe`, `formula --config` and `demo --config`, run as processes.
@Suite("CLI loss configurations")
struct CLIConfigurationTests {
  @Test("describe writes the golden Markdown and LaTeX", arguments: ["ce_huber", "weighted"])
  func describe(_ name: String) throws {
    let config = try CLI.fixture("loss_\(name).json")
    let markdown = try CLI.run(["describe", "--config", config])
    #expect(markdown.status == 0, "\(markdown.stderr)")
    #expect(markdown.stdout == (try CLI.fixtureText("describe_\(name).md")))
    let latex = try CLI.run(["describe", "--config", config, "--format", "latex"])
    #expect(latex.status == 0, "\(latex.stderr)")
    #expect(latex.stdout == (try CLI.fixtureText("describe_\(name).tex")))
  }

  @Test(
    "describe refuses bad configurations and arguments",
    arguments: [
      (["--config", "loss_bad_delta.json"], [#"$.leaves.Huber.delta: expected a number, got "x""#]),
      (["--config", "no_such_file.json"], ["Cannot read the configuration", "no_such_file.json"]),
      (["--config", "loss_edsr.txt", "--format", "html"], ["expected one of markdown, latex"]),
      ([], ["Missing expected option '--config <file>'"]),
    ])
  func describeFailures(_ arguments: [String], _ fragments: [String]) throws {
    let fixtures = URL(fileURLWithPath: try CLI.fixture("loss_edsr.txt")).deletingLastPathComponent()
    let run = try CLI.run(["describe"] + arguments, in: fixtures)
    CLI.expectFailure(run, mentioning: fragments)
  }

  @Test("formula --config prints the configured formula and evaluates it")
  func formula() throws {
    let config = try CLI.fixture("loss_edsr.txt")
    let plain = try CLI.run(["formula", "--config", config])
    #expect(plain.status == 0, "\(plain.stderr)")
    #expect(plain.stdout == "[L1] + 0.5 x [MSE]\n")
    let latex = try CLI.run(["formula", "--config", try CLI.fixture("loss_ce_huber.json"), "--latex"])
    #expect(latex.stdout == "\\mathrm{CE} + 0.5 \\cdot \\mathrm{Huber}\n")
    let valued = try CLI.run(["formula", "--config", config, "--set", "L1=1", "--set", "MSE=4"])
    #expect(valued.status == 0, "\(valued.stderr)")
    #expect(valued.stdout.contains("Combined Loss  3  min"), "\(valued.stdout)")
    let both = try CLI.run(["formula", "[A]", "--config", config])
    CLI.expectFailure(both, mentioning: ["Unexpected argument '[A]'"])
  }

  @Test("demo --config trains the configured loss and watches its metrics")
  func demo() throws {
    let directory = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let run = try CLI.run(
      ["demo", "--epochs", "3", "--output", "out", "--config", try CLI.fixture("loss_ce_huber.json")],
      in: directory)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("Loss: [CE] + 0.5 x [Huber]"))
    let history = try History(
      csv: String(
        decoding: try Data(contentsOf: directory.appendingPathComponent("out/history.csv")), as: UTF8.self))
    #expect(history["val/acc"] != nil && history["val/f1"] != nil && history["val/confmat"] != nil)
    #expect(history["val/auroc"] == nil)
    #expect(history["train/Huber"]?.scalars.count == 3)
  }

  @Test("demo --config with the default formula's leaves reproduces the default run")
  func demoSameAsDefault() throws {
    let directory = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let config = directory.appendingPathComponent("default.json")
    try Data(#"{"formula": "[CE] + 0.5 x [MSE]"}"#.utf8).write(to: config)
    let configured = try CLI.run(
      ["demo", "--epochs", "3", "--output", "a", "--config", config.path], in: directory)
    let standard = try CLI.run(["demo", "--epochs", "3", "--output", "a"], in: directory)
    #expect(configured.status == 0, "\(configured.stderr)")
    #expect(configured.stdout == standard.stdout)
  }

  @Test(
    "demo --config refuses leaves that do not fit the network's outputs",
    arguments: [
      (
        ["--config", "loss_width4.json"],
        ["$.leaves.MSE.width: 4 does not fit logits of 3 classes", "logits for 3 classes"]
      ),
      (["--config", "loss_weighted.json"], [#"$.metrics[0]: "r2" is not a classification metric"#]),
      (["--config", "loss_edsr.txt", "--loss", "[CE]"], ["'--loss' and '--config' cannot be used together"]),
    ])
  func demoFailures(_ arguments: [String], _ fragments: [String]) throws {
    let fixtures = URL(fileURLWithPath: try CLI.fixture("loss_edsr.txt")).deletingLastPathComponent()
    let run = try CLI.run(["demo", "--epochs", "1", "--output", "/dev/null/x"] + arguments, in: fixtures)
    CLI.expectFailure(run, mentioning: fragments)
  }

  @Test("the tool's help lists describe")
  func help() throws {
    let run = try CLI.run(["--help"])
    #expect(run.stdout.contains("describe"))
    let own = try CLI.run(["describe", "--help"])
    #expect(own.stdout.contains("--format <markdown|latex>"))
  }
}
