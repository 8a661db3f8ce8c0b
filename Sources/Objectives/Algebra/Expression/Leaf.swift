/// The identity of a leaf, fixed when the leaf is made. A leaf used twice in a composition is the
/// same identity and is evaluated once per batch; two leaves made separately are different even
/// when their names agree, and composing them under one name is refused.
@usableFromInline final class LeafIdentity: Sendable {
  @usableFromInline init() {}
}

/// One named leaf of a loss: its function, optional vector-Jacobian product and direction.
@usableFromInline struct Leaf<Output, Target, Value: ObjectiveValue>: Sendable {
  @usableFromInline let name: String
  @usableFromInline let direction: Direction
  @usableFromInline let identity: LeafIdentity
  /// Where the leaf was made, to name both sides when two leaves clash.
  @usableFromInline let origin: String
  @usableFromInline let evaluate: @Sendable (Output, Target) throws(ObjectiveError) -> Evaluation<Value>
  /// Given one cotangent per value the leaf returned (one for a batch value), the gradient of
  /// `Σ cotangent_i × value_i` with respect to the outputs.
  @usableFromInline let vectorJacobianProduct:
    (@Sendable (Output, Target, [Double]) throws(ObjectiveError) -> Output)?

  /// How the leaf is named in messages: `[MSE] (lower is better, made at File.swift:12)`.
  var diagnosticDescription: String {
    "[\(name)] (\(Direction.describe(direction)), made at \(origin))"
  }
}
