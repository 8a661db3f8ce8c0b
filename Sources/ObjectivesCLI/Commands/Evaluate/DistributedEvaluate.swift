import Foundation
import Objectives

#if MPI
  import ObjectivesMPI

  /// An evaluator whose objective can be reduced across the ranks of an MPI job.
  protocol DistributedEvaluator: BatchEvaluator {
    /// Reduces the objective to rank 0 (this rank's failure, if any, travels as its error marker);
    /// returns whether this rank holds the result.
    mutating func reduce(on comm: Communicator, failure: ObjectiveError?) throws(MPIError) -> Bool
  }

  extension ClassificationEvaluator: DistributedEvaluator {
    mutating func reduce(on comm: Communicator, failure: ObjectiveError?) throws(MPIError) -> Bool {
      let reduced = try comm.reduce(failure.map { .failure($0) } ?? .success(objective), root: 0)
      if let reduced { objective = reduced }
      return reduced != nil
    }
  }

  extension RegressionEvaluator: DistributedEvaluator {
    mutating func reduce(on comm: Communicator, failure: ObjectiveError?) throws(MPIError) -> Bool {
      let reduced = try comm.reduce(failure.map { .failure($0) } ?? .success(objective), root: 0)
      if let reduced { objective = reduced }
      return reduced != nil
    }
  }

  extension EvaluateCommand {
    /// `evaluate --distributed`: every rank reads the header and its share of the rows (whole chunks
    /// of `--chunk-rows`, so streaming averages the same chunks as one process), one reduction
    /// gathers the states on rank 0, and rank 0 alone writes the output, `--per-sample` and
    /// `--curves`. An error on any rank is reported once, by rank 0, as one process reports it.
    static func runDistributed(_ options: EvaluateOptions) throws(CommandError) -> String {
      let comm: Communicator
      do throws(MPIError) {
        comm = try Communicator.world()
      } catch {
        throw .failure("cannot start MPI: \(error)")
      }
      let outcome: Result<String, CommandError>
      do throws(CommandError) {
        outcome = .success(try evaluateShare(options, comm))
      } catch {
        outcome = .failure(error)
      }
      // Rank 0 reports before anyone exits: mpirun ends the job when the first rank exits with 2.
      if case .failure(let error) = outcome, comm.isRoot, !error.message.isEmpty {
        Console.writeError(error.message + "\n")
      }
      try? comm.barrier()
      MPIEnvironment.finalize()
      switch outcome {
      case .success(let output): return output
      case .failure: throw .reportedElsewhere
      }
    }

    private static func evaluateShare(_ options: EvaluateOptions, _ comm: Communicator) throws(CommandError)
      -> String
    {
      // Every rank reads the header: the same file and options give the same layout, or the same error.
      let headerReader = try lift { () throws(ObjectiveError) in try CSVReader(path: options.file) }
      let header = try lift { () throws(ObjectiveError) in try headerReader.readHeader() }
      let dataStart = headerReader.bytesConsumed
      let fileSize = headerReader.totalBytes ?? 0
      let layout = try ColumnLayout(header: header, options: options)
      var evaluator = try makeEvaluator(layout, options)
      guard var distributed = evaluator as? any DistributedEvaluator else {
        throw .failure("this task cannot be evaluated with --distributed")
      }

      let share = try FileShare.locate(
        path: options.file, dataStart: dataStart, fileSize: fileSize, rank: comm.rank, size: comm.size)
      let counts = try mpi { () throws(MPIError) in
        try comm.allGather([Int64(share.records), Int64(share.lineBreaks)])
      }
      let records = (0..<comm.size).map { Int(counts[2 * $0]) }
      let total = records.reduce(0, +)
      guard total > 0 else {
        throw .objective(.malformedInput(line: 0, column: 0, reason: "the input has a header but no rows"))
      }
      let firstRecord = records[..<comm.rank].reduce(0, +)
      let headerBreaks = try FileShare.lineBreaks(path: options.file, before: dataStart)
      let firstLine = 1 + headerBreaks + (0..<comm.rank).reduce(0) { $0 + Int(counts[2 * $1 + 1]) }
      // Whole chunks: this rank evaluates from the first chunk start in its share to the next rank's.
      let chunk = options.chunkRows
      func chunkStart(_ record: Int) -> Int { min((record + chunk - 1) / chunk * chunk, total) }
      let from = chunkStart(firstRecord)
      let to = comm.rank == comm.size - 1 ? total : chunkStart(firstRecord + records[comm.rank])

      let partPath = options.perSample.map { comm.isRoot ? $0 : $0 + ".rank\(comm.rank)" }
      var writer: PerSampleWriter? = nil
      var failure: ObjectiveError? = nil
      var localError: CommandError? = nil
      do throws(CommandError) {
        writer = try partPath.map { path throws(CommandError) in
          try PerSampleWriter(path: path, layout: layout, threshold: options.threshold)
        }
        if from < to {
          let reader = try lift { () throws(ObjectiveError) in
            try CSVReader(
              path: options.file, offset: share.range.lowerBound, firstLine: firstLine, header: header)
          }
          for _ in firstRecord..<from {
            _ = try lift { () throws(ObjectiveError) in try reader.next() }
          }
          _ = try stream(
            reader, layout, chunkRows: chunk, into: &evaluator, perSample: writer, limit: to - from)
          // swift-format-ignore: NeverForceUnwrap
          // The evaluator was made as a `DistributedEvaluator` above (a broken invariant otherwise).
          distributed = evaluator as! any DistributedEvaluator
        }
        try writer?.finish()
      } catch {
        writer?.discard()
        localError = error
        if case .objective(let e) = error { failure = e } else { failure = .invalidArgument(error.message) }
      }

      let holdsResult: Bool
      do throws(MPIError) {
        holdsResult = try distributed.reduce(on: comm, failure: failure)
      } catch {
        if comm.isRoot { removeParts(options.perSample, size: comm.size) }
        if let localError, case .rankFailed(let r, _) = error, r == comm.rank { throw localError }
        if case .rankFailed(_, let e) = error { throw .objective(e) }
        throw .failure("\(error)")
      }
      guard holdsResult else { return "" }
      let results = distributed.results()
      if let directory = options.curves {
        let written = try distributed.writeCharts(to: directory)
        Console.writeError("Wrote " + written.joined(separator: ", ") + "\n")
      }
      if let path = options.perSample { try appendParts(to: path, size: comm.size) }
      return format(results, options)
    }

    /// Appends the per-sample files of ranks 1… to rank 0's (without their header lines), in rank
    /// order, and removes them.
    private static func appendParts(to path: String, size: Int) throws(CommandError) {
      guard size > 1 else { return }
      let out: FileHandle
      do {
        out = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
      } catch {
        throw .failure("cannot write the per-sample file \(path): \(ChartFiles.systemReason(error))")
      }
      defer { try? out.close() }
      do {
        try out.seekToEnd()
        for r in 1..<size {
          let part = path + ".rank\(r)"
          let data = try Data(contentsOf: URL(fileURLWithPath: part))
          if let newline = data.firstIndex(of: 0x0A) { try out.write(contentsOf: data[(newline + 1)...]) }
          try FileManager.default.removeItem(atPath: part)
        }
      } catch {
        throw .failure("cannot write the per-sample file \(path): \(ChartFiles.systemReason(error))")
      }
    }

    private static func removeParts(_ path: String?, size: Int) {
      guard let path, size > 1 else { return }
      for r in 1..<size { try? FileManager.default.removeItem(atPath: path + ".rank\(r)") }
    }

    private static func mpi<T>(_ body: () throws(MPIError) -> T) throws(CommandError) -> T {
      do throws(MPIError) {
        return try body()
      } catch {
        throw .failure("\(error)")
      }
    }
  }
#else
  extension EvaluateCommand {
    /// Without the MPI trait, `--distributed` is refused with how to get it.
    static func runDistributed(_ options: EvaluateOptions) throws(CommandError) -> String {
      throw .failure(
        "'--distributed' needs objectives built with the MPI trait: swift build --traits MPI, then "
          + "mpirun -np K objectives evaluate --distributed … (see Docs/Distributed.md)")
    }
  }
#endif
