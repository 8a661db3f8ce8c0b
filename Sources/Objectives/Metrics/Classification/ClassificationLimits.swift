/// The largest classification objectives that can be made: their counts are dense, so the memory a
/// width needs is known before any data is seen, and a width beyond these limits is refused with a
/// typed error naming the memory it would take, instead of an allocation that stops the program.
public enum ClassificationLimits {
  /// The most classes of a multiclass objective: its C×C confusion matrix of 8-byte counts then
  /// takes 2.15 GB.
  public static let maximumClasses = 16_384
  /// The most labels of a multilabel objective (four 8-byte counts per label: 537 MB).
  public static let maximumLabels = 1 << 24

  /// The bytes of the confusion counts of `classes` multiclass classes (C² counts of 8 bytes),
  /// computed in floating point so that no width overflows.
  public static func confusionBytes(classes: Int) -> Double { Double(classes) * Double(classes) * 8 }

  /// `bytes` in decimal units, at most three significant digits: `80 GB`, `2.15 GB`, `512 kB`.
  public static func formatted(bytes: Double) -> String {
    let units = ["bytes", "kB", "MB", "GB", "TB", "PB", "EB"]
    var value = bytes
    var unit = 0
    while value >= 1000 && unit < units.count - 1 {
      value /= 1000
      unit += 1
    }
    let rounded =
      value >= 100
      ? value.rounded() : value >= 10 ? (value * 10).rounded() / 10 : (value * 100).rounded() / 100
    let text = rounded == rounded.rounded() && rounded < 1e15 ? String(Int(rounded)) : String(rounded)
    return text + " " + units[unit]
  }

  /// Throws `invalidArgument` when `classes` exceeds `maximumClasses`.
  static func check(classes: Int) throws(ObjectiveError) {
    guard classes > maximumClasses else { return }
    throw .invalidArgument(
      "multiclass with \(classes) classes needs a \(classes)×\(classes) confusion matrix, about "
        + formatted(bytes: confusionBytes(classes: classes))
        + " of memory; at most \(maximumClasses) classes ("
        + formatted(bytes: confusionBytes(classes: maximumClasses)) + ") are supported")
  }

  /// Throws `invalidArgument` when `labels` exceeds `maximumLabels`.
  static func check(labels: Int) throws(ObjectiveError) {
    guard labels > maximumLabels else { return }
    throw .invalidArgument(
      "multilabel with \(labels) labels needs about " + formatted(bytes: Double(labels) * 32)
        + " of counts; at most \(maximumLabels) labels are supported")
  }
}
