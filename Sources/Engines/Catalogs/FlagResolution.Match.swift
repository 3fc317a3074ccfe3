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
  }
}
