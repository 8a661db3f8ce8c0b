import Foundation

@testable import Objectives

/// Charts used by the chart tests; written to `$OBJECTIVES_CHART_DIR` when it is set, so that they
/// can be rendered and looked at.
enum ChartGallery {
  static func write(_ svg: String, _ name: String) {
    guard let dir = ProcessInfo.processInfo.environment["OBJECTIVES_CHART_DIR"] else { return }
    try? svg.write(toFile: dir + "/" + name + ".svg", atomically: true, encoding: .utf8)
  }

  /// Two series over 20 epochs with a NaN gap in one.
  static func twoSeries() throws -> History {
    var h = History()
    for e in 1...20 {
      let t = Double(e)
      let train = 1.2 * exp(-t / 6) + 0.15
      let val = e == 9 || e == 10 ? Double.nan : 1.25 * exp(-t / 7) + 0.22 + 0.002 * max(0, t - 12) * t
      try h.log(
        Results([
          .init(name: "train/loss", value: .scalar(train), direction: .minimize),
          .init(name: "val/loss", value: .scalar(val), direction: .minimize),
        ]), epoch: e)
    }
    return h
  }

  /// Twelve series with long names.
  static func twelveSeries() throws -> History {
    var h = History()
    let names = (0..<12).map { i in
      i % 3 == 0
        ? "validation/per_class_f1_score/class_\(i)_with_a_very_long_descriptive_name" : "metric_\(i)"
    }
    for step in stride(from: 0, through: 1000, by: 50) {
      var r = Results()
      for (i, n) in names.enumerated() {
        let v = 0.3 + 0.05 * Double(i) + 0.25 * (1 - exp(-Double(step) / Double(150 + 40 * i)))
        r.append(Results.Entry(name: n, value: .scalar(v), direction: .maximize))
      }
      try h.log(r, step: step)
    }
    return h
  }
}

extension ChartGallery {
  /// A history with train/ and val/ versions of a combined loss and two components.
  static func trainValidation() throws -> History {
    var h = History()
    for e in 1...15 {
      let t = Double(e)
      for (prefix, shift) in [("train/", 0.0), ("val/", 0.06)] {
        let mse = 0.8 * exp(-t / 4) + 0.05 + shift * (1 + max(0, t - 9) * 0.3)
        let bce = 0.6 * exp(-t / 6) + 0.2 + shift
        try h.log(
          Results([
            .init(name: prefix + "loss", value: .scalar(mse + 0.5 * bce), direction: .minimize),
            .init(name: prefix + "mse", value: .scalar(mse), direction: .minimize),
            .init(name: prefix + "bce", value: .scalar(bce), direction: .minimize),
          ]), epoch: e)
      }
    }
    return h
  }

  /// A deterministic pseudo-random generator for test data.
  struct Generator {
    var state: UInt64
    mutating func next() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
  }

  /// ROC points (fpr, tpr) of scores against 0/1 labels, one point per distinct threshold.
  static func roc(_ scores: [Double], _ labels: [Int]) -> (x: [Double], y: [Double]) {
    let order = scores.indices.sorted { scores[$0] > scores[$1] }
    let positives = Double(labels.filter { $0 == 1 }.count)
    let negatives = Double(labels.count) - positives
    var tp = 0.0
    var fp = 0.0
    var x = [0.0]
    var y = [0.0]
    for (k, i) in order.enumerated() {
      if labels[i] == 1 { tp += 1 } else { fp += 1 }
      if k + 1 == order.count || scores[order[k + 1]] != scores[i] {
        x.append(fp / negatives)
        y.append(tp / positives)
      }
    }
    return (x, y)
  }

  /// Precision-recall points (recall, precision), one per distinct threshold, from recall 0.
  static func precisionRecall(_ scores: [Double], _ labels: [Int]) -> (x: [Double], y: [Double]) {
    let order = scores.indices.sorted { scores[$0] > scores[$1] }
    let positives = Double(labels.filter { $0 == 1 }.count)
    var tp = 0.0
    var n = 0.0
    var x = [0.0]
    var y = [1.0]
    for (k, i) in order.enumerated() {
      n += 1
      if labels[i] == 1 { tp += 1 }
      if k + 1 == order.count || scores[order[k + 1]] != scores[i] {
        x.append(tp / positives)
        y.append(tp / n)
      }
    }
    return (x, y)
  }

  /// Trapezoidal area under a curve.
  static func trapezoid(_ x: [Double], _ y: [Double]) -> Double {
    var area = 0.0
    for k in 1..<max(x.count, 1) { area += (x[k] - x[k - 1]) * (y[k] + y[k - 1]) / 2 }
    return area
  }

  /// Average precision: Σ (R_k − R_{k−1}) P_k.
  static func averagePrecision(_ x: [Double], _ y: [Double]) -> Double {
    var area = 0.0
    for k in 1..<max(x.count, 1) { area += (x[k] - x[k - 1]) * y[k] }
    return area
  }

  static func scoredSample(count: Int, separation: Double, seed: UInt64) -> ([Double], [Int]) {
    var g = Generator(state: seed)
    var scores: [Double] = []
    var labels: [Int] = []
    for _ in 0..<count {
      let label = g.next() < 0.35 ? 1 : 0
      let noise = (g.next() + g.next() + g.next() - 1.5) * 0.9
      scores.append(1 / (1 + exp(-(Double(label) * separation - separation / 2 + noise * 2))))
      labels.append(label)
    }
    return (scores, labels)
  }
}
