import Foundation
import Testing

/// The command on hostile targets, devices and input (issue 15): outputs that are not regular files
/// are refused and kept, interrupted runs leave no partial file, output errors give exit 2 with the
/// system's reason, absurd widths are refused before any allocation, and control characters never
/// hide inside a number.
@Suite struct CLIReliabilityTests {
  static let binaryCSV = "target,score\n1,0.9\n0,0.2\n1,0.7\n0,0.4\n"

  func scratch(_ csv: String = binaryCSV) throws -> URL {
    let dir = try CLI.temporaryDirectory()
    try Data(csv.utf8).write(to: dir.appendingPathComponent("b.csv"))
    return dir
  }

  @Test func perSampleTargetThatIsADirectoryIsRefusedAndKept() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let victim = dir.appendingPathComponent("victim")
    try FileManager.default.createDirectory(at: victim, withIntermediateDirectories: false)
    try Data("mine".utf8).write(to: victim.appendingPathComponent("keep"))
    let run = try CLI.run(["evaluate", "--task", "binary", "--per-sample", "victim", "b.csv"], in: dir)
    CLI.expectFailure(run, mentioning: ["victim", "is a directory"])
    #expect(try Data(contentsOf: victim.appendingPathComponent("keep")) == Data("mine".utf8))
    #expect(!FileManager.default.fileExists(atPath: victim.path + ".partial"))
  }

  @Test func perSampleTargetThatIsAFIFOIsRefusedAndKept() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let fifo = dir.appendingPathComponent("fifo").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let run = try CLI.run(["evaluate", "--task", "binary", "--per-sample", "fifo", "b.csv"], in: dir)
    CLI.expectFailure(run, mentioning: ["fifo", "is a FIFO"])
    var status = stat()
    #expect(lstat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
  }

  @Test func curvesOverADirectoryOrFIFONamedLikeAChartAreRefusedAndKept() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let charts = dir.appendingPathComponent("charts")
    try FileManager.default.createDirectory(
      at: charts.appendingPathComponent("roc.svg"), withIntermediateDirectories: true)
    let run = try CLI.run(["evaluate", "--task", "binary", "--curves", "charts", "b.csv"], in: dir)
    CLI.expectFailure(run, mentioning: ["roc.svg", "is a directory"])
    #expect(FileManager.default.fileExists(atPath: charts.appendingPathComponent("roc.svg").path))
    #expect(
      !FileManager.default.fileExists(atPath: charts.appendingPathComponent("precision_recall.svg").path))

    let fifos = dir.appendingPathComponent("fifos")
    try FileManager.default.createDirectory(at: fifos, withIntermediateDirectories: true)
    #expect(mkfifo(fifos.appendingPathComponent("reliability.svg").path, 0o600) == 0)
    let second = try CLI.run(["evaluate", "--task", "binary", "--curves", "fifos", "b.csv"], in: dir)
    CLI.expectFailure(second, mentioning: ["reliability.svg", "is a FIFO"])
    var status = stat()
    #expect(lstat(fifos.appendingPathComponent("reliability.svg").path, &status) == 0)
    #expect(status.st_mode & S_IFMT == S_IFIFO)
  }

  @Test func outputErrorsGiveExitTwoWithTheSystemsReason() throws {
    guard let executable = CLI.executable else {
      Issue.record("the objectives executable was not found")
      return
    }
    let process = Process()
    process.executableURL = executable
    process.arguments = ["formula", "[A]"]
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationReason == .exit && process.terminationStatus == 2, "\(message)")
    #expect(message.contains("cannot write the standard output: No space left on device"), "\(message)")

    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try CLI.run(
      ["evaluate", "--task", "binary", "--per-sample", "missing/x.csv", "b.csv"], in: dir)
    CLI.expectFailure(run, mentioning: ["missing/x.csv", "No such file or directory"])
    try Data().write(to: dir.appendingPathComponent("plain"))
    let charts = try CLI.run(["evaluate", "--task", "binary", "--curves", "plain/charts", "b.csv"], in: dir)
    CLI.expectFailure(charts, mentioning: ["cannot write to plain/charts: Not a directory"])
  }

  @Test func absurdClassCountsAreRefusedBeforeAnyAllocation() throws {
    let dir = try scratch("target,prediction\n1,2\n0,0\n")
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try CLI.run(
      ["evaluate", "--task", "multiclass", "--classes", "100000", "--input", "labels", "b.csv"], in: dir)
    CLI.expectFailure(
      run, mentioning: ["'--classes 100000'", "about 80 GB of memory", "at most 16384 classes"])
  }

  @Test func controlCharactersInsideANumberAreRejectedWithLineAndColumn() throws {
    for (field, shown) in [
      ("0.9\u{0}xyz", "0.9\\u{0}xyz"), ("0.9\u{0}", "0.9\\u{0}"), ("0.9\u{0C}", "0.9\\u{c}"),
      ("\u{0B}0.9", "\\u{b}0.9"), ("1e-400\u{0}", "1e-400\\u{0}"),
    ] {
      let dir = try scratch("target,score\n0,0.2\n1,\(field)\n")
      defer { try? FileManager.default.removeItem(at: dir) }
      let run = try CLI.run(["evaluate", "--task", "binary", "--metrics", "acc", "b.csv"], in: dir)
      CLI.expectFailure(run, mentioning: ["line 3, column 2: score: '\(shown)' is not a number"])
    }
  }

  /// Runs `objectives evaluate --per-sample` on a large generated file, sends `signal` once the
  /// partial file exists, and checks the process ended by that signal leaving neither the partial
  /// file nor a file under the final name.
  func interrupt(with signal: Int32) throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var csv = "target,score\n"
    csv.reserveCapacity(14 * 2_000_000)
    for i in 0..<2_000_000 { csv += i % 2 == 0 ? "1,0.75\n" : "0,0.25\n" }
    let input = dir.appendingPathComponent("big.csv")
    try Data(csv.utf8).write(to: input)
    let output = dir.appendingPathComponent("samples.csv")
    let partial = output.path + ".partial"
    guard let executable = CLI.executable else {
      Issue.record("the objectives executable was not found")
      return
    }
    let process = Process()
    process.executableURL = executable
    process.arguments = ["evaluate", "--task", "binary", "--per-sample", output.path, input.path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(60)
    while !FileManager.default.fileExists(atPath: partial) && process.isRunning && Date() < deadline {
      usleep(2_000)
    }
    try #require(process.isRunning, "the run ended before it could be interrupted")
    kill(process.processIdentifier, signal)
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == signal)
    #expect(!FileManager.default.fileExists(atPath: partial), "the partial file remains")
    #expect(!FileManager.default.fileExists(atPath: output.path), "a file exists under the final name")
  }

  @Test func sigtermRemovesThePartialFile() throws { try interrupt(with: SIGTERM) }

  @Test func sigintRemovesThePartialFile() throws { try interrupt(with: SIGINT) }
}
