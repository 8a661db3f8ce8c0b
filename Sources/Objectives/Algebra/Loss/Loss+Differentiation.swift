#if canImport(_Differentiation)
  import _Differentiation

  /// Outputs that a model written with Swift's `_Differentiation` can hand to a loss: a
  /// differentiable type whose hand-written gradient (a ``GradientVector`` of the same type) turns
  /// into its tangent vector. `Double`, `Float`, `[Double]` and `[Float]` conform.
  public protocol DifferentiableLossOutput: Differentiable, GradientVector, SendableMetatype
  where TangentVector: SendableMetatype {
    /// `gradient × scale` as a tangent vector of `self`'s type.
    static func tangent(_ gradient: Self, scaledBy scale: Double) -> TangentVector
    /// The zero tangent vector of `value`'s shape.
    static func zeroTangent(like value: Self) -> TangentVector
    /// A tangent vector as a gradient of `self`'s type.
    static func gradient(_ tangent: TangentVector) -> Self
  }

  extension Double: DifferentiableLossOutput {
    /// The tangent of `value` scaled by `factor`.
    public static func tangent(_ gradient: Double, scaledBy scale: Double) -> Double { gradient * scale }
    /// The gradient as this type's tangent.
    public static func gradient(_ tangent: Double) -> Double { tangent }
    /// A zero tangent of the shape of `value`.
    public static func zeroTangent(like value: Double) -> Double { 0 }
  }

  extension Float: DifferentiableLossOutput {
    /// The tangent of `value` scaled by `factor`.
    public static func tangent(_ gradient: Float, scaledBy scale: Double) -> Float { gradient * Float(scale) }
    /// The gradient as this type's tangent.
    public static func gradient(_ tangent: Float) -> Float { tangent }
    /// A zero tangent of the shape of `value`.
    public static func zeroTangent(like value: Float) -> Float { 0 }
  }

  extension Array: DifferentiableLossOutput
  where Element: BinaryFloatingPoint & Differentiable, Element.TangentVector == Element {
    /// The tangent of `value` scaled by `factor`.
    public static func tangent(_ gradient: [Element], scaledBy scale: Double) -> TangentVector {
      let s = Element(scale)
      return TangentVector(scale == 1 ? gradient : gradient.map { $0 * s })
    }
    /// The gradient as this type's tangent.
    public static func gradient(_ tangent: TangentVector) -> [Element] { tangent.base }
    /// A zero tangent of the shape of `value`.
    public static func zeroTangent(like value: [Element]) -> TangentVector {
      TangentVector([Element](repeating: 0, count: value.count))
    }
  }

  /// Records the batches a loss evaluates inside a differentiable closure, so that a model written
  /// with `@differentiable(reverse)` functions can differentiate through the loss with
  /// `gradient(at:of:)` or `valueWithGradient(at:of:)`, and the loss can then record them.
  ///
  /// Calling the tape is differentiable with respect to the outputs. Its registered derivative
  /// evaluates each leaf once and the expression tree once, and takes the gradient from the leaves'
  /// vector-Jacobian products (the same as ``Loss/valueAndGradient(_:_:)``), so the model's
  /// pullback receives `cotangent × ∂value/∂outputs`. Without differentiation (a plain call) the
  /// tape evaluates the batch the same way.
  ///
  /// A differentiable function cannot throw: an error of the leaves (or a leaf without a
  /// vector-Jacobian product) makes the call return NaN with a zero gradient, and
  /// ``Loss/record(_:)`` throws it. ``Loss/valueWithGradient(at:of:)`` does both steps.
  ///
  /// A tape is a reference: use it in one task, for one training step.
  public final class LossTape<Output, Target, Value: ObjectiveValue> {
    let loss: Loss<Output, Target, Value>
    /// The batches evaluated, in order, with their inputs (for the joined metrics).
    var batches: [(batch: BatchEvaluation<Value>, outputs: Output, targets: Target)] = []
    /// The first error met, thrown by `record`.
    public private(set) var error: ObjectiveError?

    /// A tape for `loss` (a copy of it: recording into another loss of the same shape is refused).
    public init(_ loss: Loss<Output, Target, Value>) { self.loss = loss }

    /// The number of batches evaluated so far.
    public var batchCount: Int { batches.count }

    /// Evaluates the batch once and remembers it; NaN and the error on failure.
    func evaluate(_ outputs: Output, _ targets: Target) -> BatchEvaluation<Value>? {
      do throws(ObjectiveError) {
        let batch = try loss.evaluateBatch(outputs, targets)
        batches.append((batch, outputs, targets))
        return batch
      } catch {
        if self.error == nil { self.error = error }
        return nil
      }
    }
  }

  extension LossTape
  where Output: DifferentiableLossOutput, Value: Differentiable, Value.TangentVector == Value {
    /// The batch's combined value (the value `forward` returns), differentiable with respect to the
    /// outputs. NaN when the batch cannot be evaluated (the error is kept for `record`).
    @differentiable(reverse,wrt: outputs)
    public func callAsFunction(_ outputs: Output, _ targets: Target) -> Value {
      guard let batch = evaluate(outputs, targets) else { return Value(objectiveConstant: .nan) }
      return Loss<Output, Target, Value>.batchValue(batch)
    }

    @derivative(of: callAsFunction, wrt: outputs)
    @usableFromInline func valueWithPullback(_ outputs: Output, _ targets: Target) -> (
      value: Value, pullback: (Value) -> Output.TangentVector
    ) {
      let zero = Output.zeroTangent(like: outputs)
      guard let batch = evaluate(outputs, targets) else {
        return (Value(objectiveConstant: .nan), { _ in zero })
      }
      let gradient: Output
      do throws(ObjectiveError) {
        gradient = try loss.gradient(of: batch, outputs, targets).outputs
      } catch {
        if self.error == nil { self.error = error }
        return (Value(objectiveConstant: .nan), { _ in zero })
      }
      return (
        Loss<Output, Target, Value>.batchValue(batch),
        { cotangent in Output.tangent(gradient, scaledBy: cotangent.objectiveDouble) }
      )
    }
  }

  extension Loss {
    /// A tape for differentiating through this loss (see ``LossTape``).
    public func tape() -> LossTape<Output, Target, Value> { LossTape(self) }

    /// Accumulates the batches `tape` evaluated (and updates the joined metrics with them), as if
    /// each had been passed to `forward`: the running state records the values of the forward
    /// pass without evaluating the leaves again.
    /// - Throws: the first error the tape met (then nothing is recorded), or
    ///   `ObjectiveError.incompatibleState` when the tape belongs to a loss of another shape.
    public mutating func record(_ tape: LossTape<Output, Target, Value>) throws(ObjectiveError) {
      if let error = tape.error { throw error }
      guard tape.loss.formula == formula, tape.loss.componentNames == componentNames else {
        throw .incompatibleState("a tape of \(tape.loss.formula) cannot be recorded into \(formula)")
      }
      for (batch, outputs, targets) in tape.batches {
        if !metrics.isEmpty { try metrics.update(outputs, targets) }
        accumulate(batch)
      }
    }
  }

  extension Loss
  where Output: DifferentiableLossOutput, Value: FloatingPoint & Differentiable, Value.TangentVector == Value
  {
    /// Differentiates `body`, a function of a model that calls the tape it is given with the
    /// model's outputs, and records the batches the tape evaluated. The value is `body`'s (the loss,
    /// plus whatever `body` adds, such as weight decay), the gradient is with respect to `model`.
    ///
    /// ```swift
    /// let (value, gradient) = try loss.valueWithGradient(at: weights) { w, loss in
    ///   loss(predict(w, inputs), targets)
    /// }
    /// ```
    /// - Throws: an error of the leaves; then nothing is recorded.
    public mutating func valueWithGradient<Model: Differentiable>(
      at model: Model,
      of body: @differentiable(reverse) (Model, @noDerivative LossTape<Output, Target, Value>) -> Value
    ) throws(ObjectiveError) -> (value: Value, gradient: Model.TangentVector) {
      let tape = LossTape(self)
      let result = _Differentiation.valueWithGradient(at: model) { m in body(m, tape) }
      try record(tape)
      return result
    }
  }

  extension Loss where Output: DifferentiableLossOutput, Value == Double {
    /// A leaf from a differentiable function of the outputs: its vector-Jacobian product is the
    /// function's pullback (from Swift's automatic differentiation), so compositions of it have
    /// gradients both through ``valueAndGradient(_:_:)`` and through a ``LossTape``.
    ///
    /// ```swift
    /// let l2 = Loss<[Double], [Double], Double>.differentiable("L2") { o, _ in
    ///   o.differentiableReduce(0) { $0 + $1 * $1 }
    /// }
    /// ```
    ///
    /// Use it for a leaf that cannot throw and returns one value for the batch; for a per-sample
    /// loss or one that checks its inputs, pass a vector-Jacobian product to
    /// ``init(_:direction:fileID:line:_:vectorJacobianProduct:)``. (A static function rather
    /// than an initializer, so that `Loss("name") { ... }` keeps a single candidate.)
    public static func differentiable(
      _ name: String, direction: Direction = .minimize, fileID: String = #fileID, line: Int = #line,
      _ function: @escaping @Sendable @differentiable(reverse) (Output, @noDerivative Target) -> Double
    ) -> Loss {
      Loss(
        name, direction: direction, fileID: fileID, line: line,
        { (outputs: Output, targets: Target) throws(ObjectiveError) -> Evaluation<Double> in
          .batch(function(outputs, targets))
        },
        vectorJacobianProduct: {
          (outputs: Output, targets: Target, cotangents: [Double]) throws(ObjectiveError) -> Output in
          let (_, pullback) = _Differentiation.valueWithPullback(at: outputs) { o in function(o, targets) }
          return Output.gradient(pullback(cotangents.first ?? 0))
        })
    }
  }
#endif
