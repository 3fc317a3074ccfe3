/// Environment variables of one role, in source order; values are kept as written text.
public struct V1Environment: Sendable, Hashable {
  /// One environment variable.
  public struct Variable: Sendable, Hashable {
    /// The variable name.
    public var name: String
    /// The value, as a string.
    public var value: String
    /// A variable `name` set to `value`.
    public init(name: String, value: String) {
      self.name = name
      self.value = value
    }
  }

  /// The variables, in source order.
  public var variables: [Variable]
  /// The source mapping (comments, quoting), if decoded.
  public var source: YAMLNode?

  /// An environment of `variables`, optionally remembering its source mapping.
  public init(variables: [Variable] = [], source: YAMLNode? = nil) {
    self.variables = variables
    self.source = source
  }

  /// The value of the variable `name`, if set.
  public subscript(name: String) -> String? { variables.first { $0.name == name }?.value }

  static func decode(_ node: YAMLNode, path: KeyPath, context: DecodeContext) -> V1Environment? {
    guard let map = MappingReader.stringMap(node, path: path, context: context) else { return nil }
    return V1Environment(
      variables: map.map { Variable(name: $0.key, value: $0.value) }, source: node)
  }

  func encode() -> YAMLNode {
    let fresh = YAMLNode.mapping(variables.map { YAMLPair($0.name, .string($0.value)) })
    if let source, V1Environment.decodeQuietly(source) == variables { return source }
    return fresh
  }

  private static func decodeQuietly(_ node: YAMLNode) -> [Variable]? {
    let ctx = DecodeContext(file: "")
    return MappingReader.stringMap(node, path: .root, context: ctx)?.map {
      Variable(name: $0.key, value: $0.value)
    }
  }
}
