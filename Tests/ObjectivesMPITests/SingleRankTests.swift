#if MPI
  import Objectives
  import Testing

  @testable import ObjectivesMPI

  /// Reductions on one process (MPI's singleton start, no `mpirun`); the multi-rank checks run under
  /// `mpirun` with `objectives-mpi-check`. Serialized: MPI is called from one thread at a time.
  @Suite(.serialized) struct SingleRankTests {
    @Test func worldOfOneReducesToItself() throws {
      let comm = try Communicator.world()
      #expect(comm.size >= 1 && comm.rank < comm.size)
      guard comm.size == 1 else { return }
      var m = try binaryMetrics(Double.self, adding: [.logLoss])
      try m.update([0.2, 0.8, 0.6], [0, 1, 0])
      let before = comm.collectiveCount
      let reduced = try comm.allReduce(m)
      #expect(comm.collectiveCount - before == 2)
      #expect(reduced.compute() == m.compute())
      #expect(try comm.reduce(m, root: 0)?.compute() == m.compute())
    }

    @Test func failedRankIsReported() throws {
      let comm = try Communicator.world()
      guard comm.size == 1 else { return }
      let outcome = Result<BinaryClassification<Double>, ObjectiveError>.failure(.invalidArgument("bad"))
      #expect(throws: MPIError.rankFailed(rank: 0, error: .invalidArgument("bad"))) {
        try comm.allReduce(outcome)
      }
      let fresh = try binaryMetrics(Double.self)
      #expect(throws: MPIError.invalidArgument("root 3 outside 0..<1")) {
        try comm.reduce(fresh, root: 3)
      }
    }

    @Test func collectionTravelsMemberwise() throws {
      let comm = try Communicator.world()
      guard comm.size == 1 else { return }
      var c =
        try binaryMetrics(Double.self) | binaryMetrics(Double.self, metrics: [.logLoss], mode: .streaming)
      try c.update([0.3, 0.7], [0, 1])
      let reduced = try comm.allReduce(c)
      #expect(reduced.compute() == c.compute())
      #expect(try comm.broadcast(History(), root: 0) == History())
    }
  }
#endif
