import Objectives

/// `objectives evaluate --task … FILE|-`: computes metrics over a CSV of predictions, streaming it
/// in chunks.
enum EvaluateCommand {
  static let spec = CommandSpec(
    name: "evaluate", fullName: "objectives evaluate",
    abstract: "Compute metrics over a CSV file of predictions and targets.",
    synopsis:
      "--task <task> [--classes <n> | --labels <n> | --outputs <n>] [--input <kind>] [--threshold <t>] [--empty-queries <action>] [--ignore-index <n>] [--nan-policy <policy>] [--metrics <list>] [--streaming] [--chunk-rows <n>] [--per-sample <file>] [--format <format>] [--curves <dir>] [--class-names <list>] [--bootstrap <n> [--seed <s>] [--confidence <level>]] [--distributed] <file>",
    positionals: [
      PositionalSpec(name: "file", help: "The CSV file to read, or - for standard input.")
    ],
    options: [
      OptionSpec(
        "task", value: "task", help: "binary, multiclass, multilabel, regression, ranking or\nperplexity."),
      OptionSpec(
        "classes", value: "n",
        help:
          "Number of classes (multiclass); read from the score_ columns\nwhen omitted, required with a prediction column."
      ),
      OptionSpec("labels", value: "n", help: "Number of labels (multilabel); checked against the header."),
      OptionSpec("outputs", value: "n", help: "Number of outputs (regression); checked against the header."),
      OptionSpec(
        "input", value: "kind",
        help:
          "What the outputs are: probabilities, logits or labels. Default:\nprobabilities when score columns exist, else labels.\nPerplexity: logits (default) or log_probabilities."
      ),
      OptionSpec(
        "empty-queries", value: "action",
        help:
          "Ranking: what a query without a relevant item scores: neg (0,\nthe default), pos (1), skip (left out) or error (exit 2)."
      ),
      OptionSpec("ignore-index", value: "n", help: "Perplexity: the target value of tokens to skip."),
      OptionSpec(
        "threshold", value: "t",
        help:
          "Decision threshold for binary and multilabel probabilities\n(default 0.5; applied to sigmoid(logit) for logits)."
      ),
      OptionSpec(
        "nan-policy", value: "policy",
        help:
          "What a NaN score (regression: a NaN or infinite value) does: error\n(default: exit 2 naming its line and column), omit (leave the row\nout) or propagate (the metrics it touches become NaN)."
      ),
      OptionSpec(
        "metrics", value: "list",
        help:
          "Comma-separated metric names and formulas over them, such as\n\"auroc,1 - [auroc]\" (default: the task's defaults; see METRICS)."
      ),
      .flag(
        "streaming",
        help: "Constant memory: rank metrics (AUROC, AP) are averaged per chunk\ninstead of computed exactly."
      ),
      OptionSpec(
        "chunk-rows", value: "n",
        help:
          "Rows per metric update (default 65536). With --streaming, the chunk\nover which per-chunk values are averaged."
      ),
      OptionSpec(
        "per-sample", value: "file",
        help:
          "Also write one CSV row per input row to <file>: its id (or line),\nprediction, correctness and loss (see PER-SAMPLE below)."
      ),
      OptionSpec("format", value: "format", help: "table (default), json (one key per metric) or csv."),
      OptionSpec(
        "class-names", value: "list",
        help:
          "Comma-separated class (multiclass) or label (multilabel) names:\nper-class results are reported as <metric>/<name> (f1/cat)."
      ),
      OptionSpec(
        "bootstrap", value: "n",
        help:
          "Percentile confidence intervals from n Poisson bootstrap\nreplicates beside each value (low, high and level columns or\nfields); the same for the same seed whatever --chunk-rows."
      ),
      OptionSpec("seed", value: "s", help: "The seed of --bootstrap (default 0)."),
      OptionSpec("confidence", value: "level", help: "The level of --bootstrap intervals (default 0.95)."),
      .flag(
        "distributed",
        help:
          "Split the file among the ranks of an MPI job (mpirun -np K);\nneeds a build with the MPI trait (Docs/Distributed.md)."
      ),
      OptionSpec(
        "curves", value: "dir",
        help:
          "Write the ROC and precision-recall curves (one per class or\nlabel), the confusion matrix for multiclass and the reliability\ndiagram for binary and multiclass scores, as SVG to <dir>."
      ),
    ],
    discussion: """
      CSV FORMATS (a header row is required; other columns are ignored):
        binary      target, score            (or prediction with --input labels)
        multiclass  target, score_0 … score_{C-1}   (or prediction and --classes C)
        multilabel  target_0 … target_{L-1}, score_0 … score_{L-1}   (or prediction_0 …)
        regression  target, prediction       (or target_0 …, prediction_0 …)
        ranking     query, target, score     (target: a relevance grade ≥ 0)
        perplexity  target, score_0 … score_{V-1}   (one row per token)
        Targets are class indices (0/1 for binary and multilabel). An id column, if any,
        names the rows of --per-sample output.

      METRICS (default: auroc, auprc, acc, f1, mcc; regression: pearson, spearman, r2, mse, rmse):
        classification  acc, acc@K, precision, recall, f1, fB (f2, f0_5), specificity,
                        balanced_accuracy, mcc, kappa, confmat, auroc, auprc, log_loss,
                        cross_entropy, exact_match, hamming_loss, jaccard (iou), dice,
                        mean_iou, kappa_linear, kappa_quadratic, ece, mce (ece@N,
                        mce@N for N bins), recall_at_precision=P, precision_at_recall=R,
                        sensitivity_at_specificity=S, specificity_at_sensitivity=S,
                        auroc_max_fpr=F, best_f1, youden (+ <name>_threshold);
                        add _micro, _macro,
                        _weighted or _none (per class) to choose the averaging
        regression      mse, rmse, mae, r2, pearson, spearman, explained_variance, mape,
                        cosine_similarity, msle, log_cosh, smape, wmape, kendall, ccc,
                        tweedie_deviance=P, nrmse (nrmse_mean), nrmse_range, nrmse_std,
                        nrmse_l2, kl_divergence, js_divergence (+ _log_prob); add _raw
                        for one value per output
        ranking         ndcg, mrr, map, precision, recall, hit_rate, each with an
                        optional @K (default: ndcg, ndcg@10, mrr, map, precision@10,
                        recall@10, hit_rate@10)
        perplexity      perplexity
        formulas        metric names in brackets with + - x / ^, numbers, exp, log, sqrt,
                        abs, min, max, clamp: "([precision] + [recall]) / 2"; computed
                        over the whole file and keyed by the canonical formula

      PER-SAMPLE (--per-sample <file>), after the id (or line) column:
        binary      target, predicted, correct, loss
        multiclass  target, predicted, confidence, correct, loss
        multilabel  correct_labels, exact_match, loss
        regression  squared_error, absolute_error

      EXAMPLES:
        objectives evaluate --task binary scores.csv
        objectives evaluate --task multiclass --input logits --format json logits.csv
        objectives evaluate --task binary --metrics "auroc,1 - [auroc]" scores.csv
        objectives evaluate --task multiclass --class-names cat,dog,bird --metrics f1_none scores.csv
        objectives evaluate --task binary --bootstrap 1000 --seed 1 scores.csv
        cat predictions.csv | objectives evaluate --task regression -
      """)

  /// Rows per metric update unless `--chunk-rows` says otherwise.
  static let defaultChunkRows = 1 << 16

  static func run(_ arguments: ParsedArguments) throws(CommandError) -> String {
    if let task = arguments.value("task"), RankingPerplexityEvaluate.tasks.contains(task) {
      return try RankingPerplexityEvaluate.run(arguments, task: task)
    }
    let options = try EvaluateOptions(arguments)
    if options.distributed { return try runDistributed(options) }
    let reader: CSVReader
    do throws(ObjectiveError) {
      reader = options.file == "-" ? CSVReader(fileDescriptor: 0) : try CSVReader(path: options.file)
    } catch {
      throw .objective(error)
    }
    return format(try evaluate(reader, options, path: options.file == "-" ? nil : options.file), options)
  }

  /// The results in the chosen output format.
  static func format(_ results: Results, _ options: EvaluateOptions) -> String {
    if options.bootstrap != nil { return IntervalOutput.format(results, options) }
    switch options.format {
    case .table: return results.table() + "\n"
    case .json: return results.json()
    case .csv: return results.csv()
    }
  }

  /// Evaluates the rows of `reader`; when `path` names the regular file it reads, the rows after
  /// the header are read in parallel (`streamInParallel`, same results).
  static func evaluate(_ reader: CSVReader, _ options: EvaluateOptions, path: String? = nil)
    throws(CommandError)
    -> Results
  {
    let header = try lift { () throws(ObjectiveError) in try reader.readHeader() }
    let layout = try ColumnLayout(header: header, options: options)
    var evaluator = try makeEvaluator(layout, options)
    let writer = try options.perSample.map { path throws(CommandError) in
      try PerSampleWriter(path: path, layout: layout, threshold: options.threshold)
    }
    let results: Results
    do throws(CommandError) {
      let rows: Int
      if let path, let fileSize = reader.totalBytes {
        rows = try streamInParallel(
          path: path, dataStart: reader.bytesConsumed, fileSize: fileSize, firstLine: 1 + reader.linesRead,
          header: header, layout, chunkRows: options.chunkRows, into: &evaluator, perSample: writer)
      } else {
        rows = try stream(reader, layout, chunkRows: options.chunkRows, into: &evaluator, perSample: writer)
      }
      guard rows > 0 else {
        throw .objective(.malformedInput(line: 0, column: 0, reason: "the input has a header but no rows"))
      }
      results = evaluator.results()
      if let directory = options.curves {
        let written = try evaluator.writeCharts(to: directory)
        Console.writeError("Wrote " + written.joined(separator: ", ") + "\n")
      }
      try writer?.finish()
    } catch {
      writer?.discard()
      throw error
    }
    return results
  }

  /// Reads every row, updating the evaluator (and the per-sample file) once per chunk of rows;
  /// returns the number of rows.
  static func stream(
    _ reader: CSVReader, _ layout: ColumnLayout, chunkRows: Int, into evaluator: inout any BatchEvaluator,
    perSample writer: PerSampleWriter?, limit: Int = .max, pending: RowBatch = RowBatch(), rowsSoFar: Int = 0
  ) throws(CommandError) -> Int {
    var batch = pending
    batch.reserveCapacity(rows: chunkRows, layout: layout)
    var progress = Progress(label: "evaluate")
    defer { progress.finish() }
    let keepIDs = writer != nil && layout.idColumn != nil
    var rows = rowsSoFar
    func flush() throws(CommandError) {
      try lift { () throws(ObjectiveError) in try evaluator.update(batch) }
      try writer?.write(batch)
      batch.removeAll()
    }
    while rows - rowsSoFar < limit, try lift({ () throws(ObjectiveError) in try reader.next() }) {
      try lift { () throws(ObjectiveError) in try layout.decode(reader, into: &batch, keepingID: keepIDs) }
      rows += 1
      if batch.count == chunkRows {
        try flush()
        let fraction = reader.totalBytes.map { Double(reader.bytesConsumed) / Double(max($0, 1)) }
        progress.update(rows, unit: "rows", fraction: fraction)
      }
    }
    if !batch.isEmpty { try flush() }
    return rows
  }
}

/// Runs `body`, reporting its `ObjectiveError` as a `CommandError`.
func lift<T>(_ body: () throws(ObjectiveError) -> T) throws(CommandError) -> T {
  do throws(ObjectiveError) {
    return try body()
  } catch {
    throw .objective(error)
  }
}
