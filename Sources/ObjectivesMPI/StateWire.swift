#if MPI
  import Objectives

  /// A 64-bit FNV-1a hash of a configuration, compared across ranks before any state is merged.
  struct Fingerprint {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bytes: some Sequence<UInt8>) {
      for b in bytes {
        value ^= UInt64(b)
        value &*= 0x0000_0100_0000_01b3
      }
    }

    mutating func add(_ string: String) {
      add(string.utf8)
      add([0xFF])
    }
  }

  /// How objectives travel: the typed state of every leaf, in a fixed walk order.
  ///
  /// A container that splits into members (``MemberwiseState``: collections, losses, multi-task
  /// containers) writes its own small state and then each member, recursively, so no member state
  /// goes through JSON. Any other objective writes its `state`. Reading rebuilds each leaf from the
  /// local objective (the *template*: same configuration) with `restore(_:)`, so the objectives'
  /// own checks apply.
  enum StateWire {
    /// Writes `objective`'s state and feeds its configuration to `fingerprint`.
    static func write<O: Objective>(_ objective: O, into writer: BinaryWriter, fingerprint: inout Fingerprint)
      throws
    {
      fingerprint.add(String(reflecting: O.self))
      if let container = objective as? any MemberwiseState {
        try writeMembers(container, into: writer, fingerprint: &fingerprint)
      } else {
        try writer.node(objective.state)
        fingerprint.add(try BinaryCoding.encode(objective.emptied().state))
      }
    }

    private static func writeMembers<M: MemberwiseState>(
      _ container: M, into writer: BinaryWriter, fingerprint: inout Fingerprint
    ) throws {
      fingerprint.add(container.configurationSummary)
      try writer.node(container.ownState)
      let members = container.stateMembers
      fingerprint.add(String(members.count))
      for member in members { try write(member, into: writer, fingerprint: &fingerprint) }
    }

    /// Reads an objective written by `write` at `offset` (advanced past it), rebuilt from `template`.
    static func read<O: Objective>(template: O, from reader: BinaryReader, at offset: inout Int) throws -> O {
      if let container = template as? any MemberwiseState {
        guard let rebuilt = try readMembers(template: container, from: reader, at: &offset) as? O else {
          throw ObjectiveError.incompatibleState("a rebuilt \(O.self) changed type")
        }
        return rebuilt
      }
      let state = try reader.value(O.State.self, at: offset)
      offset = try reader.node(at: offset).payload.upperBound
      var copy = template.emptied()
      try copy.restore(state)
      return copy
    }

    private static func readMembers<M: MemberwiseState>(
      template: M, from reader: BinaryReader, at offset: inout Int
    ) throws -> M {
      let own = try reader.value(M.OwnState.self, at: offset)
      offset = try reader.node(at: offset).payload.upperBound
      var members: [any Objective] = []
      for member in template.stateMembers {
        members.append(try read(template: member, from: reader, at: &offset))
      }
      return try template.replacingState(own: own, members: members)
    }

    /// What the configuration-mismatch error says about an objective.
    static func describe<O: Objective>(_ objective: O) -> String {
      if let container = objective as? any MemberwiseState { return container.configurationSummary }
      return "\(O.self) reporting \(objective.reportedNames)"
    }
  }

  /// `ObjectiveError` in the binary format, for the error marker of a failed rank.
  enum ErrorWire {
    static func write(_ error: ObjectiveError, into writer: BinaryWriter) {
      func int(_ v: Int) { writer.append(Int64(v)) }
      switch error {
      case .lengthMismatch(let what, let expected, let actual):
        writer.bytes.append(0)
        writer.append(string: what)
        int(expected)
        int(actual)
      case .labelOutOfRange(let label, let count, let position):
        writer.bytes.append(1)
        int(label)
        int(count)
        int(position)
      case .nonFinite(let what, let position):
        writer.bytes.append(2)
        writer.append(string: what)
        int(position)
      case .invalidValue(let what, let value, let position):
        writer.bytes.append(3)
        writer.append(string: what)
        writer.append(value)
        int(position)
      case .incompatibleState(let reason):
        writer.bytes.append(4)
        writer.append(string: reason)
      case .malformedInput(let line, let column, let reason):
        writer.bytes.append(5)
        int(line)
        int(column)
        writer.append(string: reason)
      case .invalidArgument(let reason):
        writer.bytes.append(6)
        writer.append(string: reason)
      }
    }

    static func read(from reader: BinaryReader, at start: Int) throws -> ObjectiveError {
      var offset = start + 1
      func int() throws -> Int {
        defer { offset += 8 }
        return Int(try reader.integer(at: offset, as: Int64.self))
      }
      func string() throws -> String {
        let (s, next) = try reader.string(at: offset)
        offset = next
        return s
      }
      func double() throws -> Double { Double(bitPattern: UInt64(bitPattern: Int64(try int()))) }
      switch try reader.integer(at: start, as: UInt8.self) {
      case 0: return .lengthMismatch(what: try string(), expected: try int(), actual: try int())
      case 1: return .labelOutOfRange(label: try int(), count: try int(), position: try int())
      case 2: return .nonFinite(what: try string(), position: try int())
      case 3: return .invalidValue(what: try string(), value: try double(), position: try int())
      case 4: return .incompatibleState(try string())
      case 5: return .malformedInput(line: try int(), column: try int(), reason: try string())
      case 6: return .invalidArgument(try string())
      default: throw BinaryReader.truncated
      }
    }
  }
#endif
