public import Schema

/// Comments of a source key, to be put on the key a conversion moved it to.
public struct CommentPlacement: Sendable, Hashable {
  /// Key path in the converted document.
  public var path: KeyPath
  /// Comments on the key itself (before it, and trailing a section header).
  public var keyComments: YAMLComments
  /// Comments on the value (trailing a scalar).
  public var valueComments: YAMLComments

  /// Comments for the key and the value at `path`.
  public init(path: KeyPath, keyComments: YAMLComments, valueComments: YAMLComments) {
    self.path = path
    self.keyComments = keyComments
    self.valueComments = valueComments
  }
}
