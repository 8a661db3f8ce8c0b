/// What the registry knows about each built-in loss besides how to build it: its display name,
/// the names it is also written under, its parameters with their kinds and defaults, and its
/// definition (for loss descriptions).
///
/// ```swift
/// BuiltinLoss.registryName(for: "L1")              // "mae"
/// BuiltinLoss.entry(named: "huber")?.displayName   // "Huber"
/// ```
public struct BuiltinLossEntry: Sendable {
  /// The registry name (`huber`).
  public let name: String
  /// The name a leaf gets when a configuration does not name it (`Huber`).
  public let displayName: String
  /// A one-line description of what the loss measures.
  public let summary: String
  /// The per-sample value as LaTeX math, with ŷ the output, y the target.
  public let latexDefinition: String
  /// The parameters it takes (besides `name`), in the order the documentation lists them.
  public let parameters: [BuiltinLossParameter]
}

/// One parameter of a built-in loss: its key, the kind of value it takes, and its default.
public struct BuiltinLossParameter: Sendable {
  /// What a parameter takes.
  public enum Kind: Sendable, Equatable {
    /// Any number.
    case number
    /// A whole number.
    case integer
    /// `true` or `false`.
    case flag
    /// One of these texts.
    case choice([String])
  }

  /// The key, as written in a configuration (`label_smoothing`).
  public let key: String
  /// The kind of value.
  public let kind: Kind
  /// The default as written in a configuration, or `nil` when the parameter is required.
  public let defaultValue: LossParameter?
  /// The symbol of the parameter in the LaTeX definition (`\delta`), if it appears there.
  public let symbol: String?

  init(_ key: String, _ kind: Kind, _ defaultValue: LossParameter?, symbol: String? = nil) {
    self.key = key
    self.kind = kind
    self.defaultValue = defaultValue
    self.symbol = symbol
  }
}

extension BuiltinLoss {
  /// Every built-in loss, sorted by registry name.
  public static let entries: [BuiltinLossEntry] = [
    BuiltinLossEntry(
      name: "binary_cross_entropy", displayName: "BCE",
      summary: "binary cross-entropy of probabilities against targets in [0, 1]",
      latexDefinition: #"-\left[y \log \hat{y} + (1 - y) \log(1 - \hat{y})\right]"#,
      parameters: [width]),
    BuiltinLossEntry(
      name: "binary_cross_entropy_with_logits", displayName: "BCEWithLogits",
      summary: "binary cross-entropy of logits against targets in [0, 1]",
      latexDefinition:
        #"-\left[w_{+}\, y \log \sigma(\hat{y}) + (1 - y) \log\left(1 - \sigma(\hat{y})\right)\right]"#,
      parameters: [BuiltinLossParameter("pos_weight", .number, 1, symbol: "w_{+}"), width]),
    BuiltinLossEntry(
      name: "cross_entropy", displayName: "CE",
      summary: "cross-entropy of logits against class indices, with label smoothing",
      latexDefinition:
        #"-\sum_{c=1}^{C} \left[(1 - \varepsilon)\, [c = y] + \frac{\varepsilon}{C}\right] \log \frac{e^{\hat{y}_c}}{\sum_{k=1}^{C} e^{\hat{y}_k}}"#,
      parameters: [
        BuiltinLossParameter("classes", .integer, nil, symbol: "C"),
        BuiltinLossParameter("label_smoothing", .number, 0, symbol: #"\varepsilon"#),
      ]),
    BuiltinLossEntry(
      name: "hinge", displayName: "Hinge",
      summary: "hinge loss of decision values against ±1 labels (0/1 labels mapped to ±1)",
      latexDefinition: #"\max\left(0,\; m - y \hat{y}\right)^{p}, \quad p = 2 \text{ if squared, else } 1"#,
      parameters: [
        BuiltinLossParameter("labels", .choice(["signed", "binary"]), "signed"),
        BuiltinLossParameter("margin", .number, 1, symbol: "m"),
        BuiltinLossParameter("squared", .flag, false, symbol: "p"), width,
      ]),
    BuiltinLossEntry(
      name: "huber", displayName: "Huber",
      summary: "squared error near the target, absolute error beyond δ",
      latexDefinition:
        #"\begin{cases} \frac{1}{2}(\hat{y} - y)^{2} & |\hat{y} - y| \leq \delta \\ \delta \left(|\hat{y} - y| - \frac{1}{2}\delta\right) & \text{otherwise} \end{cases}"#,
      parameters: [BuiltinLossParameter("delta", .number, 1, symbol: #"\delta"#), width]),
    BuiltinLossEntry(
      name: "kl_divergence", displayName: "KL",
      summary: "Kullback–Leibler divergence of the target distribution from the predicted one",
      latexDefinition:
        #"\sum_{c=1}^{C} y_c \left(\log y_c - \log q_c\right), \quad \log q = \hat{y} \text{ or } \log \operatorname{softmax}(\hat{y})"#,
      parameters: [
        BuiltinLossParameter("classes", .integer, nil, symbol: "C"),
        BuiltinLossParameter("input", .choice(["logProbabilities", "logits"]), "logProbabilities"),
        BuiltinLossParameter("log_target", .flag, false),
      ]),
    BuiltinLossEntry(
      name: "mae", displayName: "MAE", summary: "absolute error (L1)",
      latexDefinition: #"|\hat{y} - y|"#, parameters: [width]),
    BuiltinLossEntry(
      name: "mse", displayName: "MSE", summary: "squared error (L2)",
      latexDefinition: #"(\hat{y} - y)^{2}"#, parameters: [width]),
    BuiltinLossEntry(
      name: "smooth_l1", displayName: "SmoothL1",
      summary: "squared error divided by β near the target, absolute error beyond β",
      latexDefinition:
        #"\begin{cases} \frac{(\hat{y} - y)^{2}}{2\beta} & |\hat{y} - y| < \beta \\ |\hat{y} - y| - \frac{1}{2}\beta & \text{otherwise} \end{cases}"#,
      parameters: [BuiltinLossParameter("beta", .number, 1, symbol: #"\beta"#), width]),
  ]

  /// `width`: the elements per sample, averaged.
  static let width = BuiltinLossParameter("width", .integer, 1)

  /// Other spellings of the registry names (matched ignoring case, `-` and `_`), as EDSR, PyTorch
  /// and MMDetection configurations write them.
  public static let nameAliases: [String: String] = [
    "l1": "mae", "l1loss": "mae", "l2": "mse", "l2loss": "mse", "mseloss": "mse", "ce": "cross_entropy",
    "crossentropy": "cross_entropy", "crossentropyloss": "cross_entropy", "bce": "binary_cross_entropy",
    "bceloss": "binary_cross_entropy", "bcewithlogits": "binary_cross_entropy_with_logits",
    "bcewithlogitsloss": "binary_cross_entropy_with_logits", "kl": "kl_divergence", "kldiv": "kl_divergence",
    "kldivloss": "kl_divergence", "huberloss": "huber", "smoothl1": "smooth_l1", "smoothl1loss": "smooth_l1",
    "hingeloss": "hinge",
  ]

  /// The entry of the loss called `name` (a registry name, a display name or an alias), or `nil`.
  public static func entry(named name: String) -> BuiltinLossEntry? {
    guard let registryName = registryName(for: name) else { return nil }
    return entries.first { $0.name == registryName }
  }

  /// The registry name for `name`: itself when it is one, else the loss whose registry name,
  /// display name or alias matches it ignoring case, `-` and `_` (`L1` → `mae`, `Huber` → `huber`).
  public static func registryName(for name: String) -> String? {
    if parameterNames[name] != nil { return name }
    let folded = fold(name)
    if let entry = entries.first(where: { fold($0.name) == folded || fold($0.displayName) == folded }) {
      return entry.name
    }
    return nameAliases[folded]
  }

  private static func fold(_ name: String) -> String {
    String(name.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " })
  }
}
