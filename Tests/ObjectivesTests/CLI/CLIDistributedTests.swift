import Foundation
import Testing

/// `evaluate --distributed`: refused clearly without the MPI trait; the multi-rank behaviour is
/// checked under mpirun by `.ci/run` (see Docs/Distributed.md).
@Suite struct CLIDistributedTests {
  @Test("--distributed with standard input is a usage error")
  func standardInputIsRefused() throws {
    let run = try CLI.run(
      ["evaluate", "--task", "binary", "--distributed", "-"], stdin: "target,score\n1,0.5\n")
    #expect(run.status == 2)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.contains("'--distributed' needs a file that every rank can read"))
  }

  #if !MPI
    @Test("--distributed without the MPI trait says how to get it")
    func withoutTheTrait() throws {
      let directory = try CLI.temporaryDirectory()
      defer { try? FileManager.default.removeItem(at: directory) }
      let file = directory.appendingPathComponent("scores.csv")
      try Data("target,score\n1,0.9\n0,0.2\n".utf8).write(to: file)
      let run = try CLI.run(["evaluate", "--task", "binary", "--distributed", file.path])
      #expect(run.status == 2)
      #expect(run.stdout.isEmpty)
      #expect(run.stderr.contains("needs objectives built with the MPI trait: swift build --traits MPI"))
    }
  #endif
}
