import Foundation
import Testing

/// Runs the built `objectives` executable, as a user would, and captures what it writes.
enum CLI {
  /// The outcome of one run.
  struct Run: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// The executable: `$OBJECTIVES_EXECUTABLE` if set, else the `objectives` built next to this test
  /// bundle's resources (`swift test` builds it into the same directory), else the package's
  /// `.build/debug/objectives` found from this file's path.
  static let executable: URL? = {
    var candidates: [URL] = []
    if let path = ProcessInfo.processInfo.environment["OBJECTIVES_EXECUTABLE"] {
      candidates.append(URL(fileURLWithPath: path))
    }
    candidates.append(
      Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("objectives"))
    for bundle in Bundle.allBundles {
      candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("objectives"))
    }
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    candidates.append(packageRoot.appendingPathComponent(".build/debug/objectives"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }()

  /// Runs `objectives` (or `program`) with `arguments`, feeding `stdin` (empty when `nil`), in
  /// `directory`.
  static func run(
    _ arguments: [String], stdin: String? = nil, in directory: URL? = nil, program: String? = nil
  ) throws -> Run {
    let executable =
      try program.map { URL(fileURLWithPath: $0) } ?? #require(
        executable, "the objectives executable was not found; run `swift build` or set OBJECTIVES_EXECUTABLE")
    let scratch = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let input = scratch.appendingPathComponent("stdin")
    let output = scratch.appendingPathComponent("stdout")
    let errors = scratch.appendingPathComponent("stderr")
    try Data((stdin ?? "").utf8).write(to: input)
    try Data().write(to: output)
    try Data().write(to: errors)

    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    process.standardInput = try FileHandle(forReadingFrom: input)
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardError = try FileHandle(forWritingTo: errors)
    try process.run()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus,
      stdout: String(decoding: try Data(contentsOf: output), as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: errors), as: UTF8.self))
  }

  /// A new empty directory under the system's temporary directory.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "objectives-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// The path of the CLI fixture `name` (in Fixtures/cli).
  static func fixture(_ name: String) throws -> String {
    let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    let url = fixtures.appendingPathComponent("cli").appendingPathComponent(name)
    #expect(FileManager.default.fileExists(atPath: url.path), "missing fixture \(name)")
    return url.path
  }

  /// The contents of the CLI fixture `name`.
  static func fixtureText(_ name: String) throws -> String {
    String(decoding: try Data(contentsOf: URL(fileURLWithPath: try fixture(name))), as: UTF8.self)
  }

  /// Expects a failed run: exit code 2, nothing on standard output, and every `fragment` in the
  /// message on standard error.
  static func expectFailure(
    _ run: Run, mentioning fragments: [String], sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(
      run.status == 2, "exit status \(run.status); stderr: \(run.stderr)", sourceLocation: sourceLocation)
    #expect(
      run.stdout.isEmpty, "stdout should be empty on failure, got: \(run.stdout)",
      sourceLocation: sourceLocation)
    for fragment in fragments {
      #expect(
        run.stderr.contains(fragment), "stderr lacks '\(fragment)': \(run.stderr)",
        sourceLocation: sourceLocation)
    }
  }
}
