/// One line of a chart: points `(x[i], y[i])` in order, drawn as connected segments.
///
/// Points whose coordinates cannot be drawn (NaN, infinite, or not positive on a log axis) leave a
/// gap; a point with no drawable neighbour is drawn as a dot.
public struct ChartSeries: Sendable, Equatable {
  /// The legend entry.
  public var name: String
  /// The x coordinates.
  public var x: [Double]
  /// The y coordinates.
  public var y: [Double]
  /// The index of a point to mark with a ring (for example the best epoch).
  public var highlight: Int?
  /// Text shown after the name in the legend (for example `AUC = 0.91` or `best 0.41 @ 6`).
  public var note: String?
  /// The style index (colour and dash, see `ChartStyle`); `nil` uses the series' position.
  public var style: Int?
  /// Whether to draw a step line (each y held until the next x), as for precision-recall curves.
  public var stepped: Bool

  /// A series.
  /// - Throws: `lengthMismatch` when `x` and `y` differ in length; `invalidArgument` when `highlight`
  ///   is not an index of the points.
  public init(
    name: String, x: [Double], y: [Double], highlight: Int? = nil, note: String? = nil, style: Int? = nil,
    stepped: Bool = false
  ) throws(ObjectiveError) {
    guard x.count == y.count else {
      throw .lengthMismatch(what: "x and y of \"\(name)\"", expected: x.count, actual: y.count)
    }
    if let h = highlight, !x.indices.contains(h) {
      throw .invalidArgument("highlight \(h) is not a point of \"\(name)\" (0..<\(x.count))")
    }
    self.name = name
    self.x = x
    self.y = y
    self.highlight = highlight
    self.note = note
    self.style = style
    self.stepped = stepped
  }
}
