extension RecipeV2 {
  /// Process layout: `topology: {aggregated: {...}}` or `topology: {prefill: {...}, decode: {...}}`.
  public struct Topology: Sendable, Hashable {
    /// Aggregated or disaggregated (the one `Topology` enum of the package).
    public typealias Mode = Schema.Topology

    /// The roles present, each with its placement.
    public var roles: [Role: RolePlacement]

    public init(roles: [Role: RolePlacement]) { self.roles = roles }

    public static func aggregated(_ p: RolePlacement) -> Topology {
      Topology(roles: [.aggregated: p])
    }

    public static func disaggregated(prefill: RolePlacement, decode: RolePlacement) -> Topology {
      Topology(roles: [.prefill: prefill, .decode: decode])
    }

    public var mode: Mode { roles[.aggregated] != nil ? .aggregated : .disaggregated }

    /// The roles in canonical order.
    public var roleNames: [Role] { roles.keys.sorted() }
  }
}
