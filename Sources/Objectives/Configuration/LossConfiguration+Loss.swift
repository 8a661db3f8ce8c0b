extension Loss where Output == [Double], Target == [Double], Value == Double {
  /// The loss a configuration defines, over flat row-major outputs and targets of `Double`s
  /// (regression, or distributions for `kl_divergence`). Every leaf is minimised.
  ///
  /// ```swift
  /// let configuration = try LossConfiguration(text: "1*L1+0.5*MSE")
  /// var loss = try Loss<[Double], [Double], Double>(configuration: configuration)
  /// try loss.forward([0.5, 2], [1, 1])   // 0.75 + 0.5 × 0.625
  /// ```
  /// - Parameters:
  ///   - configuration: The configuration.
  ///   - width: The elements per sample for leaves that do not give their `width` (and the
  ///     `classes` of `kl_divergence`); 1 when `nil`.
  /// - Throws: `LossConfigurationError` at the leaf's path for a parameter the loss refuses or a
  ///   `cross_entropy` leaf (it takes class indices: use `init(configuration:classes:)`).
  public init(configuration: LossConfiguration, width: Int? = nil) throws(LossConfigurationError) {
    var table: [String: Loss] = [:]
    for leaf in configuration.leaves {
      var parameters = leaf.parameters
      if let width {
        let key = leaf.loss == "kl_divergence" ? "classes" : "width"
        if parameters[key] == nil { parameters[key] = .number(Double(width)) }
      }
      switch try leaf.builtin(parameters) {
      case .elementwise(let l): table[leaf.name] = Loss(l, name: leaf.name)
      case .klDivergence(let l): table[leaf.name] = Loss(l, name: leaf.name)
      case .crossEntropy:
        throw LossConfigurationError(
          path: leaf.path,
          "cross_entropy takes class indices: build the loss with Loss<[Double], [Int], Double>(configuration:classes:)"
        )
      }
    }
    self = try configuration.composed(table)
  }
}

extension Loss where Output == [Double], Target == [Int], Value == Double {
  /// The loss a configuration defines over logits of `classes` classes (flat row-major,
  /// `n × classes`) and class indices, as a classifier is trained:
  ///
  /// | Leaf | Applied to |
  /// |---|---|
  /// | `cross_entropy` | the logits and the class indices |
  /// | `kl_divergence` (input `logits`) | the logits and the one-hot targets |
  /// | `binary_cross_entropy_with_logits`, `hinge` (labels `binary`) | the logits and the one-hot targets, one-vs-rest |
  /// | `mse`, `mae`, `huber`, `smooth_l1`, `binary_cross_entropy` | the softmax probabilities and the one-hot targets |
  ///
  /// `classes`, `width`, hinge's `labels` and KL's `input` take these values when the leaf does not
  /// give them. Each leaf's vector-Jacobian product is carried back to the logits, so the loss
  /// has gradients (`forwardWithGradient`).
  /// - Throws: `LossConfigurationError` at the leaf's path for a leaf that does not fit such
  ///   outputs (`width` or `classes` other than `classes`, signed hinge labels, KL over
  ///   log-probabilities or log targets) or a parameter the loss refuses.
  public init(configuration: LossConfiguration, classes: Int) throws(LossConfigurationError) {
    var table: [String: Loss] = [:]
    for leaf in configuration.leaves {
      let parameters = try leaf.fittingLogits(classes: classes)
      let builtin = try leaf.builtin(parameters)
      switch builtin {
      case .crossEntropy(let l): table[leaf.name] = Loss(l, name: leaf.name)
      case .klDivergence(let l): table[leaf.name] = ClassIndexLeaves.onLogits(leaf.name, l, classes: classes)
      case .elementwise(let l):
        table[leaf.name] =
          ClassIndexLeaves.logitLosses.contains(leaf.loss)
          ? ClassIndexLeaves.onLogits(leaf.name, l, classes: classes)
          : ClassIndexLeaves.onProbabilities(leaf.name, l, classes: classes)
      }
    }
    self = try configuration.composed(table)
  }
}

extension LossConfiguration {
  /// The formula over `table`, with the configuration's parameters.
  func composed<O, T>(_ table: [String: Loss<O, T, Double>]) throws(LossConfigurationError) -> Loss<
    O, T, Double
  > {
    do throws(FormulaError) {
      return try Loss(parsing: formula, named: table, parameters: parameters)
    } catch {
      throw LossConfigurationError(path: "$.formula", formula: formula, error: error)
    }
  }

  /// The classification metrics to watch, in order.
  /// - Throws: `LossConfigurationError` at `$.metrics[i]` for a name that is not a classification
  ///   metric.
  public func classificationMetrics() throws(LossConfigurationError) -> [ClassificationMetric] {
    var found: [ClassificationMetric] = []
    for (i, name) in metrics.enumerated() {
      guard let metric = ClassificationMetric(named: name) else {
        throw LossConfigurationError(path: "$.metrics[\(i)]", "\"\(name)\" is not a classification metric")
      }
      found.append(metric)
    }
    return found
  }

  /// The regression metrics to watch, in order.
  /// - Throws: `LossConfigurationError` at `$.metrics[i]` for a name that is not a regression metric.
  public func regressionMetrics() throws(LossConfigurationError) -> [RegressionMetric] {
    var found: [RegressionMetric] = []
    for (i, name) in metrics.enumerated() {
      guard let metric = RegressionMetric(named: name) else {
        throw LossConfigurationError(path: "$.metrics[\(i)]", "\"\(name)\" is not a regression metric")
      }
      found.append(metric)
    }
    return found
  }
}

extension LossConfiguration.Leaf {
  /// The built-in loss with `parameters` (named after the leaf).
  func builtin(_ parameters: [String: LossParameter]) throws(LossConfigurationError) -> BuiltinLoss {
    var named = parameters
    named["name"] = .text(name)
    do throws(ObjectiveError) {
      return try BuiltinLoss(named: loss, parameters: named)
    } catch {
      var message = error.description
      if case .invalidArgument(let reason) = error { message = reason }
      throw LossConfigurationError(path: path, message)
    }
  }

  /// The parameters with the values that fit logits of `classes` classes filled in.
  func fittingLogits(classes: Int) throws(LossConfigurationError) -> [String: LossParameter] {
    var values = parameters
    let size = LossParameter.number(Double(classes))
    func require(_ key: String, _ value: LossParameter, _ why: String) throws(LossConfigurationError) {
      if let given = values[key], given != value {
        throw LossConfigurationError(
          path: path + JSONPath.member(key),
          "\(given.jsonText) does not fit logits of \(classes) classes: \(why)")
      }
      values[key] = value
    }
    let entry = try entry()
    let keys = entry.parameters.map(\.key)
    if keys.contains("classes") { try require("classes", size, "expected \(classes)") }
    if keys.contains("width") { try require("width", size, "expected \(classes)") }
    if loss == "hinge" { try require("labels", "binary", "the targets are one-hot (0 and 1)") }
    if loss == "kl_divergence" {
      try require("input", "logits", "the outputs are logits")
      try require("log_target", false, "the targets are one-hot probabilities")
    }
    return values
  }
}
