// Operators, elementary functions and parsing for metric expressions. They compose exactly as the
// loss operators do (same canonical tree, same renderings, same directions) and never stop the
// program: a composition that cannot be made sound is recorded in the result's `refusal`.

extension MetricExpression {
  /// The sum of two metric expressions.
  public static func + (lhs: MetricExpression, rhs: MetricExpression) -> MetricExpression {
    lhs.composed(.add, rhs)
  }
  /// The difference of two metric expressions.
  public static func - (lhs: MetricExpression, rhs: MetricExpression) -> MetricExpression {
    lhs.composed(.subtract, rhs)
  }
  /// The product of two metric expressions.
  public static func * (lhs: MetricExpression, rhs: MetricExpression) -> MetricExpression {
    lhs.composed(.multiply, rhs)
  }
  /// The quotient of two metric expressions.
  public static func / (lhs: MetricExpression, rhs: MetricExpression) -> MetricExpression {
    lhs.composed(.divide, rhs)
  }
  /// `m + c`.
  public static func + (lhs: MetricExpression, rhs: Double) -> MetricExpression {
    lhs.composed(.add(constantFirst: false), rhs)
  }
  /// `c + m`.
  public static func + (lhs: Double, rhs: MetricExpression) -> MetricExpression {
    rhs.composed(.add(constantFirst: true), lhs)
  }
  /// `m - c`.
  public static func - (lhs: MetricExpression, rhs: Double) -> MetricExpression {
    lhs.composed(.subtract, rhs)
  }
  /// `c - m` (flips the direction): `1 - scores["auroc"]`.
  public static func - (lhs: Double, rhs: MetricExpression) -> MetricExpression {
    rhs.composed(.subtractFrom, lhs)
  }
  /// `m * c`, written `c x [m]`.
  public static func * (lhs: MetricExpression, rhs: Double) -> MetricExpression { lhs.composed(.scale, rhs) }
  /// `c * m`.
  public static func * (lhs: Double, rhs: MetricExpression) -> MetricExpression { rhs.composed(.scale, lhs) }
  /// `m / c`.
  public static func / (lhs: MetricExpression, rhs: Double) -> MetricExpression { lhs.composed(.divide, rhs) }
  /// `c / m` (flips the direction).
  public static func / (lhs: Double, rhs: MetricExpression) -> MetricExpression {
    rhs.composed(.divideInto, lhs)
  }
  /// `m ** p` for a scalar exponent (a negative exponent flips the direction).
  public static func ** (lhs: MetricExpression, rhs: Double) -> MetricExpression { lhs.composed(.power, rhs) }
  /// `-m` (flips the direction).
  public static prefix func - (operand: MetricExpression) -> MetricExpression { operand.negated() }

  /// Builds a metric expression from a formula whose `[keys]` are values of `source`:
  /// `MetricExpression(parsing: "1 - [auroc]", source: scores)`.
  /// - Parameters:
  ///   - formula: The formula (the loss grammar, functions and `{parameters}` included).
  ///   - source: The objective every `[key]` is read from; all references share its state.
  ///   - parameters: The values of the formula's `{parameters}`; a parameter not listed starts at 0.
  ///   - checking: `.lenient` (the default) or `.strict` (see ``Loss/init(parsing:leaves:parameters:checking:)``).
  /// - Throws: `FormulaError` with the position of a syntax error, an unknown key, a refused
  ///   composition or a limit.
  public init(
    parsing formula: String, source: MetricSource<Output, Target>, parameters: [String: Double] = [:],
    checking: CompositionChecking = .lenient
  ) throws(FormulaError) {
    var table: [String: MetricExpression] = [:]
    for key in source.keys { table[key] = source[key] }
    self = try FormulaParser<MetricExpression>.parse(
      formula, leaves: table, parameters: parameters, checking: checking)
  }

  /// Builds a metric expression from a formula and a table from names to metric expressions (a
  /// name may stand for a composite).
  public init(
    parsing formula: String, named table: [String: MetricExpression], parameters: [String: Double] = [:],
    checking: CompositionChecking = .lenient
  ) throws(FormulaError) {
    self = try FormulaParser<MetricExpression>.parse(
      formula, leaves: table, parameters: parameters, checking: checking)
  }
}

/// `exp(m)` over computed values.
public func exp<O, T>(_ m: MetricExpression<O, T>) -> MetricExpression<O, T> {
  .applying(.exp, [.composite(m)])
}

/// `log(m)` over computed values.
public func log<O, T>(_ m: MetricExpression<O, T>) -> MetricExpression<O, T> {
  .applying(.log, [.composite(m)])
}

/// `sqrt(m)` over computed values: `sqrt(scores["precision"] * scores["recall"])`.
public func sqrt<O, T>(_ m: MetricExpression<O, T>) -> MetricExpression<O, T> {
  .applying(.sqrt, [.composite(m)])
}

/// `abs(m)` over computed values.
public func abs<O, T>(_ m: MetricExpression<O, T>) -> MetricExpression<O, T> {
  .applying(.abs, [.composite(m)])
}

/// `min(a, b)` over computed values.
public func min<O, T>(_ a: MetricExpression<O, T>, _ b: MetricExpression<O, T>) -> MetricExpression<O, T> {
  .applying(.min, [.composite(a), .composite(b)])
}

/// `min(a, c)` over computed values.
public func min<O, T>(_ a: MetricExpression<O, T>, _ c: Double) -> MetricExpression<O, T> {
  .applying(.min, [.composite(a), .constant(c)])
}

/// `max(a, b)` over computed values.
public func max<O, T>(_ a: MetricExpression<O, T>, _ b: MetricExpression<O, T>) -> MetricExpression<O, T> {
  .applying(.max, [.composite(a), .composite(b)])
}

/// `max(a, c)` over computed values.
public func max<O, T>(_ a: MetricExpression<O, T>, _ c: Double) -> MetricExpression<O, T> {
  .applying(.max, [.composite(a), .constant(c)])
}

/// `clamp(m, lo, hi)` over computed values.
public func clamp<O, T>(_ m: MetricExpression<O, T>, _ lo: Double, _ hi: Double) -> MetricExpression<O, T> {
  .applying(.clamp, [.composite(m), .constant(lo), .constant(hi)])
}
