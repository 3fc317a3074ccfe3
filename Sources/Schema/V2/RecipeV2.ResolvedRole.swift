extension RecipeV2 {
  /// What one role runs with: common settings with the role's overrides applied, nulls removed.
  public struct ResolvedRole: Sendable, Hashable {
    /// The role.
    public var role: Role
    /// Its nodes and workers, from the topology.
    public var placement: RolePlacement?
    /// Its named serving fields.
    public var serving: Serving
    /// Its engine args, in order.
    public var args: [EngineArg]
    /// Its environment variables, in order.
    public var env: [EnvVar]
  }
}
