#if MPI
  import Objectives

  /// One rank's contribution to a reduction, and how to read and merge the others'.
  struct Contribution<Value> {
    /// What a configuration-mismatch error says about the value.
    let describe: (Value) -> String
    /// Writes the value into the payload and its configuration into the fingerprint.
    let write: (Value, BinaryWriter, inout Fingerprint) throws -> Void
    /// Reads another rank's value from its payload.
    let read: (BinaryReader, inout Int) throws -> Value
    /// Merges the next rank's value into the running result (the monoid operation).
    let merge: (inout Value, Value) throws(ObjectiveError) -> Void
  }

  extension Communicator {
    /// Every rank's objective merged in rank order, on every rank: the single-process result over
    /// the concatenated data. Two collectives (an `MPI_Allgather` of sizes, one `MPI_Allgatherv` of
    /// the states), however many members the objective holds.
    ///
    /// - Throws: `MPIError.configurationMismatch` on every rank when a rank's objective is configured
    ///   differently from rank 0's; `.call` when MPI fails.
    public func allReduce<O: Objective>(_ objective: O) throws(MPIError) -> O {
      try allReduce(Result<O, ObjectiveError>.success(objective))
    }

    /// Like `allReduce(_:)`, for a rank whose work may have failed: a rank holding a failure takes
    /// part in the same collectives with an error marker instead of a state, and every rank then
    /// throws `MPIError.rankFailed` naming the first failed rank (in rank order) and its error.
    public func allReduce<O: Objective>(_ outcome: Result<O, ObjectiveError>) throws(MPIError) -> O {
      guard let reduced = try reduceCore(outcome, root: nil, Self.contribution(of: O.self, outcome)) else {
        fatalError("ObjectivesMPI: an all-reduce returned no value")
      }
      return reduced
    }

    /// Every rank's objective merged in rank order, on `root` only (`nil` elsewhere). Two
    /// collectives: an `MPI_Allgather` of sizes, then an `MPI_Gatherv` of the states (an
    /// `MPI_Allgatherv` when some rank failed, so that every rank throws the same error).
    public func reduce<O: Objective>(_ objective: O, root: Int = 0) throws(MPIError) -> O? {
      try reduce(Result<O, ObjectiveError>.success(objective), root: root)
    }

    /// `reduce(_:root:)` for a rank whose work may have failed (see `allReduce(_:)` with a result).
    public func reduce<O: Objective>(_ outcome: Result<O, ObjectiveError>, root: Int = 0) throws(MPIError)
      -> O?
    {
      guard (0..<size).contains(root) else { throw .invalidArgument("root \(root) outside 0..<\(size)") }
      return try reduceCore(outcome, root: root, Self.contribution(of: O.self, outcome))
    }

    /// Runs `body` on a copy of `objective` and all-reduces the outcome: a thrown error becomes
    /// this rank's error marker, so no rank is left waiting in the collective.
    public func allReduce<O: Objective>(
      _ objective: O, after body: (inout O) throws(ObjectiveError) -> Void
    ) throws(MPIError) -> O {
      var local = objective
      let outcome: Result<O, ObjectiveError>
      do throws(ObjectiveError) {
        try body(&local)
        outcome = .success(local)
      } catch {
        outcome = .failure(error)
      }
      return try allReduce(outcome)
    }

    /// Every rank's meters merged in rank order, on every rank (two collectives).
    public func allReduce(_ meters: AverageMeters) throws(MPIError) -> AverageMeters {
      try reduceCodable(meters) { (a: inout AverageMeters, b: AverageMeters) in a.merge(b) }
    }

    /// Every rank's meter merged in rank order, on every rank (two collectives).
    public func allReduce(_ meter: AverageMeter) throws(MPIError) -> AverageMeter {
      try reduceCodable(meter) { (a: inout AverageMeter, b: AverageMeter) in a.merge(b) }
    }

    /// `root`'s value on every rank (two `MPI_Bcast`s: the length, then the bytes), for values
    /// kept on one rank such as a ``History``.
    public func broadcast<T: Codable>(_ value: T, root: Int = 0) throws(MPIError) -> T {
      let bytes: [UInt8]
      do {
        bytes = rank == root ? try BinaryCoding.encode(value) : []
      } catch {
        throw .objective(.incompatibleState("cannot encode \(T.self): \(error)"))
      }
      let received = try broadcastBytes(bytes, root: root)
      do {
        return try BinaryCoding.decode(T.self, from: received)
      } catch {
        throw .objective(.incompatibleState("cannot decode \(T.self): \(error)"))
      }
    }

    private func reduceCodable<V: Codable>(_ value: V, merge: @escaping (inout V, V) -> Void) throws(MPIError)
      -> V
    {
      let contribution = Contribution<V>(
        describe: { _ in "\(V.self)" },
        write: { v, writer, fingerprint in
          fingerprint.add(String(reflecting: V.self))
          try writer.node(v)
        },
        read: { reader, offset in
          let v = try reader.value(V.self, at: offset)
          offset = try reader.node(at: offset).payload.upperBound
          return v
        },
        merge: { a, b in merge(&a, b) })
      guard let reduced = try reduceCore(.success(value), root: nil, contribution) else {
        fatalError("ObjectivesMPI: an all-reduce returned no value")
      }
      return reduced
    }

    static func contribution<O: Objective>(of type: O.Type, _ outcome: Result<O, ObjectiveError>)
      -> Contribution<O>
    {
      // Ranks that failed have no objective; they never read, so any template serves them.
      let template = try? outcome.get()
      return Contribution<O>(
        describe: { StateWire.describe($0) },
        write: { objective, writer, fingerprint in
          fingerprint.add(objective.reportedNames.joined(separator: "\u{1F}"))
          try StateWire.write(objective, into: writer, fingerprint: &fingerprint)
        },
        read: { reader, offset in
          guard let template else {
            throw ObjectiveError.incompatibleState("no local objective to read into")
          }
          return try StateWire.read(template: template, from: reader, at: &offset)
        },
        merge: { (a: inout O, b: O) throws(ObjectiveError) in try a.merge(b) })
    }

    /// The reduction: one all-gather of fixed-size headers (payload length, status, configuration
    /// fingerprint), then one gather of the payloads, then the same decision on every rank.
    func reduceCore<V>(_ outcome: Result<V, ObjectiveError>, root: Int?, _ contribution: Contribution<V>)
      throws(MPIError) -> V?
    {
      let writer = BinaryWriter()
      var status: Int64 = 0
      var fingerprint = Fingerprint()
      switch outcome {
      case .success(let value):
        do {
          writer.bytes.append(0)
          writer.append(string: contribution.describe(value))
          try contribution.write(value, writer, &fingerprint)
        } catch {
          writer.bytes.removeAll()
          status = 1
          let reason = (error as? ObjectiveError) ?? .incompatibleState("cannot encode the state: \(error)")
          writer.bytes.append(1)
          ErrorWire.write(reason, into: writer)
        }
      case .failure(let error):
        status = 1
        writer.bytes.append(1)
        ErrorWire.write(error, into: writer)
      }
      let headers = try allGather([Int64(writer.bytes.count), status, Int64(bitPattern: fingerprint.value)])
      let lengths = stride(from: 0, to: headers.count, by: 3).map { Int(headers[$0]) }
      let failed = (0..<size).first { headers[3 * $0 + 1] != 0 }
      let differs = (0..<size).first { headers[3 * $0 + 2] != headers[2] }
      let everyoneReads = failed != nil || differs != nil
      let (bytes, offsets) = try gatherBytes(writer.bytes, counts: lengths, root: everyoneReads ? nil : root)
      if bytes.isEmpty && !everyoneReads { return nil }
      do {
        return try bytes.withUnsafeBytes { raw throws -> V? in
          let reader = BinaryReader(base: raw)
          if let failed {
            throw MPIError.rankFailed(
              rank: failed, error: try ErrorWire.read(from: reader, at: offsets[failed] + 1))
          }
          if let differs {
            let expected = try reader.string(at: offsets[0] + 1).0
            let actual = try reader.string(at: offsets[differs] + 1).0
            throw MPIError.configurationMismatch(
              rank: differs, expected: expected,
              actual: actual == expected
                ? actual + " (with another number of classes, bins or components)" : actual)
          }
          var result: V? = nil
          for r in 0..<size {
            let piece: V
            if r == rank, case .success(let local) = outcome {
              piece = local
            } else {
              var offset = try reader.string(at: offsets[r] + 1).1
              piece = try contribution.read(reader, &offset)
            }
            if result == nil {
              result = piece
            } else {
              // swift-format-ignore: NeverForceUnwrap
              // `result` was checked non-nil just above; merging in place avoids a copy.
              try contribution.merge(&result!, piece)
            }
          }
          return result
        }
      } catch let error as MPIError {
        throw error
      } catch let error as ObjectiveError {
        throw .objective(error)
      } catch {
        throw .objective(.incompatibleState("cannot decode a gathered state: \(error)"))
      }
    }
  }
#endif

#if MPI
  extension Communicator {
    /// The bytes this rank sends when it reduces `objective` (the payload of the second collective):
    /// for sizing traffic, and for comparing a reduction with a bare gather of the same bytes.
    public static func payloadSize<O: Objective>(of objective: O) throws(MPIError) -> Int {
      let writer = BinaryWriter()
      var fingerprint = Fingerprint()
      writer.bytes.append(0)
      writer.append(string: StateWire.describe(objective))
      do {
        try StateWire.write(objective, into: writer, fingerprint: &fingerprint)
      } catch {
        throw .objective(.incompatibleState("cannot encode \(O.self): \(error)"))
      }
      return writer.bytes.count
    }
  }
#endif
