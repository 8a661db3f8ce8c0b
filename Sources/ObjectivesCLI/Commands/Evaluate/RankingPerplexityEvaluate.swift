import Objectives

/// `objectives evaluate --task ranking` and `--task perplexity`: tasks whose rows are not
/// prediction/target pairs, read by their own loops (exact mode; no formulas, per-sample output,
/// curves or distribution).
///
/// - ranking: columns `query, target, score` (target a relevance grade ≥ 0), metrics
///   `ndcg, mrr, map, precision, recall, hit_rate` with an optional `@K`, `--empty-queries`.
/// - perplexity: columns `target, score_0 … score_{V-1}` (one row per token), `--input logits`
///   (default) or `log_probabilities`, `--ignore-index N`.
enum RankingPerplexityEvaluate {
  /// The tasks handled here.
  static let tasks: Set<String> = ["ranking", "perplexity"]

  /// The options that apply only to the classification and regression tasks.
  static let otherTaskOptions = [
    "classes", "labels", "outputs", "threshold", "nan-policy", "streaming", "per-sample", "curves",
    "distributed",
  ]

  static func run(_ arguments: ParsedArguments, task: String) throws(CommandError) -> String {
    for name in otherTaskOptions where arguments.has(name) {
      throw arguments.usageError("'--\(name)' does not apply to --task \(task)")
    }
    for name in ["empty-queries"] where arguments.has(name) && task != "ranking" {
      throw arguments.usageError("'--\(name)' applies to --task ranking only")
    }
    for name in ["ignore-index"] where arguments.has(name) && task != "perplexity" {
      throw arguments.usageError("'--\(name)' applies to --task perplexity only")
    }
    guard let file = arguments.positionals.first else {
      throw arguments.usageError("Missing expected argument '<file>' (use - for standard input)")
    }
    try arguments.expectPositionals(atMost: 1)
    let format = try arguments.choice("format", OutputFormat.self) ?? .table
    let reader = try lift { () throws(ObjectiveError) in
      file == "-" ? CSVReader(fileDescriptor: 0) : try CSVReader(path: file)
    }
    let results = task == "ranking" ? try ranking(reader, arguments) : try perplexity(reader, arguments)
    switch format {
    case .table: return results.table() + "\n"
    case .json: return results.json()
    case .csv: return results.csv()
    }
  }

  /// The position of each required column of the header.
  private static func columns(_ names: [String], in header: [String]) throws(CommandError) -> [Int] {
    var found: [Int] = []
    for name in names {
      guard let i = header.firstIndex(of: name) else {
        throw .objective(
          .malformedInput(
            line: 1, column: 0,
            reason: "missing column '\(name)'; the header has: \(header.joined(separator: ","))"))
      }
      found.append(i)
    }
    return found
  }

  private static func ranking(_ reader: CSVReader, _ arguments: ParsedArguments) throws(CommandError)
    -> Results
  {
    var metrics: [RankingMetric] = RankingMetric.defaults
    if let list = arguments.value("metrics") {
      metrics = []
      for name in list.split(separator: ",").map({ String($0).trimming(" ") }) where !name.isEmpty {
        guard let metric = RankingMetric(named: name) else {
          throw arguments.usageError(
            "unknown ranking metric '\(name)'; known: " + RankingMetric.knownNames.joined(separator: ", "))
        }
        metrics.append(metric)
      }
    }
    let empty = try arguments.choice("empty-queries", EmptyQueryAction.self) ?? .neg
    var objective = try lift { () throws(ObjectiveError) in try RankingMetrics(metrics, emptyQueries: empty) }
    let header = try lift { () throws(ObjectiveError) in try reader.readHeader() }
    let c = try columns(["query", "target", "score"], in: header)
    var queries: [String] = []
    var scores: [Double] = []
    var grades: [Double] = []
    try lift { () throws(ObjectiveError) in
      while try reader.next() {
        try reader.expectFieldCount(header.count)
        let score = try reader.double(at: c[2])
        if score.isNaN { throw reader.fieldError(c[2], "is NaN (a score must be a number)") }
        let grade = try reader.double(at: c[1])
        guard grade.isFinite, grade >= 0 else {
          throw reader.fieldError(c[1], "is not a relevance grade (a finite number ≥ 0)")
        }
        queries.append(reader.string(at: c[0]))
        scores.append(score)
        grades.append(grade)
      }
      guard !scores.isEmpty else {
        throw .malformedInput(line: 0, column: 0, reason: "the input has a header but no rows")
      }
      try objective.update(queries: queries, scores: scores, grades: grades)
    }
    return try lift { () throws(ObjectiveError) in try objective.checkedResults() }
  }

  private static func perplexity(_ reader: CSVReader, _ arguments: ParsedArguments) throws(CommandError)
    -> Results
  {
    if let list = arguments.value("metrics"), list.trimming(" ") != "perplexity" {
      throw arguments.usageError("--task perplexity reports 'perplexity' only")
    }
    let input: Perplexity.Input
    switch arguments.value("input") ?? "logits" {
    case "logits": input = .logits
    case "log_probabilities": input = .logProbabilities
    case let other:
      throw arguments.usageError("'--input \(other)' for --task perplexity: use logits or log_probabilities")
    }
    let ignore = try arguments.integer("ignore-index", in: Int(Int32.min)...Int(Int32.max))
    let header = try lift { () throws(ObjectiveError) in try reader.readHeader() }
    let target = try columns(["target"], in: header)[0]
    var scoreColumns: [Int] = []
    while let i = header.firstIndex(of: "score_\(scoreColumns.count)") { scoreColumns.append(i) }
    guard !scoreColumns.isEmpty else {
      throw .objective(
        .malformedInput(
          line: 1, column: 0, reason: "expected columns score_0, score_1, … (one per token of the vocabulary)"
        ))
    }
    var objective = try lift { () throws(ObjectiveError) in
      try Perplexity(vocabularySize: scoreColumns.count, input: input, ignoreIndex: ignore)
    }
    var scores: [Double] = []
    var targets: [Int] = []
    var rows = 0
    try lift { () throws(ObjectiveError) in
      func flush() throws(ObjectiveError) {
        try objective.update(scores, targets)
        scores.removeAll(keepingCapacity: true)
        targets.removeAll(keepingCapacity: true)
      }
      while try reader.next() {
        try reader.expectFieldCount(header.count)
        let y = try reader.integer(at: target)
        if y != ignore && !(0..<scoreColumns.count).contains(y) {
          throw reader.fieldError(target, "is not a token in 0..<\(scoreColumns.count) nor the ignore index")
        }
        for column in scoreColumns { scores.append(try reader.double(at: column)) }
        targets.append(y)
        rows += 1
        if targets.count == EvaluateCommand.defaultChunkRows { try flush() }
      }
      guard rows > 0 else {
        throw .malformedInput(line: 0, column: 0, reason: "the input has a header but no rows")
      }
      try flush()
    }
    return objective.compute()
  }
}
