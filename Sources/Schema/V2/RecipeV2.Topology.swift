extension RecipeV2 {
  /// Process layout: `topology: {aggregated: {...}}` or `topology: {prefill: {...}, decode: {...}}`.
  public struct Topology: Sendable, Hashable {
    /// Aggregated or disaggregated (the one `Topology` enum of the package).
    public typealias Mode = Schema.Topology

    /// The roles present, each with its placement.
    public var roles: [Role: RolePlacement]

    /// A topology of the given roles.
    public init(roles: [Role: RolePlacement]) { self.roles = roles }

    /// One aggregated role placed at `p`.
    public static func aggregated(_ p: RolePlacement) -> Topology {
      Topology(roles: [.aggregated: p])
    }

    /// A prefill and a decode role with their placements.
    public static func disaggregated(prefill: RolePlacement, decode: RolePlacement) -> Topology {
      Topology(roles: [.prefill: prefill, .decode: decode])
    }

    /// Aggregated when an aggregated role is present, else disaggregated.
    public var mode: Mode { roles[.aggregated] != nil ? .aggregated : .disaggregated }

    /// The roles in canonical order.
    public var roleNames: [Role] { roles.keys.sorted() }
  }
}
