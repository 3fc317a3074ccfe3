/// A variant of a multi-recipe file: `override_<name>` (a partial recipe deep-merged over
/// `base`) or `zip_override_<name>` (lists zipped into several variants).
public struct V1Variant: Sendable, Hashable {
  /// The kind of variant, whose raw value is its key prefix.
  public enum Kind: String, Sendable, Hashable {
    case override = "override_"
    case zipOverride = "zip_override_"
  }

  /// Whether the variant overrides or zips.
  public var kind: Kind
  /// The name after the prefix.
  public var name: String
  /// The partial recipe, as written.
  public var node: YAMLNode

  /// A variant of `kind` named `name` with the partial recipe `node`.
  public init(kind: Kind, name: String, node: YAMLNode) {
    self.kind = kind
    self.name = name
    self.node = node
  }

  /// The top-level key: `override_<name>` or `zip_override_<name>`.
  public var key: String { kind.rawValue + name }

  static func parse(key: String) -> (Kind, String)? {
    if key.hasPrefix("zip_override_") { return (.zipOverride, String(key.dropFirst(13))) }
    if key.hasPrefix("override_") { return (.override, String(key.dropFirst(9))) }
    return nil
  }
}
