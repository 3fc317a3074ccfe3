extension RecipeV2 {
  /// Per-role overrides: `roles.<role>: {serving, args, env}`.
  public struct RoleConfig: Sendable, Hashable {
    /// The role's named serving fields.
    public var serving: Serving
    /// The role's engine args, in source order.
    public var args: [EngineArg]
    /// The role's environment variables, in source order.
    public var env: [EnvVar]

    /// A role override of the given parts; empty by default.
    public init(serving: Serving = Serving(), args: [EngineArg] = [], env: [EnvVar] = []) {
      self.serving = serving
      self.args = args
      self.env = env
    }

    /// Whether the override sets nothing.
    public var isEmpty: Bool { serving.isEmpty && args.isEmpty && env.isEmpty }
  }
}
