#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Seconds on the monotonic clock.
func now() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Runs `body` `repetitions` times and returns each run's seconds with the last run's result.
func timed<R>(repetitions: Int, _ body: () throws -> R) rethrows -> (seconds: [Double], result: R) {
  var seconds: [Double] = []
  var result: R? = nil
  for _ in 0..<max(1, repetitions) {
    let start = now()
    let r = try body()
    seconds.append(now() - start)
    result = r
  }
  return (seconds, result!)
}

/// The median of a non-empty list of timings.
func median(_ xs: [Double]) -> Double {
  let s = xs.sorted()
  let m = s.count / 2
  return s.count % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2
}

/// Flushes standard output, so that lines reach a pipe as they are printed.
func fflushStandardOutput() {
  fflush(nil)
}

/// Keeps a value alive and opaque to the optimiser.
@inline(never)
func blackHole<T>(_ value: T) {
  withExtendedLifetime(value) {}
}

/// Returns its argument through a call the optimiser cannot see through.
@inline(never)
func opaque<T>(_ value: T) -> T { value }
