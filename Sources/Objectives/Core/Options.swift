/// What a score array means. The caller always says so; values are never inspected to guess it.
public enum InputKind: String, Sendable, Codable, CaseIterable {
  /// Probabilities in [0, 1] (binary, multilabel) or rows that sum to 1 (multiclass).
  case probabilities
  /// Unnormalised scores: sigmoid (binary, multilabel) or softmax (multiclass) is applied by the metric.
  case logits
  /// Hard predictions: 0/1 for binary and multilabel, a class index for multiclass.
  case labels
}

/// What to do with a NaN in the inputs. The command's `--nan-policy` takes the same words.
///
/// Classification checks the scores (a target is an integer and cannot be NaN); regression checks
/// predictions and targets, and treats an infinity like a NaN.
public enum NaNPolicy: String, Sendable, Codable, CaseIterable {
  /// NaN flows into the result, which becomes NaN where it is affected.
  case propagate
  /// Samples with a NaN are left out, as if they were not in the batch.
  case omit
  /// A NaN throws `ObjectiveError.nonFinite` naming its position, and the batch is not accumulated.
  case error

  /// Decodes a raw value; `"ignore"`, this case's name in earlier versions, reads as `.omit`.
  public init(from decoder: any Decoder) throws {
    let raw = try decoder.singleValueContainer().decode(String.self)
    guard let policy = NaNPolicy(rawValue: raw == "ignore" ? "omit" : raw) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "unknown NaN policy \"\(raw)\""))
    }
    self = policy
  }
}

/// How per-class (per-label, per-output) values are combined into one number.
///
/// The default everywhere in this package is `.macro`, at every entry point. The per-class choice
/// is `.perClass` (TorchMetrics' `average=None`); its result-key suffix and raw value stay `none`
/// (`f1_none`), so keys, saved states and the command's metric names are unchanged.
public enum Averaging: String, Sendable, Codable, CaseIterable {
  /// Pool the counts of every class, then compute once.
  case micro
  /// Compute per class, then take the unweighted mean.
  case macro
  /// Compute per class, then take the mean weighted by each class's support.
  case weighted
  /// Report the per-class values as a vector (key suffix `_none`).
  ///
  /// Not spelled `.none`: where an `Averaging?` is expected, `.none` would mean `nil`, the
  /// objective's default.
  case perClass = "none"
}

/// How a metric accumulates over batches.
public enum AccumulationMode: String, Sendable, Codable, CaseIterable {
  /// Sufficient statistics over the whole data set: the value is the value on all the data.
  case exact
  /// The value of each batch, averaged by sample count in constant memory (DanLing's meters).
  case streaming
}
