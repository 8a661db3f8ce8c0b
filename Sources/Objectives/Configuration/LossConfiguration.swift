import Foundation

/// A loss defined in a file: a formula over named leaves, each a built-in loss of the registry
/// with its parameters, and the metrics to watch beside it.
///
/// Three shapes are read (see ``init(text:)``):
/// - an object with a `formula` and its `leaves`:
///   `{"formula": "[CE] + 0.5 x [Huber]", "leaves": {"CE": {"loss": "cross_entropy",
///   "label_smoothing": 0.1}, "Huber": {"loss": "huber", "delta": 0.5}}, "metrics": ["accuracy"]}`;
///   without `leaves`, each `[name]` of the formula is a built-in loss's name;
/// - a weighted list, as CoreNet and MMDetection configurations write it:
///   `[{"loss": "l1", "weight": 1}, {"loss": "mse", "weight": 0.5}]` (also under the key
///   `losses` of an object, beside `metrics`); each entry may give its leaf a `name`;
/// - an EDSR-style string, `1*L1+0.5*MSE`, as the whole file or as the `formula` of an object
///   (over built-in losses by name, or over the object's `leaves`).
///
/// ```swift
/// let configuration = try LossConfiguration(text: #"{"formula": "[MSE] + 0.5 x [L1]"}"#)
/// configuration.leaves.map(\.loss)       // ["mse", "mae"]
/// let loss = try Loss<[Double], [Double], Double>(configuration: configuration)
/// ```
public struct LossConfiguration: Sendable, Equatable {
  /// One leaf: the name the formula writes in brackets, the built-in loss and its parameters.
  public struct Leaf: Sendable, Equatable {
    /// The leaf's name in the formula and the results.
    public var name: String
    /// The registry name of the built-in loss (`huber`).
    public var loss: String
    /// The parameters given, by key; the others take their defaults.
    public var parameters: [String: LossParameter]
    /// Where the leaf was defined, as a JSON path (`$.leaves.Huber`), for messages.
    public var path: String

    /// A leaf named `name` computing the built-in `loss` (a registry name, display name or alias).
    public init(name: String, loss: String, parameters: [String: LossParameter] = [:], path: String? = nil) {
      self.name = name
      self.loss = BuiltinLoss.registryName(for: loss) ?? loss
      self.parameters = parameters
      self.path = path ?? "$.leaves" + JSONPath.member(name)
    }
  }

  /// The formula in DRYTorch's notation, each leaf written `[name]`.
  public var formula: String
  /// The leaves, in the order of their first appearance in the formula.
  public var leaves: [Leaf]
  /// The values of the formula's `{parameters}`.
  public var parameters: [String: Double]
  /// The names of the metrics to watch (registry names of `ClassificationMetric(named:)` or
  /// `RegressionMetric(named:)`).
  public var metrics: [String]

  /// A configuration from its parts, checked: the formula parses, every `[name]` is a leaf, every
  /// leaf is used, every loss and parameter is known with a value of the right kind, every `{name}`
  /// has a value and every metric name is known.
  /// - Throws: `LossConfigurationError` naming the JSON path of the problem (`$.formula` with the
  ///   position in the formula, `$.leaves.<name>.<parameter>`, `$.metrics[<i>]`).
  public init(
    formula: String, leaves: [Leaf], parameters: [String: Double] = [:], metrics: [String] = []
  ) throws(LossConfigurationError) {
    let names: [String]
    let parameterNames: [String]
    do throws(FormulaError) {
      names = try FormulaSyntax.leafNames(in: formula)
      parameterNames = try FormulaSyntax.parameterNames(in: formula)
    } catch {
      throw LossConfigurationError(path: "$.formula", formula: formula, error: error)
    }
    var ordered: [Leaf] = []
    for name in names {
      guard let leaf = leaves.first(where: { $0.name == name }) else {
        throw LossConfigurationError(
          path: "$.formula", formula: formula,
          error: .unknownName(name, position: Self.position(of: name, in: formula)),
          hint: "the leaves are " + leaves.map { "[\($0.name)]" }.joined(separator: ", "))
      }
      ordered.append(leaf)
    }
    for leaf in leaves where !names.contains(leaf.name) {
      throw LossConfigurationError(path: leaf.path, "the formula does not use [\(leaf.name)]")
    }
    for leaf in leaves { try leaf.check() }
    for name in parameterNames where parameters[name] == nil {
      throw LossConfigurationError(
        path: "$.parameters", "the formula's parameter {\(name)} needs a value")
    }
    for name in parameters.keys.sorted() where !parameterNames.contains(name) {
      throw LossConfigurationError(
        path: "$.parameters" + JSONPath.member(name), "the formula has no parameter {\(name)}")
    }
    for (i, name) in metrics.enumerated()
    where ClassificationMetric(named: name) == nil && RegressionMetric(named: name) == nil {
      throw LossConfigurationError(
        path: "$.metrics[\(i)]",
        "unknown metric \"\(name)\" (known: "
          + (ClassificationMetric.knownNames + RegressionMetric.knownNames).joined(separator: ", ") + ")")
    }
    self.formula = formula
    self.leaves = ordered
    self.parameters = parameters
    self.metrics = metrics
  }

  /// Reads a configuration from the text of a file: JSON (an object or a weighted list, see the
  /// type's documentation) or an EDSR-style string such as `1*L1+0.5*MSE`.
  /// - Throws: `LossConfigurationError` with the line and column of malformed JSON, or the JSON
  ///   path of the problem.
  public init(text: String) throws(LossConfigurationError) {
    self = try LossConfigurationReader.read(text)
  }

  /// Reads a configuration from JSON (or EDSR-style) text in UTF-8.
  public init(json: Data) throws(LossConfigurationError) {
    guard let text = String(data: json, encoding: .utf8) else {
      throw LossConfigurationError(path: "$", "the configuration is not UTF-8 text")
    }
    try self.init(text: text)
  }

  /// Reads a configuration from a file.
  public init(contentsOf url: URL) throws(LossConfigurationError) {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw LossConfigurationError(path: "$", "cannot read \(url.path): \(error.localizedDescription)")
    }
    try self.init(json: data)
  }

  /// The 0-based character position of the first `[name]` in `formula` (0 when not found).
  static func position(of name: String, in formula: String) -> Int {
    let characters = Array(formula)
    let target = Array("[" + name + "]")
    guard characters.count >= target.count else { return 0 }
    for start in 0...(characters.count - target.count)
    where Array(characters[start..<(start + target.count)]) == target {
      return start
    }
    return 0
  }
}

extension LossConfiguration.Leaf {
  /// The registry entry of the leaf's loss.
  /// - Throws: `LossConfigurationError` at `path.loss` for an unknown loss.
  public func entry() throws(LossConfigurationError) -> BuiltinLossEntry {
    guard let entry = BuiltinLoss.entry(named: loss) else {
      throw LossConfigurationError(
        path: path + ".loss",
        "unknown loss \"\(loss)\" (known: \(BuiltinLoss.names.joined(separator: ", ")))")
    }
    return entry
  }

  /// Checks the loss name and that every parameter is known and of the right kind.
  func check() throws(LossConfigurationError) {
    let entry = try entry()
    for key in parameters.keys.sorted() {
      guard let parameter = entry.parameters.first(where: { $0.key == key }) else {
        throw LossConfigurationError(
          path: path + JSONPath.member(key),
          "unknown parameter of \(entry.name) (known: \(entry.parameters.map(\.key).joined(separator: ", ")))"
        )
      }
      if let problem = parameter.problem(with: parameters[key]) {
        throw LossConfigurationError(path: path + JSONPath.member(key), problem)
      }
    }
  }
}

extension BuiltinLossParameter {
  /// What is wrong with `value` for this parameter, or `nil` when it fits.
  func problem(with value: LossParameter?) -> String? {
    guard let value else { return nil }
    switch (kind, value) {
    case (.number, .number), (.flag, .flag): return nil
    case (.integer, .number(let v)) where Int(exactly: v) != nil: return nil
    case (.choice(let options), .text(let t)) where options.contains(t): return nil
    default: return "expected \(expected), got \(value.jsonText)"
    }
  }

  /// What the parameter takes, for messages: `a number`, `one of "signed", "binary"`.
  var expected: String {
    switch kind {
    case .number: return "a number"
    case .integer: return "a whole number"
    case .flag: return "true or false"
    case .choice(let options): return "one of " + options.map { "\"\($0)\"" }.joined(separator: ", ")
    }
  }
}

extension LossParameter {
  /// The value as JSON text: `0.5`, `true`, `"x"`.
  public var jsonText: String {
    switch self {
    case .number(let v): return JSONText.number(v).text
    case .flag(let b): return b ? "true" : "false"
    case .text(let s): return JSONText.quote(s)
    }
  }
}

/// JSON paths for messages: `$.leaves.Huber.delta`, `$[1].weight`, `$.leaves["two words"]`.
enum JSONPath {
  /// `.key`, or `["key"]` when the key is not a plain identifier.
  static func member(_ key: String) -> String {
    guard let first = key.unicodeScalars.first, !("0"..."9").contains(first),
      key.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0) })
    else { return "[" + JSONText.quote(key) + "]" }
    return "." + key
  }
}
