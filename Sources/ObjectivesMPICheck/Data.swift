#if MPI
  import Objectives

  /// The global data sets of the checks, generated identically on every rank.
  enum CheckData {
    static let binaryCount = 20_011
    static let classes = 10
    static let multiclassCount = 9_973

    /// Binary scores (rounded to 1e-3, so there are ties) and labels.
    static let binary: (scores: [Double], labels: [Int]) = {
      var g = Rand(7)
      var s: [Double] = []
      var l: [Int] = []
      for _ in 0..<binaryCount {
        let x = (g.uniform() * 1000).rounded() / 1000
        s.append(x)
        l.append(g.uniform() < 0.2 + 0.6 * x ? 1 : 0)
      }
      return (s, l)
    }()

    /// Multiclass probabilities (row-major, `classes` per row) and labels.
    static let multiclass: (scores: [Double], labels: [Int]) = {
      var g = Rand(11)
      var s: [Double] = []
      var l: [Int] = []
      for _ in 0..<multiclassCount {
        let label = g.below(classes)
        var row = (0..<classes).map { _ in g.uniform() }
        row[label] += 0.7
        let total = row.reduce(0, +)
        s.append(contentsOf: row.map { $0 / total })
        l.append(label)
      }
      return (s, l)
    }()

    /// Regression predictions and targets.
    static let regression: (predictions: [Double], targets: [Double]) = {
      var g = Rand(13)
      var p: [Double] = []
      var t: [Double] = []
      for _ in 0..<binaryCount {
        let y = g.uniform() * 10 - 5
        t.append(y)
        p.append(y + (g.uniform() - 0.5) * 2)
      }
      return (p, t)
    }()

    static func binarySlice(_ r: Range<Int>) -> ([Double], [Int]) {
      (Array(binary.scores[r]), Array(binary.labels[r]))
    }

    static func multiclassSlice(_ r: Range<Int>) -> ([Double], [Int]) {
      (Array(multiclass.scores[r.lowerBound * classes..<r.upperBound * classes]), Array(multiclass.labels[r]))
    }

    static func regressionSlice(_ r: Range<Int>) -> ([Double], [Double]) {
      (Array(regression.predictions[r]), Array(regression.targets[r]))
    }

    /// Binary rows as `[Double]` pairs for losses and custom metrics: outputs = scores, targets = labels.
    static func pairSlice(_ r: Range<Int>) -> ([Double], [Double]) {
      (Array(binary.scores[r]), binary.labels[r].map(Double.init))
    }

    typealias L = Loss<[Double], [Double], Double>

    /// A squared error and an absolute error as losses, per sample.
    static let squared = L("SE") { o, t in .samples(zip(o, t).map { ($0 - $1) * ($0 - $1) }) }
    static let absolute = L("AE") { o, t in .samples(zip(o, t).map { abs($0 - $1) }) }

    /// A custom metric: the mean score.
    static let meanScore = Metric<[Double], [Double]>("mean_score", direction: .maximize) { o, _ in
      .samples(o)
    }
  }
#endif
