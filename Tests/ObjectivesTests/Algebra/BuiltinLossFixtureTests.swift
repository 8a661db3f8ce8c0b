import Foundation
import Testing

@testable import Objectives

/// Agreement of the built-in losses with PyTorch (values and autograd vector-Jacobian products,
/// float64) and scikit-learn (means), on the cases of scripts/make_regression_fixtures.py.
@Suite struct BuiltinLossFixtureTests {
  enum Parameter: Decodable, Equatable {
    case number(Double)
    case flag(Bool)
    case text(String)

    init(from decoder: any Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let b = try? c.decode(Bool.self) {
        self = .flag(b)
      } else if let d = try? c.decode(Double.self) {
        self = .number(d)
      } else {
        self = .text(try c.decode(String.self))
      }
    }

    var number: Double? { if case .number(let d) = self { return d } else { return nil } }
    var flag: Bool? { if case .flag(let b) = self { return b } else { return nil } }
    var text: String? { if case .text(let s) = self { return s } else { return nil } }
  }

  struct Case: Decodable {
    var loss: String
    var params: [String: Parameter]
    var width: Int
    var outputs: [Double]
    var targets: [Double]
    var cotangents: [Double]
    var values: [Double]
    var vjp: [Double]
    var mean: Double?
  }

  static let cases: [Case] = (try? RegressionTestSupport.fixture("losses_cases", as: [Case].self)) ?? []

  /// Runs the loss a case names and returns its values, VJP and mean.
  static func evaluate(_ c: Case) throws -> (values: [Double], vjp: [Double], mean: Double) {
    func run<L: PerSampleLoss>(_ loss: L, _ targets: L.Target) throws -> ([Double], [Double], Double)
    where L.Output == [Double] {
      (
        try loss.values(c.outputs, targets),
        try loss.vectorJacobianProduct(c.outputs, targets, cotangents: c.cotangents),
        try loss.mean(c.outputs, targets)
      )
    }
    let w = c.width
    switch c.loss {
    case "mse": return try run(MSELoss(width: w), c.targets)
    case "mae": return try run(MAELoss(width: w), c.targets)
    case "huber": return try run(HuberLoss(delta: c.params["delta"]?.number ?? 1, width: w), c.targets)
    case "smooth_l1": return try run(SmoothL1Loss(beta: c.params["beta"]?.number ?? 1, width: w), c.targets)
    case "binary_cross_entropy": return try run(BinaryCrossEntropyLoss(width: w), c.targets)
    case "binary_cross_entropy_with_logits":
      return try run(
        BinaryCrossEntropyWithLogitsLoss(positiveWeight: c.params["positive_weight"]?.number ?? 1, width: w),
        c.targets)
    case "hinge":
      let labels: HingeLoss.Labels = c.params["labels"]?.text == "binary" ? .binary : .signed
      return try run(
        HingeLoss(labels: labels, squared: c.params["squared"]?.flag ?? false, width: w), c.targets)
    case "cross_entropy":
      let loss = try CrossEntropyLoss(
        numClasses: Int(c.params["num_classes"]?.number ?? 0),
        labelSmoothing: c.params["label_smoothing"]?.number ?? 0)
      return try run(loss, c.targets.map { Int($0) })
    case "kl_divergence":
      let loss = try KLDivergenceLoss(
        numClasses: Int(c.params["num_classes"]?.number ?? 0),
        input: c.params["input"]?.text == "logits" ? .logits : .logProbabilities,
        logTarget: c.params["log_target"]?.flag ?? false)
      return try run(loss, c.targets)
    default:
      Issue.record("unknown loss \(c.loss)")
      return ([], [], .nan)
    }
  }

  @Test func fixturesCoverEveryLoss() {
    let names = Set(Self.cases.map(\.loss))
    #expect(
      names == [
        "mse", "mae", "huber", "smooth_l1", "binary_cross_entropy", "binary_cross_entropy_with_logits",
        "hinge",
        "cross_entropy", "kl_divergence",
      ])
    #expect(Self.cases.count >= 100)
  }

  @Test func valuesAndGradientsAgreeWithTorch() throws {
    for c in Self.cases {
      let (values, vjp, mean) = try Self.evaluate(c)
      // Values that cancel to nearly 0 (a logit of −45 with target 0) are compared to 1e-18 absolute.
      #expect(
        RegressionTestSupport.close(values, c.values, floor: 1e-9),
        "\(c.loss) \(c.params) values: \(values) vs \(c.values)")
      #expect(
        RegressionTestSupport.close(vjp, c.vjp, floor: 1e-9), "\(c.loss) \(c.params) vjp: \(vjp) vs \(c.vjp)")
      if let reference = c.mean {
        #expect(
          RegressionTestSupport.close(mean, reference), "\(c.loss) \(c.params) mean: \(mean) vs \(reference)")
      }
    }
  }
}
