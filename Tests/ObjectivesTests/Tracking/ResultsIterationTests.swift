import Objectives
import Testing

/// `Results` iterates as `(name, value)` pairs; the entries keep their directions.
@Suite struct ResultsIterationTests {
  let results = Results([
    .init(name: "loss", value: .scalar(0.25), direction: .minimize),
    .init(name: "f1", value: .vector([1, 0.5]), direction: .maximize),
    .init(name: "confmat", value: .matrix(rows: 1, columns: 2, values: [3, 4])),
  ])

  @Test func forInGivesNameValuePairs() {
    var seen: [String] = []
    for (name, value) in results { seen.append("\(name)=\(value)") }
    #expect(seen == ["loss=0.25", "f1=[1, 0.5]", "confmat=[[3, 4]]"])
    #expect(results.map(\.name) == ["loss", "f1", "confmat"])
    #expect(
      results.map { $0.value } == [
        .scalar(0.25), .vector([1, 0.5]), .matrix(rows: 1, columns: 2, values: [3, 4]),
      ])
    let dictionary = Dictionary(uniqueKeysWithValues: results.map { ($0.name, $0.value) })
    #expect(dictionary["loss"] == .scalar(0.25))
  }

  @Test func entriesKeepTheDirections() {
    #expect(results.count == 3 && !results.isEmpty && Results().isEmpty)
    #expect(results[1].direction == .maximize)
    #expect(results.first?.name == "loss")
    #expect(results.first { $0.name == "f1" }?.direction == .maximize)
    #expect(results.entries.map(\.direction) == [.minimize, .maximize, nil])
  }

  @Test func filterReturnsResultsWithDirections() {
    let scalars = results.filter { $0.value.scalar != nil }
    #expect(scalars == Results([.init(name: "loss", value: .scalar(0.25), direction: .minimize)]))
    #expect(results.filter { name, _ in name.hasPrefix("c") }.names == ["confmat"])
  }
}
