import Foundation
import Objectives

/// libFuzzer's entry point: the first byte chooses a state type, the rest is decoded as its JSON
/// with a plain `JSONDecoder`. Decoding never crashes; a state that decodes re-encodes, and that
/// encoding decodes to a state that encodes the same.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzState(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data, size > 0 else { return 0 }
  let kind = StateKind.all[Int(data[0]) % StateKind.all.count]
  kind.roundTrip(Data(UnsafeBufferPointer(start: data + 1, count: size - 1)))
  return 0
}

/// Writes the seed corpus when `OBJECTIVES_FUZZ_SEEDS` names a directory: one real state of each
/// type, prefixed with its selector byte.
@_cdecl("LLVMFuzzerInitialize")
public func initializeStateFuzzer(
  _ argc: UnsafeMutablePointer<CInt>?,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?
) -> CInt {
  guard let directory = ProcessInfo.processInfo.environment["OBJECTIVES_FUZZ_SEEDS"] else { return 0 }
  do {
    for (name, selector, json) in try StateSeeds.all() {
      let url = URL(fileURLWithPath: directory).appendingPathComponent("seed-\(name)")
      try (Data([selector]) + json).write(to: url)
    }
  } catch {
    printError("cannot write the seeds: \(error)\n")
    exit(1)
  }
  exit(0)
}

/// One state type under the fuzzer.
struct StateKind: Sendable {
  let name: String
  let roundTrip: @Sendable (Data) -> Void

  init<T: Codable>(_ type: T.Type) {
    name = "\(T.self)"
    roundTrip = { data in check(T.self, data) }
  }

  /// Every `Codable` state of the library, by selector (`byte % count`). New types go at the end.
  static let all: [StateKind] = [
    StateKind(ClassificationState<Double>.self), StateKind(ClassificationState<Float>.self),
    StateKind(RegressionState.self), StateKind(LossState.self), StateKind(MetricCollectionState.self),
    StateKind(MetricExpressionState.self), StateKind(MultiTaskState.self), StateKind(MeanAccumulator.self),
    StateKind(AverageMeter.self), StateKind(AverageMeters.self), StateKind(History.self),
    StateKind(EarlyStopping.self), StateKind(BestValue.self), StateKind(SampleTable.self),
    StateKind(Results.self), StateKind(CalibrationBins.self),
  ]

  static func selector(of type: Any.Type) -> UInt8 {
    UInt8(all.firstIndex { $0.name == "\(type)" }!)
  }
}

/// Decodes `T` from `data`; when it decodes, encoding, decoding and encoding again must succeed and
/// give the same bytes.
func check<T: Codable>(_ type: T.Type, _ data: Data) {
  guard let value = try? JSONDecoder().decode(T.self, from: data) else { return }
  let encoder = JSONEncoder()
  encoder.outputFormatting = .sortedKeys
  let first: Data
  let second: Data
  do { first = try encoder.encode(value) } catch {
    fail("\(T.self) decoded but does not encode: \(error)", data)
  }
  do {
    second = try encoder.encode(try JSONDecoder().decode(T.self, from: first))
  } catch {
    fail("\(T.self): its encoding \(String(decoding: first, as: UTF8.self)) does not decode: \(error)", data)
  }
  if first != second {
    fail(
      "\(T.self) changed in a round trip:\n\(String(decoding: first, as: UTF8.self))\n"
        + "\(String(decoding: second, as: UTF8.self))", data)
  }
}

func fail(_ message: String, _ data: Data) -> Never {
  printError("state decoding: \(message)\n  input: \(String(decoding: data, as: UTF8.self))\n")
  abort()
}

/// Writes `message` to standard error (file descriptor 2, unbuffered: the process aborts next).
func printError(_ message: String) {
  var text = message
  text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}
