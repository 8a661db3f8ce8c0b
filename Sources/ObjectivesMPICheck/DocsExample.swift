#if MPI
  import Objectives
  import ObjectivesMPI

  /// The worked example of Docs/Distributed.md, compiled and run as a check so the text stays true.
  enum DocsExample {
    struct Batch {
      var scores: [Float]
      var labels: [Int]
    }

    /// Rank `rank`'s batches of a data set of 10,000 rows: rows `rank, rank + size, …` in batches of 100.
    static func shard(rank: Int, of size: Int) -> [Batch] {
      var g = Rand(5)
      let scores = (0..<10_000).map { _ in Float(g.uniform()) }
      let labels = scores.map { s in g.uniform() < Double(s) ? 1 : 0 }
      let mine = Array(stride(from: rank, to: scores.count, by: size))
      return stride(from: 0, to: mine.count, by: 100).map { start in
        let rows = mine[start..<min(start + 100, mine.count)]
        return Batch(scores: rows.map { scores[$0] }, labels: rows.map { labels[$0] })
      }
    }

    // --- begin example (Docs/Distributed.md) ---
    /// Evaluates this rank's shard, then merges every rank's state: the same numbers as one
    /// process over all the data, on every rank.
    static func evaluate(on world: Communicator) throws -> Results {
      var metrics = try binaryMetrics(Float.self, adding: [.logLoss])
      let outcome: Result<BinaryClassification<Float>, ObjectiveError>
      do throws(ObjectiveError) {
        for batch in shard(rank: world.rank, of: world.size) {
          try metrics.update(batch.scores, batch.labels)
        }
        outcome = .success(metrics)
      } catch {
        outcome = .failure(error)  // still take part in the reduction: no rank is left waiting
      }
      let merged = try world.allReduce(outcome)  // 2 collectives; throws the same error everywhere
      if world.isRoot { print(merged.compute().table()) }
      return merged.compute()
    }
    // --- end example ---

    static func run(_ checks: inout Checks) {
      let comm = checks.comm
      checks.check("the documented example equals one process") {
        var single = try binaryMetrics(Float.self, adding: [.logLoss])
        for batch in shard(rank: 0, of: 1) { try single.update(batch.scores, batch.labels) }
        let merged = try evaluate(on: comm)
        // Rows are interleaved across ranks, so the score order differs: values agree, not bits.
        return agree(merged, single.compute(), relative: 1e-9)
      }
    }
  }
#endif
