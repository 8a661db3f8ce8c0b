#if MPI
  /// Reads the nodes written by `BinaryWriter` from a byte buffer that outlives the decoding.
  struct BinaryReader {
    let base: UnsafeRawBufferPointer

    /// The kind and payload range of the node that starts at `offset`.
    func node(at offset: Int) throws -> (kind: UInt8, payload: Range<Int>) {
      guard offset >= 0, offset + BinaryNode.headerSize <= base.count else { throw Self.truncated }
      let kind = base[offset]
      let length = Int(
        truncatingIfNeeded: UInt64(
          littleEndian: base.loadUnaligned(fromByteOffset: offset + 1, as: UInt64.self)))
      let start = offset + BinaryNode.headerSize
      guard length >= 0, length <= base.count - start else { throw Self.truncated }
      return (kind, start..<start + length)
    }

    func integer<T: FixedWidthInteger>(at offset: Int, as type: T.Type) throws -> T {
      guard offset >= 0, offset + MemoryLayout<T>.size <= base.count else { throw Self.truncated }
      return T(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// A length-prefixed UTF-8 string at `offset`, and the offset after it.
    func string(at offset: Int) throws -> (String, Int) {
      let count = Int(truncatingIfNeeded: try integer(at: offset, as: UInt64.self))
      let start = offset + 8
      guard count >= 0, count <= base.count - start else { throw Self.truncated }
      let s = String(decoding: UnsafeRawBufferPointer(rebasing: base[start..<start + count]), as: UTF8.self)
      return (s, start + count)
    }

    static var truncated: DecodingError {
      DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "truncated or corrupt state bytes"))
    }

    static func mismatch(_ what: String) -> DecodingError {
      DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "state bytes do not hold \(what)"))
    }

    /// Decodes the node at `offset` as a `T`.
    func value<T: Decodable>(_ type: T.Type, at offset: Int) throws -> T {
      let (kind, payload) = try node(at: offset)
      if kind == BinaryNode.packed, let array = try packed(T.self, payload) { return array }
      return try T(from: BinaryDecoding(reader: self, kind: kind, payload: payload))
    }

    private func packed<T>(_ type: T.Type, _ payload: Range<Int>) throws -> T? {
      guard !payload.isEmpty else { throw Self.truncated }
      let code = base[payload.lowerBound]
      let raw = UnsafeRawBufferPointer(rebasing: base[payload.lowerBound + 1..<payload.upperBound])
      switch code {
      case BinaryNode.packedDouble where T.self == [Double].self:
        return try Self.copy(raw, as: Double.self) as? T
      case BinaryNode.packedFloat where T.self == [Float].self:
        return try Self.copy(raw, as: Float.self) as? T
      case BinaryNode.packedInt where T.self == [Int].self: return try Self.copy(raw, as: Int.self) as? T
      default: throw Self.mismatch("\(T.self) (a packed array of another type)")
      }
    }

    private static func copy<E: BitwiseCopyable>(_ raw: UnsafeRawBufferPointer, as: E.Type) throws -> [E] {
      guard raw.count % MemoryLayout<E>.stride == 0 else { throw truncated }
      let n = raw.count / MemoryLayout<E>.stride
      return [E](unsafeUninitializedCapacity: n) { buffer, initialized in
        if n > 0 { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: raw) }
        initialized = n
      }
    }
  }

  /// The `Decoder` for one node.
  struct BinaryDecoding: Decoder {
    let reader: BinaryReader
    let kind: UInt8
    let payload: Range<Int>
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// Whether the node is a container written without entries (its kind was never set).
    var isEmptyContainer: Bool { kind == BinaryNode.scalar && payload.isEmpty }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
      guard kind == BinaryNode.keyed || isEmptyContainer else {
        throw BinaryReader.mismatch("a keyed container")
      }
      return KeyedDecodingContainer(try BinaryKeyedDecoding<Key>(self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
      if isEmptyContainer {
        return BinaryUnkeyedDecoding(reader: reader, count: 0, offset: payload.lowerBound)
      }
      guard kind == BinaryNode.unkeyed else { throw BinaryReader.mismatch("an unkeyed container") }
      let count = Int(truncatingIfNeeded: try reader.integer(at: payload.lowerBound, as: UInt64.self))
      return BinaryUnkeyedDecoding(reader: reader, count: count, offset: payload.lowerBound + 8)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
      BinarySingleDecoding(decoding: self)
    }
  }

  /// Keyed entries, indexed by key when the container is opened.
  struct BinaryKeyedDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let reader: BinaryReader
    private var offsets: [String: Int] = [:]
    private let order: [String]
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { order.compactMap { Key(stringValue: $0) } }

    init(_ decoding: BinaryDecoding) throws {
      reader = decoding.reader
      var keys: [String] = []
      var offset = decoding.payload.lowerBound
      while offset < decoding.payload.upperBound {
        let (key, nodeOffset) = try reader.string(at: offset)
        let (_, payload) = try reader.node(at: nodeOffset)
        offsets[key] = nodeOffset
        keys.append(key)
        offset = payload.upperBound
      }
      guard offset == decoding.payload.upperBound else { throw BinaryReader.truncated }
      order = keys
    }

    func contains(_ key: Key) -> Bool { offsets[key.stringValue] != nil }

    private func offset(_ key: Key) throws -> Int {
      guard let o = offsets[key.stringValue] else {
        throw DecodingError.keyNotFound(
          key, .init(codingPath: [], debugDescription: "missing in the state bytes"))
      }
      return o
    }

    func decodeNil(forKey key: Key) throws -> Bool {
      try reader.node(at: try offset(key)).kind == BinaryNode.null
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
      try reader.value(T.self, at: try offset(key))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
      -> KeyedDecodingContainer<NestedKey>
    {
      let (kind, payload) = try reader.node(at: try offset(key))
      return try BinaryDecoding(reader: reader, kind: kind, payload: payload).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
      let (kind, payload) = try reader.node(at: try offset(key))
      return try BinaryDecoding(reader: reader, kind: kind, payload: payload).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { throw BinaryReader.mismatch("a super decoder") }
    func superDecoder(forKey key: Key) throws -> any Decoder {
      throw BinaryReader.mismatch("a super decoder")
    }
  }

  /// Unkeyed elements, read in order.
  struct BinaryUnkeyedDecoding: UnkeyedDecodingContainer {
    let reader: BinaryReader
    let count: Int?
    private(set) var currentIndex = 0
    private var offset: Int
    var codingPath: [any CodingKey] { [] }
    var isAtEnd: Bool { currentIndex >= (count ?? 0) }

    init(reader: BinaryReader, count: Int, offset: Int) {
      self.reader = reader
      self.count = count
      self.offset = offset
    }

    private mutating func next() throws -> (kind: UInt8, payload: Range<Int>, at: Int) {
      guard !isAtEnd else { throw BinaryReader.mismatch("more elements") }
      let at = offset
      let (kind, payload) = try reader.node(at: at)
      offset = payload.upperBound
      currentIndex += 1
      return (kind, payload, at)
    }

    mutating func decodeNil() throws -> Bool {
      guard !isAtEnd else { throw BinaryReader.mismatch("more elements") }
      guard try reader.node(at: offset).kind == BinaryNode.null else { return false }
      _ = try next()
      return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
      let element = try next()
      return try reader.value(T.self, at: element.at)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
      -> KeyedDecodingContainer<NestedKey>
    {
      let element = try next()
      return try BinaryDecoding(reader: reader, kind: element.kind, payload: element.payload).container(
        keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
      let element = try next()
      return try BinaryDecoding(reader: reader, kind: element.kind, payload: element.payload)
        .unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { throw BinaryReader.mismatch("a super decoder") }
  }

  /// A primitive read from the node's payload, or a delegated value read from the nested node.
  struct BinarySingleDecoding: SingleValueDecodingContainer {
    let decoding: BinaryDecoding
    var codingPath: [any CodingKey] { [] }

    private func fixed<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
      guard decoding.kind == BinaryNode.scalar, decoding.payload.count == MemoryLayout<T>.size else {
        throw BinaryReader.mismatch("a \(T.self)")
      }
      return try decoding.reader.integer(at: decoding.payload.lowerBound, as: T.self)
    }

    func decodeNil() -> Bool { decoding.kind == BinaryNode.null }
    func decode(_ type: Bool.Type) throws -> Bool { try fixed(UInt8.self) != 0 }
    func decode(_ type: String.Type) throws -> String {
      guard decoding.kind == BinaryNode.scalar else { throw BinaryReader.mismatch("a string") }
      return try decoding.reader.string(at: decoding.payload.lowerBound).0
    }
    func decode(_ type: Double.Type) throws -> Double { Double(bitPattern: try fixed(UInt64.self)) }
    func decode(_ type: Float.Type) throws -> Float { Float(bitPattern: try fixed(UInt32.self)) }
    func decode(_ type: Int.Type) throws -> Int { Int(try fixed(Int64.self)) }
    func decode(_ type: Int8.Type) throws -> Int8 { try fixed(Int8.self) }
    func decode(_ type: Int16.Type) throws -> Int16 { try fixed(Int16.self) }
    func decode(_ type: Int32.Type) throws -> Int32 { try fixed(Int32.self) }
    func decode(_ type: Int64.Type) throws -> Int64 { try fixed(Int64.self) }
    func decode(_ type: UInt.Type) throws -> UInt { UInt(try fixed(UInt64.self)) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try fixed(UInt8.self) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try fixed(UInt16.self) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try fixed(UInt32.self) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try fixed(UInt64.self) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
      guard decoding.kind == BinaryNode.scalar else { throw BinaryReader.mismatch("a nested \(T.self)") }
      return try decoding.reader.value(T.self, at: decoding.payload.lowerBound)
    }
  }

  /// Entry points of the binary state format.
  enum BinaryCoding {
    /// The bytes of `value`.
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
      let writer = BinaryWriter()
      try writer.node(value)
      return writer.bytes
    }

    /// Decodes a `T` from bytes written by `encode`.
    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
      try bytes.withUnsafeBytes { raw in try BinaryReader(base: raw).value(T.self, at: 0) }
    }
  }
#endif
