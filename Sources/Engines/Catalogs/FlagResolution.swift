/// The catalog flag a command-line spelling resolves to, and how it matched.
public struct FlagResolution: Sendable, Hashable {
  /// The resolved flag.
  public let flag: FlagSpec
  /// The spelling as given, without any `=value` part.
  public let spelling: String
  /// The catalog spelling that matched (primary or alias), e.g. `-tp`.
  public let matchedSpelling: String
  /// How the spelling matched.
  public let match: Match
  /// True for a `--no-X` negation of a boolean flag.
  public let isNegated: Bool
  /// The value after `=` in `--flag=value`, if any.
  public let inlineValue: String?
  /// For a ``Match/configKey`` match, the dotted key path inside the flag's JSON
  /// (`pass_config.fuse_rope_kvcache` of `-cc.pass_config.fuse_rope_kvcache`); nil otherwise.
  public let configKey: String?

  /// A resolution with the given values.
  public init(
    flag: FlagSpec, spelling: String, matchedSpelling: String, match: Match, isNegated: Bool,
    inlineValue: String?, configKey: String? = nil
  ) {
    self.flag = flag
    self.spelling = spelling
    self.matchedSpelling = matchedSpelling
    self.match = match
    self.isNegated = isNegated
    self.inlineValue = inlineValue
    self.configKey = configKey
  }

  /// True when the spelling is the flag's primary name exactly.
  public var isCanonical: Bool { match == .primary }
}
