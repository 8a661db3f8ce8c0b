#if MPI
  enum TrainingCheck {
    static func run(_ checks: inout Checks) {}
  }
#endif
