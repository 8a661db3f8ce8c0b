import Foundation
import Testing

@testable import Objectives

/// Loss descriptions: golden Markdown and LaTeX for two configurations (the files the CLI tests
/// compare `objectives describe` with), and the parts they are made of.
@Suite struct LossDescriptionTests {
  static func fixture(_ name: String) throws -> String {
    let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    return String(
      decoding: try Data(contentsOf: fixtures.appendingPathComponent("cli").appendingPathComponent(name)),
      as: UTF8.self)
  }

  @Test(arguments: ["ce_huber", "weighted"]) func goldenDescriptions(_ name: String) throws {
    let configuration = try LossConfiguration(text: try Self.fixture("loss_\(name).json"))
    #expect(try configuration.describe(format: .markdown) == Self.fixture("describe_\(name).md"))
    #expect(try configuration.describe(format: .latex) == Self.fixture("describe_\(name).tex"))
  }

  @Test func partsOfADescription() throws {
    let description = try LossDescription(
      LossConfiguration(
        text: #"{"formula": "[MSE] - 0.5 x [H]", "leaves": {"MSE": {"loss": "mse"},"#
          + #" "H": {"loss": "hinge", "squared": true}}, "metrics": ["accuracy", "confmat"]}"#))
    #expect(description.formulaLaTeX == #"\mathrm{MSE} - 0.5 \cdot \mathrm{H}"#)
    #expect(description.hasContradictoryDirections)
    #expect(description.direction == .minimize)
    let hinge = description.leaves[1]
    #expect(hinge.loss == "hinge")
    #expect(hinge.parameters.map(\.key) == ["labels", "margin", "squared", "width"])
    #expect(hinge.parameters[2].value == "true" && !hinge.parameters[2].isDefault)
    #expect(hinge.parameters[1].value == "1" && hinge.parameters[1].isDefault)
    #expect(description.metrics.map(\.key) == ["acc", "confmat"])
    #expect(description.metrics.map(\.direction) == [.maximize, nil])
    #expect(description.text(.markdown).contains("Its terms pull in opposite directions"))
  }

  @Test func latexTextEscapesAndWritesSymbolsAsMath() {
    #expect(LossDescription.latexText("a_b 50% Σ|x|·β") == #"a\_b 50\% $\Sigma$$|$x$|$$\cdot$$\beta$"#)
  }
}
