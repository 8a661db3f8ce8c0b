/// A loss given as a pure function of a batch: one value per sample, and the vector-Jacobian
/// product of those values with respect to the outputs.
///
/// For per-sample values `ℓᵢ(outputs, targets)` and cotangents `cᵢ`, the vector-Jacobian product
/// is `∂(Σᵢ cᵢ·ℓᵢ)/∂outputs`, laid out like the outputs. With `cᵢ = 1/n` it is the gradient of
/// the mean loss; with `cᵢ = 1` the gradient of the summed loss.
///
/// Conforming types are pure and thread-safe: they hold only configuration, and every call reads
/// its inputs in place and allocates only its result.
public protocol PerSampleLoss: Sendable {
  /// What the model produced for a batch.
  associatedtype Output
  /// What the batch should have produced.
  associatedtype Target

  /// The name the loss is reported under.
  var name: String { get }

  /// One loss value per sample.
  func values(_ outputs: Output, _ targets: Target) throws(ObjectiveError) -> [Double]

  /// `∂(Σᵢ cotangents[i]·values[i])/∂outputs`, with the layout of `outputs`.
  func vectorJacobianProduct(
    _ outputs: Output, _ targets: Target, cotangents: [Double]
  ) throws(ObjectiveError) -> Output
}

extension PerSampleLoss {
  /// The mean of the per-sample values (NaN for an empty batch).
  public func mean(_ outputs: Output, _ targets: Target) throws(ObjectiveError) -> Double {
    let v = try values(outputs, targets)
    var s = CompensatedSum()
    s.add(contentsOf: v)
    return v.isEmpty ? .nan : s.value(dividedBy: Double(v.count))
  }
}

extension PerSampleLoss where Output == [Double] {
  /// The gradient of the mean loss with respect to the outputs (cotangents `1/n`).
  public func gradientOfMean(_ outputs: Output, _ targets: Target) throws(ObjectiveError) -> [Double] {
    let n = try values(outputs, targets).count
    return try vectorJacobianProduct(
      outputs, targets, cotangents: Array(repeating: n == 0 ? 0 : 1 / Double(n), count: n))
  }
}

/// A per-sample loss that is the mean, over the `width` elements of each sample, of an elementwise
/// loss `ℓ(output, target)` of `Double`s.
///
/// Outputs and targets are flat row-major buffers of `n × width` values; sample `i` owns elements
/// `i·width ..< (i+1)·width`. The default implementations check the lengths, call `validate` on
/// every element, and apply `element` and `derivative` in one contiguous loop each.
///
/// Adopt it to define a new elementwise loss by giving `element`, `derivative` and, when the
/// domain is restricted, `validate`.
public protocol ElementwiseLoss: PerSampleLoss where Output == [Double], Target == [Double] {
  /// The number of elements per sample (≥ 1).
  var width: Int { get }
  /// The loss of one element.
  func element(_ output: Double, _ target: Double) -> Double
  /// `∂element/∂output` at one element.
  func derivative(_ output: Double, _ target: Double) -> Double
  /// Throws when an element is outside the loss's domain; `position` is its flat index.
  func validate(_ output: Double, _ target: Double, position: Int) throws(ObjectiveError)
}

extension ElementwiseLoss {
  /// Accepts every element.
  public func validate(_ output: Double, _ target: Double, position: Int) throws(ObjectiveError) {}

  /// The number of samples in a batch, after checking its lengths and domain.
  func checkedSamples(_ outputs: [Double], _ targets: [Double]) throws(ObjectiveError) -> Int {
    guard width >= 1 else { throw .invalidArgument("\(name): width must be at least 1") }
    guard outputs.count == targets.count else {
      throw .lengthMismatch(what: "\(name) targets", expected: outputs.count, actual: targets.count)
    }
    guard outputs.count % width == 0 else {
      throw .lengthMismatch(
        what: "\(name) outputs (a multiple of width \(width))",
        expected: outputs.count - outputs.count % width,
        actual: outputs.count)
    }
    for i in outputs.indices { try validate(outputs[i], targets[i], position: i) }
    return outputs.count / width
  }

  /// The mean of `element` over each sample's elements.
  /// - Complexity: O(n·width).
  public func values(_ outputs: [Double], _ targets: [Double]) throws(ObjectiveError) -> [Double] {
    let n = try checkedSamples(outputs, targets)
    let k = width
    let scale = 1 / Double(k)
    return outputs.withUnsafeBufferPointer { o in
      targets.withUnsafeBufferPointer { t in
        [Double](unsafeUninitializedCapacity: n) { out, initialized in
          for i in 0..<n {
            var s = 0.0
            for j in (i * k)..<(i * k + k) { s += element(o[j], t[j]) }
            out[i] = k == 1 ? s : s * scale
          }
          initialized = n
        }
      }
    }
  }

  /// `cotangents[i] · derivative / width` for every element of sample `i`.
  /// - Complexity: O(n·width).
  public func vectorJacobianProduct(
    _ outputs: [Double], _ targets: [Double], cotangents: [Double]
  ) throws(ObjectiveError) -> [Double] {
    let n = try checkedSamples(outputs, targets)
    guard cotangents.count == n else {
      throw .lengthMismatch(what: "\(name) cotangents", expected: n, actual: cotangents.count)
    }
    let k = width
    let scale = 1 / Double(k)
    return outputs.withUnsafeBufferPointer { o in
      targets.withUnsafeBufferPointer { t in
        [Double](unsafeUninitializedCapacity: n * k) { out, initialized in
          for i in 0..<n {
            let c = k == 1 ? cotangents[i] : cotangents[i] * scale
            for j in (i * k)..<(i * k + k) { out[j] = c * derivative(o[j], t[j]) }
          }
          initialized = n * k
        }
      }
    }
  }
}
