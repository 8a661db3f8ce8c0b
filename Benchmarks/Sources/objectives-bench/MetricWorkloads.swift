/// The timed metric workloads: the data is read into contiguous arrays first (not timed, as in the
/// reference), then each run makes a fresh runner, updates it with every batch (views into the
/// arrays, no copies) and computes. Exact mode is the one compared with the reference; streaming
/// mode is timed too and printed as library `objectives/streaming` (its values are per-batch
/// averages by design, not the reference's). `seconds` is the median run; each line also gives
/// the update and compute parts of that run.
enum MetricWorkloads {
  static func binary(directory: String, manifest: Manifest, repetitions: Int) throws {
    let m = manifest.binary
    let scores = try RawFile<Float>(directory: directory, name: m.scores, count: m.n).readAll()
    let labels = try RawFile<UInt8>(directory: directory, name: m.labels, count: m.n).readAll().map {
      Int($0)
    }
    for mode in Mode.allCases {
      guard LibraryRunners.binary(mode) != nil else { continue }
      try measure("binary", mode, repetitions) {
        LibraryRunners.binary(mode)!
      } update: { runner in
        try scores.withUnsafeBufferPointer { s in
          try labels.withUnsafeBufferPointer { l in
            for r in batches(m.n, m.batch) {
              try runner.update(
                scores: UnsafeBufferPointer(rebasing: s[r]), labels: UnsafeBufferPointer(rebasing: l[r]))
            }
          }
        }
      } compute: {
        $0.compute()
      }
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
      try measure("multiclass", mode, repetitions) {
        LibraryRunners.multiclass(mode, classes: m.classes)!
      } update: { runner in
        try logits.withUnsafeBufferPointer { x in
          try labels.withUnsafeBufferPointer { l in
            for r in batches(m.n, m.batch) {
              try runner.update(
                logits: UnsafeBufferPointer(
                  rebasing: x[(r.lowerBound * m.classes)..<(r.upperBound * m.classes)]),
                classes: m.classes, labels: UnsafeBufferPointer(rebasing: l[r]))
            }
          }
        }
      } compute: {
        $0.compute()
      }
    }
  }

  static func regression(directory: String, manifest: Manifest, repetitions: Int) throws {
    let m = manifest.regression
    let p = try RawFile<Float>(directory: directory, name: m.predictions, count: m.n).readAll()
    let t = try RawFile<Float>(directory: directory, name: m.targets, count: m.n).readAll()
    for mode in Mode.allCases {
      guard LibraryRunners.regression(mode) != nil else { continue }
      try measure("regression", mode, repetitions) {
        LibraryRunners.regression(mode)!
      } update: { runner in
        try p.withUnsafeBufferPointer { p in
          try t.withUnsafeBufferPointer { t in
            for r in batches(m.n, m.batch) {
              try runner.update(
                predictions: UnsafeBufferPointer(rebasing: p[r]), targets: UnsafeBufferPointer(rebasing: t[r])
              )
            }
          }
        }
      } compute: {
        $0.compute()
      }
    }
  }

  /// The row ranges of the batches of `n` rows.
  static func batches(_ n: Int, _ batch: Int) -> [Range<Int>] {
    stride(from: 0, to: n, by: batch).map { $0..<min($0 + batch, n) }
  }

  /// Times `repetitions` runs of make, update, compute and prints the median run.
  static func measure<R>(
    _ workload: String, _ mode: Mode, _ repetitions: Int, make: () -> R, update: (inout R) throws -> Void,
    compute: (R) -> [(String, Double)]
  ) throws {
    var runs: [(total: Double, update: Double, compute: Double)] = []
    var values: [(String, Double)] = []
    for _ in 0..<max(1, repetitions) {
      let start = now()
      var runner = make()
      try update(&runner)
      let updated = now()
      values = compute(runner)
      let end = now()
      runs.append((end - start, updated - start, end - updated))
    }
    let middle = runs.sorted { $0.total < $1.total }[runs.count / 2]
    emit(
      workload: workload, library: mode == .exact ? "objectives" : "objectives/streaming",
      seconds: middle.total, values: values,
      extra: [
        ("mode", .string(mode.rawValue)), ("update_seconds", .number(middle.update)),
        ("compute_seconds", .number(middle.compute)), ("statistic", .string("median")),
        ("runs", .array(runs.map { .number($0.total) })),
      ])
  }
}
