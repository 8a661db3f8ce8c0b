/// The timed metric workloads: the data is read into contiguous arrays first (not timed, as in the
/// reference), then each run makes a fresh runner, updates it with every batch (views into the
/// arrays, no copies) and computes. Exact mode is the one compared with the reference; streaming
/// mode is timed too and printed as library `objectives/streaming` (its values are per-batch
/// averages by design, not the reference's).
enum MetricWorkloads {
  static func binary(directory: String, manifest: Manifest, repetitions: Int) throws {
    let m = manifest.binary
    let scores = try RawFile<Float>(directory: directory, name: m.scores, count: m.n).readAll()
    let labels = try RawFile<UInt8>(directory: directory, name: m.labels, count: m.n).readAll().map {
      Int($0)
    }
    for mode in Mode.allCases {
      guard LibraryRunners.binary(mode) != nil else { continue }
      let timing = try timed(repetitions: repetitions) { () throws -> [(String, Double)] in
        var runner = LibraryRunners.binary(mode)!
        try scores.withUnsafeBufferPointer { s in
          try labels.withUnsafeBufferPointer { l in
            var start = 0
            while start < m.n {
              let end = min(start + m.batch, m.n)
              try runner.update(
                scores: UnsafeBufferPointer(rebasing: s[start..<end]),
                labels: UnsafeBufferPointer(rebasing: l[start..<end]))
              start = end
            }
          }
        }
        return runner.compute()
      }
      report("binary", mode, timing)
    }
  }

  static func multiclass(directory: String, manifest: Manifest, repetitions: Int) throws {
    let m = manifest.multiclass
    let logits = try RawFile<Float>(directory: directory, name: m.logits, count: m.n * m.classes).readAll()
    let labels = try RawFile<Int32>(directory: directory, name: m.labels, count: m.n).readAll().map {
      Int($0)
    }
    for mode in Mode.allCases {
      guard LibraryRunners.multiclass(mode, classes: m.classes) != nil else { continue }
      let timing = try timed(repetitions: repetitions) { () throws -> [(String, Double)] in
        var runner = LibraryRunners.multiclass(mode, classes: m.classes)!
        try logits.withUnsafeBufferPointer { x in
          try labels.withUnsafeBufferPointer { l in
            var start = 0
            while start < m.n {
              let end = min(start + m.batch, m.n)
              try runner.update(
                logits: UnsafeBufferPointer(rebasing: x[(start * m.classes)..<(end * m.classes)]),
                classes: m.classes,
                labels: UnsafeBufferPointer(rebasing: l[start..<end]))
              start = end
            }
          }
        }
        return runner.compute()
      }
      report("multiclass", mode, timing)
    }
  }

  static func regression(directory: String, manifest: Manifest, repetitions: Int) throws {
    let m = manifest.regression
    let p = try RawFile<Float>(directory: directory, name: m.predictions, count: m.n).readAll()
    let t = try RawFile<Float>(directory: directory, name: m.targets, count: m.n).readAll()
    for mode in Mode.allCases {
      guard LibraryRunners.regression(mode) != nil else { continue }
      let timing = try timed(repetitions: repetitions) { () throws -> [(String, Double)] in
        var runner = LibraryRunners.regression(mode)!
        try p.withUnsafeBufferPointer { p in
          try t.withUnsafeBufferPointer { t in
            var start = 0
            while start < m.n {
              let end = min(start + m.batch, m.n)
              try runner.update(
                predictions: UnsafeBufferPointer(rebasing: p[start..<end]),
                targets: UnsafeBufferPointer(rebasing: t[start..<end]))
              start = end
            }
          }
        }
        return runner.compute()
      }
      report("regression", mode, timing)
    }
  }

  static func report(
    _ workload: String, _ mode: Mode, _ timing: (seconds: [Double], result: [(String, Double)])
  ) {
    emit(
      workload: workload, library: mode == .exact ? "objectives" : "objectives/streaming",
      seconds: median(timing.seconds), values: timing.result,
      extra: [("mode", .string(mode.rawValue))] + timingExtra(timing.seconds))
  }
}
