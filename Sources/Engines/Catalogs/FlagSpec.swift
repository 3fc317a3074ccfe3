/// One engine CLI flag as recorded in a catalog row (`spec/engines/<engine>/<version>.tsv`).
public struct FlagSpec: Sendable, Hashable {
  /// The primary spelling, e.g. `--tp-size`.
  public let name: String
  /// Whether it takes a value.
  public let kind: FlagKind
  /// The argparse type as recorded (`int`, `float`, `str`, `json(ConfigClass)`,
  /// `list[str] nargs=+`, custom parser names such as `human_readable_int`).
  public let type: String
  /// The argparse default as a Python repr (`None` = unset; `<expr>` = not evaluable
  /// statically). Empty when the column is empty.
  public let defaultValue: String
  /// Allowed values; empty when unrestricted. A `<dynamic:…>` entry means computed at runtime.
  public let choices: [String]
  /// Other spellings, including short ones (`-tp`) and vLLM `--no-X` negations.
  public let aliases: [String]
  /// True when the engine marks the flag deprecated.
  public let deprecated: Bool

  /// A flag spec with the given values.
  public init(
    name: String, kind: FlagKind, type: String, defaultValue: String, choices: [String],
    aliases: [String], deprecated: Bool
  ) {
    self.name = name
    self.kind = kind
    self.type = type
    self.defaultValue = defaultValue
    self.choices = choices
    self.aliases = aliases
    self.deprecated = deprecated
  }

  /// The primary spelling followed by every alias.
  public var spellings: [String] { [name] + aliases }

  /// True when the flag's value is JSON (`json`, `json(ConfigClass)`, `json|str`, a
  /// `loads`/`from_json` parser): vLLM then also takes its keys one by one
  /// (`--compilation-config.mode 3`, see ``FlagCatalog/resolve(_:)``).
  public var takesJSON: Bool {
    kind == .value
      && (type.hasPrefix("json") || type == "loads" || type.hasSuffix("from_json")
        || type.hasSuffix("from_json)"))
  }

  /// Aliases that negate a boolean flag (`--no-enable-prefix-caching`).
  public var negations: [String] {
    kind == .bool ? aliases.filter { $0.hasPrefix("--no-") } : []
  }
}
