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
    var validationObjective = try loss.emptied() | Self.validationMetrics()
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

  /// The validation metrics: macro accuracy, F1 and AUROC and the confusion matrix, from logits.
  static func validationMetrics() throws(ObjectiveError) -> MulticlassClassification<Double> {
    try multiclassMetrics(
      numClasses: DemoData.classCount, inputKind: .logits,
      metrics: [.accuracy, .f1, .auroc, .confusionMatrix])
  }
}
