// Elementary functions and parameters in the loss algebra.
//
// `exp(-s) * ce + s` is uncertainty weighting with a learnable `s` (Kendall et al.); a parameter
// is a named value written `{s}` in formulas, set with `setParameter(_:to:)` (a schedule) or
// learned from the gradients `valueAndParameterGradient(_:_:)` returns.

extension Loss: FormulaComposable {
  /// The parameter `{name}` as a loss with no leaf: a value that training sets (a schedule) or
  /// learns (see ``valueAndParameterGradient(_:_:)``). It has no direction, and is reported by
  /// `compute()` as `{name}` after the components, so a history records it every epoch.
  ///
  /// ```swift
  /// let s = Loss<[Double], [Double], Double>.parameter("s")
  /// var weighted = exp(-s) * ce + s          // "exp(-{s}) x [CE] + {s}"
  /// ```
  public static func parameter(_ name: String, value: Double = 0) -> Loss {
    Loss(name: "{\(name)}", expression: .parameter(name), leaves: [], parameters: [name: value])
  }

  /// Sets the value of the parameter `{name}` (a scheduled weight, or a learned value after an
  /// optimiser step). The accumulated state is kept.
  /// - Throws: `ObjectiveError.invalidArgument` when the formula has no parameter `{name}`.
  public mutating func setParameter(_ name: String, to value: Double) throws(ObjectiveError) {
    guard parameters[name] != nil else {
      throw .invalidArgument(
        "\(formula) has no parameter {\(name)}; it has \(parameterNames.map { "{\($0)}" })")
    }
    parameters[name] = value
    program = Program(expression, parameters: parameters)
  }

  /// The parameter names in order of first appearance in the formula.
  public var parameterNames: [String] {
    var order: [String] = []
    expression.parameterOrder(into: &order)
    return order
  }

  /// `f(arguments)`: the leaf tables of the loss arguments joined as `+` joins them.
  static func applying(_ function: ElementaryFunction, _ arguments: [FunctionArgument<Loss>]) -> Loss {
    let losses = arguments.compactMap(\.composite)
    if let refused = losses.first(where: { $0.refusal != nil }) { return refused.emptied() }
    guard let base = losses.first else {
      let constants = arguments.map { argument -> Double in
        if case .constant(let c) = argument { return c }
        return .nan
      }
      return Loss(name: "Loss", expression: .constant(function(constants)), leaves: [])
    }
    // Join every argument into `base`'s tables; the function's tree replaces the placeholder.
    var joined = base
    var expressions: [Expression] = []
    var refusal: CompositionError? = nil
    for argument in arguments {
      switch argument {
      case .constant(let c): expressions.append(.constant(c))
      case .composite(let l):
        let (leaves, map, clash) = joined.joinedLeaves(with: l)
        var metrics = joined.metrics
        do {
          try metrics.join(l.metrics)
        } catch {
          refusal = refusal ?? error
        }
        let (parameters, conflict) = joinedParameters(joined.parameters, l.parameters)
        refusal = refusal ?? clash ?? conflict
        expressions.append(l.expression.remappingLeaves(map))
        joined = Loss(
          name: joined.name, expression: joined.expression, leaves: leaves, metrics: metrics,
          parameters: parameters)
      }
    }
    return joined.composite(
      name: "Loss", expression: .function(function, expressions), leaves: joined.leaves,
      metrics: joined.metrics,
      refusal: refusal, parameters: joined.parameters)
  }
}

/// `exp(x)`: keeps the direction; its derivative is `exp(x)`.
public func exp<O, T, V: ElementaryObjectiveValue>(_ x: Loss<O, T, V>) -> Loss<O, T, V> {
  .applying(.exp, [.composite(x)])
}

/// The natural logarithm `log(x)`: keeps the direction; its derivative is `1/x`.
public func log<O, T, V: ElementaryObjectiveValue>(_ x: Loss<O, T, V>) -> Loss<O, T, V> {
  .applying(.log, [.composite(x)])
}

/// `sqrt(x)`: keeps the direction; its derivative is `1/(2 sqrt(x))`, `inf` at 0.
public func sqrt<O, T, V: ElementaryObjectiveValue>(_ x: Loss<O, T, V>) -> Loss<O, T, V> {
  .applying(.sqrt, [.composite(x)])
}

/// `abs(x)`: keeps the direction (it is the identity on non-negative values); its derivative is
/// `sign(x)`, 0 at 0.
public func abs<O, T, V: ElementaryObjectiveValue>(_ x: Loss<O, T, V>) -> Loss<O, T, V> {
  .applying(.abs, [.composite(x)])
}

/// `min(a, b)`: the sides must agree in direction like the terms of a sum; at `a == b` each gets
/// half the gradient.
public func min<O, T, V: ElementaryObjectiveValue>(_ a: Loss<O, T, V>, _ b: Loss<O, T, V>) -> Loss<O, T, V> {
  .applying(.min, [.composite(a), .composite(b)])
}

/// `min(a, c)`.
public func min<O, T, V: ElementaryObjectiveValue>(_ a: Loss<O, T, V>, _ c: Double) -> Loss<O, T, V> {
  .applying(.min, [.composite(a), .constant(c)])
}

/// `min(c, b)`.
public func min<O, T, V: ElementaryObjectiveValue>(_ c: Double, _ b: Loss<O, T, V>) -> Loss<O, T, V> {
  .applying(.min, [.constant(c), .composite(b)])
}

/// `max(a, b)`: the sides must agree in direction like the terms of a sum; at `a == b` each gets
/// half the gradient.
public func max<O, T, V: ElementaryObjectiveValue>(_ a: Loss<O, T, V>, _ b: Loss<O, T, V>) -> Loss<O, T, V> {
  .applying(.max, [.composite(a), .composite(b)])
}

/// `max(a, c)`.
public func max<O, T, V: ElementaryObjectiveValue>(_ a: Loss<O, T, V>, _ c: Double) -> Loss<O, T, V> {
  .applying(.max, [.composite(a), .constant(c)])
}

/// `max(c, b)`.
public func max<O, T, V: ElementaryObjectiveValue>(_ c: Double, _ b: Loss<O, T, V>) -> Loss<O, T, V> {
  .applying(.max, [.constant(c), .composite(b)])
}

/// `clamp(x, lo, hi)`, that is `min(max(x, lo), hi)`: keeps the direction; the gradient passes
/// where `lo ≤ x ≤ hi`.
public func clamp<O, T, V: ElementaryObjectiveValue>(_ x: Loss<O, T, V>, _ lo: Double, _ hi: Double)
  -> Loss<O, T, V>
{
  .applying(.clamp, [.composite(x), .constant(lo), .constant(hi)])
}
