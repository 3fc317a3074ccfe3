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
    var bytes = text
    self.components = bytes.withUTF8 { Self.parse($0, text) }
  }

  private static func parse(_ u: UnsafeBufferPointer<UInt8>, _ text: String) -> [Component] {
    let dot = UInt8(ascii: "."), open = UInt8(ascii: "["), close = UInt8(ascii: "]")
    // Most paths are one plain key (`"status"`): no splitting, no copy of the text.
    var separators = 0
    for c in u where c == dot || c == open { separators += 1 }
    if separators == 0 { return text.isEmpty ? [] : [.key(text)] }
    func string(_ from: Int, _ to: Int) -> String {
      String(decoding: UnsafeBufferPointer(rebasing: u[from..<to]), as: UTF8.self)
    }
    var parts: [Component] = []
    parts.reserveCapacity(separators + 1)
    var i = 0
    var pieceStart = 0
    while i < u.count {
      let c = u[i]
      if c == dot {
        if pieceStart < i { parts.append(.key(string(pieceStart, i))) }
        i += 1
        pieceStart = i
      } else if c == open {
        if pieceStart < i { parts.append(.key(string(pieceStart, i))) }
        // Indices `[n]` until the next `.`; text after a `]` that is not `[` is dropped.
        while i < u.count, u[i] == open, let end = (i..<u.count).first(where: { u[$0] == close || u[$0] == dot }),
          u[end] == close
        {
          if let n = Int(string(i + 1, end)) { parts.append(.index(n)) }
          i = end + 1
        }
        while i < u.count, u[i] != dot { i += 1 }
        pieceStart = i
      } else {
        i += 1
      }
    }
    if pieceStart < i { parts.append(.key(string(pieceStart, i))) }
    return parts
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
