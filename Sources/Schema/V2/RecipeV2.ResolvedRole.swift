extension RecipeV2 {
  /// What one role runs with: common settings with the role's overrides applied, nulls removed.
  public struct ResolvedRole: Sendable, Hashable {
    public var role: Role
    public var placement: RolePlacement?
    public var serving: Serving
    public var args: [EngineArg]
    public var env: [EnvVar]
  }
}
