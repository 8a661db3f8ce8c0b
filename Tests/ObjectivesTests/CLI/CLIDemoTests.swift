import Foundation
import Objectives
import Testing

/// `objectives demo`, run as a process with few epochs.
@Suite("CLI demo")
struct CLIDemoTests {
  static let files = ["history.csv", "training.svg", "confusion_matrix.svg"]

  /// Runs the demo in a fresh directory with `--output out`; returns the run and the directory.
  func demo(_ arguments: [String]) throws -> (run: CLI.Run, directory: URL) {
    let directory = try CLI.temporaryDirectory()
    let run = try CLI.run(["demo", "--output", "out"] + arguments, in: directory)
    return (run, directory)
  }

  @Test("a seed gives the same output and files every time; another seed does not")
  func deterministic() throws {
    let a = try demo(["--epochs", "4", "--seed", "11"])
    let b = try demo(["--epochs", "4", "--seed", "11"])
    let c = try demo(["--epochs", "4", "--seed", "12"])
    defer { for d in [a.directory, b.directory, c.directory] { try? FileManager.default.removeItem(at: d) } }
    #expect(a.run.status == 0, "\(a.run.stderr)")
    #expect(a.run.stdout == b.run.stdout)
    #expect(a.run.stdout != c.run.stdout)
    for name in Self.files {
      let first = try Data(contentsOf: a.directory.appendingPathComponent("out/\(name)"))
      let second = try Data(contentsOf: b.directory.appendingPathComponent("out/\(name)"))
      #expect(first == second, "\(name) differs between two runs with one seed")
      #expect(!first.isEmpty)
    }
  }

  @Test("prints the formula, one row per epoch, the best epoch and the final metrics; writes the files")
  func report() throws {
    let (run, directory) = try demo(["--epochs", "12", "--seed", "3"])
    defer { try? FileManager.default.removeItem(at: directory) }
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.isEmpty, "no progress when stderr is not a terminal")
    let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.contains("Loss: [CE] + 0.5 x [MSE]"))

    let history = try History(
      csv: String(
        decoding: try Data(contentsOf: directory.appendingPathComponent("out/history.csv")), as: UTF8.self))
    for name in ["train/Combined Loss", "train/CE", "train/MSE", "val/Combined Loss", "val/CE", "val/MSE"] {
      #expect(history[name]?.times == Array(1...12), "\(name)")
    }
    #expect(
      history.names.contains { $0.hasPrefix("val/") && history[$0]?.direction == .maximize },
      "a validation metric")

    // The table: a header naming every scalar series, then one row per epoch with its values.
    let headerIndex = try #require(lines.firstIndex { $0.hasPrefix("epoch ") })
    let header = lines[headerIndex].split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    #expect(header.first == "epoch")
    let rows = lines[(headerIndex + 1)...].prefix { !$0.isEmpty }
    #expect(rows.count == 12)
    let train = try #require(history["train/Combined Loss"])
    for (row, point) in zip(rows, train.points) {
      let cells = row.split(separator: " ", omittingEmptySubsequences: true)
      #expect(Int(cells[0]) == point.time)
      let shown = try #require(Double(String(cells[1])))
      #expect(abs(shown - (point.value.scalar ?? .nan)) <= 0.00005 + 1e-12, "\(row)")
    }

    // The best epoch is the history's best by the loss's direction.
    let best = try #require(try history.best("val/Combined Loss"))
    #expect(best.direction == .minimize)
    #expect(
      lines.contains {
        $0.hasPrefix("Best epoch: \(best.time) (val/Combined Loss = ") && $0.hasSuffix("lower is better)")
      })
    #expect(lines.contains("Final metrics (epoch 12):"))
    #expect(
      header == [
        "epoch", "train/Combined", "Loss", "train/CE", "train/MSE", "val/Combined", "Loss", "val/acc",
        "val/f1", "val/auroc",
      ])
    #expect(lines.contains { $0.hasPrefix("val/confmat ") })
    let matrix = try #require(history["val/confmat"]?.last)
    #expect(matrix.values.reduce(0, +) == 45, "the validation confusion matrix counts 45 flowers")

    // Training learns: the training loss falls and validation accuracy ends high.
    #expect((train.scalars.last ?? .nan) < 0.5 * (train.scalars.first ?? .nan))

    for name in Self.files.dropFirst() {
      let svg = String(
        decoding: try Data(contentsOf: directory.appendingPathComponent("out/\(name)")), as: UTF8.self)
      #expect(svg.contains("<svg") && svg.hasSuffix("</svg>\n") || svg.hasSuffix("</svg>"), "\(name)")
    }
    #expect(lines.last { !$0.isEmpty }?.hasPrefix("Wrote out/history.csv") == true)
  }

  #if os(Linux)
    @Test(
      "progress is drawn on a terminal and cleared",
      .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func progressOnTerminal() throws {
      // util-linux `script` runs the command with a pseudo-terminal as its standard streams.
      let executable = try #require(CLI.executable).path
      let directory = try CLI.temporaryDirectory()
      defer { try? FileManager.default.removeItem(at: directory) }
      let run = try CLI.run(
        ["-qec", "'\(executable)' demo --epochs 3 --output out", "/dev/null"], in: directory,
        program: "/usr/bin/script")
      #expect(run.status == 0, "\(run.stderr)")
      #expect(
        run.stdout.hasPrefix("\r\u{1B}[Kdemo: 1 of 3 epochs (33%)\r\u{1B}[K"),
        "\(run.stdout.debugDescription)")
      #expect(run.stdout.contains("Best epoch: "))
    }
  #endif

  @Test("--loss trains another composition of the leaves")
  func otherLoss() throws {
    let (run, directory) = try demo(["--epochs", "3", "--loss", "[MSE]^0.5 + 2 x [CE]"])
    defer { try? FileManager.default.removeItem(at: directory) }
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("Loss: [MSE]^0.5 + 2 x [CE]"))
    let single = try demo(["--epochs", "2", "--loss", "[CE]"])
    defer { try? FileManager.default.removeItem(at: single.directory) }
    #expect(single.run.status == 0, "\(single.run.stderr)")
    #expect(single.run.stdout.contains("Best epoch: "))
    #expect(single.run.stdout.contains("(val/CE = "))
  }

  @Test(
    "every leaf trains: its training loss falls", arguments: ["CE", "SmoothCE", "BCE", "Hinge", "MSE", "MAE"])
  func leaves(_ leaf: String) throws {
    let (run, directory) = try demo(["--epochs", "8", "--seed", "4", "--loss", "[\(leaf)]"])
    defer { try? FileManager.default.removeItem(at: directory) }
    #expect(run.status == 0, "\(run.stderr)")
    let history = try History(
      csv: String(
        decoding: try Data(contentsOf: directory.appendingPathComponent("out/history.csv")), as: UTF8.self))
    let train = try #require(history["train/\(leaf)"]?.scalars)
    #expect(train.count == 8)
    #expect((train.last ?? .nan) < 0.8 * (train.first ?? .nan), "\(leaf): \(train)")
    let help = try CLI.run(["demo", "--help"])
    #expect(help.stdout.contains("  [\(leaf)] "))
  }

  @Test(
    "bad formulas and unwritable outputs fail cleanly",
    arguments: [
      (
        ["--loss", "[CE] + [Focal]"], ["unknown name [Focal]", "       ^", "The leaves of the demo are [CE]"]
      ),
      (["--loss", "[CE] ^ [MSE]"], ["an exponent must be a number", "[CE] ^ [MSE]"]),
      (["--loss", "[CE] +"], ["syntax error", "[CE] +"]),
      (["--output", "/dev/null/inside"], ["cannot write to /dev/null/inside"]),
    ])
  func failures(_ arguments: [String], _ fragments: [String]) throws {
    let directory = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let run = try CLI.run(["demo", "--epochs", "1"] + arguments, in: directory)
    CLI.expectFailure(run, mentioning: fragments)
  }
}
