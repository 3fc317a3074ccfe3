/// A path to a value inside a document, such as `backend.sglang_config.prefill[2]`.
public struct KeyPath: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
  public enum Component: Sendable, Hashable, Codable {
    case key(String)
    case index(Int)
  }

  public var components: [Component]

  public init(_ components: [Component] = []) { self.components = components }

  /// Parses a dotted path (`a.b[2].c`); keys may not contain `.` or `[` in this spelling.
  public init(parsing text: String) {
    var parts: [Component] = []
    for piece in text.split(separator: ".", omittingEmptySubsequences: true) {
      var rest = Substring(piece)
      if let bracket = rest.firstIndex(of: "[") {
        let key = rest[..<bracket]
        if !key.isEmpty { parts.append(.key(String(key))) }
        rest = rest[bracket...]
        while rest.first == "[", let close = rest.firstIndex(of: "]") {
          if let i = Int(rest[rest.index(after: rest.startIndex)..<close]) {
            parts.append(.index(i))
          }
          rest = rest[rest.index(after: close)...]
        }
      } else {
        parts.append(.key(String(rest)))
      }
    }
    self.components = parts
  }

  public init(stringLiteral value: String) { self.init(parsing: value) }

  public static let root = KeyPath()

  public func appending(_ key: String) -> KeyPath { KeyPath(components + [.key(key)]) }
  public func appending(index: Int) -> KeyPath { KeyPath(components + [.index(index)]) }

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
