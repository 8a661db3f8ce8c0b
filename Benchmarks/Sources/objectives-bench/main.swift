// objectives-bench: the standard workloads of reference_bench.py, run on Objectives.
//
//   objectives-bench DIR [WORKLOAD...] [--repeat R] [--calls C]
//
// Workloads: binary, multiclass, regression, algebra, streaming-mse, memory (all by default);
// catalogue (alone; its data comes from scripts/bench_catalogue3.py).
// Prints one JSON line per result: {"workload", "library", "seconds", "values", ...}.
// DIR is written by `reference_bench.py write DIR`.

#if canImport(Glibc)
  import Glibc
#endif

let usage = """
  usage: objectives-bench DIR [WORKLOAD...] [--repeat R] [--calls C] [--memory-libraries L,...]
    workloads: binary multiclass regression algebra streaming-mse memory (default: all)
    --repeat R   timed runs per workload; seconds is their median (default 3); algebra and
                 streaming-mse run at least 5 rounds and report the fastest
    --calls C    forward calls per algebra run (default 1000000)
    --memory-libraries L,...   objectives and/or calibration (default objectives)
  """

func main() throws {
  var arguments = Array(CommandLine.arguments.dropFirst())
  guard let directory = arguments.first, !directory.hasPrefix("-") else {
    print(usage)
    exit(2)
  }
  arguments.removeFirst()

  if arguments.first == "--probe" {
    guard arguments.count == 5, let mode = Mode(rawValue: arguments[3]), let n = Int(arguments[4]) else {
      throw BenchError("--probe WORKLOAD LIBRARY MODE N")
    }
    try MemoryWorkload.probe(
      directory: directory, workload: arguments[1], library: arguments[2], mode: mode, n: n)
    return
  }

  var repetitions = 3
  var calls = 1_000_000
  var memoryLibraries = ["objectives"]
  var workloads: [String] = []
  var i = 0
  while i < arguments.count {
    let a = arguments[i]
    func value() throws -> String {
      guard i + 1 < arguments.count else { throw BenchError("\(a) needs a value") }
      i += 1
      return arguments[i]
    }
    switch a {
    case "--repeat":
      guard let r = Int(try value()), r > 0 else { throw BenchError("--repeat needs a positive integer") }
      repetitions = r
    case "--calls":
      guard let c = Int(try value()), c > 0 else { throw BenchError("--calls needs a positive integer") }
      calls = c
    case "--memory-libraries":
      memoryLibraries = try value().split(separator: ",").map(String.init)
    default:
      workloads.append(a)
    }
    i += 1
  }
  if workloads.isEmpty {
    workloads = ["binary", "multiclass", "regression", "algebra", "streaming-mse", "memory"]
  }

  if workloads == ["catalogue"] {
    // Its own data (scripts/bench_catalogue3.py), no manifest.
    try CatalogueWorkload.run(directory: directory, repetitions: repetitions)
    return
  }
  let manifest = try Manifest.load(from: directory)
  for workload in workloads {
    switch workload {
    case "binary":
      try MetricWorkloads.binary(directory: directory, manifest: manifest, repetitions: repetitions)
    case "multiclass":
      try MetricWorkloads.multiclass(directory: directory, manifest: manifest, repetitions: repetitions)
    case "regression":
      try MetricWorkloads.regression(directory: directory, manifest: manifest, repetitions: repetitions)
    case "algebra": try AlgebraWorkload.run(calls: calls, rounds: max(repetitions, 5))
    case "streaming-mse":
      let m = manifest.regression
      let p = try RawFile<Float>(directory: directory, name: m.predictions, count: m.n).readAll()
      let t = try RawFile<Float>(directory: directory, name: m.targets, count: m.n).readAll()
      try BandwidthWorkload.run(predictions: p, targets: t, batch: m.batch, repetitions: max(repetitions, 5))
    case "memory":
      try MemoryWorkload.run(
        directory: directory, workloads: ["binary", "multiclass", "regression"], libraries: memoryLibraries)
    default:
      throw BenchError("unknown workload \(workload)\n\(usage)")
    }
  }
}

do {
  try main()
} catch {
  let message = "objectives-bench: \(error)\n"
  _ = message.withCString { write(2, $0, strlen($0)) }
  exit(1)
}
