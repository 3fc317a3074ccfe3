public import Engines
import Migrate
public import Schema

/// How to launch a recipe, keyed by target, as the static index shows it.
///
/// `engine` holds the engine command line of each role (the engine program, the model, and
/// `EngineInvocation`'s flags, with the role's environment in front). The plan targets
/// (`shell`, `compose`, `slurm`, `k8s`) name the `registry plan` command that renders the full
/// plan; when the plan renderers ship, a target gains its rendered text in `text` without
/// changing the shape.
public struct LaunchTargets: Encodable, Sendable, Hashable {
  /// One way to launch.
  public struct Target: Encodable, Sendable, Hashable {
    /// `commands` (one command per role) or `plan` (a command that prints the plan).
    public var kind: String
    /// For `commands`: each role's command.
    public var roles: [RoleCommand]?
    /// For `plan`: the command that renders it.
    public var command: String?
    /// The rendered plan, when the generator can render it.
    public var text: String?
  }

  /// The engine command line of one role.
  public struct RoleCommand: Encodable, Sendable, Hashable {
    public var role: String
    /// The program and its arguments, unquoted.
    public var argv: [String]
    public var env: [EngineInvocation.EnvPair]
    /// `NAME=value ... program args...`, POSIX-shell quoted.
    public var command: String
  }

  /// The plan targets of `registry plan --target`.
  public static let planTargets = ["shell", "compose", "slurm", "k8s"]

  public var targets: [String: Target]

  /// Plan targets only (a recipe without a v2 form has no engine command lines).
  public init(name: String) {
    targets = [:]
    for t in Self.planTargets {
      targets[t] = Target(
        kind: "plan", command: ShellQuote.join(["registry", "plan", name, "--target", t]))
    }
  }

  /// The engine command line of every role, and the plan targets.
  public init(_ recipe: RecipeV2) {
    self.init(name: recipe.name)
    let program = EngineServerCommand(engine: recipe.engineName).argv(model: recipe.model.path)
    let roles = EngineInvocation.buildAll(recipe).map { inv in
      let argv = program + inv.flags
      let env = inv.env.map { "\($0.name)=" + ShellQuote.quote($0.value) }
      return RoleCommand(
        role: inv.role, argv: argv, env: inv.env,
        command: (env + [ShellQuote.join(argv)]).joined(separator: " "))
    }
    targets["engine"] = Target(kind: "commands", roles: roles)
  }

  public func encode(to encoder: any Encoder) throws {
    try targets.encode(to: encoder)
  }
}
