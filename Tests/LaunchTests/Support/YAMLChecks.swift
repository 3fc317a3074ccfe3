import Testing

@testable import Schema

/// Helpers to read rendered YAML back.
enum YAMLChecks {
  /// Parses one document.
  static func parse(_ text: String) throws -> YAMLNode {
    try YAML.parse(text).root
  }

  /// Walks mapping keys.
  static func at(_ node: YAMLNode, _ keys: String...) -> YAMLNode? {
    var cur: YAMLNode? = node
    for k in keys { cur = cur?[k] }
    return cur
  }

  /// A sequence of scalars as strings (nil if any item is not a string scalar).
  static func strings(_ node: YAMLNode?) -> [String]? {
    guard let items = node?.sequence else { return nil }
    var out: [String] = []
    for i in items {
      guard let s = i.scalar else { return nil }
      out.append(s)
    }
    return out
  }

  /// Whether a scalar resolves to exactly this string (YAML 1.2 core schema).
  static func isString(_ node: YAMLNode?, _ value: String) -> Bool {
    node?.resolved == .string(value)
  }
}
