/// One parameter of a built-in loss, as a configuration gives it: a number, a flag or a text.
public enum LossParameter: Sendable, Hashable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByStringLiteral
{
  /// A number (integers too: `classes`, `width`).
  case number(Double)
  /// A flag (`squared`, `log_target`).
  case flag(Bool)
  /// A text (`labels`, `input`, `name`).
  case text(String)

  /// A number from a literal.
  public init(floatLiteral value: Double) { self = .number(value) }
  /// A number from an integer literal.
  public init(integerLiteral value: Int) { self = .number(Double(value)) }
  /// A flag from a literal.
  public init(booleanLiteral value: Bool) { self = .flag(value) }
  /// A text from a literal.
  public init(stringLiteral value: String) { self = .text(value) }
}

/// A built-in loss made from its name and parameters: the registry of the library's losses.
///
/// | Name | Parameters (default) |
/// |---|---|
/// | `cross_entropy` | `classes` (required), `label_smoothing` (0) |
/// | `mse`, `mae`, `binary_cross_entropy` | `width` (1) |
/// | `huber` | `delta` (1), `width` (1) |
/// | `smooth_l1` | `beta` (1), `width` (1) |
/// | `binary_cross_entropy_with_logits` | `pos_weight` (1), `width` (1) |
/// | `hinge` | `labels` (`signed` or `binary`), `margin` (1), `squared` (false), `width` (1) |
/// | `kl_divergence` | `classes` (required), `input` (`logProbabilities` or `logits`), `log_target` (false) |
///
/// Every loss also takes `name`, the key it is reported under (its registry name by default).
///
/// ```swift
/// let huber = try BuiltinLoss(named: "huber", parameters: ["delta": 0.5])
/// ```
public enum BuiltinLoss: Sendable {
  /// `cross_entropy`: logits against class indices.
  case crossEntropy(CrossEntropyLoss)
  /// `kl_divergence`: rows of (log-)probabilities or logits against target distributions.
  case klDivergence(KLDivergenceLoss)
  /// The elementwise losses: `mse`, `mae`, `huber`, `smooth_l1`, `binary_cross_entropy`,
  /// `binary_cross_entropy_with_logits`, `hinge`.
  case elementwise(any ElementwiseLoss)

  /// The parameters each loss takes (besides `name`), by loss name.
  public static let parameterNames: [String: [String]] = Dictionary(
    uniqueKeysWithValues: entries.map { ($0.name, $0.parameters.map(\.key)) })

  /// Every loss name, sorted.
  public static var names: [String] { parameterNames.keys.sorted() }

  /// The loss called `name` with `parameters`; absent parameters take their defaults.
  /// - Throws: `ObjectiveError.invalidArgument` naming an unknown loss (with the known names), an
  ///   unknown parameter (with the loss's parameters), a parameter of the wrong kind, a missing
  ///   required one, or a value the loss refuses.
  public init(named name: String, parameters: [String: LossParameter] = [:]) throws(ObjectiveError) {
    guard let accepted = Self.parameterNames[name] else {
      throw .invalidArgument("unknown loss \"\(name)\" (known: \(Self.names.joined(separator: ", ")))")
    }
    for key in parameters.keys.sorted() where key != "name" && !accepted.contains(key) {
      throw .invalidArgument(
        "loss \"\(name)\": unknown parameter \"\(key)\" (known: \((accepted + ["name"]).joined(separator: ", ")))"
      )
    }
    let p = Parameters(loss: name, values: parameters)
    let key = try p.text("name") ?? name
    switch name {
    case "cross_entropy":
      self = .crossEntropy(
        try CrossEntropyLoss(
          numClasses: try p.integer("classes", required: true),
          labelSmoothing: try p.number("label_smoothing") ?? 0,
          name: key))
    case "kl_divergence":
      let inputText = try p.text("input") ?? KLDivergenceLoss.Input.logProbabilities.rawValue
      guard let input = KLDivergenceLoss.Input(rawValue: inputText) else {
        throw p.error("input", "must be logProbabilities or logits, got \"\(inputText)\"")
      }
      self = .klDivergence(
        try KLDivergenceLoss(
          numClasses: try p.integer("classes", required: true), input: input,
          logTarget: try p.flag("log_target") ?? false, name: key))
    case "hinge":
      let labelsText = try p.text("labels") ?? HingeLoss.Labels.signed.rawValue
      guard let labels = HingeLoss.Labels(rawValue: labelsText) else {
        throw p.error("labels", "must be signed or binary, got \"\(labelsText)\"")
      }
      self = .elementwise(
        HingeLoss(
          labels: labels, margin: try p.number("margin") ?? 1, squared: try p.flag("squared") ?? false,
          width: try p.width(), name: key))
    case "mse": self = .elementwise(MSELoss(width: try p.width(), name: key))
    case "mae": self = .elementwise(MAELoss(width: try p.width(), name: key))
    case "huber":
      self = .elementwise(try HuberLoss(delta: try p.number("delta") ?? 1, width: try p.width(), name: key))
    case "smooth_l1":
      self = .elementwise(try SmoothL1Loss(beta: try p.number("beta") ?? 1, width: try p.width(), name: key))
    case "binary_cross_entropy": self = .elementwise(BinaryCrossEntropyLoss(width: try p.width(), name: key))
    default:
      self = .elementwise(
        BinaryCrossEntropyWithLogitsLoss(
          positiveWeight: try p.number("pos_weight") ?? 1, width: try p.width(), name: key))
    }
  }

  /// The loss, whatever its kind.
  public var loss: any PerSampleLoss {
    switch self {
    case .crossEntropy(let l): return l
    case .klDivergence(let l): return l
    case .elementwise(let l): return l
    }
  }

  /// The parameters of one `init(named:parameters:)` call, read by kind.
  private struct Parameters {
    let loss: String
    let values: [String: LossParameter]

    func error(_ key: String, _ problem: String) -> ObjectiveError {
      .invalidArgument("loss \"\(loss)\": parameter \"\(key)\" \(problem)")
    }

    func number(_ key: String) throws(ObjectiveError) -> Double? {
      switch values[key] {
      case nil: return nil
      case .number(let v)?: return v
      case let other?: throw error(key, "must be a number, got \(other)")
      }
    }

    func integer(_ key: String, required: Bool = false) throws(ObjectiveError) -> Int {
      guard let v = try number(key) else {
        if required { throw error(key, "is required") }
        return 1
      }
      guard let i = Int(exactly: v) else { throw error(key, "must be an integer, got \(v)") }
      return i
    }

    func width() throws(ObjectiveError) -> Int {
      let w = try integer("width")
      guard w >= 1 else { throw error("width", "must be at least 1, got \(w)") }
      return w
    }

    func flag(_ key: String) throws(ObjectiveError) -> Bool? {
      switch values[key] {
      case nil: return nil
      case .flag(let b)?: return b
      case let other?: throw error(key, "must be true or false, got \(other)")
      }
    }

    func text(_ key: String) throws(ObjectiveError) -> String? {
      switch values[key] {
      case nil: return nil
      case .text(let s)?: return s
      case let other?: throw error(key, "must be a text, got \(other)")
      }
    }
  }
}
