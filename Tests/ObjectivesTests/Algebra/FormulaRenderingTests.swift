import Testing

@testable import Objectives

@Suite struct FormulaRenderingTests {
  let mse = Leaves.squared("MSE")
  let mae = Leaves.absolute("MAE")
  let ce = Leaves.squared("CE")
  let acc = Leaves.constant("Acc", 0.5, direction: .maximize)
  let acc2 = Leaves.constant("Acc2", 0.25, direction: .maximize)
  let entropy = Leaves.constant("Entropy", 2, direction: .maximize)

  @Test func requiredRenderings() {
    let cases: [(Loss<Double, Double, Double>, String)] = [
      (mse ** 2 + 0.5 * mae, "[MSE]^2 + 0.5 x [MAE]"),
      (mse + mae + ce, "[MSE] + [MAE] + [CE]"),
      (mse + (mae + ce), "[MSE] + [MAE] + [CE]"),
      (mae * 2, "2 x [MAE]"),
      ((mse + mae) * ce, "([MSE] + [MAE]) x [CE]"),
      (2 * (mse + mae), "2 x ([MSE] + [MAE])"),
      ((mse + mae) ** 2, "([MSE] + [MAE])^2"),
      ((mse ** 2) ** 3, "([MSE]^2)^3"),
      (mse ** 0.5, "[MSE]^0.5"),
      (mse - acc, "[MSE] - [Acc]"),
      (ce - 0.1 * entropy, "[CE] - 0.1 x [Entropy]"),
      (1 - acc, "1 - [Acc]"),
      (mse - 1, "[MSE] - 1"),
      (-(mse + mae), "-([MSE] + [MAE])"),
      (mse / acc, "[MSE] / [Acc]"),
      (mse / (acc + acc2), "[MSE] / ([Acc] + [Acc2])"),
      (mse ** -1, "1 / [MSE]"),
      (mse * 1e-8, "1e-08 x [MSE]"),
    ]
    for (loss, expected) in cases {
      #expect(loss.formula == expected)
    }
  }

  @Test func moreRenderings() {
    let cases: [(Loss<Double, Double, Double>, String)] = [
      (mse, "[MSE]"),
      (-mse, "-[MSE]"),
      (-(-mse), "-(-[MSE])"),
      (mse * mae * ce, "[MSE] x [MAE] x [CE]"),
      (ce * (mse + mae), "[CE] x ([MSE] + [MAE])"),
      (mse + 1, "[MSE] + 1"),
      (1 + mse, "1 + [MSE]"),
      (mse ** -2, "1 / [MSE]^2"),
      (1 / mse, "1 / [MSE]"),
      (2 / mse, "2 / [MSE]"),
      (mse / 2, "[MSE] / 2"),
      (-(mse ** 2), "-[MSE]^2"),
      ((-mse) ** 2, "(-[MSE])^2"),
      (1 / (1 / mse), "1 / (1 / [MSE])"),
      ((2 * mse) * (3 * mae), "6 x [MSE] x [MAE]"),
      (mse + -acc, "[MSE] - [Acc]"),
      (mse * 2 + 3 * (-acc), "2 x [MSE] + 3 x (-[Acc])"),
      (-(2 * mse), "-(2 x [MSE])"),
      (-(1 / mse), "-(1 / [MSE])"),
      (-2 * mse, "-2 x [MSE]"),
      (mse + 1 + 2, "[MSE] + 3"),
      ((mse + 1) * 2, "2 x ([MSE] + 1)"),
      (mse - (acc + acc2), "[MSE] - ([Acc] + [Acc2])"),
      (2 * -mse, "2 x (-[MSE])"),
      (mse / (2 * acc), "[MSE] / (2 x [Acc])"),
      ((1 / mse) ** 2, "(1 / [MSE])^2"),
      ((-2 * mse) ** 2, "(-2 x [MSE])^2"),
      (mse * 0, "0 x [MSE]"),
    ]
    for (loss, expected) in cases {
      #expect(loss.formula == expected)
    }
  }

  @Test func identityShortcutsKeepTheLeaf() {
    for loss in [mse + 0, mse - 0, mse * 1, 1 * mse, mse / 1, mse ** 1, 0 + mse] {
      #expect(loss.formula == "[MSE]")
      #expect(loss.name == "MSE")
    }
    #expect((0 - mse).name == "Negative MSE")
  }

  @Test func names() {
    #expect((mse + mae).name == "Combined Loss")
    #expect((mse * 2).name == "Combined Loss")
    #expect((mse ** 2).name == "Loss")
    #expect((-mse).name == "Negative MSE")
    #expect((-(2 * mse)).name == "Negative Combined Loss")
  }

  @Test func latexAndMarkdown() {
    let loss = mse ** 2 + 0.5 * mae
    #expect(loss.formula(.latex) == "\\mathrm{MSE}^{2} + 0.5 \\cdot \\mathrm{MAE}")
    #expect(loss.formula(.markdown) == "`MSE`<sup>2</sup> + 0.5 × `MAE`")
    #expect((mse / acc).formula(.latex) == "\\frac{\\mathrm{MSE}}{\\mathrm{Acc}}")
    #expect((mse ** -2).formula(.latex) == "\\frac{1}{\\mathrm{MSE}^{2}}")
    #expect((2 * (mse + mae)).formula(.latex) == "2 \\cdot \\left(\\mathrm{MSE} + \\mathrm{MAE}\\right)")
  }

  @Test func directionsFollowTheAlgebra() {
    #expect(mse.direction == .minimize)
    #expect((-mse).direction == .maximize)
    #expect((1 / mse).direction == .maximize)
    #expect((mse ** -2).direction == .maximize)
    #expect((-2 * mse).direction == .maximize)
    #expect((mse - acc).direction == .minimize)
    #expect((1 - acc).direction == .minimize)
  }
}
