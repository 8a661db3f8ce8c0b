import Foundation

/// The per-sample quantities of one batch of predictions: what a practitioner looks at to find the
/// examples a model gets wrong, forgets or is unsure of (3LC's per-sample metrics).
///
/// | task       | columns, in order                                                        |
/// |------------|--------------------------------------------------------------------------|
/// | binary     | `target, predicted, confidence, true_class_probability, correct, loss`   |
/// | multiclass | `target, predicted, confidence, true_class_probability, correct, loss`   |
/// | multilabel | `correct_labels, exact_match, loss`                                      |
/// | regression | `squared_error, absolute_error` (means over the outputs of a row)        |
///
/// - `predicted` follows the metrics' rules: a binary score is positive strictly above the
///   options' cut (`ClassificationOptions.isPositive`), a multiclass prediction is the first
///   largest score.
/// - `confidence` is the probability of the predicted class and `true_class_probability` that of
///   the target class (dataset cartography's confidence); `loss` is the built-in binary
///   cross-entropy (of probabilities or logits) or cross-entropy. With `.labels` input the three
///   are left out: labels carry no probability.
/// - A row whose target is the options' `ignoreIndex` keeps its `target` and `predicted`; its
///   `correct`, `true_class_probability` and `loss` are NaN (the metrics skip it).
///
/// The same code serves the collectors (`update(_:_:recording:exampleIDs:)` of the catalogue
/// objectives) and `objectives evaluate --per-sample`.
/// - Complexity: O(n × width) for n rows.
public struct SampleQuantities: Sendable, Equatable {
  /// The column names, in order.
  public private(set) var names: [String] = []
  /// One array of values per column, one value per row.
  public private(set) var columns: [[Double]] = []

  /// The values of the column `name`, or `nil` when the quantities have no such column.
  public subscript(name: String) -> [Double]? {
    names.firstIndex(of: name).map { columns[$0] }
  }

  /// The columns as `(name, values)` pairs, in order.
  public var pairs: [(String, [Double])] { Array(zip(names, columns)) }

  mutating func append(_ name: String, _ values: [Double]) {
    names.append(name)
    columns.append(values)
  }
}

extension SampleQuantities {
  /// The quantities of binary scores (read as `options.inputKind` says) against 0/1 targets.
  /// - Throws: `lengthMismatch` when the counts differ; `labelOutOfRange` for a target other than 0,
  ///   1 or the ignore index.
  public static func binary(_ scores: [Double], _ targets: [Int], options: ClassificationOptions)
    throws(ObjectiveError) -> SampleQuantities
  {
    guard scores.count == targets.count else {
      throw .lengthMismatch(what: "targets", expected: scores.count, actual: targets.count)
    }
    let kept = try keptRows(targets, classes: 2, ignoreIndex: options.ignoreIndex)
    var q = SampleQuantities()
    q.append("target", targets.map(Double.init))
    let predicted = scores.map { options.inputKind == .labels ? $0 : (options.isPositive($0) ? 1.0 : 0.0) }
    q.append("predicted", predicted)
    if options.inputKind != .labels {
      let p = scores.map { options.inputKind == .logits ? ClassificationMath.sigmoid($0) : $0 }
      q.append("confidence", zip(p, predicted).map { $1 == 1 ? $0 : 1 - $0 })
      q.append("true_class_probability", masked(zip(p, targets).map { $1 == 1 ? $0 : 1 - $0 }, kept))
    }
    q.append("correct", masked(zip(predicted, targets).map { $0 == Double($1) ? 1 : 0 }, kept))
    if options.inputKind != .labels {
      let t = targets.enumerated().map { kept[$0.offset] ? Double($0.element) : 0 }
      let loss: [Double] =
        options.inputKind == .logits
        ? try BinaryCrossEntropyWithLogitsLoss().values(scores, t)
        : try BinaryCrossEntropyLoss().values(scores, t)
      q.append("loss", masked(loss, kept))
    }
    return q
  }

  /// The quantities of multiclass scores (row-major, `numClasses` per row, read as
  /// `options.inputKind` says; with `.labels`, one predicted label per row) against class indices.
  /// - Throws: `lengthMismatch` when the counts differ; `labelOutOfRange` for a target outside
  ///   `0..<numClasses` other than the ignore index.
  public static func multiclass(
    _ outputs: [Double], _ targets: [Int], numClasses: Int, options: ClassificationOptions
  ) throws(ObjectiveError) -> SampleQuantities {
    guard numClasses >= 2 else {
      throw .invalidArgument("a multiclass task needs at least 2 classes, got \(numClasses)")
    }
    let width = options.inputKind == .labels ? 1 : numClasses
    guard outputs.count == targets.count * width else {
      throw .lengthMismatch(what: "outputs", expected: targets.count * width, actual: outputs.count)
    }
    let kept = try keptRows(targets, classes: numClasses, ignoreIndex: options.ignoreIndex)
    var q = SampleQuantities()
    q.append("target", targets.map(Double.init))
    if options.inputKind == .labels {
      q.append("predicted", outputs)
      q.append("correct", masked(zip(outputs, targets).map { $0 == Double($1) ? 1 : 0 }, kept))
      return q
    }
    let logits = options.inputKind == .logits ? outputs : outputs.map { Foundation.log($0) }
    let probabilities = Functional.softmax(logits, numClasses: numClasses)
    let n = targets.count
    var predicted = [Double](repeating: 0, count: n)
    var confidence = [Double](repeating: 0, count: n)
    var truth = [Double](repeating: .nan, count: n)
    for i in 0..<n {
      let row = i * numClasses
      var best = 0
      for c in 1..<numClasses where probabilities[row + c] > probabilities[row + best] { best = c }
      predicted[i] = Double(best)
      confidence[i] = probabilities[row + best]
      if kept[i] { truth[i] = probabilities[row + targets[i]] }
    }
    q.append("predicted", predicted)
    q.append("confidence", confidence)
    q.append("true_class_probability", truth)
    q.append("correct", masked(zip(predicted, targets).map { $0 == Double($1) ? 1 : 0 }, kept))
    let safeTargets = targets.enumerated().map { kept[$0.offset] ? $0.element : 0 }
    q.append("loss", masked(try CrossEntropyLoss(numClasses: numClasses).values(logits, safeTargets), kept))
    return q
  }

  /// The quantities of multilabel scores (row-major, `numLabels` per row) against 0/1 targets of
  /// the same shape: the number of labels predicted right, whether all were, and the mean binary
  /// cross-entropy over the labels.
  /// - Throws: `lengthMismatch` when the counts differ; `invalidValue` for a target other than 0
  ///   or 1.
  public static func multilabel(
    _ outputs: [Double], _ targets: [Int], numLabels: Int, options: ClassificationOptions
  ) throws(ObjectiveError) -> SampleQuantities {
    guard numLabels >= 1, outputs.count == targets.count, outputs.count % numLabels == 0 else {
      throw .lengthMismatch(
        what: "targets (\(numLabels) labels per row)", expected: outputs.count, actual: targets.count)
    }
    if let (i, t) = targets.enumerated().first(where: { $0.element != 0 && $0.element != 1 }) {
      throw .invalidValue(what: "multilabel target of row \(i / numLabels)", value: Double(t), position: i)
    }
    let n = outputs.count / numLabels
    var correctLabels = [Double](repeating: 0, count: n)
    for i in 0..<n {
      for j in 0..<numLabels {
        let z = outputs[i * numLabels + j]
        let p = options.inputKind == .labels ? z : (options.isPositive(z) ? 1 : 0)
        if p == Double(targets[i * numLabels + j]) { correctLabels[i] += 1 }
      }
    }
    var q = SampleQuantities()
    q.append("correct_labels", correctLabels)
    q.append("exact_match", correctLabels.map { $0 == Double(numLabels) ? 1 : 0 })
    let t = targets.map(Double.init)
    if options.inputKind == .logits {
      q.append("loss", try BinaryCrossEntropyWithLogitsLoss(width: numLabels).values(outputs, t))
    } else if options.inputKind == .probabilities {
      q.append("loss", try BinaryCrossEntropyLoss(width: numLabels).values(outputs, t))
    }
    return q
  }

  /// The quantities of regression outputs against targets (row-major, `numOutputs` per row): the
  /// squared and absolute errors, each a mean over the row's outputs.
  /// - Throws: `lengthMismatch` when the counts differ or are not a multiple of `numOutputs`.
  public static func regression(_ outputs: [Double], _ targets: [Double], numOutputs: Int = 1)
    throws(ObjectiveError) -> SampleQuantities
  {
    var q = SampleQuantities()
    q.append("squared_error", try MSELoss(width: numOutputs).values(outputs, targets))
    q.append("absolute_error", try MAELoss(width: numOutputs).values(outputs, targets))
    return q
  }

  /// Which rows count (their target is not the ignore index); throws for a target that is neither.
  static func keptRows(_ targets: [Int], classes: Int, ignoreIndex: Int?) throws(ObjectiveError) -> [Bool] {
    var kept = [Bool](repeating: true, count: targets.count)
    for (i, t) in targets.enumerated() {
      if t == ignoreIndex {
        kept[i] = false
      } else if t < 0 || t >= classes {
        throw .labelOutOfRange(label: t, count: classes, position: i)
      }
    }
    return kept
  }

  static func masked(_ values: [Double], _ kept: [Bool]) -> [Double] {
    zip(values, kept).map { $1 ? $0 : .nan }
  }
}
