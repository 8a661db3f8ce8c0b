import Foundation
import Testing

@testable import Objectives

/// One reference case written by scripts/make_classification_fixtures.py.
struct ClassificationFixture: Decodable, Sendable, CustomTestStringConvertible {
  let id: String
  let task: String
  let numClasses: Int
  let inputKind: String
  let threshold: Double
  let ignoreIndex: Int?
  let average: String
  let metrics: [String]
  let scores: [Double]
  let targets: [Int]
  let batches: [Int]?
  let expected: [String: MetricValue]
  let expectedStreaming: [String: MetricValue]?

  enum CodingKeys: String, CodingKey {
    case id, task, threshold, average, metrics, scores, targets, batches, expected
    case numClasses = "num_classes"
    case inputKind = "input_kind"
    case ignoreIndex = "ignore_index"
    case expectedStreaming = "expected_streaming"
  }

  var testDescription: String { id }

  var options: ClassificationOptions {
    ClassificationOptions(
      inputKind: InputKind(rawValue: inputKind)!, threshold: threshold, ignoreIndex: ignoreIndex,
      average: Averaging(rawValue: average)!)
  }

  var metricList: [ClassificationMetric] { metrics.map(ClassificationFixture.metric(named:)) }

  /// The metric a fixture key stands for.
  static func metric(named key: String) -> ClassificationMetric {
    switch key {
    case "acc": return .accuracy
    case "precision": return .precision
    case "recall": return .recall
    case "f1": return .f1
    case "specificity": return .specificity
    case "balanced_accuracy": return .balancedAccuracy
    case "mcc": return .mcc
    case "kappa": return .cohenKappa
    case "confmat": return .confusionMatrix
    case "auroc": return .auroc
    case "auprc": return .averagePrecision
    case "log_loss": return .logLoss
    case "cross_entropy": return .crossEntropy
    case "hamming_loss": return .hammingLoss
    case "exact_match": return .exactMatch
    case "jaccard": return .jaccard
    case "dice": return .dice
    case "mean_iou": return .meanIoU
    case "kappa_linear": return .linearKappa
    case "kappa_quadratic": return .quadraticKappa
    case "ece": return .calibrationError
    case "mce": return .maxCalibrationError
    case "best_f1": return .bestF1
    case "youden": return .youden
    default:
      let levelled: [(String, ClassificationMetric.Kind)] = [
        ("recall_at_precision=", .recallAtPrecision), ("precision_at_recall=", .precisionAtRecall),
        ("sensitivity_at_specificity=", .sensitivityAtSpecificity),
        ("specificity_at_sensitivity=", .specificityAtSensitivity), ("auroc_max_fpr=", .partialAUROC),
      ]
      for (prefix, kind) in levelled
      where key.hasPrefix(prefix) && !key.contains("_" + "macro")
        && !Averaging.allCases.contains(where: { key.hasSuffix("_" + $0.rawValue) })
      {
        return ClassificationMetric(kind, level: Double(key.dropFirst(prefix.count))!)
      }
      if key.hasPrefix("ece@") { return .calibrationError(bins: Int(key.dropFirst(4))!) }
      if key.hasPrefix("mce@") { return .maxCalibrationError(bins: Int(key.dropFirst(4))!) }
      for average in Averaging.allCases where key.hasSuffix("_" + average.rawValue) {
        return metric(named: String(key.dropLast(average.rawValue.count + 1))).averaged(average)
      }
      if key.hasPrefix("acc@") { return .topKAccuracy(Int(key.dropFirst(4))!) }
      if key.hasPrefix("f") { return .fBeta(Double(key.dropFirst().replacing("_", with: "."))!) }
      fatalError("unknown fixture metric \(key)")
    }
  }

  /// Loads every case of a fixture file.
  static func load(_ name: String) -> [ClassificationFixture] {
    struct File: Decodable { let cases: [ClassificationFixture] }
    guard
      let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"),
      let data = try? Data(contentsOf: url)
    else { fatalError("missing fixture \(name)") }
    do {
      return try JSONDecoder().decode(File.self, from: data).cases
    } catch {
      fatalError("cannot decode fixture \(name): \(error)")
    }
  }
}

/// `|a − b| ≤ tolerance · max(|a|, |b|)`, with NaN equal to NaN and a floor for exact zeros.
func closeEnough(_ a: Double, _ b: Double, relative tolerance: Double) -> Bool {
  if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
  if a == b { return true }
  return abs(a - b) <= tolerance * max(abs(a), abs(b)) + 1e-300
}

/// Whether two metric values have the same shape and entries within `tolerance`.
func closeEnough(_ a: MetricValue, _ b: MetricValue, relative tolerance: Double) -> Bool {
  switch (a, b) {
  case (.scalar, .scalar), (.vector, .vector): break
  case (.matrix(let r1, let c1, _), .matrix(let r2, let c2, _)):
    guard r1 == r2 && c1 == c2 else { return false }
  default: return false
  }
  let x = a.values
  let y = b.values
  return x.count == y.count && zip(x, y).allSatisfy { closeEnough($0, $1, relative: tolerance) }
}

/// Whether every entry of `a` and `b` agrees within `tolerance`, in the same order.
func closeEnough(_ a: Results, _ b: Results, relative tolerance: Double) -> Bool {
  a.names == b.names
    && zip(a.entries, b.entries).allSatisfy {
      $0.direction == $1.direction && closeEnough($0.value, $1.value, relative: tolerance)
    }
}

/// Exactly `pieces` consecutive ranges covering `0..<count`, some possibly empty.
func randomRanges(_ count: Int, pieces: Int, using g: inout SeededGenerator) -> [Range<Int>] {
  let cuts = (0..<max(pieces - 1, 0)).map { _ in Int.random(in: 0...count, using: &g) }.sorted()
  let bounds = [0] + cuts + [count]
  return zip(bounds, bounds.dropFirst()).map { $0..<$1 }
}
