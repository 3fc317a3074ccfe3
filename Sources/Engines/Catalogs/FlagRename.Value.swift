extension FlagRename {
  /// The argument to give the replacement flag (`value` column of renames.tsv).
  public enum Value: Sendable, Hashable {
    /// `=`: carry the old flag's argument over unchanged.
    case carry
    /// empty: no argument (bare switch, or nothing when the flag is dropped).
    case none
    /// `?`: depends on the recipe; a human (or a smarter rule) must decide, see the note.
    case manual
    /// A fixed argument, e.g. `triton` for `--attention-backend`.
    case fixed(String)

    /// Parses the TSV column.
    init(column: String) {
      switch column {
      case "=": self = .carry
      case "": self = .none
      case "?": self = .manual
      default: self = .fixed(column)
      }
    }
  }
}
