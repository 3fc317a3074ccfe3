internal import Engines
public import Schema

/// Writes one v2 recipe as a vllm-project/recipes model file: `meta` (kept from import, else
/// the recipe's name), `model` (id, minimum vLLM version, image, `base_args`, `base_env`), the
/// recipe's feature variants as `features` (`no-f` variants: features on by default, their
/// args taken out of `base_args`; other variants: opt-in features), one `default` variant with
/// the precision, the strategy it came from (`pd_cluster` role args and env as its override).
/// A recipe with the vLLM-Omni plugin gets its `omni` block back with the one task it was
/// made for (that task's args and `--omni`, which the site adds, out of `base_args`), and
/// `dependencies` as imported (else the plugin's install command).
///
/// What a model file cannot hold is a loss: the benchmark, resources, role overrides of an
/// aggregated recipe, placements other than one node per role, and launcher settings.
public enum VLLMRecipesExporter {
  /// The model file of `recipe`.
  public static func export(_ recipe: RecipeV2) -> Conversion<[YAMLDocument]> {
    var losses: [LossEntry] = []
    let tool = recipe.launcher?.tools[.vllmRecipes]
    let meta =
      tool?["meta"]
      ?? .mapping([YAMLPair("title", .string(recipe.name)), YAMLPair("slug", .string(recipe.name))])

    let baseArgs = recipe.args
    let (features, optIn, featureArgs) = Self.features(recipe, losses: &losses)
    var removed = featureArgs
    let omni = Self.omni(recipe, tool: tool, removed: &removed)

    // Base args: named fields, then args not owned by a feature.
    var base: [String] = []
    for field in NamedField.allCases {
      guard let value = recipe.serving.text(field),
        let flag = NamedFieldFlags.flags(for: field, engine: .vllm).canonical
      else { continue }
      base += [flag, value]
    }
    for a in baseArgs where !removed.contains(a.flag) { base += EngineInvocation.argv(a) }

    var model: [YAMLPair] = [YAMLPair("model_id", .string(recipe.model.path))]
    if let v = tool?["min_vllm_version"]?.scalar ?? recipe.engine.version {
      model.append(YAMLPair("min_vllm_version", .string(v)))
    }
    if let i = recipe.engine.image { model.append(YAMLPair("docker_image", .string(i))) }
    model.append(YAMLPair("base_args", .sequence(base.map { .string($0) })))
    model.append(
      YAMLPair(
        "base_env",
        .mapping(recipe.env.compactMap { e in e.value.map { YAMLPair(e.name, .string($0)) } })))

    let disaggregated = recipe.topologyMode == .disaggregated
    let strategy =
      tool?["strategy"]?.scalar ?? (disaggregated ? "pd_cluster" : "single_node_tp")
    var strategyOverrides: [YAMLPair] = []
    if disaggregated {
      var sides: [YAMLPair] = []
      for role in [RecipeV2.Role.prefill, .decode] {
        guard let c = recipe.roles[role], !c.isEmpty else { continue }
        var words: [String] = []
        for field in NamedField.allCases {
          guard let value = c.serving.text(field),
            let flag = NamedFieldFlags.flags(for: field, engine: .vllm).canonical
          else { continue }
          words += [flag, value]
        }
        for a in c.args { words += EngineInvocation.argv(a) }
        var side: [YAMLPair] = [YAMLPair("vllm_args", .sequence(words.map { .string($0) }))]
        let env = c.env.compactMap { e in e.value.map { YAMLPair(e.name, .string($0)) } }
        if !env.isEmpty { side.append(YAMLPair("env", .mapping(env))) }
        sides.append(YAMLPair(role.rawValue, .mapping(side)))
      }
      if !sides.isEmpty { strategyOverrides.append(YAMLPair(strategy, .mapping(sides))) }
    } else if let c = recipe.roles[.aggregated], !c.isEmpty {
      losses.append(
        LossEntry(
          path: "roles.aggregated", value: "role overrides",
          reason: "a model file has no per-role args outside pd_cluster"))
    }
    for (role, p) in recipe.topology.roles where p.nodes != 1 || p.workers != 1 {
      let multi = !disaggregated && strategy.hasPrefix("multi_node")
      if !(multi && p.workers == 1) {
        losses.append(
          LossEntry(
            path: KeyPath("topology") / role.rawValue,
            value: "\(p.nodes) nodes, \(p.workers) workers",
            reason: "a strategy sets the placement; the model file cannot"))
      }
    }
    if let b = recipe.benchmark {
      losses.append(
        LossEntry(path: "benchmark", value: b.tool, reason: "a model file has no benchmark"))
    }
    if let r = recipe.resources, r.gpuType != nil, r.gpuType != tool?["hardware"]?.scalar {
      losses.append(
        LossEntry(
          path: "resources.gpu_type", value: r.gpuType ?? "",
          reason: "a model file names hardware only through its overrides"))
    }
    if let l = recipe.launcher, l.port != nil || l.host != nil || l.command != nil {
      losses.append(
        LossEntry(
          path: "launcher", value: "port/host/command", reason: "a model file has no launcher"))
    }

    var variant: [YAMLPair] = []
    if let p = recipe.model.precision { variant.append(YAMLPair("precision", .string(p))) }
    if let d = recipe.description { variant.append(YAMLPair("description", .string(d))) }
    var root: [YAMLPair] = [YAMLPair("meta", meta), YAMLPair("model", .mapping(model))]
    if !features.isEmpty { root.append(YAMLPair("features", .mapping(features))) }
    if !optIn.isEmpty { root.append(YAMLPair("opt_in_features", .sequence(optIn))) }
    root.append(YAMLPair("variants", .mapping([YAMLPair("default", .mapping(variant))])))
    root.append(YAMLPair("compatible_strategies", .sequence([.string(strategy)])))
    root.append(YAMLPair("hardware_overrides", .mapping([])))
    root.append(YAMLPair("strategy_overrides", .mapping(strategyOverrides)))
    root += omni
    if let p = recipe.engine.plugins.first, p.version != nil {
      losses.append(
        LossEntry(
          path: "engine.plugins", value: "\(p.name) \(p.version ?? "")",
          reason: "a model file names no plugin release; min_vllm_version is the floor"))
    }
    return Conversion(value: [YAMLDocument(root: .mapping(root))], losses: losses)
  }

  /// The `omni` block and `dependencies` of a recipe with the vLLM-Omni plugin (none without
  /// it, but `dependencies` as imported): the block as imported with only the recipe's task,
  /// whose args (the same flag and value) and `--omni` leave `base_args` (`removed`).
  static func omni(_ recipe: RecipeV2, tool: YAMLNode?, removed: inout Set<String>)
    -> [YAMLPair]
  {
    var out: [YAMLPair] = []
    let plugin = recipe.engine.plugin(.vllmOmni)
    if plugin != nil {
      var block = tool?["omni"]?.mapping ?? []
      let key = tool?["omni_task"]?.scalar
      if let task = VLLMRecipesOmniTask.read(tool?["omni"]).first(where: { $0.key == key }) {
        let taskArgs = EngineArgv.read(task.args, engine: .vllm, extractNamedFields: false).args
        for a in taskArgs where recipe.args.contains(a) { removed.insert(a.flag) }
        if let i = block.firstIndex(where: { $0.key.scalar == "tasks" }) {
          block[i] = YAMLPair("tasks", .sequence([task.node]))
        }
      }
      if let flag = EnginePlugin.vllmOmni.switchFlag, recipe.args.contains(where: {
        $0.flag == String(flag.dropFirst(2)) && $0.value == .bool(true)
      }) {
        removed.insert(String(flag.dropFirst(2)))
      }
      out.append(YAMLPair("omni", .mapping(block)))
    }
    if let deps = tool?["dependencies"] {
      out.append(YAMLPair("dependencies", deps))
    } else if let install = plugin?.install {
      out.append(
        YAMLPair("dependencies", .sequence([.mapping([YAMLPair("command", .string(install))])])))
    }
    return out
  }
}

extension String {
  /// `tool-calling` → `tool_calling` (feature keys use underscores).
  fileprivate func replacingDashes() -> String {
    String(map { $0 == "-" ? "_" : $0 })
  }
}

extension VLLMRecipesExporter {
  /// The recipe's variants as model-file features: each `no-f` variant (args switched off)
  /// is feature `f`, on by default, whose base args it removes; the others are opt-in.
  /// - Returns: the `features` entries, the opt-in names, and the flags base args leave out.
  static func features(_ recipe: RecipeV2, losses: inout [LossEntry]) -> (
    features: [YAMLPair], optIn: [YAMLNode], removed: Set<String>
  ) {
    let baseArgs = recipe.args
    var removed: Set<String> = []
    var features: [YAMLPair] = []
    var optIn: [YAMLNode] = []
    for v in recipe.variants {
      let args = v.override["args"]?.mapping ?? []
      let env = v.override["env"]?.mapping ?? []
      let others = (v.override.mapping ?? []).filter { !["args", "env"].contains($0.key.scalar) }
      if !others.isEmpty {
        losses.append(
          LossEntry(
            path: KeyPath("variants") / v.name,
            value: others.compactMap(\.key.scalar).joined(
              separator: ", "), reason: "a model file's features hold only args and env"))
      }
      let off = v.name.hasPrefix("no-") && args.allSatisfy { $0.value.isNull }
      let name = (off ? String(v.name.dropFirst(3)) : v.name).replacingDashes()
      var words: [String] = []
      for pair in args {
        guard let flag = pair.key.scalar else { continue }
        if off {
          removed.insert(flag)
          if let a = baseArgs.first(where: { $0.flag == flag }) {
            words += EngineInvocation.argv(a)
          }
        } else {
          words += EngineInvocation.argv(
            RecipeV2.EngineArg(flag, ForeignValues.argValue(node: pair.value)))
        }
      }
      var f: [YAMLPair] = [YAMLPair("args", .sequence(words.map { .string($0) }))]
      let envPairs = env.filter { !$0.value.isNull }
      if !envPairs.isEmpty { f.append(YAMLPair("env", .mapping(envPairs))) }
      features.append(YAMLPair(name, .mapping(f)))
      if !off { optIn.append(.string(name)) }
    }
    return (features, optIn, removed)
  }
}
