#if MPI
  import Objectives
  import ObjectivesMPI

  /// Reductions that must equal the single-process result over the concatenated data.
  enum ReductionChecks {
    static func run(_ checks: inout Checks) {
      let comm = checks.comm
      let (rank, size) = (comm.rank, comm.size)
      let n = CheckData.binaryCount

      checks.check("binary exact equals one process") {
        let make = { try binaryMetrics(Double.self, adding: [.logLoss, .confusionMatrix]) }
        var local = try make()
        try feed(&local, share(n, rank: rank, size: size), batch: 97, CheckData.binarySlice)
        var whole = try make()
        try whole.update(CheckData.binary.scores, CheckData.binary.labels)
        let reduced = try comm.allReduce(local).compute()
        let exactNames = ["auroc", "auprc", "acc", "f1", "mcc", "confmat"]
        return agree(reduced, whole.compute())
          && exactNames.allSatisfy { reduced[$0] == whole.compute()[$0] }
      }

      checks.check("multiclass streaming equals one process") {
        let make = { try multiclassMetrics(Double.self, numClasses: CheckData.classes, mode: .streaming) }
        let m = CheckData.multiclassCount
        let batch = 64
        // Streaming averages per batch, so every rank's share starts on a batch boundary.
        let chunks = (m + batch - 1) / batch
        let mine = share(chunks, rank: rank, size: size)
        let rows = mine.lowerBound * batch..<min(mine.upperBound * batch, m)
        var local = try make()
        try feed(&local, rows, batch: batch, CheckData.multiclassSlice)
        var whole = try make()
        try feed(&whole, 0..<m, batch: batch, CheckData.multiclassSlice)
        return agree(try comm.allReduce(local).compute(), whole.compute())
      }

      checks.check("regression exact (Spearman) equals one process") {
        let make = { try regressionMetrics(adding: [.spearman, .mae, .explainedVariance]) }
        var local = try make()
        try feed(&local, share(n, rank: rank, size: size), batch: 1000, CheckData.regressionSlice)
        var whole = try make()
        try whole.update(CheckData.regression.predictions, CheckData.regression.targets)
        return agree(try comm.allReduce(local).compute(), whole.compute())
      }

      checks.check("loss with watched metrics equals one process") {
        let make = { (CheckData.squared + 0.5 * CheckData.absolute) | CheckData.meanScore }
        var local = make()
        try feed(&local, share(n, rank: rank, size: size), batch: 50, CheckData.pairSlice)
        var whole = make()
        try feed(&whole, 0..<n, batch: 50, CheckData.pairSlice)
        return agree(try comm.allReduce(local).compute(), whole.compute())
      }

      checks.check("multi-task container equals one process") {
        let make = { () throws -> MultiTaskMetrics<[Double], [Double]> in
          var m = MultiTaskMetrics<[Double], [Double]>(aggregate: .macro)
          try m.register("a", regressionMetrics(metrics: [.mse, .pearson]), outputs: { $0 }, targets: { $0 })
          try m.register(
            "b", regressionMetrics(metrics: [.mse, .mae]), weight: 2, outputs: { $0 }, targets: { $0 })
          return m
        }
        var local = try make()
        try feed(&local, share(n, rank: rank, size: size), batch: 333, CheckData.regressionSlice)
        var whole = try make()
        try whole.update(CheckData.regression.predictions, CheckData.regression.targets)
        return agree(try comm.allReduce(local).compute(), whole.compute())
      }

      checks.check("a collection of 10 members costs two collectives") {
        var collection = MetricCollection<[Double], [Double]>()
        for k in 0..<10 {
          try collection.add(
            Metric<[Double], [Double]>("m\(k)") { o, t in .samples(zip(o, t).map { $0 * Double(k) - $1 }) })
        }
        try feed(&collection, share(n, rank: rank, size: size), batch: 500, CheckData.pairSlice)
        let before = comm.collectiveCount
        let all = try comm.allReduce(collection)
        let middle = comm.collectiveCount
        let root = try comm.reduce(collection, root: size - 1)
        let after = comm.collectiveCount
        var whole = collection.emptied()
        try feed(&whole, 0..<n, batch: 500, CheckData.pairSlice)
        return collection.count == 10 && middle - before == 2 && after - middle == 2
          && agree(all.compute(), whole.compute()) && (rank == size - 1) == (root != nil)
          && (root.map { identical($0.compute(), all.compute()) } ?? true)
      }

      checks.check("repeated reductions are identical") {
        var local = (CheckData.squared * CheckData.absolute) | CheckData.meanScore
        try feed(&local, share(n, rank: rank, size: size), batch: 123, CheckData.pairSlice)
        let first = try comm.allReduce(local).compute()
        let second = try comm.allReduce(local).compute()
        // Every rank got the same bits: compare rank 0's against this rank's.
        let root = try comm.broadcast(first, root: 0)
        return identical(first, second) && identical(root, first)
      }

      checks.check("every rank empty gives the empty result") {
        let local = try binaryMetrics(Double.self)
        return identical(try comm.allReduce(local).compute(), local.compute())
      }

      checks.check("meters merge in rank order") {
        var meters = AverageMeters()
        let mine = share(n, rank: rank, size: size)
        for i in mine { meters["loss"].update(CheckData.binary.scores[i], n: 1 + i % 3) }
        if rank == 0 { meters["only_on_0"].update(1) }
        var whole = AverageMeters()
        for i in 0..<n { whole["loss"].update(CheckData.binary.scores[i], n: 1 + i % 3) }
        whole["only_on_0"].update(1)
        let reduced = try comm.allReduce(meters)
        let single = try comm.allReduce(meters["loss"])
        let close = { (a: Double, b: Double) in abs(a - b) <= 1e-12 * abs(b) }
        return reduced["loss"].count == whole["loss"].count
          && close(reduced["loss"].average, whole["loss"].average)
          && single.count == whole["loss"].count && reduced["only_on_0"].count == 1
      }

      checks.check("history broadcast from rank 0") {
        var history = History()
        if rank == 0 { try history.log(["loss": 0.5], epoch: 1) }
        let shared = try comm.broadcast(history, root: 0)
        return shared["loss"]?.scalars == [0.5]
      }

      checks.check("split communicators reduce their own ranks") {
        guard let half = try comm.split(color: rank % 2, key: rank) else { return false }
        let out = try comm.split(color: rank == 0 ? nil : 1)
        guard (rank == 0) == (out == nil) else { return false }
        var local = try binaryMetrics(Double.self)
        let mine = share(n, rank: rank, size: size)
        try feed(&local, mine, batch: 1000, CheckData.binarySlice)
        var whole = try binaryMetrics(Double.self)
        for r in stride(from: rank % 2, to: size, by: 2) {
          try feed(&whole, share(n, rank: r, size: size), batch: 1000, CheckData.binarySlice)
        }
        let expectedSize = (size - rank % 2 + 1) / 2
        let reduced = try half.allReduce(local)
        return half.size == expectedSize && half.rank == rank / 2
          && identical(reduced.compute(), whole.compute())
      }
    }
  }
#endif
