import Foundation
import Testing

@testable import Objectives

/// Reading loss configurations: the three shapes, the registry's names, and errors that name the
/// JSON path and the formula position.
@Suite struct LossConfigurationTests {
  /// The message of the error `text` is refused with.
  func refusal(_ text: String) -> LossConfigurationError? {
    do throws(LossConfigurationError) {
      _ = try LossConfiguration(text: text)
      return nil
    } catch {
      return error
    }
  }

  @Test func formulaAndLeaves() throws {
    let c = try LossConfiguration(
      text: """
        {"formula": "[CE] + 0.5 x [Huber]", "leaves": {"Huber": {"loss": "huber", "delta": 0.5},
         "CE": {"loss": "cross_entropy", "label_smoothing": 0.1}}, "metrics": ["accuracy", "f1"]}
        """)
    #expect(c.formula == "[CE] + 0.5 x [Huber]")
    #expect(c.leaves.map(\.name) == ["CE", "Huber"])
    #expect(c.leaves.map(\.loss) == ["cross_entropy", "huber"])
    #expect(c.leaves[0].parameters == ["label_smoothing": .number(0.1)])
    #expect(c.leaves[1].path == "$.leaves.Huber")
    #expect(c.metrics == ["accuracy", "f1"])
    #expect(try c.classificationMetrics() == [.accuracy, .f1])
  }

  @Test func weightedListNamesLeavesByDisplayName() throws {
    let c = try LossConfiguration(text: #"[{"loss": "l1", "weight": 1}, {"loss": "mse", "weight": 0.5}]"#)
    #expect(c.formula == "[MAE] + 0.5 x [MSE]")
    #expect(c.leaves.map(\.loss) == ["mae", "mse"])
    let named = try LossConfiguration(
      text: #"{"losses": [{"loss": "huber", "weight": -2, "name": "H", "delta": 3}], "metrics": ["r2"]}"#)
    #expect(named.formula == "-2 x [H]")
    #expect(named.leaves[0].parameters == ["delta": .number(3)])
    #expect(try named.regressionMetrics().map(\.name) == ["r2"])
  }

  @Test func edsrStringsAsFileOrFormula() throws {
    let whole = try LossConfiguration(text: "1*L1+0.5*MSE\n")
    #expect(whole.formula == "[L1] + 0.5 x [MSE]")
    #expect(whole.leaves.map(\.loss) == ["mae", "mse"])
    let inside = try LossConfiguration(text: #"{"formula": "2*Huber - 1e-1*SmoothL1"}"#)
    #expect(inside.formula == "2 x [Huber] - 0.1 x [SmoothL1]")
    #expect(inside.leaves.map(\.loss) == ["huber", "smooth_l1"])
    let withLeaves = try LossConfiguration(
      text:
        #"{"formula": "1*L1+0.5*Soft", "leaves": {"L1": {"loss": "l1"}, "Soft": {"loss": "smooth_l1", "beta": 2}}}"#
    )
    #expect(withLeaves.formula == "[L1] + 0.5 x [Soft]")
    #expect(withLeaves.leaves.map(\.loss) == ["mae", "smooth_l1"])
    let quoted = try LossConfiguration(text: #""[CE] + 0.5 x [MSE]""#)
    #expect(quoted.leaves.map(\.loss) == ["cross_entropy", "mse"])
    let bare = try LossConfiguration(text: " [Huber]^2 + [MAE]\n")
    #expect(bare.formula == "[Huber]^2 + [MAE]")
    #expect(bare.leaves.map(\.loss) == ["huber", "mae"])
  }

  @Test func registryNamesDisplayNamesAndAliases() {
    #expect(BuiltinLoss.registryName(for: "L1") == "mae")
    #expect(BuiltinLoss.registryName(for: "SmoothL1Loss") == "smooth_l1")
    #expect(BuiltinLoss.registryName(for: "bce-with-logits") == "binary_cross_entropy_with_logits")
    #expect(BuiltinLoss.registryName(for: "VGG54") == nil)
    #expect(BuiltinLoss.entries.map(\.name) == BuiltinLoss.names)
    for entry in BuiltinLoss.entries {
      #expect(BuiltinLoss.registryName(for: entry.displayName) == entry.name)
    }
  }

  @Test func parameterErrorsNameTheJSONPath() {
    #expect(
      refusal(#"{"formula": "[H]", "leaves": {"H": {"loss": "huber", "delta": "x"}}}"#)?.description
        == #"$.leaves.H.delta: expected a number, got "x""#)
    #expect(
      refusal(#"{"formula": "[H]", "leaves": {"H": {"loss": "hinge", "squared": 1}}}"#)?.description
        == "$.leaves.H.squared: expected true or false, got 1")
    #expect(
      refusal(#"{"formula": "[H]", "leaves": {"H": {"loss": "mse", "width": 1.5}}}"#)?.description
        == "$.leaves.H.width: expected a whole number, got 1.5")
    #expect(
      refusal(#"[{"loss": "mse"}, {"loss": "huber", "weight": "big"}]"#)?.description
        == #"$[1].weight: expected a finite number, got "big""#)
    #expect(
      refusal(#"[{"loss": "mse"}, {"loss": "mse"}]"#)?.description
        == #"$[1].name: two leaves named "MSE" (also $[0]); give each entry its own "name""#)
    #expect(
      refusal(#"{"formula": "[H]", "leaves": {"two words": {"delta": 1}}}"#)?.path
        == #"$.leaves["two words"]"#)
  }

  @Test func unknownKeysAreRefusedWithTheKnownOnes() {
    #expect(
      refusal(#"{"formula": "[A]", "leafs": {}}"#)?.description
        == "$.leafs: unknown key (known: formula, leaves, losses, parameters, metrics)")
    #expect(
      refusal(#"{"formula": "[H]", "leaves": {"H": {"loss": "huber", "delt": 1}}}"#)?.description
        == "$.leaves.H.delt: unknown key for huber (known: loss, delta, width)")
    #expect(
      refusal(#"[{"loss": "mse", "wieght": 1}]"#)?.description
        == "$[0].wieght: unknown key for mse (known: loss, weight, name, width)")
    #expect(refusal(#"{"formula": "[A]", "leaves": {"A": {"loss": "vgg"}}}"#)?.path == "$.leaves.A.loss")
    #expect(refusal(#"{"formula": "[MSE]", "metrics": ["acc", "nope"]}"#)?.path == "$.metrics[1]")
  }

  @Test func formulaErrorsGiveThePosition() throws {
    let unknown = try #require(
      refusal(#"{"formula": "[CE] + 0.5 x [Hub]", "leaves": {"CE": {"loss": "cross_entropy"}}}"#))
    #expect(unknown.path == "$.formula")
    #expect(unknown.position == 13)
    #expect(unknown.pointed.hasSuffix("[CE] + 0.5 x [Hub]\n               ^"))
    let edsr = try #require(refusal("1*L1+0.5*VGG54"))
    #expect(edsr.position == 9)
    #expect(edsr.message.hasPrefix("unknown loss \"VGG54\" at position 9"))
    let syntax = try #require(refusal("1*L1+*MSE"))
    #expect(syntax.position == 5)
    let unused = refusal(#"{"formula": "[A]", "leaves": {"A": {"loss": "mse"}, "B": {"loss": "mae"}}}"#)
    #expect(unused?.description == "$.leaves.B: the formula does not use [B]")
  }

  @Test func malformedJSONGivesLineAndColumn() {
    #expect(
      refusal("{\"formula\": \"[A]\",\n \"leaves\": {\"A\": {\"loss\": \"mse\",}}}")?.description
        == "$: malformed JSON at line 2, column 33: expected a key in quotes")
  }

  @Test func readsFilesAndData() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("loss-\(UUID().uuidString).json")
    try Data(#"[{"loss": "huber", "delta": 0.25}]"#.utf8).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let fromFile = try LossConfiguration(contentsOf: url)
    #expect(fromFile == (try LossConfiguration(json: Data(#"[{"loss": "huber", "delta": 0.25}]"#.utf8))))
    #expect(fromFile.formula == "[Huber]")
    #expect(throws: LossConfigurationError.self) {
      try LossConfiguration(contentsOf: url.appendingPathExtension("missing"))
    }
    #expect(throws: LossConfigurationError.self) { try LossConfiguration(json: Data([0xFF, 0xFE, 0x00])) }
    #expect(refusal("  \n")?.description == "$: the configuration is empty")
    #expect(
      refusal("42")?.description == "$: unknown loss \"42\" at position 0 (known: "
        + BuiltinLoss.names.joined(separator: ", ")
        + ", or their display names BCE, BCEWithLogits, CE, Hinge, Huber, KL, MAE, MSE, SmoothL1)")
  }

  @Test func formulaParametersNeedValues() throws {
    let c = try LossConfiguration(
      text: #"{"formula": "exp(-{s}) x [MSE] + {s}", "parameters": {"s": 0.5}}"#)
    var loss = try Loss<[Double], [Double], Double>(configuration: c)
    #expect(try loss.forward([1], [3]) == exp(-0.5) * 4 + 0.5)
    #expect(refusal(#"{"formula": "{s} x [MSE]"}"#)?.path == "$.parameters")
    #expect(refusal(#"{"formula": "[MSE]", "parameters": {"t": 1}}"#)?.path == "$.parameters.t")
  }

  @Test func valuesFormRefusesClassIndexLosses() throws {
    let c = try LossConfiguration(text: "[CE] + [MSE]")
    #expect(throws: LossConfigurationError.self) { try Loss<[Double], [Double], Double>(configuration: c) }
    var loss = try Loss<[Double], [Int], Double>(configuration: c, classes: 2)
    let value = try loss.forward([0, 0], [1])
    #expect(abs(value - (log(2) + 0.25)) < 1e-15)
  }

  @Test func classesFormRefusesLeavesThatDoNotFitTheLogits() throws {
    func classRefusal(_ text: String) throws -> String? {
      let c = try LossConfiguration(text: text)
      do throws(LossConfigurationError) {
        _ = try Loss<[Double], [Int], Double>(configuration: c, classes: 3)
        return nil
      } catch {
        return error.description
      }
    }
    #expect(
      try classRefusal(#"{"formula": "[M]", "leaves": {"M": {"loss": "mse", "width": 4}}}"#)
        == "$.leaves.M.width: 4 does not fit logits of 3 classes: expected 3")
    #expect(
      try classRefusal(#"{"formula": "[H]", "leaves": {"H": {"loss": "hinge", "labels": "signed"}}}"#)
        == #"$.leaves.H.labels: "signed" does not fit logits of 3 classes: the targets are one-hot (0 and 1)"#
    )
    #expect(
      try classRefusal(#"{"formula": "[K]", "leaves": {"K": {"loss": "kl", "input": "logProbabilities"}}}"#)
        == #"$.leaves.K.input: "logProbabilities" does not fit logits of 3 classes: the outputs are logits"#)
    #expect(
      try classRefusal(
        #"{"formula": "[C]", "leaves": {"C": {"loss": "cross_entropy", "label_smoothing": 2}}}"#)
        == "$.leaves.C: label smoothing must be in [0, 1], got 2.0")
  }

  @Test func classesFormGradientMatchesFiniteDifferences() throws {
    let c = try LossConfiguration(
      text:
        #"{"formula": "[CE] + 0.5 x [Huber] + [H]", "leaves": {"CE": {"loss": "ce", "label_smoothing": 0.1},"#
        + #" "Huber": {"loss": "huber", "delta": 0.5}, "H": {"loss": "hinge", "margin": 0.5}}}"#)
    let loss = try Loss<[Double], [Int], Double>(configuration: c, classes: 3)
    let logits = [0.3, -1.2, 2.0, 0.7, 0.1, -0.4]
    let labels = [2, 0]
    var training = loss.emptied()
    let (_, gradient) = try training.forwardWithGradient(logits, labels)
    func value(_ z: [Double]) throws -> Double {
      var fresh = loss.emptied()
      return try fresh.forward(z, labels)
    }
    let h = 1e-6
    for j in logits.indices {
      var up = logits
      var down = logits
      up[j] += h
      down[j] -= h
      let numeric = (try value(up) - value(down)) / (2 * h)
      #expect(abs(gradient[j] - numeric) < 1e-7, "logit \(j)")
    }
  }
}
