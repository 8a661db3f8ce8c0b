import Objectives

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The loss the fuzzer builds: leaves return one constant each, so a formula has one value.
typealias FuzzLoss = Loss<Int, Int, Double>

/// libFuzzer's entry point: the input, read as UTF-8, is a formula. Its leaves and parameters get
/// values and directions drawn from a generator seeded by the input, so a crash reproduces.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFormula(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  checkRoundTrip(bytes)
  return 0
}

/// The oracle: when the text parses, its rendering parses to a loss with the same rendering, the same
/// direction and refusal, and the same value and reported values (NaN equals NaN).
func checkRoundTrip(_ bytes: [UInt8]) {
  let text = String(decoding: bytes, as: UTF8.self)
  var g = SplitMix(seed: fnv1a(bytes))
  let names: [String]
  let parameterNames: [String]
  do {
    names = try FormulaSyntax.leafNames(in: text)
    parameterNames = try FormulaSyntax.parameterNames(in: text)
  } catch {
    checkPosition(error, text)
    return
  }
  let leaves = names.map { name in
    let value = g.leafValue()
    return FuzzLoss(name, direction: g.next() & 1 == 1 ? .maximize : .minimize) { _, _ in .batch(value) }
  }
  var parameters: [String: Double] = [:]
  for name in parameterNames { parameters[name] = g.leafValue() }
  let checking: CompositionChecking = g.next() & 1 == 0 ? .lenient : .strict

  let first: FuzzLoss
  do {
    first = try FuzzLoss(parsing: text, leaves: leaves, parameters: parameters, checking: checking)
  } catch {
    checkPosition(error, text)
    return
  }
  let rendered = first.formula
  let second: FuzzLoss
  do {
    second = try FuzzLoss(parsing: rendered, leaves: leaves, parameters: parameters, checking: checking)
  } catch {
    fail("the rendering does not parse: \(error)", text, rendered)
  }
  if second.formula != rendered {
    fail("rendered again as \(debug(second.formula))", text, rendered)
  }
  if second.direction != first.direction
    || second.hasContradictoryDirections != first.hasContradictoryDirections
  {
    fail("the direction changed", text, rendered)
  }
  if (second.refusal == nil) != (first.refusal == nil) {
    fail(
      "refusal \(String(describing: first.refusal)) became \(String(describing: second.refusal))", text,
      rendered)
  }
  var a = first
  var b = second
  let x = try? a.forward(0, 0)
  let y = try? b.forward(0, 0)
  if !same(x, y) {
    fail("value \(String(describing: x)) became \(String(describing: y))", text, rendered)
  }
  // The values reported (not their names: `-[A]` reports `Negative A` where `-3 x [A] / 3`, which
  // renders the same, reports `Combined Loss`; names follow the operators written).
  let (before, after) = (a.compute().flatMap(\.value.values), b.compute().flatMap(\.value.values))
  if before.count != after.count || zip(before, after).contains(where: { !same($0, $1) }) {
    fail("results \(a.compute()) became \(b.compute())", text, rendered)
  }
  for style in FormulaStyle.allCases { _ = first.formula(style) }
}

/// A parse error points inside the formula (or at its end).
func checkPosition(_ error: FormulaError, _ text: String) {
  if case .tooLong = error { return }
  guard (0...text.count).contains(error.position) else {
    fail("error position \(error.position) outside 0...\(text.count): \(error)", text, "")
  }
  _ = error.pointing(at: text)
}

/// Bit-equal values, any NaN equal to any NaN; `nil` (the forward threw) only equal to `nil`.
func same(_ x: Double?, _ y: Double?) -> Bool {
  switch (x, y) {
  case (nil, nil): return true
  case (let x?, let y?): return x.isNaN ? y.isNaN : x.bitPattern == y.bitPattern
  default: return false
  }
}

func debug(_ s: String) -> String { String(reflecting: s) }

func fail(_ message: String, _ text: String, _ rendered: String) -> Never {
  printError("round trip broken: \(message)\n  formula:  \(debug(text))\n  rendered: \(debug(rendered))\n")
  abort()
}

/// FNV-1a, to seed the leaf values from the input.
func fnv1a(_ bytes: [UInt8]) -> UInt64 {
  var h: UInt64 = 0xcbf2_9ce4_8422_2325
  for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
  return h
}

/// SplitMix64: a small deterministic generator.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9e37_79b9_7f4a_7c15
    var z = state
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }

  /// A leaf value: often a special one (zeros, ones, extremes, infinities, NaN), otherwise a random
  /// value in -10...10.
  mutating func leafValue() -> Double {
    let specials: [Double] = [
      0, -0.0, 1, -1, 0.5, 2, 1e308, -1e308, .leastNonzeroMagnitude, .infinity, -.infinity, .nan,
    ]
    let r = next()
    if r % 3 == 0 { return specials[Int((r >> 8) % UInt64(specials.count))] }
    return Double(r >> 11) / Double(1 << 53) * 20 - 10
  }
}

/// Writes `message` to standard error (file descriptor 2, unbuffered: the process aborts next).
func printError(_ message: String) {
  var text = message
  text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}
