extension ClassificationCore {
  /// One-vs-rest counts per class (binary: the positive class only).
  func perClassCounts(_ s: ClassificationState<Score>) -> [ClassCounts] {
    let m = s.confusion
    switch task {
    case .binary:
      return [ClassCounts(tp: m[3], fp: m[1], fn: m[2], tn: m[0])]
    case .multilabel(let l):
      return (0..<l).map { j in
        ClassCounts(tp: m[4 * j + 3], fp: m[4 * j + 1], fn: m[4 * j + 2], tn: m[4 * j])
      }
    case .multiclass(let k):
      var rows = Array(repeating: 0, count: k)
      var columns = Array(repeating: 0, count: k)
      var n = 0
      for i in 0..<k {
        for j in 0..<k {
          rows[i] += m[i * k + j]
          columns[j] += m[i * k + j]
        }
        n += rows[i]
      }
      return (0..<k).map { c in
        let tp = m[c * k + c]
        let fp = columns[c] - tp
        let fn = rows[c] - tp
        return ClassCounts(tp: tp, fp: fp, fn: fn, tn: n - tp - fp - fn)
      }
    }
  }

  /// The confusion matrix as a metric value: 2×2 for binary, C×C for multiclass, L×4
  /// (`tn, fp, fn, tp` per label) for multilabel.
  func confusionValue(_ s: ClassificationState<Score>, poisoned: Bool) -> MetricValue {
    let values = s.confusion.map { poisoned ? .nan : Double($0) }
    switch task {
    case .binary: return .matrix(rows: 2, columns: 2, values: values)
    case .multiclass(let c): return .matrix(rows: c, columns: c, values: values)
    case .multilabel(let l): return .matrix(rows: l, columns: 4, values: values)
    }
  }

  /// Whether the threshold of an operating point is per class (multiclass and multilabel, unless
  /// micro-averaged).
  func thresholdIsVector(_ m: ClassificationMetric) -> Bool {
    if case .binary = task { return false }
    return average(of: m) != .micro
  }

  /// NaN in the shape of an operating point's threshold.
  func undefinedThreshold(_ m: ClassificationMetric) -> MetricValue {
    thresholdIsVector(m) ? .vector(Array(repeating: .nan, count: task.classes)) : .scalar(.nan)
  }

  /// NaN in the shape of the metric's value.
  func undefinedValue(_ m: ClassificationMetric) -> MetricValue {
    isVector(m) ? .vector(Array(repeating: .nan, count: task.classes)) : .scalar(.nan)
  }

  /// The results of every metric on the state `s`, computed as if it held the whole data set.
  func exactResults(of s: ClassificationState<Score>) -> Results {
    var results = Results()
    let poisonedLabels = s.nonFinite.map { $0 > 0 }
    let poisoned = poisonedLabels.contains(true)
    let counts = perClassCounts(s)
    let usesRank = !s.isEmpty && !poisoned && metrics.contains(where: \.isRankBased)
    let rankings = usesRank ? perClassRankings(s) : []
    let usesMicroRank = usesRank && metrics.contains { $0.isRankBased && average(of: $0) == .micro }
    let micro = usesMicroRank ? pooledRanking(s) : nil
    for m in metrics {
      if m.isOperatingPoint {
        var (value, threshold) = (undefinedValue(m), undefinedThreshold(m))
        if !s.isEmpty && !poisoned { (value, threshold) = operatingPoint(m, in: s) }
        results.append(Results.Entry(name: m.name, value: value, direction: m.direction))
        if m.reportsThreshold {
          results.append(Results.Entry(name: m.resultKeys[1], value: threshold, direction: nil))
        }
        continue
      }
      let value: MetricValue
      if m.kind == .confusionMatrix {
        value = confusionValue(s, poisoned: poisoned)
      } else if s.isEmpty {
        value = undefinedValue(m)
      } else if poisoned && !(isVector(m) && isMultilabel) {
        value = undefinedValue(m)
      } else {
        var v = self.value(of: m, in: s, counts: counts, rankings: rankings, micro: micro)
        if poisoned, case .vector(var entries) = v {
          for j in entries.indices where poisonedLabels[j] { entries[j] = .nan }
          v = .vector(entries)
        }
        value = v
      }
      results.append(Results.Entry(name: m.name, value: value, direction: m.direction))
    }
    return results
  }

  var isMultilabel: Bool {
    if case .multilabel = task { return true }
    return false
  }

  private func value(
    of m: ClassificationMetric, in s: ClassificationState<Score>, counts: [ClassCounts],
    rankings: [ScoreRanking], micro: ScoreRanking?
  ) -> MetricValue {
    let pooled = counts.reduce(ClassCounts(), +)
    let average = average(of: m)
    switch m.kind {
    case .confusionMatrix:
      return confusionValue(s, poisoned: false)
    case .logLoss:
      return .scalar(s.logLossCount == 0 ? .nan : s.logLoss.value(dividedBy: Double(s.logLossCount)))
    case .exactMatch:
      return .scalar(ClassificationFormulas.ratio(s.exactMatches, s.samples))
    case .calibrationError, .maxCalibrationError:
      guard let bins = s.calibration.first(where: { $0.bins == m.bins }) else { return undefinedValue(m) }
      return .scalar(bins.error(maximum: m.kind == .maxCalibrationError))
    case .hammingLoss:
      if case .multiclass = task {
        return .scalar(ClassificationFormulas.ratio(pooled.fn, pooled.tp + pooled.fn))
      }
      return .scalar(ClassificationFormulas.ratio(pooled.fp + pooled.fn, pooled.total))
    case .topKAccuracy:
      guard let hits = s.topK.first(where: { $0.k == m.k })?.hits else { return undefinedValue(m) }
      let supports = counts.map(\.support)
      let values = hits.indices.map { ClassificationFormulas.ratio(hits[$0], supports[$0]) }
      return ClassificationFormulas.reduce(
        values: values, present: supports.map { $0 > 0 }, weights: supports,
        micro: { ClassificationFormulas.ratio(hits.reduce(0, +), s.samples) }, average: average)
    case .auroc, .averagePrecision:
      let pick: (ScoreRanking) -> Double = m.kind == .auroc ? { $0.auroc } : { $0.averagePrecision }
      guard !rankings.isEmpty else { return undefinedValue(m) }
      if case .binary = task { return .scalar(pick(rankings[0])) }
      return ClassificationFormulas.reduce(
        values: rankings.map(pick), present: rankings.map { _ in true },
        weights: rankings.map(\.positives), micro: { micro.map(pick) ?? .nan }, average: average)
    case .mcc, .cohenKappa, .linearKappa, .quadraticKappa, .balancedAccuracy:
      switch task {
      case .binary:
        return .scalar(wholeMatrix(m.kind, s.confusion, classes: 2))
      case .multiclass(let c):
        return .scalar(wholeMatrix(m.kind, s.confusion, classes: c))
      case .multilabel:
        return perClassValue(m, counts: counts, pooled: pooled, average: average)
      }
    default:
      if case .binary = task {
        return .scalar(
          ClassificationFormulas.perClass(m.kind, counts[0], beta: m.beta, labelwiseAccuracy: true))
      }
      return perClassValue(m, counts: counts, pooled: pooled, average: average)
    }
  }

  private func wholeMatrix(_ kind: ClassificationMetric.Kind, _ matrix: [Int], classes: Int) -> Double {
    switch kind {
    case .mcc: return ClassificationFormulas.mcc(matrix: matrix, classes: classes)
    case .cohenKappa: return ClassificationFormulas.kappa(matrix: matrix, classes: classes)
    case .linearKappa: return ClassificationFormulas.weightedKappa(matrix: matrix, classes: classes, power: 1)
    case .quadraticKappa:
      return ClassificationFormulas.weightedKappa(matrix: matrix, classes: classes, power: 2)
    default: return ClassificationFormulas.balancedAccuracy(matrix: matrix, classes: classes)
    }
  }

  private func perClassValue(
    _ m: ClassificationMetric, counts: [ClassCounts], pooled: ClassCounts, average: Averaging
  ) -> MetricValue {
    let labelwise = isMultilabel
    let values = counts.map {
      ClassificationFormulas.perClass(m.kind, $0, beta: m.beta, labelwiseAccuracy: labelwise)
    }
    // Multiclass macro averages skip classes never seen in targets or predictions (scikit-learn,
    // TorchMetrics); every multilabel label counts.
    let present = counts.map { labelwise || $0.tp + $0.fp + $0.fn > 0 }
    return ClassificationFormulas.reduce(
      values: values, present: present, weights: counts.map(\.support),
      micro: {
        ClassificationFormulas.perClass(m.kind, pooled, beta: m.beta, labelwiseAccuracy: labelwise)
      }, average: average)
  }

  /// AUROC and average precision of each class, from the stores or the histograms. Classes are
  /// computed in parallel when the stores are large; each class is computed alone, so the results
  /// do not depend on the number of threads.
  func perClassRankings(_ s: ClassificationState<Score>) -> [ScoreRanking] {
    if !s.histograms.isEmpty { return s.histograms.map(\.ranking) }
    let stores = s.scores
    guard !stores.isEmpty else { return [] }
    let total = stores.reduce(0) { $0 + $1.count }
    if stores.count == 1 || total < 1 << 15 { return stores.map(\.ranking) }
    return ClassificationParallel.map(count: stores.count) { stores[$0].ranking }
  }

  /// AUROC and average precision of every class pooled (micro averaging).
  func pooledRanking(_ s: ClassificationState<Score>) -> ScoreRanking {
    if !s.histograms.isEmpty { return ScoreHistogram.ranking(of: s.histograms) }
    return ScoreStore.ranking(of: s.scores)
  }

  /// The ROC and precision–recall curves of one class, or `nil` without stored scores.
  func curves(ofClass c: Int) -> CurveBuilder? {
    guard c >= 0 && c < task.classes else { return nil }
    if !state.histograms.isEmpty { return state.histograms[c].curves() }
    guard !state.scores.isEmpty else { return nil }
    let logits = options.inputKind == .logits
    switch task {
    case .multiclass:
      return state.scores[c].curves { logits ? ClassificationMath.exp(Double($0)) : Double($0) }
    case .binary, .multilabel:
      return state.scores[c].curves { logits ? ClassificationMath.sigmoid(Double($0)) : Double($0) }
    }
  }
}
