internal import Schema

/// Builds YAML scalars that read back as the same string under YAML 1.2 *and* YAML 1.1.
///
/// docker compose and Kubernetes tooling still resolve some plain scalars the YAML 1.1 way
/// (`yes`, `on`, `n` as booleans; `30000:30000` as a base-60 number), so anything that is not
/// obviously a string is double-quoted, not only what the 1.2 core schema needs.
enum YAMLText {
  /// A string scalar, plain only when it is unambiguous in YAML 1.1 and 1.2.
  static func str(_ s: String) -> YAMLNode {
    isPlainSafe(s) ? .string(s) : YAMLNode(.scalar(s, .doubleQuoted))
  }

  /// A mapping entry whose key goes through ``str(_:)``.
  static func pair(_ key: String, _ value: YAMLNode) -> YAMLPair {
    YAMLPair(key: str(key), value: value)
  }

  private static let yaml11Words: Set<String> = [
    "y", "yes", "n", "no", "true", "false", "on", "off", "null", "~",
  ]

  static func isPlainSafe(_ s: String) -> Bool {
    let body = s.drop(while: { $0 == "-" })
    guard let first = body.unicodeScalars.first, body.count + 2 >= s.count,
      ("a"..."z").contains(first) || ("A"..."Z").contains(first)
        || (first == "/" && body.count == s.count)
    else { return false }
    if yaml11Words.contains(s.lowercased()) { return false }
    if s.hasSuffix(":") || s.contains(": ") || s.contains(" #") { return false }
    return s.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        || "._/-:@=+, ".unicodeScalars.contains($0)
    } && !s.hasSuffix(" ")
  }
}
