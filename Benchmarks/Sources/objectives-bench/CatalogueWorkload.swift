// The catalogue of issue 13 (sets, agreement, calibration, operating points, perplexity, the
// further regression metrics, ranking) on arrays in memory, for scripts/bench_catalogue3.py, which
// writes the data (DIR/c3_*) and times TorchMetrics on the same values. CPU time of the process
// (update in the same batches as TorchMetrics, then compute), median of R runs.

#if canImport(Glibc)
  import Glibc
#endif
import Objectives

/// Seconds of CPU time used by the process.
func cpuNow() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

enum CatalogueWorkload {
  /// The sizes written by the script, `name value` per line of DIR/c3_sizes.txt.
  static func sizes(_ directory: String) throws -> [String: Int] {
    guard let f = fopen(directory + "/c3_sizes.txt", "r") else { throw BenchError("no c3_sizes.txt in \(directory)") }
    defer { fclose(f) }
    var out: [String: Int] = [:]
    var line: UnsafeMutablePointer<CChar>? = nil
    var cap = 0
    while getline(&line, &cap, f) > 0, let l = line {
      let parts = String(cString: l).split(separator: " ")
      if parts.count == 2, let v = Int(parts[1].filter { !$0.isWhitespace }) { out[String(parts[0])] = v }
    }
    free(line)
    return out
  }

  static func load<T: BitwiseCopyable>(_ directory: String, _ name: String, _ count: Int) throws -> [T] {
    try RawFile<T>(directory: directory, name: name, count: count).readAll()
  }

  /// CPU seconds (median of `repetitions`) of `body`, whose result is kept alive.
  static func cpu(_ repetitions: Int, _ body: () throws -> Results) rethrows -> (Double, Results) {
    var times: [Double] = []
    var last = Results()
    for _ in 0..<max(1, repetitions) {
      let start = cpuNow()
      last = try body()
      times.append(cpuNow() - start)
    }
    return (median(times), last)
  }

  static func report(_ family: String, _ seconds: Double, _ results: Results) {
    emit(
      workload: "catalogue/" + family, library: "objectives", seconds: seconds,
      values: results.compactMap { e in e.value.scalar.map { (e.name, $0) } })
    fflushStandardOutput()
  }

  /// Feeds `n` rows in batches of `batch` rows of `width` values.
  static func batches<O: Objective>(
    _ o: inout O, n: Int, batch: Int, width: Int, _ x: [Double], _ y: [O.Target.Element]
  ) throws where O.Output == [Double], O.Target: RangeReplaceableCollection {
    var start = 0
    while start < n {
      let end = min(start + batch, n)
      try o.update(Array(x[(start * width)..<(end * width)]), O.Target(y[start..<end]))
      start = end
    }
  }

  static func run(directory d: String, repetitions r: Int) throws {
    let s = try sizes(d)
    func size(_ k: String) throws -> Int {
      guard let v = s[k] else { throw BenchError("c3_sizes.txt lacks \(k)") }
      return v
    }
    // Classification (part A).
    let nb = try size("binary"), nm = try size("multiclass"), c = try size("classes")
    let bs: [Double] = try load(d, "c3_binary_scores.f64", nb)
    let bt: [Int] = try load(d, "c3_binary_targets.i64", nb)
    let mp: [Double] = try load(d, "c3_mc_probs.f64", nm * c)
    let mt: [Int] = try load(d, "c3_mc_targets.i64", nm)
    for (family, names) in [
      ("sets", "jaccard,dice,mean_iou"), ("agreement", "kappa_linear,kappa_quadratic"), ("calibration", "ece,mce"),
    ] {
      let metrics = names.split(separator: ",").compactMap { ClassificationMetric(named: String($0)) }
      let (t, res) = try cpu(r) {
        var o = try MulticlassClassification<Double>(numClasses: c, metrics: metrics)
        try batches(&o, n: nm, batch: 10_000, width: c, mp, mt)
        return o.compute()
      }
      report(family, t, res)
    }
    let points = ["recall_at_precision=0.8", "sensitivity_at_specificity=0.9", "auroc_max_fpr=0.25"].compactMap {
      ClassificationMetric(named: $0)
    }
    let (tp, rp) = try cpu(r) {
      var o = try BinaryClassification<Double>(metrics: points)
      try batches(&o, n: nb, batch: 100_000, width: 1, bs, bt)
      return o.compute()
    }
    report("operating_points", tp, rp)

    // Perplexity.
    let nt = try size("tokens"), v = try size("vocabulary")
    let logits: [Double] = try load(d, "c3_ppl_logits.f64", nt * v)
    let tokens: [Int] = try load(d, "c3_ppl_targets.i64", nt)
    let (tl, rl) = try cpu(r) {
      var o = try Perplexity(vocabularySize: v, input: .logits, ignoreIndex: -100)
      try logits.withUnsafeBufferPointer { z in
        var start = 0
        while start < nt {
          let end = min(start + 10_000, nt)
          // The scores read in place, as TorchMetrics reads a slice of a tensor.
          try o.update(scores: UnsafeBufferPointer(rebasing: z[(start * v)..<(end * v)]), Array(tokens[start..<end]))
          start = end
        }
      }
      return o.compute()
    }
    report("perplexity", tl, rl)

    // Regression (part B).
    let nr = try size("regression"), nk = try size("kendall"), nd = try size("distributions"), k = try size("outputs")
    let rp0: [Double] = try load(d, "c3_reg_pred.f64", nr)
    let rt0: [Double] = try load(d, "c3_reg_target.f64", nr)
    let elementwise: [RegressionMetric] = [
      .msle, .logCosh, .smape, .wmape, .tweedieDeviance(power: 1.5), .ccc, .nrmse,
    ]
    let (te, re) = try cpu(r) {
      var o = try Regression<Double>(elementwise)
      try batches(&o, n: nr, batch: 100_000, width: 1, rp0, rt0)
      return o.compute()
    }
    report("regression", te, re)
    for (label, n) in [("kendall", nk), ("kendall_full", nr)] {
      let (tk, rk) = try cpu(r) {
        var o = try Regression<Double>([.kendall])
        try batches(&o, n: n, batch: 100_000, width: 1, Array(rp0[0..<n]), Array(rt0[0..<n]))
        return o.compute()
      }
      report(label, tk, rk)
    }
    let dp: [Double] = try load(d, "c3_dist_pred.f64", nd * k)
    let dt: [Double] = try load(d, "c3_dist_target.f64", nd * k)
    let (td, rd) = try cpu(r) {
      var o = try Regression<Double>([.klDivergence, .jsDivergence], numOutputs: k)
      var start = 0
      while start < nd {
        let end = min(start + 10_000, nd)
        try o.update(Array(dp[(start * k)..<(end * k)]), Array(dt[(start * k)..<(end * k)]))
        start = end
      }
      return o.compute()
    }
    report("divergences", td, rd)

    // Ranking.
    let ni = try size("items")
    let scores: [Double] = try load(d, "c3_rank_scores.f64", ni)
    let grades: [Double] = try load(d, "c3_rank_grades.f64", ni)
    let ids: [Int] = try load(d, "c3_rank_queries.i64", ni)
    let queries = ids.map(String.init)
    let rankMetrics = ["ndcg@10", "mrr", "map", "precision@10", "recall@10", "hit_rate@10"].compactMap {
      RankingMetric(named: $0)
    }
    let (tr, rr) = try cpu(r) {
      var o = try RankingMetrics(rankMetrics)
      var start = 0
      while start < ni {
        let end = min(start + 100_000, ni)
        try o.update(
          queries: Array(queries[start..<end]), scores: Array(scores[start..<end]),
          grades: Array(grades[start..<end]))
        start = end
      }
      return try o.checkedResults()
    }
    report("ranking", tr, rr)
  }
}
