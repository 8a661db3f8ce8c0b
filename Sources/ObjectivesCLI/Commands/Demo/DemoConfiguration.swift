import Objectives

/// `demo --config FILE`: the loss and the watched metrics from a loss configuration, built by the
/// library over the demo network's logits for its 3 classes and the flowers' class indices.
enum DemoConfiguration {
  /// What the demo needs to know about its outputs, for messages.
  static let outputs =
    "The demo's network outputs logits for \(DemoData.classCount) classes and its targets are class indices."

  /// The loss of the configuration at `path` and the validation metrics: the configuration's
  /// metrics (the demo's own when it lists none) and the confusion matrix the chart needs.
  static func read(_ path: String) throws(CommandError) -> (DemoLosses.DemoLoss, [ClassificationMetric]) {
    let configuration = try LossConfigurationFile.read(path)
    do throws(LossConfigurationError) {
      let loss = try DemoLosses.DemoLoss(configuration: configuration, classes: DemoData.classCount)
      var metrics = try configuration.classificationMetrics()
      if metrics.isEmpty { metrics = DemoTraining.defaultMetrics }
      if !metrics.contains(where: { $0.kind == .confusionMatrix }) { metrics.append(.confusionMatrix) }
      return (loss, metrics)
    } catch {
      throw .failure("\(path): " + error.pointed + "\n" + outputs)
    }
  }
}
