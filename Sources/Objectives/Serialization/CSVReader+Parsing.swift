import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension CSVReader {
  // MARK: Parsing

  /// Parses one record from `start`. Returns the offset after it, or `nil` when more input is needed.
  /// The state is read into locals once and written back on exit.
  func parseRecord() throws(ObjectiveError) -> Int? {
    let s = storage
    let first = start
    let e = end
    let done = exhausted
    let firstLine = nextLine
    var b = bounds
    var esc = escaped
    var quotes = fieldIsQuoted
    var cap = fieldCapacity
    var n = 0
    var quoted = false
    defer {
      bounds = b
      escaped = esc
      fieldIsQuoted = quotes
      fieldCapacity = cap
      fields = n
      recordIsQuoted = quoted
    }
    if first == e && done { return nil }
    var p = first
    var lines = 0
    while true {
      if n == cap { Self.grow(&b, &esc, &quotes, &cap) }
      if p < e && s[p] == 0x22 {  // a quoted field
        quoted = true
        var hasEscape = false
        var q = p + 1
        var closed = false
        while q < e {
          let c = s[q]
          if c == 0x22 {
            if q + 1 < e {
              if s[q + 1] == 0x22 {
                hasEscape = true
                q += 2
                continue
              }
              closed = true
              break
            }
            if !done { return nil }
            closed = true
            break
          }
          if c == 0x0A || (c == 0x0D && (q + 1 >= e || s[q + 1] != 0x0A)) { lines += 1 }
          q += 1
        }
        if !closed {
          if !done { return nil }
          throw .malformedInput(
            line: firstLine, column: n + 1, reason: "a quoted field is never closed (quote opened here)")
        }
        b[2 * n] = p + 1
        b[2 * n + 1] = q
        esc[n] = hasEscape
        quotes[n] = true
        n += 1
        p = q + 1
        if p < e {
          let c = s[p]
          if c != 0x2C && c != 0x0A && c != 0x0D {
            throw .malformedInput(
              line: firstLine + lines, column: n,
              reason:
                "unexpected character after a closing quote; a quote inside a quoted field is written \"\"")
          }
        } else if !done {
          return nil
        }
      } else {
        var q = p
        while q < e {
          let c = s[q]
          if c == 0x2C || c == 0x0A || c == 0x0D { break }
          q += 1
        }
        if q == e && !done { return nil }
        b[2 * n] = p
        b[2 * n + 1] = q
        esc[n] = false
        quotes[n] = false
        n += 1
        p = q
      }
      if p - first > Self.maximumRecordLength {
        throw .malformedInput(
          line: firstLine, column: 0, reason: "a record is longer than \(Self.maximumRecordLength) bytes")
      }
      // After a field: a comma, a line end or the end of the input.
      if p == e {
        line = firstLine
        nextLine = firstLine + lines
        return p
      }
      let c = s[p]
      if c == 0x2C {
        p += 1
        continue
      }
      if c == 0x0D {
        if p + 1 < e {
          p += s[p + 1] == 0x0A ? 2 : 1
        } else if !done {
          return nil
        } else {
          p += 1
        }
      } else {
        p += 1  // \n
      }
      line = firstLine
      nextLine = firstLine + lines + 1
      return p
    }
  }

  /// Doubles the field buffers.
  static func grow(
    _ bounds: inout UnsafeMutablePointer<Int>, _ escaped: inout UnsafeMutablePointer<Bool>,
    _ quoted: inout UnsafeMutablePointer<Bool>, _ capacity: inout Int
  ) {
    let larger = capacity * 2
    let newBounds = UnsafeMutablePointer<Int>.allocate(capacity: 2 * larger)
    newBounds.update(from: bounds, count: 2 * capacity)
    bounds.deallocate()
    bounds = newBounds
    let newEscaped = UnsafeMutablePointer<Bool>.allocate(capacity: larger)
    newEscaped.update(from: escaped, count: capacity)
    escaped.deallocate()
    escaped = newEscaped
    let newQuoted = UnsafeMutablePointer<Bool>.allocate(capacity: larger)
    newQuoted.update(from: quoted, count: capacity)
    quoted.deallocate()
    quoted = newQuoted
    capacity = larger
  }

  /// Moves the unread bytes to the front and reads another chunk.
  func fill() throws(ObjectiveError) {
    if start > 0 {
      let remaining = end - start
      if remaining > 0 { storage.update(from: storage + start, count: remaining) }
      start = 0
      end = remaining
    }
    if capacity - end < chunkSize {
      guard end <= Self.maximumRecordLength else {
        throw .malformedInput(
          line: nextLine, column: 0, reason: "a record is longer than \(Self.maximumRecordLength) bytes")
      }
      let newCapacity = max(capacity * 2, end + chunkSize)
      let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
      grown.update(from: storage, count: end)
      storage.deallocate()
      storage = grown
      capacity = newCapacity
    }
    let count = try readChunk(into: storage + end, maximum: min(chunkSize, unreadLimit))
    unreadLimit -= count
    if count == 0 { exhausted = true }
    end += count
    // Skip a UTF-8 byte order mark at the very start of the input once its three bytes are in,
    // whatever the reads delivered (a pipe may deliver one byte at a time). No record ends inside
    // it; a record read first (`consumed > 0`) means there is none.
    if isFirstRead && (consumed > 0 || end - start >= 3 || exhausted) {
      isFirstRead = false
      if consumed == 0 && start == 0 && end >= 3 && storage[0] == 0xEF && storage[1] == 0xBB
        && storage[2] == 0xBF
      {
        start = 3
        consumed += 3
      }
    }
  }

  func readChunk(into buffer: UnsafeMutablePointer<UInt8>, maximum: Int) throws(ObjectiveError) -> Int {
    switch source {
    case .memory(let bytes, let offset):
      let n = min(maximum, bytes.count - offset)
      if n > 0 {
        bytes.withUnsafeBufferPointer { b in
          if let base = b.baseAddress { buffer.update(from: base + offset, count: n) }
        }
      }
      source = .memory(bytes, offset: offset + n)
      return n
    case .descriptor(let fd, _):
      while true {
        let n = read(fd, buffer, maximum)
        if n >= 0 { return n }
        if errno == EINTR { continue }
        throw .malformedInput(
          line: nextLine, column: 0, reason: "cannot read the input: \(String(cString: strerror(errno)))")
      }
    }
  }
}
