/// Comments attached to a node, kept so that rewrites (migrate, pin) can reproduce them.
///
/// Each string is the comment text after `#`, verbatim (usually starting with a space).
public struct YAMLComments: Sendable, Hashable, Codable {
  /// Whole-line comments on the lines before the node (for a mapping entry: before its key).
  public var before: [String]
  /// A comment on the same line, after the node.
  public var trailing: String?

  /// Comments `before` a node and a `trailing` one; none by default.
  public init(before: [String] = [], trailing: String? = nil) {
    self.before = before
    self.trailing = trailing
  }

  /// Whether there is no comment at all.
  public var isEmpty: Bool { before.isEmpty && trailing == nil }
}
