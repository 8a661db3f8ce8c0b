// Operating points read off one class's ROC and precision–recall curves (TorchMetrics' selection
// rules), and their integration into the objectives' results.

/// The value and threshold of an operating-point metric on one curve.
struct OperatingPoint: Equatable {
  var value: Double
  var threshold: Double

  static let undefined = OperatingPoint(value: .nan, threshold: .nan)

  /// The operating point of `m` on `curves` (points from the highest threshold down, the first at
  /// `+∞`). Undefined (NaN, NaN) when the class has no positives or no negatives. A best value of 0
  /// has a NaN threshold (TorchMetrics). O(points).
  static func of(_ m: ClassificationMetric, on curves: CurveBuilder) -> OperatingPoint {
    guard curves.positives > 0, curves.negatives > 0 else { return .undefined }
    let roc = curves.roc
    let pr = curves.precisionRecall
    var best = OperatingPoint(value: -.infinity, threshold: .nan)
    var tie = -Double.infinity  // the secondary key of the best point
    /// Keeps point (v, t) when v is higher, or equal with a higher secondary key; points come
    /// with decreasing thresholds, so remaining ties keep the highest threshold.
    func offer(_ v: Double, _ secondary: Double, _ t: Double) {
      if v > best.value || (v == best.value && secondary > tie) {
        best = OperatingPoint(value: v, threshold: t)
        tie = secondary
      }
    }
    let level = m.level
    switch m.kind {
    case .recallAtPrecision:
      for p in pr where p.precision >= level { offer(p.recall, p.precision, p.threshold) }
    case .precisionAtRecall:
      for p in pr.dropFirst() where p.recall >= level { offer(p.precision, p.recall, p.threshold) }
    case .sensitivityAtSpecificity:
      for p in roc where 1 - p.falsePositiveRate >= level { offer(p.truePositiveRate, 0, p.threshold) }
    case .specificityAtSensitivity:
      for p in roc where p.truePositiveRate >= level { offer(1 - p.falsePositiveRate, 0, p.threshold) }
    case .bestF1:
      for p in pr {
        let f = p.precision + p.recall > 0 ? 2 * p.precision * p.recall / (p.precision + p.recall) : 0
        offer(f, 0, p.threshold)
      }
    case .youden:
      for p in roc { offer(p.truePositiveRate - p.falsePositiveRate, 0, p.threshold) }
    case .partialAUROC:
      return OperatingPoint(value: partialAUROC(roc, maxFPR: level), threshold: .nan)
    default:
      return .undefined
    }
    if best.value == -.infinity { return OperatingPoint(value: 0, threshold: .nan) }
    if best.value == 0 && m.kind != .youden { best.threshold = .nan }
    return best
  }

  /// McClish's standardised partial AUC up to `maxFPR`: the trapezoid area A under the ROC curve
  /// for FPR ≤ maxFPR (the curve interpolated linearly at maxFPR), mapped by
  /// ½·(1 + (A − m²/2) / (m − m²/2)) so that chance is 0.5 and perfect is 1 (scikit-learn). With
  /// maxFPR = 1 it is the AUROC. O(points).
  static func partialAUROC(_ roc: [ROCPoint], maxFPR m: Double) -> Double {
    var area = CompensatedSum()
    var previous = roc[0]
    for p in roc.dropFirst() {
      if p.falsePositiveRate > m {
        // Interpolate the segment at maxFPR (previous.fpr ≤ m < p.fpr).
        let f = (m - previous.falsePositiveRate) / (p.falsePositiveRate - previous.falsePositiveRate)
        let y = previous.truePositiveRate + f * (p.truePositiveRate - previous.truePositiveRate)
        area.add((m - previous.falsePositiveRate) * (previous.truePositiveRate + y) / 2)
        previous = ROCPoint(falsePositiveRate: m, truePositiveRate: y, threshold: p.threshold)
        break
      }
      area.add(
        (p.falsePositiveRate - previous.falsePositiveRate) * (p.truePositiveRate + previous.truePositiveRate)
          / 2)
      previous = p
    }
    if m == 1 { return area.value }
    let minArea = m * m / 2
    return 0.5 * (1 + (area.value - minArea) / (m - minArea))
  }
}

extension ClassificationCore {
  /// The curves of class `c` in the state `s` (`nil` without stored scores or histograms), with
  /// probability thresholds. `c == nil` pools every class (micro averaging).
  func curves(ofClass c: Int?, in s: ClassificationState<Score>) -> CurveBuilder? {
    if !s.histograms.isEmpty {
      guard let c else {
        var pooled = s.histograms[0]
        // The histograms of one state share their thresholds, so the merges cannot be refused.
        for h in s.histograms.dropFirst() { try? pooled.merge(h) }
        return pooled.curves()
      }
      return s.histograms[c].curves()
    }
    guard !s.scores.isEmpty else { return nil }
    var store: ScoreStore<Score>
    if let c {
      store = s.scores[c]
    } else {
      store = ScoreStore()
      for st in s.scores { store.merge(st) }
    }
    let logits = options.inputKind == .logits
    if case .multiclass = task {
      return store.curves { logits ? ClassificationMath.exp(Double($0)) : Double($0) }
    }
    return store.curves { logits ? ClassificationMath.sigmoid(Double($0)) : Double($0) }
  }

  /// The value and the threshold of an operating-point metric: scalars for binary and for micro
  /// averaging; otherwise the value is averaged as `average` says (undefined classes left out)
  /// and the thresholds are per class.
  func operatingPoint(_ m: ClassificationMetric, in s: ClassificationState<Score>) -> (
    MetricValue, MetricValue
  ) {
    let average = average(of: m)
    if case .binary = task {
      let p = curves(ofClass: 0, in: s).map { OperatingPoint.of(m, on: $0) } ?? .undefined
      return (.scalar(p.value), .scalar(p.threshold))
    }
    if average == .micro {
      let p = curves(ofClass: nil, in: s).map { OperatingPoint.of(m, on: $0) } ?? .undefined
      return (.scalar(p.value), .scalar(p.threshold))
    }
    var points: [OperatingPoint] = []
    var supports: [Int] = []
    for c in 0..<task.classes {
      let curve = curves(ofClass: c, in: s)
      points.append(curve.map { OperatingPoint.of(m, on: $0) } ?? .undefined)
      supports.append(curve?.positives ?? 0)
    }
    let value = ClassificationFormulas.reduce(
      values: points.map(\.value), present: points.map { _ in true }, weights: supports,
      micro: { .nan }, average: average)
    return (value, .vector(points.map(\.threshold)))
  }
}
