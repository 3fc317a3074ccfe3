extension FlagResolution {
  /// How a spelling matched a catalog flag.
  public enum Match: String, Sendable, Hashable {
    /// The primary spelling, exactly.
    case primary
    /// A registered alias, exactly (`--tensor-parallel-size`, `-tp`).
    case alias
    /// A registered `--no-X` negation of a boolean flag.
    case negation
    /// After normalisation: leading dashes added, `snake_case` turned into `kebab-case`.
    /// vLLM accepts this; SGLang's plain argparse does not.
    case normalized
    /// A unique prefix of a long spelling (SGLang's argparse `allow_abbrev`, e.g. `--tp`).
    case abbreviation
    /// One key inside a JSON-valued flag (vLLM's dotted form, `--compilation-config.mode`,
    /// `-cc.pass_config.x=true`): the flag is the JSON one, ``FlagResolution/configKey`` the key.
    case configKey
  }
}
