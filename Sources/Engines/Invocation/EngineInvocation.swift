public import Schema

/// What one role of a recipe passes to its engine: the flags (named fields through the
/// engine's own spellings, then args) and the environment.
///
/// Launcher-owned flags (host, port, model path, served model name) are not here: the launch
/// plan sets them once. Two recipes that mean the same thing give equal invocations, which is
/// what `--verify` checks after a conversion.
public struct EngineInvocation: Sendable, Hashable, Codable {
  /// The role (`aggregated`, `prefill`, `decode`).
  public var role: String
  /// The engine flags and their values, as argv words.
  public var flags: [String]
  /// The environment, in order.
  public var env: [EnvPair]

  /// One environment variable.
  public struct EnvPair: Sendable, Hashable, Codable {
    /// The variable name.
    public var name: String
    /// The value.
    public var value: String
    /// The variable `name` set to `value`.
    public init(_ name: String, _ value: String) {
      self.name = name
      self.value = value
    }
  }

  /// The invocation of `role` with `flags` and `env`.
  public init(role: String, flags: [String], env: [EnvPair]) {
    self.role = role
    self.flags = flags
    self.env = env
  }

  /// The invocation of `role` in `recipe`.
  ///
  /// - Parameter catalog: the engine's flag catalog for the pinned version, when known: it
  ///   decides whether a list value is one `nargs` flag (`--cuda-graph-bs 1 2 4`) or a repeated
  ///   flag, and how `false` is written (`--no-X` where the engine has it, else omitted).
  ///   Without a catalog a list is one flag followed by its values (as SGLang and srt-slurm
  ///   take them) and `false` is omitted.
  public static func build(
    _ recipe: RecipeV2, role: RecipeV2.Role, catalog: FlagCatalog? = nil
  ) -> EngineInvocation {
    let resolved = recipe.resolved(role: role)
    let engine = recipe.engineName
    var flags: [String] = []
    for field in NamedField.allCases {
      guard let value = resolved.serving.text(field) else { continue }
      let mapping = NamedFieldFlags.flags(for: field, engine: engine)
      guard let canonical = mapping.canonical else { continue }
      switch mapping.form {
      case .value: flags += [canonical, value]
      case .switchWhenGreaterThanOne: if (Int(value) ?? 1) > 1 { flags.append(canonical) }
      case .unsupported: break
      }
    }
    for arg in resolved.args { flags += argv(arg, catalog: catalog) }
    let env = resolved.env.compactMap { e in e.value.map { EnvPair(e.name, $0) } }
    return EngineInvocation(role: role.rawValue, flags: flags, env: env)
  }

  /// Invocations of every role of the recipe's topology, in role order.
  public static func buildAll(_ recipe: RecipeV2, catalog: FlagCatalog? = nil) -> [EngineInvocation]
  {
    recipe.topology.roles.keys.sorted().map { build(recipe, role: $0, catalog: catalog) }
  }

  /// The command-line words of one arg (`flag` is stored without leading dashes; a short
  /// flag keeps its one dash).
  public static func argv(_ arg: RecipeV2.EngineArg, catalog: FlagCatalog? = nil) -> [String] {
    let flag = arg.flag.hasPrefix("-") ? arg.flag : "--" + arg.flag
    let spec = catalog?.resolve(flag)?.flag
    switch arg.value {
    case .null:
      return []
    case .bool(true):
      return [flag]
    case .bool(false):
      if let negation = spec?.negations.first { return [negation] }
      if let spec, spec.kind == .value { return [flag, "false"] }
      return []
    case .string(let s): return [flag, s]
    case .int(let i): return [flag, String(i)]
    case .float(let d): return [flag, text(d)]
    case .structured(let node): return [flag, node.jsonText]
    case .list(let items):
      let words = items.map(word)
      if let spec, !(spec.type.contains("list") || spec.type.contains("nargs")) {
        return words.flatMap { [flag, $0] }
      }
      return [flag] + words
    }
  }

  private static func word(_ v: RecipeV2.ArgValue) -> String {
    switch v {
    case .null: return ""
    case .bool(let b): return b ? "true" : "false"
    case .string(let s): return s
    case .int(let i): return String(i)
    case .float(let d): return text(d)
    case .structured(let n): return n.jsonText
    case .list(let items): return items.map(word).joined(separator: " ")
    }
  }

  private static func text(_ d: Double) -> String {
    if d.isInfinite { return d > 0 ? "inf" : "-inf" }
    return String(d)
  }
}
