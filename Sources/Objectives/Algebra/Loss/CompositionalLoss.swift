/// An objective whose value is a formula over named leaves, differentiated by the caller: the
/// protocol of losses, as the product was specified.
///
/// The three names relate as follows:
/// - ``Objective`` is anything that accumulates batches and reports `Results` (metrics included).
/// - `CompositionalLoss` refines it with what makes a training loss: a value per batch to
///   differentiate (`forward`), a `formula` of named leaves, their `componentNames` and a
///   `direction` of optimisation.
/// - ``Loss`` is the concrete `CompositionalLoss`: a leaf, or a composition of leaves made with
///   `+ - * /`, `**`, functions and scalars. Every `Loss`, a single leaf included, is
///   compositional, so generic code written against `CompositionalLoss` accepts any of them.
///
/// ```swift
/// func describe<L: CompositionalLoss>(_ loss: L) -> String { "\(loss.formula) over \(loss.componentNames)" }
/// ```
public protocol CompositionalLoss<Output, Target>: Objective {
  /// The type of the value of a batch (`Double`, or a type of your own).
  associatedtype Value: ObjectiveValue

  /// The reported name of the combined value.
  var name: String { get }
  /// The formula, each leaf in brackets: `[MSE]^2 + 0.5 x [MAE]`.
  var formula: String { get }
  /// The names of the leaves, in order of first appearance.
  var componentNames: [String] { get }
  /// The direction of optimisation of the combined value.
  var direction: Direction { get }
  /// The batch's combined value, the one to differentiate; the batch is also accumulated.
  mutating func forward(_ outputs: Output, _ targets: Target) throws(ObjectiveError) -> Value
}

extension Loss: CompositionalLoss {}
