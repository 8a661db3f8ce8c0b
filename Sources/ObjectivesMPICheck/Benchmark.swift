#if MPI
  import Objectives
  import ObjectivesMPI

  #if canImport(Glibc)
    import Glibc
  #endif

  /// `objectives-mpi-check --bench [ROWS]`: the time of one all-reduce of a collection of ten metrics
  /// against a bare `MPI_Allgatherv` of the same bytes, as JSON lines on rank 0. Build in release
  /// mode; see Docs/Performance.md.
  enum Benchmark {
    static let binaryMetricList: [ClassificationMetric] = [
      .auroc, .averagePrecision, .accuracy, .f1, .mcc, .precision, .recall, .specificity, .balancedAccuracy,
      .logLoss,
    ]
    static let multiclassMetricList: [ClassificationMetric] = [
      .auroc, .averagePrecision, .accuracy, .f1, .mcc, .precision, .recall, .specificity, .cohenKappa,
      .logLoss,
    ]

    static func run(rows: Int) -> Int32 {
      do {
        let comm = try Communicator.world()
        var g = Rand(UInt64(101 + comm.rank))
        let scores = (0..<rows).map { _ in Float(g.uniform()) }
        let labels = scores.map { s in g.uniform() < 0.2 + 0.6 * Double(s) ? 1 : 0 }
        var exact = try binaryMetrics(Float.self, metrics: binaryMetricList)
        try exact.update(scores, labels)
        var streaming = try binaryMetrics(Float.self, metrics: binaryMetricList, mode: .streaming)
        for start in stride(from: 0, to: rows, by: 65_536) {
          let end = min(start + 65_536, rows)
          try streaming.update(Array(scores[start..<end]), Array(labels[start..<end]))
        }
        let classes = 100
        let mcRows = rows / 10
        var mcScores: [Float] = []
        mcScores.reserveCapacity(mcRows * classes)
        var mcLabels: [Int] = []
        for _ in 0..<mcRows {
          let row = (0..<classes).map { _ in Float(g.uniform()) }
          let total = row.reduce(0, +)
          mcScores.append(contentsOf: row.map { $0 / total })
          mcLabels.append(g.below(classes))
        }
        var multiclass = try multiclassMetrics(
          Float.self, numClasses: classes, metrics: multiclassMetricList, mode: .streaming)
        try multiclass.update(mcScores, mcLabels)
        try measure("binary_exact", exact, comm, rows: rows)
        try measure("binary_streaming", streaming, comm, rows: rows)
        try measure("multiclass100_streaming", multiclass, comm, rows: mcRows)
        MPIEnvironment.finalize()
        return 0
      } catch {
        print("benchmark failed: \(error)")
        return 1
      }
    }

    /// Median over 21 runs of the slowest rank's time, for the reduction and for the bare gather.
    static func measure<O: Objective>(_ name: String, _ objective: O, _ comm: Communicator, rows: Int) throws
    {
      var encode: [Double] = []
      var names: [Double] = []
      for _ in 0..<21 {
        var start = MPIEnvironment.time
        _ = try Communicator.payloadSize(of: objective)
        encode.append((MPIEnvironment.time - start) * 1e3)
        start = MPIEnvironment.time
        _ = objective.reportedNames
        names.append((MPIEnvironment.time - start) * 1e3)
      }
      let payload = try Communicator.payloadSize(of: objective)
      let counts = try comm.allGather([Int64(payload)]).map { Int($0) }
      let bytes = [UInt8](repeating: 1, count: payload)
      func time(_ body: () throws -> Void) throws -> Double {
        try comm.barrier()
        let start = MPIEnvironment.time
        try body()
        let mine = MPIEnvironment.time - start
        let all = try comm.allGather([Int64(mine * 1e9)])
        return Double(all.max() ?? 0) / 1e6
      }
      var reduce: [Double] = []
      var gather: [Double] = []
      var merged = objective
      for run in 0..<24 {
        let r = try time { merged = try comm.allReduce(objective) }
        let f = try time { _ = try comm.allGatherBytes(bytes, counts: counts) }
        if run >= 3 {
          reduce.append(r)
          gather.append(f)
        }
      }
      let check = merged.compute().first?.value.values.first ?? .nan
      if comm.isRoot {
        let median = { (a: [Double]) in a.sorted()[a.count / 2] }
        print(
          "{\"workload\": \"\(name)\", \"ranks\": \(comm.size), \"rows_per_rank\": \(rows), "
            + "\"payload_bytes_per_rank\": \(payload), \"reduce_ms\": \(median(reduce)), "
            + "\"allgatherv_ms\": \(median(gather)), \"encode_ms\": \(median(encode)), "
            + "\"names_ms\": \(median(names)), \"first_value\": \(check)}")
        fflush(nil)
      }
    }
  }
#endif
