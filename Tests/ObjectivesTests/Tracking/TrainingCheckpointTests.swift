import Foundation
import Testing

@testable import Objectives

/// `TrainingCheckpoint`: atomic writes, refusals, and a whole training run (a loss watching
/// metrics, the history, an early stopper, the caller's weights) checkpointed after any step,
/// written, read back and resumed, equal byte for byte to the run never interrupted.
@Suite struct TrainingCheckpointTests {
  /// The caller's part of a run: a weight and the steps taken.
  struct Weights: Codable, Sendable, Equatable {
    var w = 0.25
    var steps = 0
  }

  typealias Checkpoint = TrainingCheckpoint<Weights>
  typealias L = Loss<Double, Double, Double>

  static let inputs: [Double] = (0..<24).map { Double($0 % 7) - 2.5 }
  static let epochs = 6
  static let batchesPerEpoch = 4
  static let configuration = "toy regression, lr 0.05"

  static func watchedLoss() -> L {
    (Leaves.squared("MSE") + 0.5 * Leaves.absolute("MAE")) | MergeableLawTests.accuracy
      | MergeableLawTests.gap
  }

  static func fresh() throws -> Checkpoint {
    Checkpoint(
      configuration: configuration, epoch: 0, loss: watchedLoss().state,
      earlyStopping: try EarlyStopping(monitor: "val/MSE", patience: 2, minDelta: 1e-9), payload: Weights())
  }

  /// Runs one step (a batch, and at the end of an epoch the logging and early stopping) on the
  /// checkpointed run; `false` when the run is over.
  static func step(_ run: inout Checkpoint) throws -> Bool {
    guard run.epoch < epochs, run.earlyStopping?.shouldStop != true else { return false }
    var loss = watchedLoss()
    try loss.restore(run.loss ?? loss.state)
    let size = inputs.count / batchesPerEpoch
    for x in inputs[(run.step * size)..<((run.step + 1) * size)] {
      // An outlier target makes NaN and infinity appear in the watched gap.
      let target = x == 3.5 ? Double.infinity : 2 * x + 1
      let output = run.payload.w * x
      _ = try loss.forward(output, target)
      if target.isFinite { run.payload.w -= 0.05 * (output - target) * x / Double(size) }
      run.payload.steps += 1
    }
    run.step += 1
    run.loss = loss.state
    if run.step == batchesPerEpoch {
      run.epoch += 1
      run.step = 0
      var results = loss.compute().renamed(prefix: "train/")
      results.append(contentsOf: loss.compute().renamed(prefix: "val/"))
      try run.history.log(results, epoch: run.epoch)
      try run.earlyStopping?.update(results, time: run.epoch)
      run.loss = loss.emptied().state
    }
    return true
  }

  static func temporaryFile() throws -> (directory: URL, path: String) {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "checkpoint-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return (directory, directory.appendingPathComponent("run.json").path)
  }

  @Test func resumesAfterEveryStepEqualToTheUninterruptedRun() throws {
    var whole = try Self.fresh()
    var steps = 0
    while try Self.step(&whole) { steps += 1 }
    #expect(steps > Self.batchesPerEpoch, "the run is too short to test resuming")
    #expect(whole.history["val/MSE"] != nil)
    let expected = try whole.encoded()

    let (directory, path) = try Self.temporaryFile()
    defer { try? FileManager.default.removeItem(at: directory) }
    for cut in 0...steps {
      try? FileManager.default.removeItem(atPath: path)
      var first = try Self.fresh()
      for _ in 0..<cut { _ = try Self.step(&first) }
      try first.write(to: path)
      var resumed = try #require(try Checkpoint.read(from: path, configuration: Self.configuration))
      #expect(
        try resumed.encoded() == first.encoded(), "after \(cut) steps: the checkpoint changed in a round trip"
      )
      while try Self.step(&resumed) {}
      #expect(
        try resumed.encoded() == expected, "resumed after \(cut) steps: differs from the uninterrupted run")
    }
    let left = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    #expect(left == ["run.json"], "temporary files left: \(left)")
  }

  @Test func readRefusesWhatIsNotACheckpointOfThisRun() throws {
    let (directory, path) = try Self.temporaryFile()
    defer { try? FileManager.default.removeItem(at: directory) }
    #expect(try Checkpoint.read(from: path, configuration: Self.configuration) == nil)
    #expect(throws: ObjectiveError.self) { try Checkpoint.read(from: path) }

    try Self.fresh().write(to: path)
    #expect(throws: ObjectiveError.self) { try Checkpoint.read(from: path, configuration: "another run") }

    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path))
    #expect(throws: ObjectiveError.self) {
      try Checkpoint.read(from: path, configuration: Self.configuration)
    }
    do {
      _ = try Checkpoint.read(from: path)
    } catch {
      guard case .incompatibleState(let reason) = error else { Issue.record("\(error)"); return }
      #expect(reason.contains("is not a training checkpoint"))
    }

    var future = try Self.fresh()
    future.version = 2
    try future.write(to: path)
    #expect(
      throws: ObjectiveError.incompatibleState("\(path) is a checkpoint of version 2; this library reads 1")
    ) {
      try Checkpoint.read(from: path)
    }
  }

  @Test func writeFailuresNameThePathAndTheReasonAndTouchNothing() throws {
    let (directory, path) = try Self.temporaryFile()
    defer { try? FileManager.default.removeItem(at: directory) }
    let missing = directory.appendingPathComponent("no/such/dir/run.json").path
    #expect(throws: ObjectiveError.invalidArgument("cannot write \(missing): No such file or directory")) {
      try Self.fresh().write(to: missing)
    }

    // A directory under the name is neither replaced nor removed.
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    try Data("keep".utf8).write(to: URL(fileURLWithPath: path).appendingPathComponent("inside"))
    #expect(throws: ObjectiveError.self) { try Self.fresh().write(to: path) }
    #expect(throws: ObjectiveError.self) { try Checkpoint.read(from: path) }
    #expect(FileManager.default.fileExists(atPath: path + "/inside"))
    let left = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    #expect(left == ["run.json"], "temporary files left: \(left)")
  }

  @Test func atomicFileReplacesTheWholeContents() throws {
    let (directory, path) = try Self.temporaryFile()
    defer { try? FileManager.default.removeItem(at: directory) }
    try AtomicFile.write(Data(repeating: 7, count: 100_000), to: path)
    try AtomicFile.write(Data("short".utf8), to: path)
    #expect(try AtomicFile.read(path) == Data("short".utf8))
    try AtomicFile.write(Data(), to: path)
    #expect(try AtomicFile.read(path) == Data())
    #expect(try AtomicFile.read(directory.appendingPathComponent("none").path) == nil)
  }
}
