extension RecipeV2 {
  /// A process role: one aggregated server, or disaggregated prefill and decode servers.
  public enum Role: String, Sendable, Hashable, CaseIterable, Comparable {
    case aggregated
    case prefill
    case decode

    public static func < (a: Role, b: Role) -> Bool {
      allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
  }
}
