import Objectives

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// libFuzzer's entry point: the input is a CSV file. It is read twice, in one chunk and in chunks of
/// 1 to 7 bytes, every field as text, number and integer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  let whole = read(bytes, chunkSize: 1 << 20)
  let small = 1 + bytes.count % 7
  let chunked = read(bytes, chunkSize: small)
  if whole != chunked {
    fail("chunks of \(small) bytes read differently:\n\(whole)\nvs\n\(chunked)", bytes)
  }
  return 0
}

/// What a reader made of the input: every record with its line, each field's text, number and
/// integer readings (or errors), and the error that stopped it.
struct Reading: Equatable {
  var records: [[String]] = []
  var stop: String?
}

func read(_ bytes: [UInt8], chunkSize: Int) -> Reading {
  let reader = CSVReader(bytes: bytes, chunkSize: chunkSize)
  let bounds = Bounds(bytes)
  var reading = Reading()
  do {
    let header = try reader.readHeader()
    reading.records.append(header)
    while try reader.next() {
      guard (1...bounds.lines).contains(reader.line) else {
        fail("record line \(reader.line) outside 1...\(bounds.lines)", bytes)
      }
      var fields = ["line \(reader.line)"]
      for i in 0..<reader.fieldCount {
        fields.append(reader.string(at: i))
        do { fields.append(String(try reader.double(at: i).bitPattern)) } catch {
          fields.append(bounds.checked(error, bytes))
        }
        do { fields.append(String(try reader.integer(at: i))) } catch {
          fields.append(bounds.checked(error, bytes))
        }
      }
      do { try reader.expectFieldCount(header.count) } catch { fields.append(bounds.checked(error, bytes)) }
      reading.records.append(fields)
    }
  } catch {
    reading.stop = bounds.checked(error, bytes)
  }
  guard reader.bytesConsumed <= bytes.count else {
    fail("consumed \(reader.bytesConsumed) of \(bytes.count) bytes", bytes)
  }
  return reading
}

/// The lines and columns an error may name: line 1 up to one past the last line break, column 1 up
/// to one past the most fields a record can have (0 for unknown).
struct Bounds {
  var lines = 1
  var columns = 2
  init(_ bytes: [UInt8]) {
    for b in bytes {
      if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") { lines += 1 }
      if b == UInt8(ascii: ",") { columns += 1 }
    }
  }

  /// The error's text, after checking it is a `malformedInput` inside the input.
  func checked(_ error: ObjectiveError, _ bytes: [UInt8]) -> String {
    guard case .malformedInput(let line, let column, _) = error else {
      fail("an error other than malformedInput: \(error)", bytes)
    }
    guard (0...lines).contains(line), (0...columns).contains(column) else {
      fail(
        "line \(line), column \(column) outside the input (\(lines) lines, \(columns) columns): \(error)",
        bytes)
    }
    return error.description
  }
}

func fail(_ message: String, _ bytes: [UInt8]) -> Never {
  printError(
    "CSV reader: \(message)\n  input: \(String(reflecting: String(decoding: bytes, as: UTF8.self)))\n")
  abort()
}

/// Writes `message` to standard error (file descriptor 2, unbuffered: the process aborts next).
func printError(_ message: String) {
  var text = message
  text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}
