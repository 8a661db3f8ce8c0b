/// The input checks and the accumulation loop of multiclass scores.
enum MulticlassInput {
  /// What validation learned about a batch: upper bounds on the rows per target class that will be
  /// stored, and on their total (valid, not ignored rows; rows with a NaN are excluded when the
  /// rows were scanned).
  struct Summary {
    var perClass: [Int]
    var storable: Int
  }

  /// Checks the targets and the score rows of a batch.
  @_specialize(where Rows == FlatRows<Float>)
  @_specialize(where Rows == FlatRows<Double>)
  static func validate<Rows: ClassificationRows>(
    _ rows: Rows, _ targets: UnsafeBufferPointer<Int>, classes: Int, _ options: ClassificationOptions
  ) throws(ObjectiveError) -> Summary {
    var summary = Summary(perClass: Array(repeating: 0, count: classes), storable: 0)
    let checksRange = options.inputKind == .probabilities
    let nanIsError = options.nanPolicy == .error
    // Logits and labels under `.propagate` or `.omit` cannot fail on a score: skip the scan, and
    // let the accumulation pass find NaN rows.
    let scansRows = checksRange || nanIsError
    for i in 0..<targets.count {
      let t = targets[i]
      if let ignore = options.ignoreIndex, t == ignore { continue }
      guard t >= 0 && t < classes else { throw .labelOutOfRange(label: t, count: classes, position: i) }
      if !scansRows {
        summary.perClass[t] += 1
        summary.storable += 1
        continue
      }
      // 0: fine, 1: has NaN, 2 + c: NaN at class c under .error, -1 - c: probability out of range.
      let problem: Int = rows.withRow(i) { row in
        var hasNaN = false
        for c in 0..<classes {
          let x = row[c]
          if x.isNaN {
            if nanIsError { return 2 + c }
            hasNaN = true
          } else if checksRange && !(x >= 0 && x <= 1) {
            return -1 - c
          }
        }
        return hasNaN ? 1 : 0
      }
      if problem >= 2 { throw .nonFinite(what: "score", position: i * classes + problem - 2) }
      if problem < 0 {
        let c = -1 - problem
        let value = rows.withRow(i) { Double($0[c]) }
        throw .invalidValue(what: "probability", value: value, position: i * classes + c)
      }
      if problem == 0 {
        summary.perClass[t] += 1
        summary.storable += 1
      }
    }
    return summary
  }

  /// Checks predicted class indices (`.labels` input): integral and in `0..<classes`.
  static func validateLabels<Score: ClassificationScore>(
    _ labels: UnsafeBufferPointer<Score>, _ targets: UnsafeBufferPointer<Int>, classes: Int,
    _ options: ClassificationOptions
  ) throws(ObjectiveError) {
    for i in 0..<targets.count {
      if let ignore = options.ignoreIndex, targets[i] == ignore { continue }
      let v = labels[i]
      if v.isNaN {
        if options.nanPolicy == .error { throw .nonFinite(what: "predicted class", position: i) }
        continue
      }
      guard v >= 0 && v < Score(classes) && v == v.rounded(.towardZero) else {
        throw .invalidValue(what: "predicted class", value: Double(v), position: i)
      }
    }
  }

  /// What a batch needs computed per row.
  struct Needs {
    var logLoss: Bool
    var topK: [Int]
  }

  /// Accumulates a validated batch into `state`.
  @_specialize(where Rows == FlatRows<Float>)
  @_specialize(where Rows == FlatRows<Double>)
  static func accumulate<Rows: ClassificationRows>(
    _ rows: Rows, _ targets: UnsafeBufferPointer<Int>, classes k: Int, _ options: ClassificationOptions,
    needs: Needs, summary: Summary, into state: inout ClassificationState<Rows.Score>
  ) {
    typealias Score = Rows.Score
    let ignore = options.ignoreIndex ?? Int.min
    let logits = options.inputKind == .logits
    let ignoresNaN = options.nanPolicy == .omit
    let storing = !state.scores.isEmpty
    let binning = !state.histograms.isEmpty
    var calibration = state.calibration
    let calibrating = !calibration.isEmpty
    let needsLSE = logits && (needs.logLoss || storing || binning || calibrating)
    let topK = needs.topK
    let maxK = topK.last ?? 0

    // Stored scores of the batch, class-major: class c owns `storable` slots, its positives first.
    let v = summary.storable
    let transposed = UnsafeMutableBufferPointer<Score>.allocate(capacity: storing ? k * v : 0)
    defer { transposed.deallocate() }
    let cursors = Scratch<Int>(count: storing ? 2 * k : 0)
    defer { cursors.free() }
    if storing {
      for c in 0..<k {
        cursors[2 * c] = c * v
        cursors[2 * c + 1] = c * v + summary.perClass[c]
      }
    }
    let bins = state.histograms.first?.thresholds ?? 0
    let histogram = state.histograms.first ?? ScoreHistogram(checked: 2)
    let binCounts = Scratch<Int>(count: binning ? 2 * k * bins : 0)
    defer { binCounts.free() }
    let hits = Scratch<Int>(count: topK.count * k)
    defer { hits.free() }
    var lossSum = LoopSum()
    var nonFinite = 0
    var samples = 0

    state.confusion.withUnsafeMutableBufferPointer { confusion in
      for i in 0..<targets.count {
        let t = targets[i]
        if t == ignore { continue }
        rows.withRow(i) { row in
          var best = 0
          var bestValue = row[0]
          var hasNaN = bestValue.isNaN
          for c in 1..<k {
            let x = row[c]
            if x > bestValue {
              best = c
              bestValue = x
            } else if x.isNaN {
              hasNaN = true
            }
          }
          if hasNaN {
            if !ignoresNaN {
              nonFinite += 1
              samples += 1
            }
            return
          }
          samples += 1
          confusion[t * k + best] += 1
          if maxK > 0 {
            let target = row[t]
            var above = 0
            for c in 0..<k {
              let x = row[c]
              if x > target || (x == target && c < t) { above += 1 }
            }
            for (slot, kk) in topK.enumerated() where above < kk { hits[slot * k + t] += 1 }
          }
          // log-softmax as (z − max) − log Σ e^(z − max): rows that differ by a constant shift
          // give bit-identical values, so ties in the probabilities stay ties.
          let m = Double(bestValue)
          if needsLSE && !m.isFinite {
            // An infinite largest logit: the limits of `LogSoftmax`, off the hot path.
            let q = (0..<k).map { Double(row[$0]) }.withUnsafeBufferPointer { LogSoftmax.row($0, 0, k) }
            if needs.logLoss { lossSum.add(-q[t]) }
            if storing {
              for c in 0..<k {
                let slot = 2 * c + (c == t ? 0 : 1)
                transposed[cursors[slot]] = Score(q[c])
                cursors[slot] += 1
              }
            }
            if binning {
              for c in 0..<k {
                let b = histogram.bin(of: ClassificationMath.exp(q[c]))
                binCounts[(2 * c + (c == t ? 0 : 1)) * bins + b] += 1
              }
            }
            return
          }
          var logSum = 0.0
          if needsLSE {
            var sum = 0.0
            for c in 0..<k { sum += ClassificationMath.exp(Double(row[c]) - m) }
            logSum = ClassificationMath.log(sum)
          }
          if calibrating {
            // The top-1 probability: the arg-max's softmax is e^(−log Σ e^(z − max)).
            let confidence = logits ? ClassificationMath.exp(-logSum) : m
            for b in calibration.indices { calibration[b].add(confidence, correct: best == t) }
          }
          if needs.logLoss {
            lossSum.add(
              logits
                ? logSum - (Double(row[t]) - m)
                : ClassificationMath.clippedNegativeLog(Double(row[t])))
          }
          if storing {
            for c in 0..<k {
              let value = logits ? Score((Double(row[c]) - m) - logSum) : row[c]
              let slot = 2 * c + (c == t ? 0 : 1)
              transposed[cursors[slot]] = value
              cursors[slot] += 1
            }
          }
          if binning {
            for c in 0..<k {
              let p = logits ? ClassificationMath.exp((Double(row[c]) - m) - logSum) : Double(row[c])
              let b = histogram.bin(of: p)
              binCounts[(2 * c + (c == t ? 0 : 1)) * bins + b] += 1
            }
          }
        }
      }
    }
    state.samples += samples
    state.nonFinite[0] += nonFinite
    if calibrating { state.calibration = calibration }
    if needs.logLoss {
      state.logLoss.merge(lossSum.settled)
      state.logLossCount += samples - nonFinite
    }
    for slot in topK.indices {
      for c in 0..<k { state.topK[slot].hits[c] += hits[slot * k + c] }
    }
    if storing {
      for c in 0..<k {
        let negatives = c * v + summary.perClass[c]
        state.scores[c].append(
          positives: UnsafeBufferPointer(rebasing: transposed[(c * v)..<cursors[2 * c]]),
          negatives: UnsafeBufferPointer(rebasing: transposed[negatives..<cursors[2 * c + 1]]))
      }
    }
    if binning {
      let counts = UnsafeBufferPointer(binCounts.buffer)
      for c in 0..<k {
        state.histograms[c].add(
          positives: UnsafeBufferPointer(rebasing: counts[(2 * c * bins)..<((2 * c + 1) * bins)]),
          negatives: UnsafeBufferPointer(rebasing: counts[((2 * c + 1) * bins)..<((2 * c + 2) * bins)]))
      }
    }
  }
}
