extension BinaryClassification {
  /// Accumulates one batch read in place: `scores[i]` is the score of sample `i` for the positive
  /// class (a probability, a logit or a 0/1 prediction, as `inputKind` says) and `targets[i]` its
  /// label, 0 or 1 (or the ignore index).
  ///
  /// Throws, leaving the state unchanged, on a length mismatch, a target other than 0, 1 or the
  /// ignore index (`.labelOutOfRange`, naming the position), a NaN score under `.error`
  /// (`.nonFinite`), a probability outside [0, 1] or a prediction other than 0 or 1
  /// (`.invalidValue`).
  /// - Complexity: O(n); with stored scores, one batch-sized buffer and the store's growth.
  @_specialize(where Score == Float)
  @_specialize(where Score == Double)
  public mutating func update(
    scores: UnsafeBufferPointer<Score>, targets: UnsafeBufferPointer<Int>
  ) throws(ObjectiveError) {
    guard scores.count == targets.count else {
      throw .lengthMismatch(what: "scores and targets", expected: targets.count, actual: scores.count)
    }
    let options = core.options
    _ = try BinaryInput.validate(scores, targets, options)
    let logLoss = core.needsLogLoss
    core.accumulate { state in
      BinaryInput.accumulate(scores, targets, options, logLoss: logLoss, into: &state)
    }
  }
}

/// The input checks and the accumulation loop of binary (and, per label, multilabel) scores.
enum BinaryInput {
  /// Checks one batch and returns its number of positive targets.
  @_specialize(where Score == Float)
  @_specialize(where Score == Double)
  static func validate<Score: ClassificationScore>(
    _ scores: UnsafeBufferPointer<Score>, _ targets: UnsafeBufferPointer<Int>,
    _ options: ClassificationOptions
  ) throws(ObjectiveError) -> Int {
    var positives = 0
    for i in 0..<targets.count {
      let t = targets[i]
      if let ignore = options.ignoreIndex, t == ignore { continue }
      guard t == 0 || t == 1 else { throw .labelOutOfRange(label: t, count: 2, position: i) }
      try check(scores[i], at: i, options)
      positives &+= t
    }
    return positives
  }

  /// Checks one score against the NaN policy and the input kind's domain.
  @inline(__always) static func check<Score: ClassificationScore>(
    _ x: Score, at position: Int, _ options: ClassificationOptions
  ) throws(ObjectiveError) {
    if x.isNaN {
      if options.nanPolicy == .error { throw .nonFinite(what: "score", position: position) }
      return
    }
    switch options.inputKind {
    case .probabilities:
      guard x >= 0 && x <= 1 else {
        throw .invalidValue(what: "probability", value: Double(x), position: position)
      }
    case .labels:
      guard x == 0 || x == 1 else {
        throw .invalidValue(what: "predicted label", value: Double(x), position: position)
      }
    case .logits: break
    }
  }

  /// The value above which a score is predicted positive.
  static func cut(_ options: ClassificationOptions) -> Double { options.positiveCut }

  /// The negative log-likelihood of one sample.
  @inline(__always) static func loss(_ x: Double, positive: Bool, kind: InputKind) -> Double {
    if kind == .logits {
      return ClassificationMath.softplus(positive ? -x : x)
    }
    return ClassificationMath.clippedNegativeLog(positive ? x : 1 - x)
  }

  /// The probability of a score (for binning).
  @inline(__always) static func probability(_ x: Double, kind: InputKind) -> Double {
    kind == .logits ? ClassificationMath.sigmoid(x) : x
  }

  /// Accumulates a validated batch into `state` (class 0 of the state's stores).
  @_specialize(where Score == Float)
  @_specialize(where Score == Double)
  static func accumulate<Score: ClassificationScore>(
    _ scores: UnsafeBufferPointer<Score>, _ targets: UnsafeBufferPointer<Int>,
    _ options: ClassificationOptions, logLoss needsLoss: Bool,
    into state: inout ClassificationState<Score>
  ) {
    let ignore = options.ignoreIndex ?? Int.min
    let kind = options.inputKind
    let cut = cut(options)
    let ignoresNaN = options.nanPolicy == .omit
    // Three register counters instead of a confusion vector indexed per sample (whose stores and
    // reloads through the stack made the loop sensitive to the frame's layout).
    var positives = 0  // Σ t
    var predicted = 0  // Σ [v > cut]
    var hits = 0  // Σ t·[v > cut]
    var nonFinite = 0
    var samples = 0
    var lossSum = LoopSum()
    let store = state.scores.first
    if store != nil { state.scores[0] = ScoreStore() }
    // The batch's scores are partitioned (branch-free) into two buffers, then appended in bulk.
    let storing = store != nil
    let buffer = UnsafeMutablePointer<Score>.allocate(capacity: storing ? 2 * targets.count : 0)
    defer { buffer.deallocate() }
    let positiveScores = buffer
    let negativeScores = buffer + (storing ? targets.count : 0)
    var storedPositives = 0
    var storedNegatives = 0
    var histogram = state.histograms.first
    var calibration = state.calibration
    let calibrating = !calibration.isEmpty
    for i in 0..<targets.count {
      let t = targets[i]
      if t == ignore { continue }
      let x = scores[i]
      if x.isNaN {
        if ignoresNaN { continue }
        nonFinite += 1
        samples += 1
        continue
      }
      samples += 1
      let v = Double(x)
      let positive = t == 1
      let p = v > cut ? 1 : 0
      positives &+= t
      predicted &+= p
      hits &+= t & p
      // Branch-free TwoSum in the loop; an infinite loss is settled after it (`LoopSum.settled`).
      if needsLoss { lossSum.add(loss(v, positive: positive, kind: kind)) }
      if storing {
        positiveScores[storedPositives] = x
        negativeScores[storedNegatives] = x
        storedPositives &+= positive ? 1 : 0
        storedNegatives &+= positive ? 0 : 1
      }
      histogram?.add(probability(v, kind: kind), positive: positive)
      if calibrating {
        let p = probability(v, kind: kind)
        for b in calibration.indices { calibration[b].add(p, correct: positive) }
      }
    }
    if calibrating { state.calibration = calibration }
    let counted = samples - nonFinite
    state.confusion[0] += counted - positives - predicted + hits  // tn
    state.confusion[1] += predicted - hits  // fp
    state.confusion[2] += positives - hits  // fn
    state.confusion[3] += hits  // tp
    state.nonFinite[0] += nonFinite
    state.samples += samples
    if needsLoss {
      state.logLoss.merge(lossSum.settled)
      state.logLossCount += samples - nonFinite
    }
    if var store {
      store.reserve(positives: storedPositives, negatives: storedNegatives)
      store.append(
        positives: UnsafeBufferPointer(start: positiveScores, count: storedPositives),
        negatives: UnsafeBufferPointer(start: negativeScores, count: storedNegatives))
      state.scores[0] = store
    }
    if let histogram { state.histograms[0] = histogram }
  }
}
