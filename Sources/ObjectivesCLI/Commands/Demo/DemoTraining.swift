import Objectives

/// The demo's training run: a small perceptron on Iris, trained with a composed loss whose gradient
/// comes from its leaves' vector-Jacobian products, validated after every epoch.
struct DemoTraining {
  struct Configuration: Sendable {
    var epochs = 40
    var seed: UInt64 = 2
    var formula = DemoLosses.defaultFormula
    var hidden = 16
    var batchSize = 16
    var learningRate = 0.01
    var validationPerClass = 15
    /// The validation metrics (the confusion matrix feeds the chart).
    var metrics = DemoTraining.defaultMetrics
    /// Whether the parameter gradient comes from Swift's automatic differentiation instead of the
    /// hand-written backward pass (`--autodiff`).
    var autodiff = false
  }

  let configuration: Configuration
  let loss: DemoLosses.DemoLoss
  let data: DemoData
  private(set) var model: DemoModel
  private var generator: SeededGenerator
  /// Per epoch: the training loss and its components (means over the epoch's samples), prefixed
  /// `train/`, and the validation loss, components and metrics, prefixed `val/`.
  private(set) var history = History()
  /// The number of epochs run.
  private(set) var epochCount = 0
  /// Per epoch, each validation flower's loss components, combined loss, prediction, confidence,
  /// probability of its true class and correctness, by its row in `IrisData`.
  private(set) var samples = SampleHistory(axis: .epoch)

  init(_ configuration: Configuration, loss: DemoLosses.DemoLoss) {
    self.configuration = configuration
    self.loss = loss
    var generator = SeededGenerator(seed: configuration.seed)
    data = DemoData(validationPerClass: configuration.validationPerClass, generator: &generator)
    model = DemoModel(
      inputs: DemoData.featureCount, hidden: configuration.hidden, classes: DemoData.classCount,
      generator: &generator)
    self.generator = generator
  }

  /// Trains one more epoch and validates.
  mutating func runEpoch() throws(ObjectiveError) {
    let train = data.train
    let d = DemoData.featureCount
    var trainLoss = loss.emptied()
    let order = generator.shuffled(Array(0..<train.count))
    var start = 0
    while start < order.count {
      let rows = order[start..<min(start + configuration.batchSize, order.count)]
      start += configuration.batchSize
      var x: [Double] = []
      x.reserveCapacity(rows.count * d)
      for r in rows { x += train.features[(r * d)..<(r * d + d)] }
      let targets = rows.map { train.labels[$0] }
      model.step(
        try parameterGradient(x, targets, loss: &trainLoss), learningRate: configuration.learningRate)
    }

    let validation = data.validation
    // The loss with the metrics joined: one forward updates both, compute reports both.
    var validationObjective = try loss.emptied() | Self.validationMetrics(configuration.metrics)
    let logits = model.forward(validation.features).logits
    var perSample = SampleTable()
    try validationObjective.forward(
      logits, validation.labels, recording: &perSample, exampleIDs: validation.rows)
    epochCount += 1
    try samples.record(perSample, at: epochCount)
    let quantities = try SampleQuantities.multiclass(
      logits, validation.labels, numClasses: DemoData.classCount,
      options: ClassificationOptions(inputKind: .logits))
    try samples.record(
      time: epochCount, exampleIDs: validation.rows,
      columns: quantities.pairs.filter { $0.0 != "loss" && $0.0 != "target" }.map {
        ($0.0, $0.1.map(Optional.some))
      })
    var results = trainLoss.compute().renamed(prefix: "train/")
    results.append(contentsOf: validationObjective.compute().renamed(prefix: "val/"))
    try history.log(results, epoch: epochCount)
  }

  /// The gradient of the batch's loss with respect to the parameters; the loss records the batch.
  func parameterGradient(_ x: [Double], _ targets: [Int], loss: inout DemoLosses.DemoLoss)
    throws(ObjectiveError) -> [Double]
  {
    if configuration.autodiff { return try autodiffGradient(x, targets, loss: &loss) }
    let (hidden, logits) = model.forward(x)
    let (_, gradient) = try loss.forwardWithGradient(logits, targets)
    return model.backward(x, hidden: hidden, logitGradient: gradient)
  }

  /// The confusion matrix of the validation set after the last epoch (row = true class).
  var validationConfusion: MetricValue? { history["val/confmat"]?.last }

  /// The validation metrics by default: macro accuracy, F1 and AUROC and the confusion matrix.
  static let defaultMetrics: [ClassificationMetric] = [.accuracy, .f1, .auroc, .confusionMatrix]

  /// The validation `metrics`, from logits.
  static func validationMetrics(_ metrics: [ClassificationMetric] = defaultMetrics) throws(ObjectiveError)
    -> MulticlassClassification<Double>
  {
    try multiclassMetrics(numClasses: DemoData.classCount, inputKind: .logits, metrics: metrics)
  }

  // MARK: Checkpoints

  /// What a checkpoint holds besides the history: the weights with the optimiser's moments, the
  /// generator that orders the next epoch's batches, and the validation flowers' per-sample history.
  struct Snapshot: Codable, Sendable {
    var model: DemoModel
    var generator: SeededGenerator
    var samples: SampleHistory
  }

  /// The run a checkpoint belongs to: everything that shapes it except the number of epochs (a
  /// finished run resumed with more epochs continues).
  var checkpointConfiguration: String {
    let c = configuration
    return "seed \(c.seed), loss \(c.formula), hidden \(c.hidden), batch \(c.batchSize), "
      + "learning rate \(c.learningRate), validation \(c.validationPerClass) per class"
  }

  /// The run after the epochs completed so far.
  var checkpoint: TrainingCheckpoint<Snapshot> {
    TrainingCheckpoint(
      configuration: checkpointConfiguration, epoch: epochCount, history: history,
      payload: Snapshot(model: model, generator: generator, samples: samples))
  }

  /// Continues from `checkpoint`, a run of this configuration.
  /// - Throws: `ObjectiveError.incompatibleState` when its model does not have this model's layout.
  mutating func resume(from checkpoint: TrainingCheckpoint<Snapshot>) throws(ObjectiveError) {
    guard checkpoint.payload.model.hasLayout(of: model) else {
      throw .incompatibleState("the checkpoint's model does not have the layout of this run's model")
    }
    model = checkpoint.payload.model
    generator = checkpoint.payload.generator
    samples = checkpoint.payload.samples
    history = checkpoint.history
    epochCount = checkpoint.epoch
  }

  /// Trains up to `configuration.epochs` epochs. With a checkpoint `path`, resumes from the file
  /// when it exists and writes it atomically after every epoch, so a run killed at any moment
  /// continues where it stopped and ends with the same results as a run never interrupted.
  mutating func train(checkpoint path: String?, progress: (Int) -> Void) throws(ObjectiveError) {
    if let path,
      let saved = try TrainingCheckpoint<Snapshot>.read(from: path, configuration: checkpointConfiguration)
    {
      try resume(from: saved)
    }
    while epochCount < configuration.epochs {
      try runEpoch()
      if let path { try checkpoint.write(to: path) }
      progress(epochCount)
    }
  }
}
