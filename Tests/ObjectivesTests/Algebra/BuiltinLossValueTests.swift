import Testing

@testable import Objectives

/// The built-in losses as `Loss` values, under the names formulas print.
@Suite struct BuiltinLossValueTests {
  /// Generic code over the protocol of losses.
  static func describe<L: CompositionalLoss>(_ loss: L) -> String {
    "\(loss.formula) \(loss.componentNames) \(loss.direction)"
  }

  @Test func namesAreTheDisplayNames() throws {
    let mse = Loss.mse()
    let mae = Loss.mae()
    #expect((mse + 0.5 * mae).formula == "[MSE] + 0.5 x [MAE]")
    #expect(try Loss.crossEntropy(numClasses: 3).formula == "[CE]")
    #expect(try Loss.huber().name == "Huber")
    #expect(try Loss.smoothL1().name == "SmoothL1")
    #expect(Loss.binaryCrossEntropy().name == "BCE")
    #expect(Loss.binaryCrossEntropyWithLogits().name == "BCEWithLogits")
    #expect(Loss.hinge().name == "Hinge")
    #expect(try Loss.klDivergence(numClasses: 2).name == "KL")
    #expect(Self.describe(mse - mae) == "[MSE] - [MAE] [\"MSE\", \"MAE\"] minimize")
  }

  @Test func valuesAreThoseOfTheStructs() throws {
    var builtin = Loss.mse()
    var wrapped = Loss(MSELoss())
    let outputs: [Double] = [1, 2, 4]
    let targets: [Double] = [0, 2, 1]
    #expect(try builtin.forward(outputs, targets) == wrapped.forward(outputs, targets))
    #expect(try builtin.forward(outputs, targets) == MSELoss().mean(outputs, targets))
    var ce = try Loss.crossEntropy(numClasses: 2)
    let direct = try CrossEntropyLoss(numClasses: 2).mean([2, 0.5, -1, 0.1], [0, 1])
    #expect(try ce.forward([2, 0.5, -1, 0.1], [0, 1]) == direct)
  }
}
