#if MPI
  import Objectives
  import ObjectivesMPI

  /// Data-parallel training of a line `y = a·x + b` by full-batch gradient descent: each rank holds
  /// a share of the training and validation rows; per epoch one reduction gives the composed loss,
  /// its components and the gradient (two mean metrics joined to the loss), and one gives the
  /// validation metrics. History and best epoch must equal the single-process run.
  enum TrainingCheck {
    struct Row: Sendable {
      var x: Double
      var y: Double
    }

    typealias L = Loss<[Double], [Row], Double>
    typealias M = Metric<[Double], [Row]>

    static let train = rows(4001, seed: 21)
    static let validation = rows(1003, seed: 22)

    static func rows(_ count: Int, seed: UInt64) -> [Row] {
      var g = Rand(seed)
      return (0..<count).map { _ in
        let x = g.uniform() * 2 - 1
        return Row(x: x, y: 3 * x - 0.5 + (g.uniform() - 0.5) * 0.8)
      }
    }

    /// The composed loss `[mse] + 0.5 x [mae]`, watching the gradient of the mean squared error.
    static var objective: L {
      let mse = L("mse") { p, t in .samples(zip(p, t).map { ($0 - $1.y) * ($0 - $1.y) }) }
      let mae = L("mae") { p, t in .samples(zip(p, t).map { abs($0 - $1.y) }) }
      let gradA = M("grad_a") { p, t in .samples(zip(p, t).map { 2 * ($0 - $1.y) * $1.x }) }
      let gradB = M("grad_b") { p, t in .samples(zip(p, t).map { 2 * ($0 - $1.y) }) }
      return (mse + 0.5 * mae) | gradA | gradB
    }

    /// Trains for `epochs` on the given shares, reducing with `reduce`; returns the history.
    static func fit(
      trainRows: [Row], validationRows: [Row], epochs: Int,
      reduceLoss: (L) throws -> L,
      reduceMetrics: (Regression<Double>) throws -> Regression<Double>
    ) throws -> History {
      var (a, b) = (0.0, 0.0)
      var history = History()
      for epoch in 1...epochs {
        var loss = objective
        for start in stride(from: 0, to: trainRows.count, by: 256) {
          let batch = Array(trainRows[start..<min(start + 256, trainRows.count)])
          try loss.update(batch.map { a * $0.x + b }, batch)
        }
        let trained = try reduceLoss(loss).compute()
        a -= 0.4 * (trained.scalar("grad_a") ?? .nan)
        b -= 0.4 * (trained.scalar("grad_b") ?? .nan)
        var metrics = try regressionMetrics(metrics: [.mse, .r2, .pearson])
        try metrics.update(validationRows.map { a * $0.x + b }, validationRows.map(\.y))
        let validated = try reduceMetrics(metrics).compute()
        try history.log(
          trained.filter { !$0.name.hasPrefix("grad") }.renamed(prefix: "train/"), epoch: epoch)
        try history.log(validated.renamed(prefix: "val/"), epoch: epoch)
      }
      return history
    }

    static func run(_ checks: inout Checks) {
      let comm = checks.comm
      checks.check("data-parallel training equals one process") {
        let trainShare = share(train.count, rank: comm.rank, size: comm.size)
        let validationShare = share(validation.count, rank: comm.rank, size: comm.size)
        let distributed = try fit(
          trainRows: Array(train[trainShare]), validationRows: Array(validation[validationShare]), epochs: 8,
          reduceLoss: { try comm.allReduce($0) }, reduceMetrics: { try comm.allReduce($0) })
        let single = try fit(
          trainRows: train, validationRows: validation, epochs: 8, reduceLoss: { $0 }, reduceMetrics: { $0 })
        let best = try distributed.best("val/mse")
        let singleBest = try single.best("val/mse")
        guard distributed.names == single.names, best?.time == singleBest?.time, best?.time == 8 else {
          return false
        }
        for name in single.names {
          let u = distributed[name]?.scalars ?? []
          let v = single[name]?.scalars ?? []
          guard u.count == v.count, zip(u, v).allSatisfy({ abs($0 - $1) <= 1e-10 * max(abs($1), 1) }) else {
            print("\(name): \(u) vs \(v)")
            return false
          }
        }
        return true
      }
    }
  }
#endif
