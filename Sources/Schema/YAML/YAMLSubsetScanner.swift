internal import CLibYAML

/// The events of a document written in the plain subset of YAML that recipes use, read
/// without libyaml: exactly the events (kinds, marks, values, styles) libyaml gives for it.
///
/// The subset: printable ASCII lines; one implicit document whose root is a block mapping;
/// block mappings nested by indentation, with keys of letters, digits and `_-./`; values that
/// are plain one-line scalars, one-line single- or double-quoted scalars without escapes, or
/// one-line flow sequences and mappings of such scalars; blank lines and `#` comments.
/// Anything else (block sequences, block scalars, anchors, tags, escapes, multi-line
/// scalars, tabs, `---`, errors) gives nil, and libyaml reads the source instead; so does a
/// source over 1 MiB.
///
/// The events go to a `YAMLSubsetSink`: a list of them (`events(_:)`), or the document tree
/// built as they come (`document(_:maxDepth:)`).
struct YAMLSubsetScanner<Sink: YAMLSubsetSink> {
  private let b: UnsafeBufferPointer<UInt8>
  private let n: Int
  private var sink: Sink
  /// The current line (0-based) and the offset of its first byte.
  private var line = 0
  private var lineStart = 0

  private init(_ buffer: UnsafeBufferPointer<UInt8>, sink: Sink) {
    b = buffer
    n = buffer.count
    self.sink = sink
  }

  /// The sink after every event of `buffer`, or nil when `buffer` is not in the subset.
  static func scan(_ buffer: UnsafeBufferPointer<UInt8>, into sink: Sink) -> Sink? {
    var scanner = YAMLSubsetScanner(buffer, sink: sink)
    return scanner.run() ? scanner.sink : nil
  }

  // MARK: - Bytes

  private static var space: UInt8 { UInt8(ascii: " ") }
  private static var newline: UInt8 { UInt8(ascii: "\n") }
  private static var colon: UInt8 { UInt8(ascii: ":") }
  private static var hash: UInt8 { UInt8(ascii: "#") }

  /// Letters, digits and `_`: what a key starts with.
  @inline(__always) private static func isWord(_ c: UInt8) -> Bool {
    (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x5F
  }

  @inline(__always) private static func isKey(_ c: UInt8) -> Bool {
    isWord(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || c == UInt8(ascii: "/")
  }

  /// What a plain scalar inside a flow collection may hold here.
  @inline(__always) private static func isFlowPlain(_ c: UInt8) -> Bool {
    isKey(c) || c == UInt8(ascii: "+")
  }

  /// Whether every byte is printable ASCII or a line feed (no tab, CR, control or non-ASCII).
  private static func isPrintableASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    // Eight bytes a step, exactly per byte (no carry crosses a byte): with line feeds turned
    // into zero bytes, a byte is bad when it is 1...0x1F, or 0x7F and above.
    let raw = UnsafeRawBufferPointer(b)
    let ones: UInt64 = 0x0101_0101_0101_0101
    let high: UInt64 = 0x8080_8080_8080_8080
    var i = 0
    while i + 8 <= raw.count {
      let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      let y = (x ^ (ones &* 0x0A)) & ~high
      let control = ~(y &+ ones &* 0x60) & (y &+ ones &* 0x7F) & high
      let above = ((x & ~high) &+ ones) & high | (x & high)
      if control | above != 0 { return false }
      i += 8
    }
    while i < raw.count {
      if !isPrintable(raw[i]) { return false }
      i += 1
    }
    return true
  }

  @inline(__always) private static func isPrintable(_ c: UInt8) -> Bool {
    (c >= 0x20 && c <= 0x7E) || c == newline
  }

  @inline(__always) private func at(_ i: Int) -> UInt8 { i < n ? b[i] : Self.newline }

  @inline(__always) private func mark(_ offset: Int) -> yaml_mark_t {
    yaml_mark_t(index: offset, line: line, column: offset - lineStart)
  }

  private func skipSpaces(_ i: Int) -> Int {
    var i = i
    while i < n, b[i] == Self.space { i += 1 }
    return i
  }

  private mutating func emit(_ kind: YAMLEvent.Kind, _ start: Int, _ end: Int) {
    sink.take(YAMLEvent(kind, start: mark(start), end: mark(end)))
  }

  private mutating func scalar(_ start: Int, _ end: Int, value: Range<Int>, style: ScalarStyle) {
    var e = YAMLEvent(.scalar, start: mark(start), end: mark(end))
    e.value = UnsafeBufferPointer(rebasing: b[value])
    e.style = style
    sink.take(e)
  }

  // MARK: - Lines

  private mutating func run() -> Bool {
    // Up to 1 MiB (recipes are a few KiB): a list of the events of a bigger source would be
    // held all at once, next to its tree; libyaml streams them.
    guard n > 0, n <= 1 << 20, Self.isPrintableASCII(b) else { return false }
    let origin = yaml_mark_t(index: 0, line: 0, column: 0)
    sink.take(YAMLEvent(.streamStart, start: origin, end: origin))
    /// The indentation of every open block mapping, innermost last.
    var indents: [Int] = []
    indents.reserveCapacity(8)
    /// After `key:` with nothing on its line: where an empty value would be.
    var pendingKey: yaml_mark_t?
    while true {
      let i = skipSpaces(lineStart)
      if i == n { break }
      let c = b[i]
      if c == Self.newline || c == Self.hash {
        guard nextLine(from: i) else { break }
        continue
      }
      let indent = i - lineStart
      if indents.isEmpty {
        guard indent == 0 else { return false }
        emit(.documentStart, i, i)
        emit(.mappingStart, i, i)
        indents.append(0)
      } else {
        var opened = false
        if let empty = pendingKey {
          pendingKey = nil
          if indent > indents[indents.count - 1] {
            guard indents.count < 64 else { return false }
            emit(.mappingStart, i, i)
            indents.append(indent)
            opened = true
          } else {
            sink.take(YAMLEvent(.scalar, start: empty, end: empty))
          }
        }
        if !opened {
          while indent < indents[indents.count - 1] {
            emit(.mappingEnd, i, i)
            indents.removeLast()
            if indents.isEmpty { return false }
          }
          guard indent == indents[indents.count - 1] else { return false }
        }
      }
      // `key:` then a value, a comment or nothing.
      guard Self.isWord(c) else { return false }
      var j = i + 1
      while j < n, Self.isKey(b[j]) { j += 1 }
      guard j - i <= 1_000, at(j) == Self.colon,
        at(j + 1) == Self.space || at(j + 1) == Self.newline
      else { return false }
      scalar(i, j, value: i..<j, style: .plain)
      let colonEnd = j + 1
      let k = skipSpaces(colonEnd)
      let end: Int
      if at(k) == Self.newline || b[k] == Self.hash {
        pendingKey = mark(colonEnd)
        end = k
      } else {
        guard let e = value(at: k) else { return false }
        end = e
      }
      guard nextLine(from: end) else { break }
    }
    guard !indents.isEmpty else { return false }
    // libyaml ends a last line that has no line feed as if it had one.
    if lineStart < n {
      line += 1
      lineStart = n
    }
    if let empty = pendingKey { sink.take(YAMLEvent(.scalar, start: empty, end: empty)) }
    for _ in indents { emit(.mappingEnd, n, n) }
    emit(.documentEnd, n, n)
    emit(.streamEnd, n, n)
    return true
  }

  /// Moves to the line after the one holding `i`; false at the end of the source.
  private mutating func nextLine(from i: Int) -> Bool {
    var i = i
    while i < n, b[i] != Self.newline { i += 1 }
    guard i < n else {
      return false
    }
    line += 1
    lineStart = i + 1
    return lineStart < n
  }

  // MARK: - Values

  /// Reads the value starting at `k` to the end of its line (or a comment); returns where
  /// the line's content ends, or nil outside the subset.
  private mutating func value(at k: Int) -> Int? {
    let c = b[k]
    var after: Int
    switch c {
    case UInt8(ascii: "\""), UInt8(ascii: "'"):
      guard let e = quoted(at: k) else { return nil }
      after = e
    case UInt8(ascii: "["), UInt8(ascii: "{"):
      guard let e = flow(at: k) else { return nil }
      after = e
    case UInt8(ascii: "-"):
      let next = at(k + 1)
      guard next != Self.space, next != Self.newline else { return nil }
      return plain(at: k)
    case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "]"),
      UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"),
      UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "%"),
      UInt8(ascii: "@"), UInt8(ascii: "`"):
      return nil
    default:
      return plain(at: k)
    }
    // After a quoted scalar or a flow collection: spaces, then the end or a comment.
    let s = skipSpaces(after)
    if at(s) == Self.newline { return s }
    guard s > after, b[s] == Self.hash else { return nil }
    return s
  }

  /// A plain scalar running to the end of the line or to ` #`, trailing spaces dropped.
  private mutating func plain(at k: Int) -> Int? {
    var i = k
    var last = k  // one past the last non-space byte
    while i < n {
      let c = b[i]
      if c == Self.newline { break }
      if c == Self.space {
        if at(i + 1) == Self.hash { break }
      } else {
        if c == Self.colon, at(i + 1) == Self.space || at(i + 1) == Self.newline { return nil }
        last = i + 1
      }
      i += 1
    }
    scalar(k, last, value: k..<last, style: .plain)
    return i
  }

  /// A one-line quoted scalar without escapes; returns the offset after the closing quote.
  private mutating func quoted(at k: Int) -> Int? {
    let quote = b[k]
    var i = k + 1
    while i < n, b[i] != quote {
      let c = b[i]
      if c == Self.newline || c == UInt8(ascii: "\\") { return nil }
      i += 1
    }
    guard i < n else { return nil }
    // `''` is an escaped quote in single quotes.
    if at(i + 1) == quote { return nil }
    scalar(
      k, i + 1, value: (k + 1)..<i,
      style: quote == UInt8(ascii: "'") ? .singleQuoted : .doubleQuoted)
    return i + 1
  }

  /// A one-line flow sequence or mapping of scalars; returns the offset after it.
  private mutating func flow(at k: Int) -> Int? {
    let isMapping = b[k] == UInt8(ascii: "{")
    let close = isMapping ? UInt8(ascii: "}") : UInt8(ascii: "]")
    var e = YAMLEvent(isMapping ? .mappingStart : .sequenceStart, start: mark(k), end: mark(k + 1))
    e.flow = true
    sink.take(e)
    var i = skipSpaces(k + 1)
    if at(i) == close {
      emit(isMapping ? .mappingEnd : .sequenceEnd, i, i + 1)
      return i + 1
    }
    while true {
      if isMapping {
        guard let keyEnd = flowPlain(at: i), at(keyEnd) == Self.colon, at(keyEnd + 1) == Self.space
        else {
          return nil
        }
        i = skipSpaces(keyEnd + 1)
      }
      let c = at(i)
      if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
        guard let e = quoted(at: i) else { return nil }
        i = e
      } else {
        guard let e = flowPlain(at: i) else { return nil }
        i = e
      }
      i = skipSpaces(i)
      let d = at(i)
      if d == UInt8(ascii: ",") {
        i = skipSpaces(i + 1)
        if at(i) == close { return nil }
      } else if d == close {
        emit(isMapping ? .mappingEnd : .sequenceEnd, i, i + 1)
        return i + 1
      } else {
        return nil
      }
    }
  }

  /// A plain scalar of `isFlowPlain` bytes inside a flow collection.
  private mutating func flowPlain(at k: Int) -> Int? {
    let c = at(k)
    if c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
      let next = at(k + 1)
      guard next >= 0x30 && next <= 0x39 else { return nil }
    } else {
      guard Self.isWord(c) || c == UInt8(ascii: ".") else { return nil }
    }
    var i = k + 1
    while i < n, Self.isFlowPlain(b[i]) { i += 1 }
    scalar(k, i, value: k..<i, style: .plain)
    return i
  }
}
