import Foundation

/// Peak memory of each workload in exact and in streaming mode, each in its own process so that
/// peaks do not mix.
///
/// The parent (`memory`) starts one child (`--probe WORKLOAD MODE N`) per workload, mode and size
/// (N/4, N/2, N of the data set). A child reads its input batch by batch into one reused buffer
/// (so the input costs one batch, whatever N), and reports, relative to its resident set just
/// before the first update:
/// - `held_bytes`: resident after every update, before `compute` (what the state holds);
/// - `peak_bytes`: the peak resident set (VmHWM) through the updates and `compute`.
/// Children run with glibc's malloc tunables fixed (mmap threshold and trim threshold 64 KiB), so
/// freed large blocks go back to the system and the resident set follows what is live.
enum MemoryWorkload {
  static let tunables = "glibc.malloc.mmap_threshold=65536:glibc.malloc.trim_threshold=65536"

  struct Probe {
    let workload: String
    let library: String
    let mode: Mode
    let n: Int
    let held: Int
    let peak: Int
    let seconds: Double
  }

  // MARK: Parent

  static func run(directory: String, workloads: [String], libraries: [String]) throws {
    let manifest = try Manifest.load(from: directory)
    let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    for workload in workloads {
      let full: Int
      switch workload {
      case "binary": full = manifest.binary.n
      case "multiclass": full = manifest.multiclass.n
      case "regression": full = manifest.regression.n
      default: throw BenchError("no memory probe for \(workload)")
      }
      let sizes = [full / 4, full / 2, full]
      for library in libraries {
        for mode in Mode.allCases {
          var probes: [Probe] = []
          for n in sizes {
            guard let probe = try spawn(executable, directory, workload, library, mode, n) else { break }
            probes.append(probe)
          }
          if probes.count == sizes.count { summarize(probes) }
        }
      }
    }
  }

  static func spawn(
    _ executable: String, _ directory: String, _ workload: String, _ library: String, _ mode: Mode, _ n: Int
  ) throws -> Probe? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = [directory, "--probe", workload, library, mode.rawValue, String(n)]
    var environment = ProcessInfo.processInfo.environment
    environment["GLIBC_TUNABLES"] = tunables
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw BenchError(
        "memory probe \(workload) \(library) \(mode) \(n) exited with \(process.terminationStatus)")
    }
    let text = String(decoding: data, as: UTF8.self)
    var probe: Probe? = nil
    for line in text.split(separator: "\n") {
      print(line)
      guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
        let values = object["values"] as? [String: Any],
        let held = (values["held_bytes"] as? NSNumber)?.intValue,
        let peak = (values["peak_bytes"] as? NSNumber)?.intValue,
        let seconds = (object["seconds"] as? NSNumber)?.doubleValue
      else { continue }
      probe = Probe(
        workload: workload, library: library, mode: mode, n: n, held: held, peak: peak, seconds: seconds)
    }
    fflushStandardOutput()
    return probe
  }

  /// One line per workload and mode: the figures at each N, the growth from N/4 to N, and the
  /// held bytes per sample (at N, and the slope between N/2 and N).
  static func summarize(_ probes: [Probe]) {
    let first = probes[0]
    let last = probes[probes.count - 1]
    let middle = probes[probes.count - 2]
    var values: [(String, Double)] = []
    for p in probes {
      values.append(("held_bytes_n\(p.n)", Double(p.held)))
      values.append(("peak_bytes_n\(p.n)", Double(p.peak)))
    }
    values.append(("peak_growth_bytes", Double(last.peak - first.peak)))
    values.append(("held_growth_bytes", Double(last.held - first.held)))
    values.append(("held_bytes_per_sample", Double(last.held) / Double(last.n)))
    values.append(("peak_bytes_per_sample", Double(last.peak) / Double(last.n)))
    values.append(
      ("held_slope_bytes_per_sample", Double(last.held - middle.held) / Double(last.n - middle.n)))
    emit(
      workload: "memory-summary", library: first.library, seconds: last.seconds, values: values,
      extra: [("of", .string(first.workload)), ("mode", .string(first.mode.rawValue))])
  }

  // MARK: Child

  static func probe(directory: String, workload: String, library: String, mode: Mode, n: Int) throws {
    let manifest = try Manifest.load(from: directory)
    let start = now()
    let measured: (held: Int, peak: Int)?
    switch workload {
    case "binary":
      let m = manifest.binary
      guard var runner = binaryRunner(library, mode) else { return }
      let scores = try RawFile<Float>(directory: directory, name: m.scores, count: m.n)
      let labels = try RawFile<UInt8>(directory: directory, name: m.labels, count: m.n)
      let wide = widening(batch: m.batch)
      defer { wide.deallocate() }
      measured = try stream(n: n, batch: m.batch, scores, labels) { s, l in
        try runner.update(scores: s, labels: widen(l, into: wide))
      } compute: {
        runner.compute()
      }
    case "multiclass":
      let m = manifest.multiclass
      guard var runner = multiclassRunner(library, mode, classes: m.classes) else { return }
      let logits = try RawFile<Float>(directory: directory, name: m.logits, count: m.n * m.classes)
      let labels = try RawFile<Int32>(directory: directory, name: m.labels, count: m.n)
      let wide = widening(batch: m.batch)
      defer { wide.deallocate() }
      measured = try stream(n: n, batch: m.batch, rowWidth: m.classes, logits, labels) { x, l in
        try runner.update(logits: x, classes: m.classes, labels: widen(l, into: wide))
      } compute: {
        runner.compute()
      }
    case "regression":
      let m = manifest.regression
      guard var runner = regressionRunner(library, mode) else { return }
      let p = try RawFile<Float>(directory: directory, name: m.predictions, count: m.n)
      let t = try RawFile<Float>(directory: directory, name: m.targets, count: m.n)
      measured = try stream(n: n, batch: m.batch, p, t) { p, t in
        try runner.update(predictions: p, targets: t)
      } compute: {
        runner.compute()
      }
    default:
      throw BenchError("no memory probe for \(workload)")
    }
    guard let measured else { return }
    emit(
      workload: "memory", library: library, seconds: now() - start,
      values: [
        ("n", Double(n)), ("held_bytes", Double(measured.held)), ("peak_bytes", Double(measured.peak)),
        ("held_bytes_per_sample", Double(measured.held) / Double(n)),
      ],
      extra: [("of", .string(workload)), ("mode", .string(mode.rawValue))])
  }

  static func binaryRunner(_ library: String, _ mode: Mode) -> (any BinaryRunner)? {
    library == "calibration" ? CalibrationBinary(mode: mode) : LibraryRunners.binary(mode)
  }
  static func multiclassRunner(_ library: String, _ mode: Mode, classes: Int) -> (any MulticlassRunner)? {
    library == "calibration" ? nil : LibraryRunners.multiclass(mode, classes: classes)
  }
  static func regressionRunner(_ library: String, _ mode: Mode) -> (any RegressionRunner)? {
    library == "calibration" ? nil : LibraryRunners.regression(mode)
  }

  /// A reused buffer of `batch` labels widened to `Int`, touched so that it counts in the baseline.
  static func widening(batch: Int) -> UnsafeMutableBufferPointer<Int> {
    let wide = UnsafeMutableBufferPointer<Int>.allocate(capacity: batch)
    wide.initialize(repeating: 0)
    return wide
  }

  /// Widens a batch of labels into `wide` and returns the filled part.
  static func widen<L: BinaryInteger>(
    _ labels: UnsafeBufferPointer<L>, into wide: UnsafeMutableBufferPointer<Int>
  )
    -> UnsafeBufferPointer<Int>
  {
    for i in 0..<labels.count { wide[i] = Int(labels[i]) }
    return UnsafeBufferPointer(rebasing: wide[0..<labels.count])
  }

  /// Streams the first `n` rows of two files through `update` in batches read into reused
  /// buffers, then computes; returns the held and peak bytes above the resident set before the
  /// first update.
  static func stream<A, B>(
    n: Int, batch: Int, rowWidth: Int = 1, _ a: RawFile<A>, _ b: RawFile<B>,
    update: (UnsafeBufferPointer<A>, UnsafeBufferPointer<B>) throws -> Void,
    compute: () -> [(String, Double)]
  ) throws -> (held: Int, peak: Int) {
    let fa = try a.openForReading()
    let fb = try b.openForReading()
    defer {
      close(fa)
      close(fb)
    }
    let bufferA = UnsafeMutableBufferPointer<A>.allocate(capacity: batch * rowWidth)
    let bufferB = UnsafeMutableBufferPointer<B>.allocate(capacity: batch)
    defer {
      bufferA.deallocate()
      bufferB.deallocate()
    }
    // Touch both buffers so that they count in the baseline.
    try a.read(at: 0, into: bufferA, fd: fa)
    try b.read(at: 0, into: bufferB, fd: fb)
    let baseline = ProcessMemory.resident
    var start = 0
    while start < n {
      let rows = min(batch, n - start)
      let sliceA = UnsafeMutableBufferPointer(rebasing: bufferA[0..<(rows * rowWidth)])
      let sliceB = UnsafeMutableBufferPointer(rebasing: bufferB[0..<rows])
      try a.read(at: start * rowWidth, into: sliceA, fd: fa)
      try b.read(at: start, into: sliceB, fd: fb)
      try update(UnsafeBufferPointer(sliceA), UnsafeBufferPointer(sliceB))
      start += rows
    }
    let held = ProcessMemory.resident - baseline
    blackHole(compute())
    let peak = ProcessMemory.peak - baseline
    return (held, peak)
  }
}

/// A calibration of the memory method: exact mode stores every score and label in growing
/// arrays (5 bytes per sample), streaming mode keeps four counters. The probe must report about
/// 5 and about 0 bytes per sample for them.
struct CalibrationBinary: BinaryRunner {
  let mode: Mode
  var scores: [Float] = []
  var labels: [UInt8] = []  // stored as the file holds them: 1 byte
  var counts = (0, 0, 0, 0)

  init(mode: Mode) { self.mode = mode }

  mutating func update(scores s: UnsafeBufferPointer<Float>, labels l: UnsafeBufferPointer<Int>) throws {
    switch mode {
    case .exact:
      scores.append(contentsOf: s)
      labels.append(contentsOf: l.lazy.map { UInt8(truncatingIfNeeded: $0) })
    case .streaming:
      for i in 0..<s.count {
        let p = s[i] >= 0.5
        let t = l[i] != 0
        switch (p, t) {
        case (true, true): counts.0 += 1
        case (true, false): counts.1 += 1
        case (false, true): counts.2 += 1
        case (false, false): counts.3 += 1
        }
      }
    }
  }

  func compute() -> [(String, Double)] {
    let total = Double(counts.0 + counts.1 + counts.2 + counts.3)
    return [("n", Double(scores.count + labels.count)), ("acc", Double(counts.0 + counts.3) / max(total, 1))]
  }
}
