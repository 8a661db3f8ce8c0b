// `mpirun -np K objectives-mpi-check`: the distributed checks, run on every rank; rank 0 prints one
// line per failed check and a closing `N passed, M failed`, and every rank exits 1 on a failure.
// `mpirun -np K objectives-mpi-check --bench [ROWS]`: the reduction benchmark (release builds).
#if canImport(Glibc)
  import Glibc
#endif

#if MPI
  import ObjectivesMPI

  let arguments = CommandLine.arguments.dropFirst()
  if arguments.first == "--bench" {
    exit(Benchmark.run(rows: arguments.dropFirst().first.flatMap { Int($0) } ?? 1_000_000))
  }
  let failures = CheckRunner.runAll()
  exit(failures == 0 ? 0 : 1)
#else
  print("objectives-mpi-check needs the MPI trait: swift build --traits MPI")
  exit(2)
#endif
