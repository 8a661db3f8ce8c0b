#if MPI
  import Objectives
  import ObjectivesMPI

  #if canImport(Glibc)
    import Glibc
  #endif

  /// Runs named checks on every rank; a check passes when it passed on every rank.
  struct Checks {
    let comm: Communicator
    private(set) var passed = 0
    private(set) var failed = 0

    init(_ comm: Communicator) { self.comm = comm }

    /// Runs `body` here and agrees with the other ranks (one all-gather) on the outcome.
    mutating func check(_ name: String, _ body: () throws -> Bool) {
      var ok = false
      var detail = ""
      do {
        ok = try body()
        if !ok { detail = "returned false" }
      } catch {
        detail = "threw \(error)"
      }
      do {
        let all = try comm.allGather([ok ? 1 : 0])
        let bad = all.indices.filter { all[$0] == 0 }
        if bad.isEmpty {
          passed += 1
        } else {
          failed += 1
          if !ok { print("FAIL \(name) on rank \(comm.rank) of \(comm.size): \(detail)") }
        }
      } catch {
        print("FAIL \(name): the agreement collective failed: \(error)")
        failed += 1
      }
      fflush(nil)
    }
  }

  /// Results that agree: the same names, integer-like and rank-based values equal, the others
  /// within `relative` (NaN equals NaN).
  func agree(_ a: Results, _ b: Results, relative: Double = 1e-12) -> Bool {
    guard a.names == b.names else {
      print("names differ: \(a.names) vs \(b.names)")
      return false
    }
    for (x, y) in zip(a, b) {
      let u = x.value.values
      let v = y.value.values
      guard u.count == v.count else { return false }
      for (p, q) in zip(u, v) where !(p == q || (p.isNaN && q.isNaN)) {
        if abs(p - q) > relative * max(abs(p), abs(q)) {
          print("\(x.name): \(p) vs \(q)")
          return false
        }
      }
    }
    return true
  }

  /// Results that are bit-for-bit equal (NaN equals NaN).
  func identical(_ a: Results, _ b: Results) -> Bool { agree(a, b, relative: 0) }

  /// A deterministic generator (SplitMix64), the same on every rank.
  struct Rand {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
  }

  /// The rows of rank `rank` out of `count`: uneven contiguous shares in rank order, with an empty
  /// share for rank 1 when there are 3 or more ranks.
  func share(_ count: Int, rank: Int, size: Int) -> Range<Int> {
    let weights = (0..<size).map { r in size >= 3 && r == 1 ? 0 : r + 1 }
    let total = weights.reduce(0, +)
    var start = 0
    for r in 0..<rank { start += count * weights[r] / total }
    let end = rank == size - 1 ? count : start + count * weights[rank] / total
    return start..<end
  }

  /// Feeds `range` of the data to `objective` in batches of `batch` rows (none for an empty range).
  func feed<O: Objective>(
    _ objective: inout O, _ range: Range<Int>, batch: Int, _ slice: (Range<Int>) -> (O.Output, O.Target)
  ) throws(ObjectiveError) {
    var i = range.lowerBound
    while i < range.upperBound {
      let j = min(i + batch, range.upperBound)
      let (o, t) = slice(i..<j)
      try objective.update(o, t)
      i = j
    }
  }
#endif
