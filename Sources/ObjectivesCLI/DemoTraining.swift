import Objectives

/// The demo's training run: a small perceptron on Iris, trained with a composed loss whose gradient
/// comes from its leaves' vector-Jacobian products, validated after every epoch.
struct DemoTraining {
  struct Configuration: Sendable {
    var epochs = 40
    var seed: UInt64 = 42
    var formula = DemoLosses.defaultFormula
    var hidden = 16
    var batchSize = 16
    var learningRate = 0.02
    var validationPerClass = 10
  }

  /// What one epoch produced: the training loss (mean over the epoch's samples) and the validation
  /// loss and metrics, prefixed `val/`.
  struct Epoch: Sendable {
    var number: Int
    var train: Results
    var validation: Results
  }

  let configuration: Configuration
  let loss: DemoLosses.DemoLoss
  let data: DemoData
  private(set) var model: DemoModel
  private var generator: SeededGenerator
  private(set) var epochs: [Epoch] = []
  /// The validation logits after the last epoch.
  private(set) var validationLogits: [Double] = []

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
      let targets = DemoTargets(labels: rows.map { train.labels[$0] }, classes: DemoData.classCount)
      let (hidden, logits) = model.forward(x)
      let (_, gradient) = try trainLoss.forwardWithGradient(logits, targets)
      model.step(
        model.backward(x, hidden: hidden, logitGradient: gradient), learningRate: configuration.learningRate)
    }

    let validation = data.validation
    var validationObjective = loss.emptied() | Self.validationMetrics()
    let logits = model.forward(validation.features).logits
    try validationObjective.forward(
      logits, DemoTargets(labels: validation.labels, classes: DemoData.classCount))
    validationLogits = logits
    epochs.append(
      Epoch(
        number: epochs.count + 1, train: trainLoss.compute(),
        validation: validationObjective.compute().renamed(prefix: "val/")))
  }

  /// The validation metrics joined to the loss.
  static func validationMetrics() -> Metric<[Double], DemoTargets> {
    Metric("acc", higherIsBetter: true) { (z: [Double], t: DemoTargets) in
      let k = t.classes
      return .samples(
        (0..<t.labels.count).map { i in
          let predicted = (0..<k).max { z[i * k + $0] < z[i * k + $1] } ?? 0
          return predicted == t.labels[i] ? 1 : 0
        })
    }
  }
}
