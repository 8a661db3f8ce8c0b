#if MPI
  import Objectives
  import ObjectivesMPI

  /// Failures that every rank must report identically, without a deadlock.
  enum FailureChecks {
    static func run(_ checks: inout Checks) {
      let comm = checks.comm
      let (rank, size) = (comm.rank, comm.size)
      let n = CheckData.binaryCount
      let last = size - 1

      checks.check("a failed update on the last rank fails every rank alike") {
        let expected = ObjectiveError.labelOutOfRange(label: 7, count: 2, position: 0)
        let fresh = try binaryMetrics(Double.self)
        let reduced = try expectError { () throws(MPIError) in
          _ = try comm.allReduce(fresh) {
            (m: inout BinaryClassification<Double>) throws(ObjectiveError) in
            try feed(&m, share(n, rank: rank, size: size), batch: 500, CheckData.binarySlice)
            if rank == last { try m.update([0.5], [7]) }
          }
        }
        return reduced == .rankFailed(rank: last, error: expected)
      }

      checks.check("the first failed rank in rank order wins, also for reduce to a root") {
        var local = try binaryMetrics(Double.self)
        try feed(&local, share(n, rank: rank, size: size), batch: 500, CheckData.binarySlice)
        let outcome: Result<BinaryClassification<Double>, ObjectiveError> =
          rank == last || rank == last / 2
          ? .failure(.invalidArgument("rank \(rank) gave up")) : .success(local)
        let error = try expectError { () throws(MPIError) in _ = try comm.reduce(outcome, root: 0) }
        return error == .rankFailed(rank: last / 2, error: .invalidArgument("rank \(last / 2) gave up"))
      }

      checks.check("other classes on the last rank is a configuration mismatch everywhere") {
        let classes = size > 1 && rank == last ? 4 : 3
        let configured = try multiclassMetrics(Double.self, numClasses: classes)
        let error = try expectError { () throws(MPIError) in _ = try comm.allReduce(configured) }
        guard size > 1 else { return error == nil }
        guard case .configurationMismatch(let r, _, _)? = error else { return false }
        return r == last
      }

      checks.check("other metrics on the last rank is a configuration mismatch everywhere") {
        let metrics: [ClassificationMetric] = size > 1 && rank == last ? [.accuracy] : [.accuracy, .f1]
        let configured = try binaryMetrics(Double.self, metrics: metrics)
        let error = try expectError { () throws(MPIError) in _ = try comm.reduce(configured, root: 0) }
        guard size > 1 else { return error == nil }
        return error
          == .configurationMismatch(
            rank: last, expected: "BinaryClassification<Double> reporting [\"acc\", \"f1\"]",
            actual: "BinaryClassification<Double> reporting [\"acc\"]")
      }

      checks.check("another formula on the last rank is a configuration mismatch everywhere") {
        let loss =
          size > 1 && rank == last
          ? CheckData.squared + 0.25 * CheckData.absolute : CheckData.squared + 0.5 * CheckData.absolute
        var local = loss
        try feed(&local, share(n, rank: rank, size: size), batch: 100, CheckData.pairSlice)
        let error = try expectError { () throws(MPIError) in _ = try comm.allReduce(local) }
        guard size > 1 else { return error == nil }
        guard case .configurationMismatch(let r, _, _)? = error else { return false }
        return r == last
      }

      checks.check("every rank throws the same message") {
        let configured = try multiclassMetrics(Double.self, numClasses: rank == last ? 5 : 3)
        let error = try expectError { () throws(MPIError) in _ = try comm.allReduce(configured) }
        let text = error.map(\.description) ?? ""
        let root = try comm.broadcast(text, root: 0)
        return root == text && (size == 1 || !text.isEmpty)
      }
    }

    /// The `MPIError` that `body` threw, or `nil`.
    static func expectError(_ body: () throws(MPIError) -> Void) throws -> MPIError? {
      do {
        try body()
        return nil
      } catch {
        return error
      }
    }
  }
#endif
