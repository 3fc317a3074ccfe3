/// One parsed YAML document: its root node and the source it came from.
public struct YAMLDocument: Sendable {
  /// The root node.
  public var root: YAMLNode
  /// Comments after the last node of the document.
  public var trailingComments: [String]
  /// Whether the source had an explicit `---` before this document.
  public var explicitStart: Bool

  /// A document of `root`, with comments after it and whether it starts with `---`.
  public init(root: YAMLNode, trailingComments: [String] = [], explicitStart: Bool = false) {
    self.root = root
    self.trailingComments = trailingComments
    self.explicitStart = explicitStart
  }
}
