extension RecipeV2 {
  /// A process role: one aggregated server, or disaggregated prefill and decode servers.
  public enum Role: String, Sendable, Hashable, CaseIterable, Comparable {
    case aggregated
    case prefill
    case decode

    /// Orders roles canonically (aggregated, prefill, decode).
    public static func < (a: Role, b: Role) -> Bool { a.ordinal < b.ordinal }

    /// Hashes the case, not its raw string (roles key dictionaries in hot loops).
    public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }

    /// The index of the case in `allCases`.
    private var ordinal: Int {
      switch self {
      case .aggregated: 0
      case .prefill: 1
      case .decode: 2
      }
    }
  }
}
