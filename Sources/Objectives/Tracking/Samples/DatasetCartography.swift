/// The region of a data map (Swayamdipta et al., 2020, "Dataset Cartography").
public enum CartographyRegion: String, Sendable, Codable, CaseIterable {
  /// High confidence in the true class, low variability: the model learns these early and keeps them.
  case easyToLearn = "easy-to-learn"
  /// High variability across epochs: the model is unsure, and they help generalisation most.
  case ambiguous
  /// Low confidence in the true class, low variability: often mislabelled or very hard.
  case hardToLearn = "hard-to-learn"
}

/// One example on a data map: the mean and the variability of the model's confidence in its true
/// class across epochs, and the fraction of epochs it was predicted correctly.
public struct CartographyPoint: Sendable, Equatable {
  /// The example id.
  public var exampleID: Int
  /// The mean, over the recorded epochs, of the probability of the true class.
  public var confidence: Double
  /// The population standard deviation of that probability over the epochs (0 for one epoch).
  public var variability: Double
  /// The fraction of the recorded epochs in which it was predicted correctly.
  public var correctness: Double
  /// The number of epochs with a confidence value.
  public var epochs: Int
  /// Its region, by the rule of the `DatasetCartography` it belongs to.
  public var region: CartographyRegion
}

/// A data map: every example's confidence, variability and correctness, and its region.
///
/// Regions follow the paper's reading of the map: an example is *ambiguous* when its variability
/// is above `variabilityCut` (by default the two-thirds quantile of the variabilities, so about the
/// most variable third); otherwise *easy-to-learn* when its confidence is at least
/// `confidenceCut` (0.5 by default), else *hard-to-learn*.
public struct DatasetCartography: Sendable, Equatable {
  /// The examples, by id.
  public var points: [CartographyPoint]
  /// The variability above which an example is ambiguous.
  public var variabilityCut: Double
  /// The confidence from which a not-ambiguous example is easy to learn.
  public var confidenceCut: Double

  /// The examples of `region`, by id.
  public func points(in region: CartographyRegion) -> [CartographyPoint] {
    points.filter { $0.region == region }
  }

  /// The `k` hardest examples: the lowest mean confidence in the true class first (ties: lower
  /// correctness, then smaller id).
  public func hardest(_ k: Int) -> [CartographyPoint] {
    points.sorted {
      ($0.confidence, $0.correctness, $0.exampleID) < ($1.confidence, $1.correctness, $1.exampleID)
    }.prefix(max(k, 0)).map { $0 }
  }

  /// The map as a sample table (columns `confidence`, `variability`, `correctness`, `epochs`,
  /// `region`), for `csv()` and `jsonLines()`.
  public func table(_ points: [CartographyPoint]? = nil) -> SampleTable {
    let rows = (points ?? self.points).map { p -> (Int, [String: SampleValue]) in
      (
        p.exampleID,
        [
          "confidence": .number(p.confidence), "variability": .number(p.variability),
          "correctness": .number(p.correctness), "epochs": .number(Double(p.epochs)),
          "region": .text(p.region.rawValue),
        ]
      )
    }
    return SampleTable(
      columns: ["confidence", "variability", "correctness", "epochs", "region"], constantColumns: [],
      rows: rows)
  }
}

extension SampleHistory {
  /// The data map of the recorded examples from the probability of the true class (`confidence`,
  /// as the collectors record it) and correctness (`correctness`) over the recorded times.
  ///
  /// NaN cells (ignored targets) are skipped; an example without any confidence value is left
  /// out. Means and variabilities use Welford's moments.
  /// - Parameters:
  ///   - variabilityCut: The variability above which an example is ambiguous; by default the
  ///     two-thirds quantile (lower) of the variabilities.
  ///   - confidenceCut: The confidence from which an example is easy to learn.
  /// - Throws: `invalidArgument` for a missing column; `invalidValue` for a correctness other than
  ///   0, 1 or NaN.
  /// - Complexity: O(cells + n log n) for n examples.
  public func cartography(
    confidence: String = "true_class_probability", correctness: String = "correct",
    variabilityCut: Double? = nil, confidenceCut: Double = 0.5
  ) throws(ObjectiveError) -> DatasetCartography {
    let p = try checkedColumn(confidence)
    let c = try checkedColumn(correctness)
    var moments: [Int: Moments] = [:]
    for atTime in p.values { for (id, v) in atTime where !v.isNaN { moments[id, default: Moments()].add(v) } }
    var correct: [Int: (hits: Int, total: Int)] = [:]
    for (time, atTime) in c {
      for (id, v) in atTime where !v.isNaN {
        guard v == 0 || v == 1 else {
          throw .invalidValue(what: "correctness of example \(id) at \(axis) \(time)", value: v, position: id)
        }
        correct[id, default: (0, 0)].hits += v == 1 ? 1 : 0
        correct[id, default: (0, 0)].total += 1
      }
    }
    var points = moments.keys.sorted().map { id -> CartographyPoint in
      let m = moments[id] ?? Moments()
      let hits = correct[id] ?? (0, 0)
      return CartographyPoint(
        exampleID: id, confidence: m.mean, variability: m.variance.squareRoot(),
        correctness: hits.total == 0 ? .nan : Double(hits.hits) / Double(hits.total), epochs: m.count,
        region: .easyToLearn)
    }
    let cut = variabilityCut ?? Self.lowerQuantile(points.map(\.variability), 2.0 / 3.0)
    for i in points.indices {
      let q = points[i]
      points[i].region =
        q.variability > cut ? .ambiguous : (q.confidence >= confidenceCut ? .easyToLearn : .hardToLearn)
    }
    return DatasetCartography(points: points, variabilityCut: cut, confidenceCut: confidenceCut)
  }

  /// The lower `q` quantile of `values` (the value at index ⌊q·(n−1)⌋ of the sorted values); 0 when
  /// there is none.
  static func lowerQuantile(_ values: [Double], _ q: Double) -> Double {
    let sorted = values.filter { !$0.isNaN }.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted[Int((q * Double(sorted.count - 1)).rounded(.down))]
  }
}
