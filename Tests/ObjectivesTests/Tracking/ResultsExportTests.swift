import Testing

@testable import Objectives

@Suite struct ResultsExportTests {
  let results = Results([
    .init(name: "mse", value: .scalar(0.1), direction: .minimize),
    .init(name: "per, class", value: .vector([1, .nan])),
    .init(name: "confmat", value: .matrix(rows: 2, columns: 2, values: [3, 1, 0, 4])),
  ])

  @Test func jsonHasOneKeyPerMetric() {
    #expect(
      results.json() == """
        {
          "mse": 0.1,
          "per, class": [1, "nan"],
          "confmat": [[3, 1], [0, 4]]
        }

        """)
    #expect(Results().json() == "{}\n")
  }

  @Test func csvHasOneRowPerNumber() {
    #expect(
      results.csv() == """
        metric,value
        mse,0.1
        "per, class[0]",1
        "per, class[1]",nan
        confmat[0][0],3
        confmat[0][1],1
        confmat[1][0],0
        confmat[1][1],4

        """)
  }

  @Test func shortestFormatRoundTrips() throws {
    #expect(FloatFormat.shortest(0.1) == "0.1")
    #expect(FloatFormat.shortest(2) == "2")
    let spec = "r"
    #expect(try FloatFormat(spec) == .shortest)
    let third: Results = ["x": 1.0 / 3.0]
    #expect(third.table(format: .shortest) == "x  0.3333333333333333")
  }
}
