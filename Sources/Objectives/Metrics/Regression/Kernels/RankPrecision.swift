/// How a `Regression` objective stores the values it ranks for Spearman's and Kendall's
/// correlations.
public enum RankPrecision: String, Sendable, Codable, CaseIterable {
  /// Rounded to `Float`: 8 bytes per pair. Exact for `Float` input; an approximation for
  /// `Double` input.
  case single
  /// Kept as `Double`: 16 bytes per pair. Exact for `Double` input.
  case double

  /// The precision that ranks values of type `T` by their full order: `.single` when every `T`
  /// converts to `Float` exactly (`Float`, `Float16`), `.double` otherwise.
  public static func exact<T: BinaryFloatingPoint>(for _: T.Type) -> RankPrecision {
    T.significandBitCount <= Float.significandBitCount && T.exponentBitCount <= Float.exponentBitCount
      ? .single : .double
  }
}
