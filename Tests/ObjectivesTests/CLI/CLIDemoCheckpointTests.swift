import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `objectives demo --checkpoint`: a run killed with SIGKILL at random moments (seeded), and run
/// again until it finishes, ends with the output and files of a run never interrupted, byte for
/// byte.
@Suite("CLI demo checkpoint")
struct CLIDemoCheckpointTests {
  static let arguments = ["demo", "--epochs", "30", "--seed", "5", "--output", "out"]

  /// Starts the demo in `directory` and kills it with SIGKILL after `delay` seconds (if it is
  /// still running); returns whether it was killed.
  func killed(after delay: Double, in directory: URL) throws -> Bool {
    let executable = try #require(CLI.executable, "the objectives executable was not found")
    let process = Process()
    process.executableURL = executable
    process.arguments = Self.arguments + ["--checkpoint", "run.json"]
    process.currentDirectoryURL = directory
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    usleep(UInt32(delay * 1e6))
    let wasRunning = process.isRunning
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    return wasRunning && process.terminationReason == .uncaughtSignal
  }

  func contents(_ directory: URL, _ name: String) throws -> Data {
    try Data(contentsOf: directory.appendingPathComponent(name))
  }

  @Test("killed at random moments and resumed, the run ends as if never interrupted")
  func resumesAfterKills() throws {
    let reference = try CLI.temporaryDirectory()
    let interrupted = try CLI.temporaryDirectory()
    defer { for d in [reference, interrupted] { try? FileManager.default.removeItem(at: d) } }
    let start = Date()
    let uninterrupted = try CLI.run(Self.arguments, in: reference)
    let duration = Date().timeIntervalSince(start)
    #expect(uninterrupted.status == 0, "\(uninterrupted.stderr)")

    var g = SeededGenerator(seed: 2026)
    var kills = 0
    var epochsSeen: [Int] = []
    for _ in 0..<8 {
      // Anywhere in the run, from before the first checkpoint to the last epoch.
      if try killed(after: Double.random(in: 0...duration, using: &g), in: interrupted) { kills += 1 }
      let checkpoint = interrupted.appendingPathComponent("run.json")
      if let data = try? Data(contentsOf: checkpoint),
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
        let epoch = object["epoch"] as? Int
      {
        epochsSeen.append(epoch)
      }
    }
    #expect(kills >= 2, "the runs ended before they were killed: \(kills) kills")
    #expect(epochsSeen.contains { $0 > 0 && $0 < 30 }, "no kill in the middle of the run: \(epochsSeen)")

    let resumed = try CLI.run(Self.arguments + ["--checkpoint", "run.json"], in: interrupted)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stdout == uninterrupted.stdout)
    let files = try FileManager.default.contentsOfDirectory(
      atPath: reference.appendingPathComponent("out").path)
    #expect(files.count >= 3, "\(files)")
    for name in files.sorted() {
      #expect(
        try contents(interrupted, "out/" + name) == contents(reference, "out/" + name), "\(name) differs")
    }
    let left = try FileManager.default.contentsOfDirectory(atPath: interrupted.path).sorted()
    #expect(left == ["out", "run.json"], "files left beside the checkpoint: \(left)")

    // Run again with the finished checkpoint: nothing to train, the same report.
    let again = try CLI.run(Self.arguments + ["--checkpoint", "run.json"], in: interrupted)
    #expect(again.stdout == uninterrupted.stdout)
  }

  @Test("a checkpoint of another run is refused with exit 2 and left as it was")
  func refusesAnotherRun() throws {
    let directory = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let first = try CLI.run(
      ["demo", "--epochs", "2", "--output", "out", "--checkpoint", "run.json"], in: directory)
    #expect(first.status == 0, "\(first.stderr)")
    let saved = try contents(directory, "run.json")
    let other = try CLI.run(
      ["demo", "--epochs", "2", "--seed", "9", "--output", "out", "--checkpoint", "run.json"], in: directory)
    #expect(other.status == 2)
    #expect(other.stderr.contains("is of another run"), "\(other.stderr)")
    #expect(try contents(directory, "run.json") == saved)

    try Data("{\"epoch\": 1}".utf8).write(to: directory.appendingPathComponent("run.json"))
    let corrupted = try CLI.run(
      ["demo", "--epochs", "2", "--output", "out", "--checkpoint", "run.json"], in: directory)
    #expect(corrupted.status == 2)
    #expect(corrupted.stderr.contains("is not a training checkpoint"), "\(corrupted.stderr)")
  }
}
