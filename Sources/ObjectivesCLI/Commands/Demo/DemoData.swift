/// The demo's training and validation sets: Iris, split per species (stratified) with the seed,
/// and standardised with the training set's means and standard deviations.
struct DemoData: Sendable {
  /// Rows of standardised features and their labels.
  struct Split: Sendable {
    var features: [Double]
    var labels: [Int]
    /// The rows of `IrisData` the flowers come from: their example ids.
    var rows: [Int]
    var count: Int { labels.count }
  }

  static let featureCount = 4
  static let classCount = 3

  let train: Split
  let validation: Split

  /// Splits Iris: `validationPerClass` flowers of each species go to validation, the rest to
  /// training, chosen by `generator`.
  init(validationPerClass: Int, generator: inout SeededGenerator) {
    let d = Self.featureCount
    var trainRows: [Int] = []
    var validationRows: [Int] = []
    for c in 0..<Self.classCount {
      let rows = generator.shuffled(IrisData.labels.indices.filter { IrisData.labels[$0] == c })
      validationRows += rows.prefix(validationPerClass)
      trainRows += rows.dropFirst(validationPerClass)
    }
    trainRows = generator.shuffled(trainRows)
    validationRows.sort()

    var mean = [Double](repeating: 0, count: d)
    var deviation = [Double](repeating: 0, count: d)
    for r in trainRows { for k in 0..<d { mean[k] += IrisData.features[r * d + k] } }
    for k in 0..<d { mean[k] /= Double(trainRows.count) }
    for r in trainRows {
      for k in 0..<d {
        let e = IrisData.features[r * d + k] - mean[k]
        deviation[k] += e * e
      }
    }
    for k in 0..<d { deviation[k] = (deviation[k] / Double(trainRows.count)).squareRoot() }

    func split(_ rows: [Int]) -> Split {
      var x: [Double] = []
      x.reserveCapacity(rows.count * d)
      for r in rows { for k in 0..<d { x.append((IrisData.features[r * d + k] - mean[k]) / deviation[k]) } }
      return Split(features: x, labels: rows.map { IrisData.labels[$0] }, rows: rows)
    }
    train = split(trainRows)
    validation = split(validationRows)
  }
}
