/// Bounds that keep parsing hostile input cheap: a document never costs more than these.
public struct YAMLLimits: Sendable, Hashable {
  /// Largest accepted input, in bytes.
  public var maxDocumentBytes: Int
  /// Deepest accepted nesting of mappings and sequences.
  public var maxDepth: Int
  /// Most nodes that aliases may materialize in one document (billion-laughs guard).
  public var maxAliasExpansion: Int

  /// Limits with the given bounds (32 MiB, depth 200, 50,000 alias nodes by default).
  public init(
    maxDocumentBytes: Int = 32 << 20, maxDepth: Int = 200, maxAliasExpansion: Int = 50_000
  ) {
    self.maxDocumentBytes = maxDocumentBytes
    self.maxDepth = maxDepth
    self.maxAliasExpansion = maxAliasExpansion
  }

  /// The default limits.
  public static let `default` = YAMLLimits()
}
