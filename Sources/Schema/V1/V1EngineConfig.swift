/// The engine flags of one role, in source order.
public struct V1EngineConfig: Sendable, Hashable {
  /// The flags, in source order.
  public var flags: [V1EngineFlag]
  /// The source mapping (kept for its comments and styles), if decoded.
  public var source: YAMLNode?

  /// A config of `flags`, optionally remembering its source mapping.
  public init(flags: [V1EngineFlag] = [], source: YAMLNode? = nil) {
    self.flags = flags
    self.source = source
  }

  /// The value of a flag by name (as written).
  public subscript(name: String) -> YAMLNode? { flags.first { $0.name == name }?.value }

  static func decode(_ node: YAMLNode, path: KeyPath, context: DecodeContext) -> V1EngineConfig? {
    guard let pairs = MappingReader.entries(node, path: path, context: context) else { return nil }
    var flags: [V1EngineFlag] = []
    flags.reserveCapacity(pairs.count)
    for p in pairs {
      guard let k = p.key.scalar else { continue }
      flags.append(V1EngineFlag(name: k, value: p.value))
    }
    return V1EngineConfig(flags: flags, source: node)
  }

  func encode() -> YAMLNode {
    if let source, source.mapping != nil || flags.isEmpty {
      let rebuilt = YAMLNode.mapping(flags.map { YAMLPair($0.name, $0.value) })
      if rebuilt == source || (flags.isEmpty && source.isNull) { return source }
      var node = source
      node.kind = .mapping(flags.map { YAMLPair($0.name, $0.value) }, .block)
      return node
    }
    return .mapping(flags.map { YAMLPair($0.name, $0.value) })
  }
}
