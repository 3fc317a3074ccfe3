/// The byte-level state machine behind ``ShellWords/split(_:)``.
struct ShellTokenizer {
  private let bytes: [UInt8]
  private var i = 0
  private var words: [ShellWords.Word] = []
  // Current word state.
  private var current: [UInt8] = []
  private var wordStart: Int?
  private var quoted = false
  private var placeholders: [String] = []

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  mutating func run() throws(ShellWordsError) -> [ShellWords.Word] {
    while i < bytes.count {
      let b = bytes[i]
      switch b {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
        finishWord(end: i)
        i += 1
      case UInt8(ascii: "#") where wordStart == nil:
        while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
      case UInt8(ascii: "\\"):
        guard i + 1 < bytes.count else {
          throw ShellWordsError(kind: .danglingBackslash, offset: i)
        }
        if bytes[i + 1] == UInt8(ascii: "\n") {
          i += 2  // line continuation: removed, does not end the word
        } else {
          begin()
          current.append(bytes[i + 1])
          i += 2
        }
      case UInt8(ascii: "'"):
        begin()
        quoted = true
        let open = i
        i += 1
        let contentStart = i
        while i < bytes.count, bytes[i] != UInt8(ascii: "'") { i += 1 }
        guard i < bytes.count else {
          throw ShellWordsError(kind: .unterminatedSingleQuote, offset: open)
        }
        appendScanningPlaceholders(bytes[contentStart..<i])
        i += 1
      case UInt8(ascii: "\""):
        begin()
        quoted = true
        let open = i
        i += 1
        var closed = false
        var segment: [UInt8] = []
        while i < bytes.count {
          let c = bytes[i]
          if c == UInt8(ascii: "\"") {
            closed = true
            i += 1
            break
          }
          if c == UInt8(ascii: "\\"), i + 1 < bytes.count {
            let next = bytes[i + 1]
            switch next {
            case UInt8(ascii: "$"), UInt8(ascii: "`"), UInt8(ascii: "\""), UInt8(ascii: "\\"):
              segment.append(next)
              i += 2
              continue
            case UInt8(ascii: "\n"):
              i += 2
              continue
            default:
              break
            }
          }
          segment.append(c)
          i += 1
        }
        guard closed else {
          throw ShellWordsError(kind: .unterminatedDoubleQuote, offset: open)
        }
        appendScanningPlaceholders(segment[...])
      default:
        begin()
        // Unquoted run up to the next special byte.
        let start = i
        while i < bytes.count, !Self.isSpecial(bytes[i]) { i += 1 }
        appendScanningPlaceholders(bytes[start..<i])
      }
    }
    finishWord(end: bytes.count)
    return words
  }

  private static func isSpecial(_ b: UInt8) -> Bool {
    switch b {
    case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
      UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""):
      true
    default: false
    }
  }

  private mutating func begin() {
    if wordStart == nil { wordStart = i }
  }

  private mutating func finishWord(end: Int) {
    guard let start = wordStart else { return }
    words.append(
      ShellWords.Word(
        text: String(decoding: current, as: UTF8.self), range: start..<end,
        placeholders: placeholders, wasQuoted: quoted))
    current.removeAll(keepingCapacity: true)
    placeholders.removeAll()
    wordStart = nil
    quoted = false
  }

  /// Appends literal bytes and records any `{identifier}` placeholders in them.
  private mutating func appendScanningPlaceholders(_ chunk: ArraySlice<UInt8>) {
    current.append(contentsOf: chunk)
    var k = chunk.startIndex
    while k < chunk.endIndex {
      if chunk[k] == UInt8(ascii: "{"), let close = placeholderEnd(chunk, from: k + 1) {
        placeholders.append(String(decoding: chunk[(k + 1)..<close], as: UTF8.self))
        k = close + 1
      } else {
        k += 1
      }
    }
  }

  /// Index of the `}` closing an identifier that starts at `from`, or nil.
  private func placeholderEnd(_ chunk: ArraySlice<UInt8>, from: Int) -> Int? {
    guard from < chunk.endIndex, Self.isIdentifierStart(chunk[from]) else { return nil }
    var k = from + 1
    while k < chunk.endIndex, Self.isIdentifierByte(chunk[k]) { k += 1 }
    return k < chunk.endIndex && chunk[k] == UInt8(ascii: "}") ? k : nil
  }

  private static func isIdentifierStart(_ b: UInt8) -> Bool {
    (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z"))
      || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
      || b == UInt8(ascii: "_")
  }

  private static func isIdentifierByte(_ b: UInt8) -> Bool {
    isIdentifierStart(b) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
      || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
  }
}
