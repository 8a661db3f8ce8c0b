import Foundation
import Testing

@testable import Objectives

/// Compositions built with DRYTorch itself (scripts/make_drytorch_fixtures.py) are rebuilt with our
/// operators, fed the same batches, and must give the same forward values and `compute()` results.
@Suite struct DryTorchAgreementTests {
  typealias L = Loss<[Double], [Double], Double>

  struct Fixture: Decodable {
    var compositions: [Composition]
  }

  struct Composition: Decodable {
    var id: Int
    var expression: AST
    var leaves: [String: LeafSpec]
    var batches: [Batch]
    var forward: [Double]
    var compute: [[Entry]]
    var name: String
  }

  struct LeafSpec: Decodable {
    var kind: String
    var scale: Double
    var function: String
    var higher_is_better: Bool
  }

  struct Batch: Decodable {
    var outputs: [Double]
    var targets: [Double]
  }

  enum Entry: Decodable {
    case key(String)
    case value(Double)
    init(from decoder: any Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let s = try? c.decode(String.self) {
        self = .key(s)
      } else {
        self = .value(try c.decode(Double.self))
      }
    }
  }

  indirect enum AST: Decodable {
    case number(Double)
    case node(String, [AST])
    init(from decoder: any Decoder) throws {
      if let n = try? decoder.singleValueContainer().decode(Double.self) {
        self = .number(n)
        return
      }
      var c = try decoder.unkeyedContainer()
      let op = try c.decode(String.self)
      if op == "leaf" {
        self = .node("leaf", [.node(try c.decode(String.self), [])])
        return
      }
      var args: [AST] = []
      while !c.isAtEnd { args.append(try c.decode(AST.self)) }
      self = .node(op, args)
    }
  }

  enum Built {
    case number(Double)
    case loss(L)
  }

  static func leaf(_ name: String, _ spec: LeafSpec) -> L {
    let k = spec.scale
    let square = spec.function == "sq"
    let perSample = spec.kind == "sample"
    return L(name, direction: Direction(higherIsBetter: spec.higher_is_better)) { o, t in
      let values = zip(o, t).map { square ? ($0 - $1) * ($0 - $1) * k : abs($0 - $1) * k }
      if perSample { return .samples(values) }
      return .batch(values.reduce(0, +) / Double(values.count))
    }
  }

  static func build(_ ast: AST, _ leaves: [String: L]) -> Built {
    switch ast {
    case .number(let n): return .number(n)
    case .node("leaf", let args):
      guard case .node(let name, _) = args[0] else { fatalError("bad leaf") }
      return .loss(leaves[name]!)
    case .node(let op, let args):
      let a = build(args[0], leaves)
      if op == "neg", case .loss(let l) = a { return .loss(-l) }
      let b = build(args[1], leaves)
      switch (op, a, b) {
      case ("add", .loss(let x), .loss(let y)): return .loss(x + y)
      case ("add", .loss(let x), .number(let y)): return .loss(x + y)
      case ("add", .number(let x), .loss(let y)): return .loss(x + y)
      case ("sub", .loss(let x), .loss(let y)): return .loss(x - y)
      case ("sub", .loss(let x), .number(let y)): return .loss(x - y)
      case ("sub", .number(let x), .loss(let y)): return .loss(x - y)
      case ("mul", .loss(let x), .loss(let y)): return .loss(x * y)
      case ("mul", .loss(let x), .number(let y)): return .loss(x * y)
      case ("mul", .number(let x), .loss(let y)): return .loss(x * y)
      case ("div", .loss(let x), .loss(let y)): return .loss(x / y)
      case ("div", .loss(let x), .number(let y)): return .loss(x / y)
      case ("div", .number(let x), .loss(let y)): return .loss(x / y)
      case ("pow", .loss(let x), .number(let y)): return .loss(x ** y)
      default: fatalError("unsupported \(op)")
      }
    }
  }

  @Test func agreesWithDryTorch() throws {
    let url = try #require(
      Bundle.module.url(forResource: "drytorch_compositions", withExtension: "json", subdirectory: "Fixtures")
    )
    let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    #expect(fixture.compositions.count >= 50)
    for c in fixture.compositions {
      var table: [String: L] = [:]
      for (name, spec) in c.leaves { table[name] = Self.leaf(name, spec) }
      guard case .loss(var loss) = Self.build(c.expression, table) else {
        Issue.record("composition \(c.id) is not a loss")
        continue
      }
      for (batch, expected) in zip(c.batches, c.forward) {
        let value = try loss.forward(batch.outputs, batch.targets)
        #expect(isClose(value, expected, relative: 1e-12), "composition \(c.id) forward")
      }
      let results = loss.compute()
      let expected = c.compute.map { pair -> (String, Double) in
        guard case .key(let k) = pair[0], case .value(let v) = pair[1] else { fatalError("bad entry") }
        return (k, v)
      }
      #expect(results.names == expected.map(\.0), "composition \(c.id) keys")
      for (name, value) in expected {
        #expect(
          results.scalar(name).map { isClose($0, value, relative: 1e-12) } == true,
          "composition \(c.id) \(name)")
      }
    }
  }
}
