#if MPI
  import Objectives
  import ObjectivesMPI

  #if canImport(Glibc)
    import Glibc
  #endif

  /// Runs every group of checks on the world communicator and prints the tally on rank 0.
  enum CheckRunner {
    /// Runs the checks; returns the number of failed checks (the same on every rank).
    static func runAll() -> Int {
      let comm: Communicator
      do {
        comm = try Communicator.world()
      } catch {
        print("cannot start MPI: \(error)")
        return 1
      }
      var checks = Checks(comm)
      ReductionChecks.run(&checks)
      FailureChecks.run(&checks)
      TrainingCheck.run(&checks)
      DocsExample.run(&checks)
      if comm.isRoot {
        print("ranks: \(comm.size)")
        print("\(checks.passed) passed, \(checks.failed) failed")
        fflush(nil)
      }
      MPIEnvironment.finalize()
      return checks.failed
    }
  }
#endif
