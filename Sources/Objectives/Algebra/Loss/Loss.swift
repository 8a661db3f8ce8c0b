/// A loss: a named leaf, or a composition of leaves built with `+ - * /`, `**`, unary `-` and
/// scalars: the concrete ``CompositionalLoss`` (a leaf is a composition of one leaf).
///
/// ```swift
/// let mse = Loss("MSE") { (o: Double, t: Double) in .batch((o - t) * (o - t)) }
/// let mae = Loss("MAE") { (o: Double, t: Double) in .samples([abs(o - t)]) }
/// var loss = mse ** 2 + 0.5 * mae
/// loss.formula                 // "[MSE]^2 + 0.5 x [MAE]"
/// try loss.forward(1, 3)       // 17, the value to differentiate
/// loss.compute()               // {Combined Loss: 17, MSE: 4, MAE: 2}
/// ```
///
/// A leaf is lower-is-better unless made with `direction: .maximize`. A composite's direction
/// follows from its tree (negation, subtraction, divisors, negative exponents and negative scalar
/// factors flip it); where two sides pull in opposite directions (`mse - mae`) the composite is
/// lower-is-better, as a loss is what the optimiser minimises, and each leaf keeps its own
/// direction in `compute()`. Operators never stop the program; ``checked(_:)`` is the strict check.
///
/// `forward` returns the batch's combined value and accumulates it. `compute()` reports the
/// combined value (the mean of its per-batch or per-sample values), then each leaf in order of first
/// appearance, then any metrics joined with `|`. A leaf used several times is evaluated once per
/// batch.
public struct Loss<Output, Target, Value: ObjectiveValue>: Sendable {
  /// The reported name: the leaf's name, `Combined Loss`, `Loss` or `Negative <name>`.
  public let name: String
  /// The direction of optimisation (`.minimize` for ordinary losses): a leaf's own direction, or
  /// the direction of the composition, `.minimize` when its sides contradict each other.
  public let direction: Direction
  /// Why an operator could not make this loss sound (two different leaves under one name, a tree
  /// deeper than the limit), or `nil`. A refused loss throws from every update and merge.
  public let refusal: CompositionError?
  /// The nesting depth of the expression (1 for a leaf).
  public let depth: Int

  @usableFromInline var expression: Expression
  /// The expression compiled for fast evaluation, with the parameters' current values.
  @usableFromInline var program: Program
  /// The current value of each `{parameter}` of the formula (see ``setParameter(_:to:)``).
  public internal(set) var parameters: [String: Double]
  @usableFromInline var leaves: [Leaf<Output, Target, Value>]
  /// Metrics and other objectives joined with `|`: updated with the loss, reported after it.
  public internal(set) var metrics: MetricCollection<Output, Target>
  @usableFromInline var accumulated: LossState
  /// The leaves' functions, in leaf order, for the hot path.
  @usableFromInline var evaluators: [@Sendable (Output, Target) throws(ObjectiveError) -> Evaluation<Value>]

  /// The deepest composition allowed, so that every rendering parses back within the parser's
  /// nesting limit.
  public static var maximumDepth: Int { 64 }

  init(
    name: String, expression: Expression, leaves: [Leaf<Output, Target, Value>],
    metrics: MetricCollection<Output, Target> = MetricCollection(), refusal: CompositionError? = nil,
    parameters: [String: Double] = [:]
  ) {
    self.name = name
    if case .agreed(let h) = expression.direction({ leaves[$0].direction }) {
      self.direction = h
    } else {
      self.direction = .minimize
    }
    let depth = expression.depth
    self.depth = depth
    var refusal = refusal ?? (depth > Self.maximumDepth ? .tooDeep(limit: Self.maximumDepth) : nil)
    if refusal == nil, !Value.supportsElementaryFunctions, expression.usesFunctions {
      refusal = .unsupportedFunction(valueType: "\(Value.self)")
    }
    self.refusal = refusal
    self.expression = expression
    self.parameters = parameters
    self.program = Program(expression, parameters: parameters)
    self.leaves = leaves
    self.evaluators = leaves.map(\.evaluate)
    var emptyMetrics = metrics
    emptyMetrics.reset()
    self.metrics = emptyMetrics
    self.accumulated = LossState(
      formula: FormulaRenderer(names: leaves.map(\.name), style: .plain).render(expression),
      componentNames: leaves.map(\.name))
  }

  /// Makes a leaf from a name and a function of `(outputs, targets)` that returns one value for the
  /// batch or one value per sample.
  /// - Parameters:
  ///   - name: The name reported by `compute()` and written in formulas as `[name]`.
  ///   - direction: `.minimize` (the default) for a loss; `.maximize` for a score.
  ///   - function: The leaf's value for a batch.
  public init(
    _ name: String, direction: Direction = .minimize,
    fileID: String = #fileID, line: Int = #line,
    _ function: @escaping @Sendable (Output, Target) throws(ObjectiveError) -> Evaluation<Value>
  ) {
    self.init(
      name: name, expression: .leaf(0),
      leaves: [
        Leaf(
          name: name, direction: direction, identity: LeafIdentity(), origin: "\(fileID):\(line)",
          evaluate: function, vectorJacobianProduct: nil)
      ])
  }

  /// Makes a leaf that also supplies its vector-Jacobian product, so that compositions of it can
  /// return gradients with respect to the outputs (see ``valueAndGradient(_:_:)``).
  /// - Parameter vectorJacobianProduct: Given the outputs, the targets and one cotangent per value
  ///   the function returned (one for a batch value), returns the gradient of
  ///   `Σ cotangent_i × value_i` with respect to the outputs.
  public init(
    _ name: String, direction: Direction = .minimize,
    fileID: String = #fileID, line: Int = #line,
    _ function: @escaping @Sendable (Output, Target) throws(ObjectiveError) -> Evaluation<Value>,
    vectorJacobianProduct: @escaping @Sendable (Output, Target, [Double]) throws(ObjectiveError) -> Output
  ) {
    self.init(
      name: name, expression: .leaf(0),
      leaves: [
        Leaf(
          name: name, direction: direction, identity: LeafIdentity(), origin: "\(fileID):\(line)",
          evaluate: function, vectorJacobianProduct: vectorJacobianProduct)
      ])
  }

  /// The names of the leaves, in order of first appearance.
  public var componentNames: [String] { leaves.map(\.name) }

  /// Whether this loss is a single leaf.
  @inlinable public var isLeaf: Bool {
    if case .leaf = expression { return true }
    return false
  }
}

/// The accumulated state of a loss: the combined value, each component, and the joined metrics,
/// with the shape (formula and component names) it belongs to, so that `restore` can refuse the
/// state of another loss.
public struct LossState: Sendable, Codable, Equatable {
  /// The formula of the loss the state belongs to.
  public var formula: String
  /// The component names of the loss the state belongs to, in order.
  public var componentNames: [String]
  /// The combined value's accumulator.
  public var combined = MeanAccumulator()
  /// One accumulator per leaf, in the loss's component order.
  public var components: [MeanAccumulator]
  /// The state of the metrics joined with `|`.
  public var metrics = MetricCollectionState(members: [], memberNames: [])
  /// The number of batches accumulated.
  public var batches = 0

  init(formula: String, componentNames: [String]) {
    self.formula = formula
    self.componentNames = componentNames
    components = Array(repeating: MeanAccumulator(), count: componentNames.count)
  }
}
