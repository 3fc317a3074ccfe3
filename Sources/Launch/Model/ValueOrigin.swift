/// Where a flag or environment value came from, for an `--explain` view.
public struct ValueOrigin: Sendable, Hashable, Codable {
  /// The kinds of source a value can have.
  public enum Kind: String, Sendable, Hashable, Codable {
    /// The recipe itself.
    case recipe
    /// A variant of the recipe (``ValueOrigin/detail`` names it).
    case variant
    /// A command-line override such as `--set`, `--tp` or `-- extra args`.
    case override
    /// A rule that fills in an engine default (``ValueOrigin/detail`` names the rule).
    case engineDefault = "engine-default"
  }

  /// Which kind of source the value came from.
  public var kind: Kind
  /// The variant name, override text or rule name.
  public var detail: String?

  /// An origin of `kind`, optionally naming the variant, override or rule.
  public init(_ kind: Kind, _ detail: String? = nil) {
    self.kind = kind
    self.detail = detail
  }
}
