/// A path to a value inside a document, such as `backend.sglang_config.prefill[2]`.
public struct KeyPath: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
  public enum Component: Sendable, Hashable, Codable {
    case key(String)
    case index(Int)
  }

  public var components: [Component]

  public init(_ components: [Component] = []) { self.components = components }

  /// Hashes the depth and the last two components only: paths are dictionary keys in hot
  /// loops (comment transplant, converter path tables), and equality still compares all.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(components.count)
    for c in components.suffix(2) { hasher.combine(c) }
  }

  /// Parses a dotted path (`a.b[2].c`); keys may not contain `.` or `[` in this spelling.
  public init(parsing text: String) {
    // Most paths are one plain key (`"status"`): no splitting, no copy of the text.
    if !text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "[") }) {
      self.components = text.isEmpty ? [] : [.key(text)]
      return
    }
    var parts: [Component] = []
    let u = text.utf8
    var i = u.startIndex
    var pieceStart = i
    func flushKey(upTo end: String.Index) {
      if pieceStart < end { parts.append(.key(String(text[pieceStart..<end]))) }
    }
    while i < u.endIndex {
      let c = u[i]
      if c == UInt8(ascii: ".") {
        flushKey(upTo: i)
        i = u.index(after: i)
        pieceStart = i
      } else if c == UInt8(ascii: "[") {
        flushKey(upTo: i)
        // Indices `[n]` until the next `.`; text after a `]` that is not `[` is dropped.
        while i < u.endIndex, u[i] == UInt8(ascii: "["),
          let close = u[i...].firstIndex(where: { $0 == UInt8(ascii: "]") || $0 == UInt8(ascii: ".") }),
          u[close] == UInt8(ascii: "]")
        {
          if let n = Int(text[u.index(after: i)..<close]) { parts.append(.index(n)) }
          i = u.index(after: close)
        }
        while i < u.endIndex, u[i] != UInt8(ascii: ".") { i = u.index(after: i) }
        pieceStart = i
      } else {
        i = u.index(after: i)
      }
    }
    flushKey(upTo: i)
    self.components = parts
  }

  public init(stringLiteral value: String) { self.init(parsing: value) }

  public static let root = KeyPath()

  public func appending(_ key: String) -> KeyPath {
    var copy = self
    copy.components.append(.key(key))
    return copy
  }

  public func appending(index: Int) -> KeyPath {
    var copy = self
    copy.components.append(.index(index))
    return copy
  }

  public static func / (lhs: KeyPath, rhs: String) -> KeyPath { lhs.appending(rhs) }

  public var isEmpty: Bool { components.isEmpty }

  /// The last key, if the path ends in one.
  public var lastKey: String? {
    if case .key(let k)? = components.last { return k }
    return nil
  }

  public var description: String {
    var out = ""
    for c in components {
      switch c {
      case .key(let k):
        if k.contains(".") || k.contains("[") || k.isEmpty {
          out += "[\"\(k)\"]"
        } else {
          if !out.isEmpty { out += "." }
          out += k
        }
      case .index(let i):
        out += "[\(i)]"
      }
    }
    return out
  }

  public init(from decoder: any Decoder) throws {
    self.init(parsing: try decoder.singleValueContainer().decode(String.self))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}
