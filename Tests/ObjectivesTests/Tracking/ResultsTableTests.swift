import Testing

@testable import Objectives

@Suite struct ResultsTableTests {
  @Test func alignsNamesAndValues() {
    let r = Results([
      .init(name: "val/loss", value: .scalar(0.69314718), direction: .minimize),
      .init(name: "val/acc", value: .scalar(0.9), direction: .maximize),
      .init(name: "val/raw", value: .scalar(.nan)),
      .init(name: "delta", value: .scalar(-12.5)),
      .init(name: "per_class", value: .vector([0.5, 0.25, .nan])),
      .init(name: "confusion", value: .matrix(rows: 2, columns: 2, values: [5, 1, 0, 14])),
    ])
    #expect(
      r.table() == """
        val/loss     0.6931  min
        val/acc      0.9000  max
        val/raw         NaN
        delta      -12.5000
        per_class  [0.5000  0.2500     NaN]
        confusion  [ 5   1]
                   [ 0  14]
        """)
  }

  @Test func longVectorsAreElided() {
    let r = Results([.init(name: "v", value: .vector((0..<20).map(Double.init)))])
    #expect(r.table(maxElements: 4) == "v  [ 0   1  …  18  19]")
    let f: FloatFormat = "%.1f"
    #expect(Results([.init(name: "x", value: .scalar(.infinity))]).table(format: f) == "x  inf")
    #expect(Results().table().isEmpty)
  }
}
