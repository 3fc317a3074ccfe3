/// A path to a value inside a document, such as `backend.sglang_config.prefill[2]`.
public struct KeyPath: Sendable, Hashable, Codable, CustomStringConvertible,
  ExpressibleByStringLiteral
{
  /// One step of a path: a mapping key or a sequence index.
  public enum Component: Sendable, Hashable, Codable {
    case key(String)
    case index(Int)
  }

  /// The steps from the document root.
  public var components: [Component]

  /// A path of `components` (the root when empty).
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
    let dot = UInt8(ascii: ".")
    let open = UInt8(ascii: "[")
    let close = UInt8(ascii: "]")
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
        while i < u.count, u[i] == open,
          let end = (i..<u.count).first(where: { u[$0] == close || u[$0] == dot }),
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

  /// The path a string such as `targets[3].name` spells.
  public init(stringLiteral value: String) { self.init(parsing: value) }

  /// The document root (no steps).
  public static let root = KeyPath()

  /// This path followed by the mapping key `key`.
  public func appending(_ key: String) -> KeyPath {
    var copy = self
    copy.components.append(.key(key))
    return copy
  }

  /// This path followed by the sequence index `index`.
  public func appending(index: Int) -> KeyPath {
    var copy = self
    copy.components.append(.index(index))
    return copy
  }

  /// `lhs` followed by the mapping key `rhs`.
  public static func / (lhs: KeyPath, rhs: String) -> KeyPath { lhs.appending(rhs) }

  /// Whether this is the root.
  public var isEmpty: Bool { components.isEmpty }

  /// The last key, if the path ends in one.
  public var lastKey: String? {
    if case .key(let k)? = components.last { return k }
    return nil
  }

  /// The dotted form, with indices in brackets (`targets[3].name`).
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

  /// Decodes a path from its dotted string form.
  public init(from decoder: any Decoder) throws {
    self.init(parsing: try decoder.singleValueContainer().decode(String.self))
  }

  /// Encodes the path as its dotted string form.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}
