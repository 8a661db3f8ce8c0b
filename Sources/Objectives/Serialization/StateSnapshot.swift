import Foundation

/// A JSON-shaped, `Codable` copy of any objective's state.
///
/// Containers that hold objectives of different types (collections, multi-task containers) store
/// their members' states as snapshots, so the container's own state stays `Codable` without a type
/// registry. Non-finite numbers follow the library's one policy (see `FiniteOrSpecial`): the
/// strings `"nan"`, `"inf"` and `"-inf"`, so a snapshot encodes with a plain `JSONEncoder`. A state
/// type of the library writes its own numbers that way; the state of a user-defined objective is
/// captured with an encoder that applies the same strings to its plain `Double`s.
public indirect enum StateSnapshot: Sendable, Equatable, Codable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([StateSnapshot])
  case object([String: StateSnapshot])

  /// Captures any `Encodable` value.
  public init<T: Encodable>(of value: T) throws(ObjectiveError) {
    do {
      let data = try StateSnapshot.encoder.encode(value)
      self = try JSONDecoder().decode(StateSnapshot.self, from: data)
    } catch {
      throw .incompatibleState("cannot snapshot \(T.self): \(error)")
    }
  }

  /// Rebuilds a value of type `T` from the snapshot.
  public func decode<T: Decodable>(_ type: T.Type) throws(ObjectiveError) -> T {
    do {
      let data = try StateSnapshot.encoder.encode(self)
      return try StateSnapshot.decoder.decode(T.self, from: data)
    } catch {
      throw .incompatibleState("cannot restore \(T.self): \(error)")
    }
  }

  static var encoder: JSONEncoder {
    let e = JSONEncoder()
    e.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    e.outputFormatting = [.sortedKeys]
    return e
  }

  static var decoder: JSONDecoder {
    let d = JSONDecoder()
    d.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return d
  }

  /// Decodes the value written by `encode(to:)` (non-finite numbers under `FiniteOrSpecial`).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self = .null
    } else if let b = try? c.decode(Bool.self) {
      self = .bool(b)
    } else if let d = try? c.decode(Double.self) {
      self = .number(d)
    } else if let s = try? c.decode(String.self) {
      self = .string(s)
    } else if let a = try? c.decode([StateSnapshot].self) {
      self = .array(a)
    } else {
      self = .object(try c.decode([String: StateSnapshot].self))
    }
  }

  /// Encodes the value so that a plain `JSONEncoder` works (non-finite numbers under `FiniteOrSpecial`).
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    switch self {
    case .null: try c.encodeNil()
    case .bool(let b): try c.encode(b)
    case .number(let d):
      if let token = FiniteOrSpecial.token(for: d) { try c.encode(token) } else { try c.encode(d) }
    case .string(let s): try c.encode(s)
    case .array(let a): try c.encode(a)
    case .object(let o): try c.encode(o)
    }
  }
}
