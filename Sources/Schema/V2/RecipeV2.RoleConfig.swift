extension RecipeV2 {
  /// Per-role overrides: `roles.<role>: {serving, args, env}`.
  public struct RoleConfig: Sendable, Hashable {
    public var serving: Serving
    public var args: [EngineArg]
    public var env: [EnvVar]

    public init(serving: Serving = Serving(), args: [EngineArg] = [], env: [EnvVar] = []) {
      self.serving = serving
      self.args = args
      self.env = env
    }

    public var isEmpty: Bool { serving.isEmpty && args.isEmpty && env.isEmpty }
  }
}
