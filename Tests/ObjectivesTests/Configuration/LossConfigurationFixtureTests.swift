import Foundation
import Testing

@testable import Objectives

/// Losses built from configuration files, with parameters other than the defaults, against
/// DRYTorch compositions of the torch losses (scripts/make_loss_configuration_fixtures.py).
@Suite struct LossConfigurationFixtureTests {
  struct Batch: Decodable {
    var outputs: [Double]
    var targets: [Double]
  }

  struct Case: Decodable {
    var name: String
    var config: String
    var form: String
    var classes: Int
    var batches: [Batch]
    var forward: [Double]
    var compute: [String: Double]
  }

  static let cases: [Case] = {
    guard let url = Bundle.module.url(forResource: "Fixtures/loss_configurations", withExtension: "json"),
      let data = try? Data(contentsOf: url), let cases = try? JSONDecoder().decode([Case].self, from: data)
    else { return [] }
    return cases
  }()

  static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(1, abs(b)) }

  @Test func fixturesArePresent() {
    #expect(Self.cases.count == 5)
  }

  @Test(arguments: cases.map(\.name)) func agreesWithDRYTorch(_ name: String) throws {
    let c = try #require(Self.cases.first { $0.name == name })
    let configuration = try LossConfiguration(text: c.config)
    var forwards: [Double] = []
    let results: Results
    if c.form == "classes" {
      var loss = try Loss<[Double], [Int], Double>(configuration: configuration, classes: c.classes)
      for b in c.batches { forwards.append(try loss.forward(b.outputs, b.targets.map { Int($0) })) }
      results = loss.compute()
    } else {
      var loss = try Loss<[Double], [Double], Double>(configuration: configuration)
      for b in c.batches { forwards.append(try loss.forward(b.outputs, b.targets)) }
      results = loss.compute()
    }
    for (swift, torch) in zip(forwards, c.forward) {
      #expect(Self.close(swift, torch), "\(swift) vs \(torch)")
    }
    // The formula's parameters are reported too, as `{name}`, with their configured values.
    #expect(results.count == c.compute.count + configuration.parameters.count)
    for entry in results {
      let parameter =
        entry.name.hasPrefix("{") ? configuration.parameters[String(entry.name.dropFirst().dropLast())] : nil
      let expected = try #require(parameter ?? c.compute[entry.name], "no reference for \(entry.name)")
      let value = try #require(entry.value.scalar)
      #expect(Self.close(value, expected), "\(entry.name): \(value) vs \(expected)")
    }
  }
}
