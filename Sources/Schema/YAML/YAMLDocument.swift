/// One parsed YAML document: its root node and the source it came from.
public struct YAMLDocument: Sendable {
  /// The root node.
  public var root: YAMLNode
  /// Comments after the last node of the document.
  public var trailingComments: [String]
  /// Whether the source had an explicit `---` before this document.
  public var explicitStart: Bool
  /// Where the source had merge keys (`<<: *base`), resolved into the tree as PyYAML does
  /// (`YAMLMergeKeys`): the tree holds the merged mappings, so writing it back spells them out.
  public var mergeKeys: [Mark] = []
  /// Keys written twice in one mapping, when read with repeats allowed (otherwise a repeat
  /// is a `duplicate-key` error); the tree holds the last value in the first place.
  public var repeatedKeys: [YAMLRepeatedKey] = []

  /// A document of `root`, with comments after it and whether it starts with `---`.
  public init(root: YAMLNode, trailingComments: [String] = [], explicitStart: Bool = false) {
    self.root = root
    self.trailingComments = trailingComments
    self.explicitStart = explicitStart
  }
}
