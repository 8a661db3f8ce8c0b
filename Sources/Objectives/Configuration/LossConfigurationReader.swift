/// Reads the three shapes of a loss configuration (see `LossConfiguration`) into its parts,
/// naming the JSON path of every problem.
enum LossConfigurationReader {
  /// The keys of a configuration object.
  static let objectKeys = ["formula", "leaves", "losses", "parameters", "metrics"]

  static func read(_ text: String) throws(LossConfigurationError) -> LossConfiguration {
    let trimmed = text.trimmingWhitespace
    guard let first = trimmed.first else {
      throw LossConfigurationError(path: "$", "the configuration is empty")
    }
    // A weighted list opens with `[{` (or is `[]`); any other `[` starts a bracketed formula.
    let afterFirst = trimmed.dropFirst().first { $0 != " " && $0 != "\t" && $0 != "\n" && $0 != "\r" }
    let isList = first == "[" && (afterFirst == "{" || afterFirst == "]")
    guard first == "{" || isList || first == "\"" else {
      return try formulaOnly(trimmed, path: "$", parameters: [:], metrics: [])
    }
    let json: JSONText
    do throws(ObjectiveError) {
      json = try JSONText.parse(Substring(text), lineNumber: 1)
    } catch {
      guard case .malformedInput(_, let column, let reason) = error else {
        throw LossConfigurationError(path: "$", error.description)
      }
      let (line, lineColumn) = Self.lineAndColumn(ofByte: column - 1, in: text)
      throw LossConfigurationError(
        path: "$", "malformed JSON at line \(line), column \(lineColumn): \(reason)")
    }
    switch json {
    case .string(let formula): return try formulaOnly(formula, path: "$", parameters: [:], metrics: [])
    case .array(let entries): return try weightedList(entries, path: "$", parameters: [:], metrics: [])
    case .object(let pairs): return try object(pairs)
    default:
      throw LossConfigurationError(path: "$", "expected an object, a list or a formula, got \(json.text)")
    }
  }

  /// `{"formula": …, "leaves": {…}, "parameters": {…}, "metrics": […]}` or `{"losses": […], …}`.
  static func object(_ pairs: [(String, JSONText)]) throws(LossConfigurationError) -> LossConfiguration {
    for (key, _) in pairs where !objectKeys.contains(key) {
      throw LossConfigurationError(
        path: "$" + JSONPath.member(key), "unknown key (known: \(objectKeys.joined(separator: ", ")))")
    }
    let value = JSONText.object(pairs)
    let metrics = try strings(value["metrics"], path: "$.metrics")
    let parameters = try numbers(value["parameters"], path: "$.parameters")
    if let losses = value["losses"] {
      for key in ["formula", "leaves"] where value[key] != nil {
        throw LossConfigurationError(path: "$." + key, "give either \"losses\" or \"formula\", not both")
      }
      guard case .array(let entries) = losses else {
        throw LossConfigurationError(path: "$.losses", "expected a list of losses, got \(losses.text)")
      }
      return try weightedList(entries, path: "$.losses", parameters: parameters, metrics: metrics)
    }
    guard let formulaValue = value["formula"] else {
      throw LossConfigurationError(path: "$", "missing \"formula\" (or a \"losses\" list)")
    }
    guard case .string(let formula) = formulaValue else {
      throw LossConfigurationError(
        path: "$.formula", "expected a formula in quotes, got \(formulaValue.text)")
    }
    guard let leavesValue = value["leaves"] else {
      return try formulaOnly(formula, path: "$.formula", parameters: parameters, metrics: metrics)
    }
    guard case .object(let leafPairs) = leavesValue else {
      throw LossConfigurationError(
        path: "$.leaves", "expected an object of leaves by name, got \(leavesValue.text)")
    }
    var leaves: [LossConfiguration.Leaf] = []
    for (name, spec) in leafPairs {
      let path = "$.leaves" + JSONPath.member(name)
      let (loss, values) = try leafSpec(spec, path: path, reserved: [])
      leaves.append(LossConfiguration.Leaf(name: name, loss: loss, parameters: values, path: path))
    }
    // An EDSR-style formula (no brackets) over the named leaves: `1*L1+0.5*Perceptual`.
    let bracketed = formula.contains("[") ? formula : try edsr(formula, path: "$.formula").0
    return try LossConfiguration(formula: bracketed, leaves: leaves, parameters: parameters, metrics: metrics)
  }

  /// `[{"loss": "l1", "weight": 1}, {"loss": "mse", "weight": 0.5, "name": "L2"}]`.
  static func weightedList(
    _ entries: [JSONText], path listPath: String, parameters: [String: Double], metrics: [String]
  ) throws(LossConfigurationError) -> LossConfiguration {
    guard !entries.isEmpty else {
      throw LossConfigurationError(path: listPath, "the list of losses is empty")
    }
    var leaves: [LossConfiguration.Leaf] = []
    var terms: [String] = []
    for (i, entry) in entries.enumerated() {
      let path = listPath + "[\(i)]"
      let (loss, values) = try leafSpec(entry, path: path, reserved: ["weight", "name"])
      var weight = 1.0
      if let w = entry["weight"] {
        guard let v = w.numberValue, !w.isString, v.isFinite else {
          throw LossConfigurationError(path: path + ".weight", "expected a finite number, got \(w.text)")
        }
        weight = v
      }
      var name = BuiltinLoss.entry(named: loss)?.displayName ?? loss
      if let n = entry["name"] {
        guard case .string(let s) = n, !s.isEmpty else {
          throw LossConfigurationError(path: path + ".name", "expected a name in quotes, got \(n.text)")
        }
        name = s
      }
      if let earlier = leaves.firstIndex(where: { $0.name == name }) {
        throw LossConfigurationError(
          path: path + ".name",
          "two leaves named \"\(name)\" (also \(listPath)[\(earlier)]); give each entry its own \"name\"")
      }
      leaves.append(LossConfiguration.Leaf(name: name, loss: loss, parameters: values, path: path))
      terms.append(term(weight: weight, leaf: name, first: terms.isEmpty))
    }
    return try LossConfiguration(
      formula: terms.joined(), leaves: leaves, parameters: parameters, metrics: metrics)
  }

  /// ` + 0.5 x [MSE]`, ` - 2 x [L1]`, `[CE]` (weight 1 first).
  static func term(weight: Double, leaf: String, first: Bool) -> String {
    let bracketed = "[" + escaped(leaf) + "]"
    let magnitude = abs(weight)
    let product = magnitude == 1 ? bracketed : NumberFormatting.shortest(magnitude) + " x " + bracketed
    let negative = weight < 0 || (weight == 0 && weight.sign == .minus)
    if first { return (negative ? "-" : "") + product }
    return (negative ? " - " : " + ") + product
  }

  /// A name as the formula tokenizer reads it inside brackets (`]` and `\\` escaped).
  static func escaped(_ name: String) -> String {
    name.replacing("\\", with: "\\\\").replacing("]", with: "\\]")
  }

  /// A leaf object: `"loss"` and the loss's parameters (plus the `reserved` keys, read elsewhere).
  static func leafSpec(_ spec: JSONText, path: String, reserved: [String]) throws(LossConfigurationError) -> (
    String, [String: LossParameter]
  ) {
    guard case .object(let pairs) = spec else {
      throw LossConfigurationError(
        path: path, "expected an object such as {\"loss\": \"mse\"}, got \(spec.text)")
    }
    guard let lossValue = spec["loss"] else {
      throw LossConfigurationError(
        path: path, "missing \"loss\" (known: \(BuiltinLoss.names.joined(separator: ", ")))")
    }
    guard case .string(let lossName) = lossValue else {
      throw LossConfigurationError(
        path: path + ".loss", "expected a loss name in quotes, got \(lossValue.text)")
    }
    guard let entry = BuiltinLoss.entry(named: lossName) else {
      throw LossConfigurationError(
        path: path + ".loss",
        "unknown loss \"\(lossName)\" (known: \(BuiltinLoss.names.joined(separator: ", ")))")
    }
    var values: [String: LossParameter] = [:]
    for (key, value) in pairs where key != "loss" && !reserved.contains(key) {
      let keyPath = path + JSONPath.member(key)
      guard let parameter = entry.parameters.first(where: { $0.key == key }) else {
        let known = ["loss"] + reserved + entry.parameters.map(\.key)
        throw LossConfigurationError(
          path: keyPath, "unknown key for \(entry.name) (known: \(known.joined(separator: ", ")))")
      }
      let read: LossParameter
      switch value {
      case .number(let v, _): read = .number(v)
      case .bool(let b): read = .flag(b)
      case .string(let s): read = .text(s)
      default:
        throw LossConfigurationError(path: keyPath, "expected \(parameter.expected), got \(value.text)")
      }
      if let problem = parameter.problem(with: read) { throw LossConfigurationError(path: keyPath, problem) }
      values[key] = read
    }
    return (entry.name, values)
  }

  /// `["accuracy", "f1"]`.
  static func strings(_ value: JSONText?, path: String) throws(LossConfigurationError) -> [String] {
    guard let value else { return [] }
    guard case .array(let items) = value else {
      throw LossConfigurationError(path: path, "expected a list of names, got \(value.text)")
    }
    var names: [String] = []
    for (i, item) in items.enumerated() {
      guard case .string(let s) = item else {
        throw LossConfigurationError(path: path + "[\(i)]", "expected a name in quotes, got \(item.text)")
      }
      names.append(s)
    }
    return names
  }

  /// `{"s": 0.5}`.
  static func numbers(_ value: JSONText?, path: String) throws(LossConfigurationError) -> [String: Double] {
    guard let value else { return [:] }
    guard case .object(let pairs) = value else {
      throw LossConfigurationError(path: path, "expected an object of numbers by name, got \(value.text)")
    }
    var numbers: [String: Double] = [:]
    for (key, item) in pairs {
      guard let v = item.numberValue else {
        throw LossConfigurationError(path: path + JSONPath.member(key), "expected a number, got \(item.text)")
      }
      numbers[key] = v
    }
    return numbers
  }

  /// The 1-based line and column (in UTF-8 bytes) of the byte at `offset`.
  static func lineAndColumn(ofByte offset: Int, in text: String) -> (Int, Int) {
    var line = 1
    var column = 1
    for (i, byte) in text.utf8.enumerated() {
      if i >= offset { break }
      if byte == 0x0A {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    return (line, column)
  }
}

extension String {
  /// The text without leading and trailing spaces, tabs and line breaks.
  var trimmingWhitespace: String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
      return ""
    }
    return String(self[start...end])
  }
}
