/// The value of one reported metric: a scalar, a vector (per class, per label or per output),
/// or a matrix (a confusion matrix).
public enum MetricValue: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
  case scalar(Double)
  case vector([Double])
  /// A row-major matrix with `rows × columns` entries.
  case matrix(rows: Int, columns: Int, values: [Double])

  /// The scalar value, or `nil` for vectors and matrices.
  public var scalar: Double? {
    if case .scalar(let v) = self { return v }
    return nil
  }

  /// All entries, in row-major order for matrices.
  public var values: [Double] {
    switch self {
    case .scalar(let v): return [v]
    case .vector(let v): return v
    case .matrix(_, _, let v): return v
    }
  }

  /// A readable description, as `print` shows it.
  public var description: String {
    switch self {
    case .scalar(let v): return NumberFormatting.shortest(v)
    case .vector(let v): return "[" + v.map(NumberFormatting.shortest).joined(separator: ", ") + "]"
    case .matrix(let r, let c, let v):
      let rows = (0..<r).map { i in
        "[" + v[(i * c)..<(i * c + c)].map(NumberFormatting.shortest).joined(separator: ", ") + "]"
      }
      return "[" + rows.joined(separator: ", ") + "]"
    }
  }

  // Codable: scalars encode as plain numbers (non-finite as strings), vectors as arrays,
  // matrices as {"rows", "columns", "values"}.
  private enum MatrixKeys: String, CodingKey { case rows, columns, values }

  /// Decodes the value written by `encode(to:)` (non-finite numbers under `FiniteOrSpecial`).
  public init(from decoder: any Decoder) throws {
    if let single = try? decoder.singleValueContainer() {
      if let d = try? single.decode(FiniteOrSpecial.self) { self = .scalar(d.value); return }
      if let v = try? single.decode([FiniteOrSpecial].self) { self = .vector(v.map(\.value)); return }
    }
    let c = try decoder.container(keyedBy: MatrixKeys.self)
    let rows = try c.decode(Int.self, forKey: .rows)
    let columns = try c.decode(Int.self, forKey: .columns)
    let values = try c.decode([FiniteOrSpecial].self, forKey: .values).map(\.value)
    let (cells, overflow) = rows.multipliedReportingOverflow(by: columns)
    guard rows >= 0, columns >= 0, !overflow, cells == values.count else {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: decoder.codingPath,
          debugDescription: "a \(rows)×\(columns) matrix needs rows × columns values, got \(values.count)"))
    }
    self = .matrix(rows: rows, columns: columns, values: values)
  }

  /// Encodes the value so that a plain `JSONEncoder` works (non-finite numbers under `FiniteOrSpecial`).
  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .scalar(let v):
      var c = encoder.singleValueContainer()
      try c.encode(FiniteOrSpecial(v))
    case .vector(let v):
      var c = encoder.singleValueContainer()
      try c.encode(v.map(FiniteOrSpecial.init))
    case .matrix(let r, let cols, let v):
      var c = encoder.container(keyedBy: MatrixKeys.self)
      try c.encode(r, forKey: .rows)
      try c.encode(cols, forKey: .columns)
      try c.encode(v.map(FiniteOrSpecial.init), forKey: .values)
    }
  }
}
