// `mpirun -np K objectives-mpi-check`: the distributed checks, run on every rank; rank 0 prints one
// line per failed check and a closing `N passed, M failed`, and every rank exits 1 on a failure.
#if canImport(Glibc)
  import Glibc
#endif

#if MPI
  import ObjectivesMPI

  let failures = CheckRunner.runAll()
  exit(failures == 0 ? 0 : 1)
#else
  print("objectives-mpi-check needs the MPI trait: swift build --traits MPI")
  exit(2)
#endif
