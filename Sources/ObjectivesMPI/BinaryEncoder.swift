#if MPI
  /// A compact binary form of `Codable` values, for states sent between ranks.
  ///
  /// Every value is a *node*: one kind byte, an 8-byte little-endian payload length, the payload.
  /// Keyed containers hold `(key, node)` entries, unkeyed containers a count and nodes, and arrays of
  /// `Double`, `Float` and `Int` are written as one packed node (a memory copy), so a million stored
  /// scores cost one copy instead of a million calls. NaN and infinities keep their bits. The format
  /// is private to one build of the package: both sides of a reduction run the same code.
  enum BinaryNode {
    static let null: UInt8 = 0
    static let scalar: UInt8 = 1
    static let keyed: UInt8 = 2
    static let unkeyed: UInt8 = 3
    static let packed: UInt8 = 4
    static let headerSize = 9

    /// Element codes of packed arrays.
    static let packedDouble: UInt8 = 1
    static let packedFloat: UInt8 = 2
    static let packedInt: UInt8 = 3
  }

  /// The growing byte buffer and the stack of open nodes of one encoding.
  final class BinaryWriter {
    var bytes: [UInt8] = []
    /// Open nodes: where each starts, and where its unkeyed count lives (if any).
    fileprivate var frames: [(start: Int, countAt: Int?, count: UInt64)] = []

    /// Set when a value asked for something the format does not support (nested containers, super
    /// encoders); the encoding then throws when the value's node closes.
    private var unsupportedReason: String?

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    /// Records that `what` is not supported and returns an encoder whose writes are discarded, so the
    /// non-throwing container requests of `Encoder` can still return; the node then throws.
    func unsupported(_ what: String) -> BinaryEncoding {
      if unsupportedReason == nil { unsupportedReason = what }
      let sink = BinaryWriter()
      sink.frames.append((0, nil, 0))
      sink.bytes = [BinaryNode.scalar] + [UInt8](repeating: 0, count: 8)
      return BinaryEncoding(writer: sink, depth: 1)
    }

    func append<T: FixedWidthInteger>(_ value: T) {
      withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    func append(_ value: Double) { append(value.bitPattern) }

    func append(string: String) {
      var s = string
      s.withUTF8 { utf8 in
        append(UInt64(utf8.count))
        bytes.append(contentsOf: utf8)
      }
    }

    private func patch(_ value: UInt64, at offset: Int) {
      withUnsafeBytes(of: value.littleEndian) { raw in
        for i in 0..<8 { bytes[offset + i] = raw[i] }
      }
    }

    /// Writes `value` as one node.
    func node<T: Encodable>(_ value: T) throws {
      if try packed(value) { return }
      if let dictionary = value as? any StringKeyedDictionary {
        try dictionary.writeSorted(into: self)
        return
      }
      let start = bytes.count
      bytes.append(BinaryNode.scalar)
      append(UInt64(0))
      frames.append((start, nil, 0))
      try value.encode(to: BinaryEncoding(writer: self, depth: frames.count))
      close()
      if let reason = unsupportedReason {
        throw EncodingError.invalidValue(
          reason, .init(codingPath: [], debugDescription: "\(reason) are not supported by the state encoding")
        )
      }
    }

    /// Writes a keyed node whose entries `body` writes (each a key string, then a node).
    func keyedNode(_ body: (BinaryWriter) throws -> Void) throws {
      let start = bytes.count
      bytes.append(BinaryNode.keyed)
      append(UInt64(0))
      frames.append((start, nil, 0))
      try body(self)
      close()
    }

    /// Writes a primitive as one scalar node.
    func scalarNode(_ write: () -> Void) {
      let start = bytes.count
      bytes.append(BinaryNode.scalar)
      append(UInt64(0))
      write()
      patch(UInt64(bytes.count - start - BinaryNode.headerSize), at: start + 1)
    }

    /// Writes a null node.
    func nullNode() {
      bytes.append(BinaryNode.null)
      append(UInt64(0))
    }

    private func close() {
      let frame = frames.removeLast()
      if let at = frame.countAt { patch(frame.count, at: at) }
      patch(UInt64(bytes.count - frame.start - BinaryNode.headerSize), at: frame.start + 1)
    }

    /// Sets the kind of the innermost open node (the node of the encoder at `depth`).
    func setKind(_ kind: UInt8, depth: Int) throws {
      guard depth == frames.count else {
        throw EncodingError.invalidValue(
          depth, .init(codingPath: [], debugDescription: "nested containers are not supported"))
      }
      let start = frames[depth - 1].start
      if bytes[start] == BinaryNode.keyed || bytes[start] == BinaryNode.unkeyed {
        throw EncodingError.invalidValue(
          depth, .init(codingPath: [], debugDescription: "two containers for one value are not supported"))
      }
      bytes[start] = kind
      if kind == BinaryNode.unkeyed {
        frames[depth - 1].countAt = bytes.count
        append(UInt64(0))
      }
    }

    func countElement(depth: Int) { frames[depth - 1].count += 1 }

    /// Writes arrays of `Double`, `Float` and `Int` as one packed node; returns whether it did.
    private func packed<T: Encodable>(_ value: T) throws -> Bool {
      // Compare the static types: `as? [Double]` would also accept an empty array of anything.
      if T.self == [Double].self, let a = value as? [Double] {
        packedNode(a, code: BinaryNode.packedDouble)
      } else if T.self == [Float].self, let a = value as? [Float] {
        packedNode(a, code: BinaryNode.packedFloat)
      } else if T.self == [Int].self, let a = value as? [Int] {
        packedNode(a, code: BinaryNode.packedInt)
      } else {
        return false
      }
      return true
    }

    private func packedNode<E: BitwiseCopyable>(_ array: [E], code: UInt8) {
      bytes.append(BinaryNode.packed)
      append(UInt64(1 + array.count * MemoryLayout<E>.stride))
      bytes.append(code)
      array.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }
  }

  /// Dictionaries keyed by strings, written with their keys sorted: a dictionary's own encoding
  /// follows its hash order, which differs from process to process (random hashing seeds), and the
  /// configuration fingerprint, computed from encoded bytes, must not.
  protocol StringKeyedDictionary {
    func writeSorted(into writer: BinaryWriter) throws
  }

  extension Dictionary: StringKeyedDictionary where Key == String, Value: Encodable {
    func writeSorted(into writer: BinaryWriter) throws {
      try writer.keyedNode { w in
        for (key, value) in sorted(by: { $0.key < $1.key }) {
          w.append(string: key)
          try w.node(value)
        }
      }
    }
  }

  /// The `Encoder` handed to `encode(to:)`; writes into the innermost open node.
  struct BinaryEncoding: Encoder {
    let writer: BinaryWriter
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
      KeyedEncodingContainer(BinaryKeyedEncoding<Key>(encoding: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { BinaryUnkeyedEncoding(encoding: self) }

    func singleValueContainer() -> any SingleValueEncodingContainer { BinarySingleEncoding(encoding: self) }
  }

  /// Keyed entries: a key string, then the value's node.
  struct BinaryKeyedEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoding: BinaryEncoding
    var codingPath: [any CodingKey] { [] }
    private var started = false

    init(encoding: BinaryEncoding) { self.encoding = encoding }

    private mutating func start(_ key: Key) throws {
      if !started {
        try encoding.writer.setKind(BinaryNode.keyed, depth: encoding.depth)
        started = true
      }
      encoding.writer.append(string: key.stringValue)
    }

    mutating func encodeNil(forKey key: Key) throws {
      try start(key)
      encoding.writer.nullNode()
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
      try start(key)
      try encoding.writer.node(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
      -> KeyedEncodingContainer<NestedKey>
    {
      encoding.writer.unsupported("nested keyed containers").container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
      encoding.writer.unsupported("nested unkeyed containers").unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { encoding.writer.unsupported("super encoders") }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
      encoding.writer.unsupported("super encoders")
    }
  }

  /// Unkeyed elements: a count (patched when the node closes), then one node per element.
  struct BinaryUnkeyedEncoding: UnkeyedEncodingContainer {
    let encoding: BinaryEncoding
    var codingPath: [any CodingKey] { [] }
    private(set) var count = 0
    private var started = false

    init(encoding: BinaryEncoding) { self.encoding = encoding }

    private mutating func start() throws {
      if !started {
        try encoding.writer.setKind(BinaryNode.unkeyed, depth: encoding.depth)
        started = true
      }
      count += 1
      encoding.writer.countElement(depth: encoding.depth)
    }

    mutating func encodeNil() throws {
      try start()
      encoding.writer.nullNode()
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
      try start()
      try encoding.writer.node(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
      -> KeyedEncodingContainer<NestedKey>
    {
      encoding.writer.unsupported("nested keyed containers").container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
      encoding.writer.unsupported("nested unkeyed containers").unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { encoding.writer.unsupported("super encoders") }
  }

  /// One primitive written as the node's payload, or a delegated value encoded in place.
  struct BinarySingleEncoding: SingleValueEncodingContainer {
    let encoding: BinaryEncoding
    var codingPath: [any CodingKey] { [] }

    private var writer: BinaryWriter { encoding.writer }

    mutating func encodeNil() throws { try writer.setKind(BinaryNode.null, depth: encoding.depth) }
    mutating func encode(_ value: Bool) throws { writer.bytes.append(value ? 1 : 0) }
    mutating func encode(_ value: String) throws { writer.append(string: value) }
    mutating func encode(_ value: Double) throws { writer.append(value) }
    mutating func encode(_ value: Float) throws { writer.append(value.bitPattern) }
    mutating func encode(_ value: Int) throws { writer.append(Int64(value)) }
    mutating func encode(_ value: Int8) throws { writer.append(value) }
    mutating func encode(_ value: Int16) throws { writer.append(value) }
    mutating func encode(_ value: Int32) throws { writer.append(value) }
    mutating func encode(_ value: Int64) throws { writer.append(value) }
    mutating func encode(_ value: UInt) throws { writer.append(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { writer.append(value) }
    mutating func encode(_ value: UInt16) throws { writer.append(value) }
    mutating func encode(_ value: UInt32) throws { writer.append(value) }
    mutating func encode(_ value: UInt64) throws { writer.append(value) }

    /// A delegated value: written as a nested node inside this one, so the format stays uniform.
    mutating func encode<T: Encodable>(_ value: T) throws { try writer.node(value) }
  }
#endif
