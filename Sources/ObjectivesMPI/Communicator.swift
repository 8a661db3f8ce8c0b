#if MPI
  import COpenMPI
  import Synchronization

  /// Starting and stopping MPI for the process.
  public enum MPIEnvironment {
    /// Initialises MPI (funneled threading: MPI is called from one thread at a time) unless it is
    /// already initialised. Idempotent; call it once, early, on every rank.
    public static func initialize() throws(MPIError) {
      var flag: Int32 = 0
      try check(MPI_Finalized(&flag), "MPI_Finalized")
      if flag != 0 { throw .notInitialized("MPI was already finalized in this process") }
      try check(MPI_Initialized(&flag), "MPI_Initialized")
      if flag == 0 {
        var provided: Int32 = 0
        try check(MPI_Init_thread(nil, nil, copenmpi_thread_funneled(), &provided), "MPI_Init_thread")
      }
      // Errors return codes (thrown as MPIError) instead of aborting, also when MPI was started elsewhere.
      try check(
        MPI_Comm_set_errhandler(copenmpi_comm_world(), copenmpi_errors_return()), "MPI_Comm_set_errhandler")
    }

    /// Whether MPI is initialised and not yet finalised.
    public static var isInitialized: Bool {
      var initialized: Int32 = 0
      var finalized: Int32 = 0
      MPI_Initialized(&initialized)
      MPI_Finalized(&finalized)
      return initialized != 0 && finalized == 0
    }

    /// Finalises MPI (every rank must call it, after its last collective). Idempotent.
    public static func finalize() {
      guard isInitialized else { return }
      MPI_Finalize()
    }

    /// Stops every rank of the job with `code` (for a rank that cannot reach the next collective).
    public static func abort(code: Int32) -> Never {
      MPI_Abort(copenmpi_comm_world(), code)
      fatalError("ObjectivesMPI: MPI_Abort returned")
    }

    /// Seconds on the MPI clock (`MPI_Wtime`).
    public static var time: Double { MPI_Wtime() }

    static func check(_ code: Int32, _ function: String) throws(MPIError) {
      guard code != MPI_SUCCESS else { return }
      var buffer = [CChar](repeating: 0, count: Int(copenmpi_max_error_string()) + 1)
      var length: Int32 = 0
      MPI_Error_string(code, &buffer, &length)
      let message = String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
      throw .call(function: function, code: code, message: message)
    }
  }

  /// The handle of one MPI communicator and its collective counter, shared by copies.
  final class CommunicatorHandle: @unchecked Sendable {
    // MPI_Comm is an opaque pointer into Open MPI; MPI itself guards it (funneled threading).
    let comm: MPI_Comm?
    let owned: Bool
    let collectives = Atomic<Int>(0)

    init(comm: MPI_Comm?, owned: Bool) {
      self.comm = comm
      self.owned = owned
    }

    deinit {
      if owned, MPIEnvironment.isInitialized {
        var c = comm
        MPI_Comm_free(&c)
      }
    }
  }

  /// A group of ranks that run collectives together: the world, or a part of it made by `split`.
  ///
  /// Every collective of a communicator must be called by every one of its ranks, in the same order.
  /// The communicator counts the collective operations it starts (`collectiveCount`), so tests can
  /// check that a reduction costs a constant number of them.
  public struct Communicator: Sendable {
    let handle: CommunicatorHandle
    /// This process's rank, `0..<size`.
    public let rank: Int
    /// The number of ranks.
    public let size: Int

    init(handle: CommunicatorHandle) throws(MPIError) {
      var r: Int32 = 0
      var s: Int32 = 0
      try MPIEnvironment.check(MPI_Comm_rank(handle.comm, &r), "MPI_Comm_rank")
      try MPIEnvironment.check(MPI_Comm_size(handle.comm, &s), "MPI_Comm_size")
      self.handle = handle
      self.rank = Int(r)
      self.size = Int(s)
    }

    /// Every process of the job (`MPI_COMM_WORLD`); initialises MPI if needed.
    public static func world() throws(MPIError) -> Communicator {
      try MPIEnvironment.initialize()
      return try Communicator(handle: CommunicatorHandle(comm: copenmpi_comm_world(), owned: false))
    }

    /// Whether this is rank 0.
    public var isRoot: Bool { rank == 0 }

    /// The number of collective operations this communicator (and its copies) started so far.
    public var collectiveCount: Int { handle.collectives.load(ordering: .relaxed) }

    func counted() { handle.collectives.add(1, ordering: .relaxed) }

    /// Splits the communicator (a collective): ranks passing the same `color` form a new
    /// communicator, ordered by `key` then by rank here; a `nil` colour leaves this rank out
    /// (it gets `nil`).
    public func split(color: Int?, key: Int = 0) throws(MPIError) -> Communicator? {
      if let color, color < 0 { throw .invalidArgument("a split colour must be non-negative, got \(color)") }
      counted()
      var out: MPI_Comm? = copenmpi_comm_null()
      let c = color.map { Int32(clamping: $0) } ?? copenmpi_undefined()
      try MPIEnvironment.check(MPI_Comm_split(handle.comm, c, Int32(clamping: key), &out), "MPI_Comm_split")
      guard color != nil else { return nil }
      try MPIEnvironment.check(
        MPI_Comm_set_errhandler(out, copenmpi_errors_return()), "MPI_Comm_set_errhandler")
      return try Communicator(handle: CommunicatorHandle(comm: out, owned: true))
    }

    /// Waits until every rank reached the barrier (a collective).
    public func barrier() throws(MPIError) {
      counted()
      try MPIEnvironment.check(MPI_Barrier(handle.comm), "MPI_Barrier")
    }

    /// Every rank's `values` (the same count on every rank), concatenated in rank order (one
    /// `MPI_Allgather`).
    public func allGather(_ values: [Int64]) throws(MPIError) -> [Int64] {
      counted()
      var out = [Int64](repeating: 0, count: values.count * size)
      let n = Int32(values.count)
      let code = values.withUnsafeBytes { send in
        out.withUnsafeMutableBytes { recv in
          MPI_Allgather(
            send.baseAddress, n, copenmpi_int64(), recv.baseAddress, n, copenmpi_int64(), handle.comm)
        }
      }
      try MPIEnvironment.check(code, "MPI_Allgather")
      return out
    }

    /// Every rank's bytes, concatenated in rank order, given every rank's byte count (one
    /// `MPI_Allgatherv`). Returns the bytes and each rank's offset.
    public func allGatherBytes(_ bytes: [UInt8], counts: [Int]) throws(MPIError) -> (
      bytes: [UInt8], offsets: [Int]
    ) {
      try gatherBytes(bytes, counts: counts, root: nil)
    }

    /// Like `allGatherBytes`, but only `root` receives (one `MPI_Gatherv`); other ranks get an empty
    /// buffer.
    public func gatherBytes(_ bytes: [UInt8], counts: [Int], root: Int?) throws(MPIError) -> (
      bytes: [UInt8], offsets: [Int]
    ) {
      guard counts.count == size, counts[rank] == bytes.count else {
        throw .invalidArgument(
          "gather counts \(counts) do not match \(size) ranks and \(bytes.count) bytes here")
      }
      if let root, !(0..<size).contains(root) { throw .invalidArgument("root \(root) outside 0..<\(size)") }
      var offsets: [Int] = []
      var total = 0
      for c in counts {
        offsets.append(total)
        total += c
      }
      guard total <= Int(Int32.max) else {
        throw .invalidArgument("a gather of \(total) bytes exceeds MPI's 2 GiB count limit")
      }
      let receives = root == nil || root == rank
      // Not zero-filled: MPI writes every byte of it.
      var out = [UInt8](unsafeUninitializedCapacity: receives ? max(total, 1) : 1) { _, n in
        n = receives ? max(total, 1) : 1
      }
      let counts32 = counts.map { Int32($0) }
      let offsets32 = offsets.map { Int32($0) }
      counted()
      let code = bytes.withUnsafeBytes { send in
        out.withUnsafeMutableBytes { recv in
          if let root {
            MPI_Gatherv(
              send.baseAddress, Int32(bytes.count), copenmpi_byte(), recv.baseAddress, counts32, offsets32,
              copenmpi_byte(), Int32(root), handle.comm)
          } else {
            MPI_Allgatherv(
              send.baseAddress, Int32(bytes.count), copenmpi_byte(), recv.baseAddress, counts32, offsets32,
              copenmpi_byte(), handle.comm)
          }
        }
      }
      try MPIEnvironment.check(code, root == nil ? "MPI_Allgatherv" : "MPI_Gatherv")
      if !receives { return ([], offsets) }
      out.removeLast(out.count - total)
      return (out, offsets)
    }

    /// `root`'s bytes on every rank (two collectives: the length, then the bytes).
    public func broadcastBytes(_ bytes: [UInt8], root: Int = 0) throws(MPIError) -> [UInt8] {
      guard (0..<size).contains(root) else { throw .invalidArgument("root \(root) outside 0..<\(size)") }
      var length = [Int64(rank == root ? bytes.count : 0)]
      counted()
      try MPIEnvironment.check(MPI_Bcast(&length, 1, copenmpi_int64(), Int32(root), handle.comm), "MPI_Bcast")
      guard length[0] <= Int64(Int32.max) else { throw .invalidArgument("a broadcast of \(length[0]) bytes") }
      var out = rank == root ? bytes : [UInt8](repeating: 0, count: Int(length[0]))
      if out.isEmpty { return out }
      counted()
      let code = out.withUnsafeMutableBytes { buffer in
        MPI_Bcast(buffer.baseAddress, Int32(buffer.count), copenmpi_byte(), Int32(root), handle.comm)
      }
      try MPIEnvironment.check(code, "MPI_Bcast")
      return out
    }
  }
#endif
