/// What the formula parser builds: a ``Loss`` or a ``MetricExpression``. Both compose through the
/// same canonical tree, so a formula means the same thing in both algebras.
protocol FormulaComposable {
  /// `self ∘ other`, leniently (a refusal is recorded, never thrown).
  func composed(_ operation: LossOperation, _ other: Self) -> Self
  /// `self ∘ c`, leniently.
  func composed(_ operation: ScalarOperation, _ c: Double) -> Self
  /// `-self`.
  func negated() -> Self
  /// The same composition with an empty state.
  func emptied() -> Self
  /// `self`, or its first refusal (see ``Loss/checked(_:)``).
  func checked(_ checking: CompositionChecking) throws(CompositionError) -> Self
  /// `f(arguments)`, leniently; constant arguments are written as numbers.
  static func applying(_ function: ElementaryFunction, _ arguments: [FunctionArgument<Self>]) -> Self
  /// The parameter `{name}` with the given value.
  static func parameter(_ name: String, value: Double) -> Self
  /// The deepest composition allowed.
  static var maximumDepth: Int { get }
}

/// One argument of an elementary function: a composition or a constant.
enum FunctionArgument<Composite> {
  case composite(Composite)
  case constant(Double)

  var composite: Composite? {
    if case .composite(let c) = self { return c }
    return nil
  }
}
