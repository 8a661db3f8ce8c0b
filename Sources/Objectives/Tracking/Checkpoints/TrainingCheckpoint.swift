import Foundation

/// Everything a training run needs to resume where it stopped: the epoch and step reached, the
/// accumulated loss with its watched metrics, the history, the early stopper, and the caller's own
/// `payload` (model weights, optimiser moments, random generator), with a description of the run's
/// configuration so that a checkpoint of another run is refused.
///
/// ```swift
/// struct Weights: Codable, Sendable { var parameters: [Double] }
/// var history = History()
/// try history.log(Results([.init(name: "loss", value: .scalar(0.25))]), epoch: 1)
/// let path = FileManager.default.temporaryDirectory.appendingPathComponent("run.json").path
/// let checkpoint = TrainingCheckpoint(
///   configuration: "lr=0.01 seed=2", epoch: 1, history: history, payload: Weights(parameters: [0.5]))
/// try checkpoint.write(to: path)  // atomic: the file holds this checkpoint or the previous one
/// let resumed = try TrainingCheckpoint<Weights>.read(from: path, configuration: "lr=0.01 seed=2")
/// ```
///
/// `write(to:)` is atomic (`AtomicFile`): a run killed at any moment, even while writing, leaves
/// the last complete checkpoint under the name. Non-finite numbers are written as the library's
/// tokens (`"nan"`, `"inf"`, `"-inf"`; see `FiniteOrSpecial`), in the payload too.
public struct TrainingCheckpoint<Payload: Codable & Sendable>: Codable, Sendable {
  /// The version of the file format (1).
  public var version = 1
  /// A description of the configuration of the run; `read(from:configuration:)` refuses another.
  public var configuration: String
  /// The number of epochs completed.
  public var epoch: Int
  /// The number of steps (batches) completed in the current epoch; 0 at an epoch boundary.
  public var step: Int
  /// The state of the loss (and the metrics it watches) accumulated in the current epoch.
  public var loss: LossState?
  /// Everything logged so far.
  public var history: History
  /// The early stopper, when the run uses one.
  public var earlyStopping: EarlyStopping?
  /// The caller's state: weights, optimiser, random generator.
  public var payload: Payload

  /// A checkpoint of a run of `configuration` after `epoch` epochs and `step` steps of the next.
  public init(
    configuration: String, epoch: Int, step: Int = 0, loss: LossState? = nil, history: History = History(),
    earlyStopping: EarlyStopping? = nil, payload: Payload
  ) {
    self.configuration = configuration
    self.epoch = epoch
    self.step = step
    self.loss = loss
    self.history = history
    self.earlyStopping = earlyStopping
    self.payload = payload
  }

  /// The checkpoint as JSON (keys sorted, so equal checkpoints are equal bytes).
  public func encoded() throws(ObjectiveError) -> Data {
    do {
      return try Self.encoder.encode(self)
    } catch {
      throw .incompatibleState("cannot encode the checkpoint: \(error)")
    }
  }

  /// Writes the checkpoint to `path` atomically (see `AtomicFile`).
  /// - Throws: `ObjectiveError.invalidArgument` with the operating system's reason.
  public func write(to path: String) throws(ObjectiveError) {
    try AtomicFile.write(try encoded(), to: path)
  }

  /// Reads the checkpoint at `path`.
  /// - Throws: `ObjectiveError.invalidArgument` when the file cannot be read,
  ///   `ObjectiveError.incompatibleState` when it is not a checkpoint of this payload or format.
  public static func read(from path: String) throws(ObjectiveError) -> TrainingCheckpoint {
    guard let data = try AtomicFile.read(path) else {
      throw .invalidArgument("cannot read \(path): \(String(cString: strerror(ENOENT)))")
    }
    return try decoded(data, from: path)
  }

  /// Reads the checkpoint at `path` if there is one, checking it was made by a run of
  /// `configuration`; `nil` when there is no file at `path` (a new run).
  /// - Throws: as `read(from:)`, and `ObjectiveError.incompatibleState` naming both configurations
  ///   when they differ.
  public static func read(from path: String, configuration: String) throws(ObjectiveError)
    -> TrainingCheckpoint?
  {
    guard let data = try AtomicFile.read(path) else { return nil }
    let checkpoint = try decoded(data, from: path)
    guard checkpoint.configuration == configuration else {
      throw .incompatibleState(
        "the checkpoint \(path) is of another run (\(checkpoint.configuration)), not of this one (\(configuration))"
      )
    }
    return checkpoint
  }

  static func decoded(_ data: Data, from path: String) throws(ObjectiveError) -> TrainingCheckpoint {
    let checkpoint: TrainingCheckpoint
    do {
      checkpoint = try decoder.decode(TrainingCheckpoint.self, from: data)
    } catch {
      throw .incompatibleState("\(path) is not a training checkpoint: \(error)")
    }
    guard checkpoint.version == 1 else {
      throw .incompatibleState(
        "\(path) is a checkpoint of version \(checkpoint.version); this library reads 1")
    }
    guard checkpoint.epoch >= 0, checkpoint.step >= 0 else {
      throw .incompatibleState("\(path): negative epoch or step")
    }
    return checkpoint
  }

  /// The library's one JSON policy for states (`StateSnapshot`'s coders).
  static var encoder: JSONEncoder { StateSnapshot.encoder }

  /// The library's one JSON policy for states (`StateSnapshot`'s coders).
  static var decoder: JSONDecoder { StateSnapshot.decoder }
}
