/// One node of a YAML document: a scalar, a mapping (ordered) or a sequence, with its source
/// marks, style and comments.
///
/// Equality (`==`) compares content only: the resolved value of every scalar (so plain `1` and
/// `"1"` differ, while `"x"` and `x` are equal), the order of mapping entries and of sequence
/// items, and explicit tags. Mapping entries compare as a set (YAML mappings are unordered),
/// although the tree keeps their order. Marks, styles and comments are ignored, so that a
/// parse → emit → parse round trip compares equal.
public struct YAMLNode: Sendable, CustomStringConvertible {
  /// The content of a node: a scalar with its style, or a collection with its style.
  public enum Kind: Sendable {
    case scalar(String, ScalarStyle)
    case mapping([YAMLPair], CollectionStyle)
    case sequence([YAMLNode], CollectionStyle)
  }

  /// The content.
  public var kind: Kind
  /// Where the node starts in the source (`Mark.none` for nodes built in code).
  public var start: Mark
  /// Where the node ends in the source (exclusive).
  public var end: Mark
  /// The tag and comments, which most nodes lack: kept out of line so that nodes stay small
  /// to copy; nil when there is neither.
  private var extras: Extras?

  /// An explicit tag such as `!!str`, if the source had one.
  public var tag: String? {
    get { extras?.tag }
    set { extras = Extras.make(tag: newValue, comments: comments) }
  }

  /// The comments before and after the node (empty if none).
  public var comments: YAMLComments {
    get { extras?.comments ?? YAMLComments() }
    set { extras = Extras.make(tag: tag, comments: newValue) }
  }

  /// A node without tag or comments, for the parsers. Built by the memberwise initializer
  /// (which exists because the public one is declared in an extension): an initializer that
  /// assigns the properties one by one builds the node twice and copies it, which the parsers
  /// would do for every node.
  @inline(__always) static func bare(_ kind: consuming Kind, start: Mark, end: Mark) -> YAMLNode {
    YAMLNode(kind: kind, start: start, end: end, extras: nil)
  }

  /// The rarely set parts of a node (immutable; replaced as a whole when one changes).
  private final class Extras: Sendable {
    let tag: String?
    let comments: YAMLComments

    private init(tag: String?, comments: YAMLComments) {
      self.tag = tag
      self.comments = comments
    }

    static func make(tag: String?, comments: YAMLComments) -> Extras? {
      tag == nil && comments.isEmpty ? nil : Extras(tag: tag, comments: comments)
    }
  }

  /// The node emitted as YAML text.
  public var description: String { YAMLEmitter.emit(self) }
}

extension YAMLNode {
  /// A node of `kind`; marks, tag and comments are optional (nodes built in code have none).
  public init(
    _ kind: Kind, start: Mark = .none, end: Mark = .none, tag: String? = nil,
    comments: YAMLComments = YAMLComments()
  ) {
    self.init(kind: kind, start: start, end: end, extras: Extras.make(tag: tag, comments: comments))
  }
}

/// A key and its value in a mapping.
public struct YAMLPair: Sendable {
  /// The key node (a scalar in the documents the registry reads).
  public var key: YAMLNode
  /// The value node.
  public var value: YAMLNode

  /// An entry of `key` and `value`.
  public init(key: YAMLNode, value: YAMLNode) {
    self.key = key
    self.value = value
  }

  /// An entry whose key is the plain scalar `key`.
  public init(_ key: String, _ value: YAMLNode) {
    self.key = .string(key)
    self.value = value
  }
}

// MARK: - Building nodes in code

extension YAMLNode {
  /// A string scalar; written plain when that reads back as the same string, quoted otherwise.
  public static func string(_ value: String) -> YAMLNode {
    YAMLNode(.scalar(value, ScalarResolver.isPlainString(value) ? .plain : .doubleQuoted))
  }

  /// A plain integer scalar.
  public static func int(_ value: Int) -> YAMLNode { YAMLNode(.scalar(String(value), .plain)) }

  /// A plain floating-point scalar.
  public static func float(_ value: Double) -> YAMLNode {
    YAMLNode(.scalar(ScalarResolver.spell(value), .plain))
  }

  /// A plain `true` or `false` scalar.
  public static func bool(_ value: Bool) -> YAMLNode {
    YAMLNode(.scalar(value ? "true" : "false", .plain))
  }

  /// A plain `null` scalar.
  public static let null = YAMLNode(.scalar("null", .plain))

  /// A mapping of `pairs`, in order.
  public static func mapping(_ pairs: [YAMLPair], style: CollectionStyle = .block) -> YAMLNode {
    YAMLNode(.mapping(pairs, style))
  }

  /// A block mapping whose keys are plain scalars, in order.
  public static func mapping(_ pairs: KeyValuePairs<String, YAMLNode>) -> YAMLNode {
    YAMLNode(.mapping(pairs.map { YAMLPair($0.key, $0.value) }, .block))
  }

  /// A sequence of `items`.
  public static func sequence(_ items: [YAMLNode], style: CollectionStyle = .block) -> YAMLNode {
    YAMLNode(.sequence(items, style))
  }

  /// Builds a node for a resolved value (plain style; strings quoted only where needed).
  public static func from(_ value: ResolvedScalar) -> YAMLNode {
    switch value {
    case .null: return .null
    case .bool(let b): return .bool(b)
    case .int(let i): return .int(i)
    case .float(let d): return .float(d)
    case .string(let s): return .string(s)
    }
  }

  /// Marks a plain scalar whose spelling would resolve to a non-string as double-quoted,
  /// so that it stays a string.
  func forcingString() -> YAMLNode {
    guard case .scalar(let text, .plain) = kind, tag == nil else { return self }
    if case .string = ScalarResolver.resolvePlain(text) { return self }
    var copy = self
    copy.kind = .scalar(text, .doubleQuoted)
    return copy
  }
}

// MARK: - Reading nodes

extension YAMLNode {
  /// The scalar text, if this is a scalar.
  public var scalar: String? {
    if case .scalar(let s, _) = kind { return s }
    return nil
  }

  /// The scalar style, if this is a scalar.
  public var scalarStyle: ScalarStyle? {
    if case .scalar(_, let style) = kind { return style }
    return nil
  }

  /// The entries, if this is a mapping.
  public var mapping: [YAMLPair]? {
    if case .mapping(let pairs, _) = kind { return pairs }
    return nil
  }

  /// The items, if this is a sequence.
  public var sequence: [YAMLNode]? {
    if case .sequence(let items, _) = kind { return items }
    return nil
  }

  /// Whether the node is a scalar.
  public var isScalar: Bool { scalar != nil }
  /// Whether the node is a mapping.
  public var isMapping: Bool { mapping != nil }
  /// Whether the node is a sequence.
  public var isSequence: Bool { sequence != nil }

  /// The value of the entry with this scalar key, if this is a mapping that has it.
  public subscript(key: String) -> YAMLNode? {
    guard case .mapping(let pairs, _) = kind else { return nil }
    for pair in pairs where pair.key.scalar == key { return pair.value }
    return nil
  }

  /// The typed value of a scalar (core schema for plain scalars, string otherwise).
  public var resolved: ResolvedScalar? {
    guard case .scalar(let text, let style) = kind else { return nil }
    return ScalarResolver.resolve(text, style: style, tag: tag)
  }

  /// Whether this is a scalar that resolves to null (`null`, `~`, or nothing).
  public var isNull: Bool {
    if case .null? = resolved { return true }
    return false
  }

  /// A short name of the node's type for messages: "mapping", "sequence", or the scalar type.
  public var typeName: String {
    switch kind {
    case .mapping: return "mapping"
    case .sequence: return "sequence"
    case .scalar: return resolved?.typeName ?? "scalar"
    }
  }

  /// The keys of a mapping, in order (scalar keys only).
  public var keys: [String] {
    mapping?.compactMap { $0.key.scalar } ?? []
  }
}

// MARK: - Content equality

extension YAMLNode: Equatable {
  /// Whether two nodes have equal content (see the type's documentation).
  public static func == (lhs: YAMLNode, rhs: YAMLNode) -> Bool {
    switch (lhs.kind, rhs.kind) {
    case (.scalar, .scalar):
      return lhs.resolved == rhs.resolved && normalizedTag(lhs.tag) == normalizedTag(rhs.tag)
    case (.mapping(let a, _), .mapping(let b, _)):
      guard a.count == b.count else { return false }
      var inOrder = true
      for (x, y) in zip(a, b) where x.key != y.key || x.value != y.value {
        inOrder = false
        break
      }
      if inOrder { return true }
      for x in a {
        guard let y = b.first(where: { $0.key == x.key }), y.value == x.value else { return false }
      }
      return true
    case (.sequence(let a, _), .sequence(let b, _)):
      return a == b
    default:
      return false
    }
  }

  private static func normalizedTag(_ tag: String?) -> String? {
    switch tag {
    case nil, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
      "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
      "tag:yaml.org,2002:seq":
      return nil
    default:
      return tag
    }
  }
}
