/// The input checks and the accumulation loop of multilabel scores: one binary decision per
/// (row, label), with targets 0, 1 or the ignore index.
enum MultilabelInput {
  /// Per label, the positive and negative decisions that will be stored (valid, not ignored,
  /// not NaN).
  struct Summary {
    var positives: [Int]
    var negatives: [Int]
  }

  /// Checks targets and scores. Positions are flat indices `row × numLabels + label`.
  static func validate<Rows: ClassificationRows>(
    _ rows: Rows, _ targets: MultilabelTargets, labels l: Int, _ options: ClassificationOptions
  ) throws(ObjectiveError) -> Summary {
    var summary = Summary(
      positives: Array(repeating: 0, count: l), negatives: Array(repeating: 0, count: l))
    for i in 0..<rows.count {
      let failure: ObjectiveError? = targets.withRow(i) { t in
        rows.withRow(i) { row in
          for j in 0..<l {
            let target = t[j]
            if let ignore = options.ignoreIndex, target == ignore { continue }
            guard target == 0 || target == 1 else {
              return .labelOutOfRange(label: target, count: 2, position: i * l + j)
            }
            let x = row[j]
            do throws(ObjectiveError) {
              try BinaryInput.check(x, at: i * l + j, options)
            } catch { return error }
            if x.isNaN { continue }
            if target == 1 { summary.positives[j] += 1 } else { summary.negatives[j] += 1 }
          }
          return nil
        }
      }
      if let failure { throw failure }
    }
    return summary
  }

  /// Accumulates a validated batch into `state`.
  static func accumulate<Rows: ClassificationRows>(
    _ rows: Rows, _ targets: MultilabelTargets, labels l: Int, _ options: ClassificationOptions,
    logLoss needsLoss: Bool, summary: Summary, into state: inout ClassificationState<Rows.Score>
  ) {
    typealias Score = Rows.Score
    let ignore = options.ignoreIndex ?? Int.min
    let kind = options.inputKind
    let cut = BinaryInput.cut(options)
    let ignoresNaN = options.nanPolicy == .omit
    let storing = !state.scores.isEmpty
    let binning = !state.histograms.isEmpty

    // Stored scores of the batch, label-major: label j owns its positives then its negatives.
    let sizes = (0..<l).map { summary.positives[$0] + summary.negatives[$0] }
    let total = storing ? sizes.reduce(0, +) : 0
    let stored = UnsafeMutableBufferPointer<Score>.allocate(capacity: total)
    defer { stored.deallocate() }
    let starts = Scratch<Int>(count: l + 1)
    defer { starts.free() }
    let cursors = Scratch<Int>(count: storing ? 2 * l : 0)
    defer { cursors.free() }
    if storing {
      for j in 0..<l {
        starts[j + 1] = starts[j] + sizes[j]
        cursors[2 * j] = starts[j]
        cursors[2 * j + 1] = starts[j] + summary.positives[j]
      }
    }
    let bins = state.histograms.first?.thresholds ?? 0
    let histogram = state.histograms.first ?? ScoreHistogram(checked: 2)
    let binCounts = Scratch<Int>(count: binning ? 2 * l * bins : 0)
    defer { binCounts.free() }
    let nonFinite = Scratch<Int>(count: l)
    defer { nonFinite.free() }
    var lossSum = LoopSum()
    var lossCount = 0
    var samples = 0
    var exactMatches = 0

    state.confusion.withUnsafeMutableBufferPointer { confusion in
      for i in 0..<rows.count {
        targets.withRow(i) { t in
          rows.withRow(i) { row in
            var counted = false
            var allRight = true
            for j in 0..<l {
              let target = t[j]
              if target == ignore { continue }
              let x = row[j]
              if x.isNaN {
                if ignoresNaN { continue }
                nonFinite[j] += 1
                counted = true
                continue
              }
              counted = true
              let v = Double(x)
              let positive = target == 1
              let predicted = v > cut
              if predicted != positive { allRight = false }
              confusion[4 * j + 2 * target + (predicted ? 1 : 0)] += 1
              if needsLoss {
                lossSum.add(BinaryInput.loss(v, positive: positive, kind: kind))
                lossCount += 1
              }
              if storing {
                let slot = 2 * j + (positive ? 0 : 1)
                stored[cursors[slot]] = x
                cursors[slot] += 1
              }
              if binning {
                let b = histogram.bin(of: BinaryInput.probability(v, kind: kind))
                binCounts[(2 * j + (positive ? 0 : 1)) * bins + b] += 1
              }
            }
            if counted {
              samples += 1
              if allRight { exactMatches += 1 }
            }
          }
        }
      }
    }
    state.samples += samples
    state.exactMatches += exactMatches
    for j in 0..<l { state.nonFinite[j] += nonFinite[j] }
    if needsLoss {
      state.logLoss.merge(lossSum.settled)
      state.logLossCount += lossCount
    }
    if storing {
      let buffer = UnsafeBufferPointer(stored)
      for j in 0..<l {
        let split = starts[j] + summary.positives[j]
        state.scores[j].append(
          positives: UnsafeBufferPointer(rebasing: buffer[starts[j]..<split]),
          negatives: UnsafeBufferPointer(rebasing: buffer[split..<starts[j + 1]]))
      }
    }
    if binning {
      let counts = UnsafeBufferPointer(binCounts.buffer)
      for j in 0..<l {
        state.histograms[j].add(
          positives: UnsafeBufferPointer(rebasing: counts[(2 * j * bins)..<((2 * j + 1) * bins)]),
          negatives: UnsafeBufferPointer(rebasing: counts[((2 * j + 1) * bins)..<((2 * j + 2) * bins)]))
      }
    }
  }
}

/// Multilabel targets, flat row-major or nested, read in place.
enum MultilabelTargets {
  case flat(UnsafeBufferPointer<Int>, width: Int)
  case nested([[Int]])

  @inline(__always) func withRow<R>(_ i: Int, _ body: (UnsafeBufferPointer<Int>) -> R) -> R {
    switch self {
    case .flat(let base, let width):
      return body(UnsafeBufferPointer(rebasing: base[(i * width)..<(i * width + width)]))
    case .nested(let rows):
      return rows[i].withUnsafeBufferPointer(body)
    }
  }
}
