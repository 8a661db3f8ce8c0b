import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The manifest written by `reference_bench.py write DIR`.
struct Manifest: Decodable {
  struct Binary: Decodable {
    let n: Int
    let batch: Int
    let scores: String
    let labels: String
  }
  struct Multiclass: Decodable {
    let n: Int
    let classes: Int
    let batch: Int
    let logits: String
    let labels: String
  }
  struct Regression: Decodable {
    let n: Int
    let batch: Int
    let predictions: String
    let targets: String
  }
  let binary: Binary
  let multiclass: Multiclass
  let regression: Regression

  static func load(from directory: String) throws -> Manifest {
    let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/manifest.json"))
    return try JSONDecoder().decode(Manifest.self, from: data)
  }
}

struct BenchError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// A raw little-endian file of fixed-size elements, read whole or batch by batch.
struct RawFile<Element: BitwiseCopyable> {
  let path: String
  let count: Int

  init(directory: String, name: String, count: Int) throws {
    path = directory + "/" + name
    self.count = count
    var st = stat()
    guard stat(path, &st) == 0 else { throw BenchError("cannot stat \(path)") }
    guard Int(st.st_size) >= count * MemoryLayout<Element>.stride else {
      throw BenchError("\(path) holds \(st.st_size) bytes, expected \(count * MemoryLayout<Element>.stride)")
    }
  }

  /// Reads the first `n` elements into one contiguous array.
  func readAll(_ n: Int? = nil) throws -> [Element] {
    let n = n ?? count
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw BenchError("cannot open \(path)") }
    defer { close(fd) }
    return try [Element](unsafeUninitializedCapacity: n) { buffer, initialized in
      try Self.read(fd, into: UnsafeMutableRawBufferPointer(buffer), offset: 0, path: path)
      initialized = n
    }
  }

  /// Reads elements `start ..< start + buffer.count` into `buffer` (reused across batches).
  func read(at start: Int, into buffer: UnsafeMutableBufferPointer<Element>, fd: Int32) throws {
    try Self.read(
      fd, into: UnsafeMutableRawBufferPointer(buffer), offset: start * MemoryLayout<Element>.stride,
      path: path)
  }

  func openForReading() throws -> Int32 {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw BenchError("cannot open \(path)") }
    return fd
  }

  private static func read(_ fd: Int32, into raw: UnsafeMutableRawBufferPointer, offset: Int, path: String)
    throws
  {
    var done = 0
    while done < raw.count {
      let r = pread(fd, raw.baseAddress! + done, raw.count - done, off_t(offset + done))
      guard r > 0 else { throw BenchError("short read from \(path)") }
      done += r
    }
  }
}
