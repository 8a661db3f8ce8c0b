import Objectives

/// Streaming mean squared error over the regression pairs, as memory bandwidth: bytes read
/// (predictions + targets, float32) per second, over the workload's batches, update + compute.
///
/// Three lines: the library's streaming MSE, and two plain loops for scale — a scalar loop with
/// one `Double` accumulator, and a SIMD loop (8 lanes, `Double` accumulation), the best a
/// contiguous-buffer loop does on one core. Each is run several times; `seconds` is the fastest run
/// (the data is already in memory; timing noise only adds time).
enum BandwidthWorkload {
  static func run(predictions: [Float], targets: [Float], batch: Int, repetitions: Int) throws {
    let n = predictions.count
    let bytes = Double(n * 2 * MemoryLayout<Float>.stride)

    func report(_ library: String, _ runs: [Double], _ mse: Double) {
      let seconds = runs.min()!
      emit(
        workload: "streaming-mse", library: library, seconds: seconds,
        values: [("mse", mse), ("gb_per_s", bytes / seconds / 1e9)],
        extra: [
          ("bytes", .integer(Int(bytes))), ("statistic", .string("min")),
          ("runs", .array(runs.map { .number($0) })),
        ])
    }

    if let library = try LibraryStreamingMSE.run(predictions, targets, batch: batch, repetitions: repetitions)
    {
      report("objectives", library.runs, library.mse)
    }

    let scalar = timed(repetitions: repetitions) { scalarLoop(predictions, targets, batch: batch) }
    report("loop-scalar", scalar.seconds, scalar.result)
    let simd = timed(repetitions: repetitions) { simdLoop(predictions, targets, batch: batch) }
    report("loop-simd", simd.seconds, simd.result)
  }

  /// One `Double` accumulator, one element at a time.
  @inline(never)
  static func scalarLoop(_ p: [Float], _ t: [Float], batch: Int) -> Double {
    var total = 0.0
    var count = 0
    p.withUnsafeBufferPointer { p in
      t.withUnsafeBufferPointer { t in
        var start = 0
        while start < p.count {
          let end = min(start + batch, p.count)
          var s = 0.0
          for i in start..<end {
            let d = Double(p[i]) - Double(t[i])
            s += d * d
          }
          total += s
          count += end - start
          start = end
        }
      }
    }
    return total / Double(count)
  }

  /// Eight `Double` lanes over `SIMD8<Float>` loads.
  @inline(never)
  static func simdLoop(_ p: [Float], _ t: [Float], batch: Int) -> Double {
    var total = 0.0
    var count = 0
    p.withUnsafeBufferPointer { p in
      t.withUnsafeBufferPointer { t in
        var start = 0
        while start < p.count {
          let end = min(start + batch, p.count)
          var acc = SIMD8<Double>()
          var i = start
          let pr = UnsafeRawPointer(p.baseAddress!)
          let tr = UnsafeRawPointer(t.baseAddress!)
          while i + 8 <= end {
            let a = pr.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            let b = tr.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            let d = SIMD8<Double>(a) - SIMD8<Double>(b)
            acc += d * d
            i += 8
          }
          var s = acc.sum()
          while i < end {
            let d = Double(p[i]) - Double(t[i])
            s += d * d
            i += 1
          }
          total += s
          count += end - start
          start = end
        }
      }
    }
    return total / Double(count)
  }
}
