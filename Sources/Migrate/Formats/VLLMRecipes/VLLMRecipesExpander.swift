internal import Engines
public import Schema

/// Expands a vllm-project/recipes model file into concrete v2 recipes, one per selection
/// (variant × compatible strategy × vLLM-Omni task × hardware); a file with no compatible
/// strategy gives one plain single-node server per variant (and task) and hardware.
///
/// A vLLM-Omni model file (``VLLMRecipesModelFile/isOmni``) gives vLLM recipes with the
/// `vllm-omni` plugin (``EnginePlugin/vllmOmni``): `--omni` first (the recipes site adds it to
/// the command itself), one recipe per entry of `omni.tasks` with the task's `extra_args` and
/// `model_id`; the plugin's release is pinned like vLLM's (below) and vLLM's is the release of
/// the same major.minor; the install command of `dependencies` goes with the plugin; the task
/// chosen, the `omni` block and `dependencies` stay in `launcher.vllm_recipes` as written.
///
/// The hardware choices of a variant and strategy are: none (the plain recipe), then every key
/// of the file's `hardware_overrides`, of the variant's `hardware_overrides` and of the
/// strategy override's `hardware_overrides`, in that order. A recipe's engine args are these
/// layers of words, a later flag replacing the same flag of an earlier layer
/// (``VLLMRecipesLayers``):
///
/// 1. the strategy's `parallel_flag` with the size the variant's or the strategy override's `tp`
///    gives (a number, or a map by hardware), when one does;
/// 2. `--omni` for a vLLM-Omni model; 3. `model.base_args`; 4. the variant's `extra_args`;
///    5. the args of every feature not in `opt_in_features`; 6. the strategy's `vllm_args`;
///    7. the strategy override's `extra_args` and `vllm_args`; 8. the vLLM-Omni task's
///    `extra_args`; 9. the hardware override's `extra_args`: the file's, then the
///    variant's, then the strategy override's (for `--hardware h200`, every key that applies
///    to it — `nvidia`, `hopper`, `h200` — in file order, each with those three).
///
/// Env follows the same order (`base_env`, variant `extra_env`, features' `env`, strategy
/// `env`, override `env`/`extra_env`, hardware `extra_env`s). `pd_cluster` has prefill and
/// decode roles with their own `vllm_args` and `env` (strategy, then strategy override); their
/// ports go to `launcher.vllm_recipes.ports`. Features become v2 variants: an opt-in feature
/// `f` is a variant `f` adding its args, a feature on by default is a variant `no-f` that
/// removes them.
public enum VLLMRecipesExpander {
  /// Every selection of a model file that `filter` lets through, in file order.
  public static func selections(
    _ model: VLLMRecipesModelFile, filter: VLLMRecipesFilter,
    taxonomy: VLLMRecipesTaxonomy = VLLMRecipesTaxonomy()
  ) -> [VLLMRecipesSelection] {
    var out: [VLLMRecipesSelection] = []
    // `--task` names a task by its key, or every task of that id.
    let tasks: [String?] =
      model.omniTasks.isEmpty
      ? (filter.task == nil ? [nil] : [])
      : model.omniTasks.filter { t in filter.task.map { $0 == t.key || $0 == t.id } ?? true }
        .map(\.key)
    for (variant, vnode) in model.variants where filter.variant.map({ $0 == variant }) ?? true {
      let strategies: [String?] = model.strategies.isEmpty ? [nil] : model.strategies
      for strategy in strategies where filter.strategy.map({ $0 == strategy }) ?? true {
        let so = strategy.flatMap { model.root["strategy_overrides"]?[$0] }
        var keys: [String] = []
        for n in [model.root, vnode, so] {
          for k in n?["hardware_overrides"]?.keys ?? [] where !keys.contains(k) { keys.append(k) }
        }
        for task in tasks {
          if let h = filter.hardware {
            let applied = keys.filter { taxonomy.applies($0, to: h) }
            out.append(
              VLLMRecipesSelection(
                variant: variant, strategy: strategy, task: task, hardware: h, overrides: applied))
            continue
          }
          for h in [nil] + keys.map(Optional.some) {
            out.append(
              VLLMRecipesSelection(variant: variant, strategy: strategy, task: task, hardware: h))
          }
        }
      }
    }
    return out
  }

  /// Expands a model file.
  ///
  /// - Parameters:
  ///   - model: the model file.
  ///   - strategies: the strategies by name (a compatible strategy missing here is an error of
  ///     the recipes that use it).
  ///   - file: the model file's path, for provenance and diagnostics.
  ///   - filter: which selections to expand.
  /// - Returns: one conversion per selection; a filter that selects nothing gives an error.
  public static func expand(
    _ model: VLLMRecipesModelFile, strategies: [String: VLLMRecipesStrategy], file: String,
    filter: VLLMRecipesFilter = VLLMRecipesFilter(),
    taxonomy: VLLMRecipesTaxonomy = VLLMRecipesTaxonomy()
  ) -> [Conversion<RecipeV2>] {
    let chosen = selections(model, filter: filter, taxonomy: taxonomy)
    if chosen.isEmpty {
      let what = [
        filter.variant.map { "variant '\($0)'" }, filter.strategy.map { "strategy '\($0)'" },
        filter.task.map { "task '\($0)'" },
      ].compactMap { $0 }
      let hint =
        "variants: \(model.variants.map(\.name).joined(separator: ", ")); strategies: "
        + model.strategies.joined(separator: ", ")
        + (model.omniTasks.isEmpty
          ? "" : "; tasks: " + model.omniTasks.map(\.key).joined(separator: ", "))
      return [
        Conversion(
          value: nil,
          diagnostics: [
            Diagnostic(
              .error, code: "no-selection",
              "no \(what.joined(separator: " with ")) in this model file",
              at: SourceLocation(file: file, line: 1, column: 1), hint: hint)
          ])
      ]
    }
    return chosen.map { recipe(model, strategies: strategies, selection: $0, file: file) }
  }

  /// The path recorded in provenance: from `models/` on when the file is in a recipes
  /// checkout, else as ``SourcePath`` records it.
  static func sourcePath(_ file: String) -> String {
    let parts = file.split(separator: "/", omittingEmptySubsequences: false)
    if let i = parts.lastIndex(of: "models"), i + 1 < parts.count {
      return parts[i...].joined(separator: "/")
    }
    return SourcePath.recorded(file)
  }

  /// A name part: lower-case letters and digits, other runs of characters as one `-`.
  static func kebab(_ s: String) -> String {
    var out = ""
    for c in s.lowercased() {
      if c.isASCII && (c.isLetter || c.isNumber) {
        out.append(c)
      } else if !out.isEmpty && !out.hasSuffix("-") {
        out.append("-")
      }
    }
    while out.hasSuffix("-") { out.removeLast() }
    return out
  }

  /// The recipe name of a selection.
  public static func name(_ model: VLLMRecipesModelFile, _ s: VLLMRecipesSelection) -> String {
    var parts = [kebab(model.slug)]
    if s.variant != "default" { parts.append(kebab(s.variant)) }
    if let strategy = s.strategy { parts.append(kebab(strategy)) }
    if let task = s.task, model.omniTasks.count > 1 { parts.append(kebab(task)) }
    if let h = s.hardware { parts.append(kebab(h)) }
    return parts.joined(separator: "-")
  }

  /// A parallel size: a number, or a map by hardware.
  static func size(_ node: YAMLNode?, hardware: String?) -> Int? {
    guard let node else { return nil }
    if let text = node.scalar { return Int(text) }
    return hardware.flatMap { node[$0]?.scalar }.flatMap { Int($0) }
  }

  /// An image: a string, or a map by brand (`nvidia`, `amd`); the scalar node chosen.
  static func image(_ node: YAMLNode?, hardware: String?) -> YAMLNode? {
    guard let node, !node.isNull else { return nil }
    if node.scalar != nil { return node }
    let h = hardware?.lowercased() ?? ""
    let brand = h == "amd" || h.hasPrefix("mi") ? "amd" : "nvidia"
    return [node[brand], node.mapping?.first?.value].compactMap { $0 }.first { $0.scalar != nil }
  }

  /// The image reference a `docker_image` value names (``ImageReference/read(_:)``): the value,
  /// or the image of the pull command it holds (a note says so); a value it cannot read gives
  /// no image and a warning (the plan then uses the default image).
  static func imageReference(_ node: YAMLNode?, file: String, diagnostics: inout [Diagnostic])
    -> String?
  {
    guard let node, let text = node.scalar else { return nil }
    let at = SourceLocation(file: file, mark: node.start)
    guard let found = ImageReference.read(text) else {
      diagnostics.append(
        Diagnostic(
          .warning, code: "unreadable-image", "docker_image '\(text)' is not an image reference",
          at: at, path: "docker_image",
          hint: "write the image alone (vllm/vllm-openai:v0.20.2); the default image is used"))
      return nil
    }
    if let command = found.command {
      diagnostics.append(
        Diagnostic(
          .note, code: "image-from-command",
          "docker_image holds a command; its image \(found.reference) is used",
          at: at, path: "docker_image", hint: "write the image alone, not '\(command)'"))
    }
    return found.reference
  }

  // MARK: - One recipe

  /// The prefill and decode roles of a `pd_cluster` strategy: each side's args and env, then
  /// the strategy override's; the ports and router they name go to `tool`.
  static func disaggregatedRoles(
    _ strategy: VLLMRecipesStrategy, override so: YAMLNode?, tool: inout [YAMLPair]
  ) -> [RecipeV2.Role: RecipeV2.RoleConfig] {
    let words = VLLMRecipesModelFile.words
    var roles: [RecipeV2.Role: RecipeV2.RoleConfig] = [:]
    var ports: [YAMLPair] = []
    for (role, side, key) in [
      (RecipeV2.Role.prefill, strategy.prefill, "prefill"),
      (RecipeV2.Role.decode, strategy.decode, "decode"),
    ] {
      let r = VLLMRecipesLayers.words([side?.args ?? [], words(so?[key]?["vllm_args"])])
      let a = EngineArgv.read(r.words, engine: .vllm, extractNamedFields: true)
      for f in a.owned where f.flag == "--port" {
        if let v = f.value, let n = Int(v) { ports.append(YAMLPair(key, .int(n))) }
      }
      let e = VLLMRecipesLayers.env([side?.env, so?[key]?["env"]])
      let config = RecipeV2.RoleConfig(serving: a.serving, args: a.args, env: e)
      if !config.isEmpty { roles[role] = config }
    }
    if !ports.isEmpty { tool.append(YAMLPair("ports", .mapping(ports))) }
    if let router = strategy.router { tool.append(YAMLPair("router", router)) }
    return roles
  }

  /// `launcher.vllm_recipes` of one recipe: the model file, variant, strategy, hardware, the
  /// overrides applied (when they are not just the hardware's), the vLLM-Omni task, the
  /// `min_vllm_version` floor and the file's `meta`, `omni` and `dependencies` as written.
  static func origin(_ s: VLLMRecipesSelection, root: YAMLNode, floor: String?, file: String)
    -> [YAMLPair]
  {
    var tool: [YAMLPair] = [
      YAMLPair("model_file", .string(sourcePath(file))),
      YAMLPair("variant", .string(s.variant)),
    ]
    if let strategy = s.strategy { tool.append(YAMLPair("strategy", .string(strategy))) }
    if let h = s.hardware { tool.append(YAMLPair("hardware", .string(h))) }
    if s.overrides != (s.hardware.map { [$0] } ?? []) {
      tool.append(YAMLPair("overrides", .sequence(s.overrides.map { .string($0) }, style: .flow)))
    }
    if let task = s.task { tool.append(YAMLPair("omni_task", .string(task))) }
    if let floor { tool.append(YAMLPair("min_vllm_version", .string(floor))) }
    for key in ["meta", "omni", "dependencies"] {
      if let node = root[key] { tool.append(YAMLPair(key, node)) }
    }
    return tool
  }

  /// One concrete recipe of a model file: the selection's variant, strategy and hardware
  /// overrides layered in order, with its provenance.
  static func recipe(
    _ model: VLLMRecipesModelFile, strategies: [String: VLLMRecipesStrategy],
    selection s: VLLMRecipesSelection, file: String
  ) -> Conversion<RecipeV2> {
    let root = model.root
    let vnode = model.variants.first { $0.name == s.variant }?.node ?? .mapping([])
    let plain = VLLMRecipesStrategy(
      name: "", deployType: "single_node", args: [], parallelFlag: nil, multiNode: false)
    guard let strategy = s.strategy.map({ strategies[$0] }) ?? plain else {
      return Conversion(
        value: nil,
        diagnostics: [
          Diagnostic(
            .error, code: "unknown-strategy",
            "strategy '\(s.strategy ?? "")' is not in the strategies folder",
            at: SourceLocation(file: file, line: 1, column: 1), path: "compatible_strategies",
            hint: "pass --strategies DIR (the recipes repository's strategies/ folder); known: "
              + strategies.keys.sorted().joined(separator: ", "))
        ])
    }
    let so = s.strategy.flatMap { root["strategy_overrides"]?[$0] }
    // Per key in order: the file's, the variant's, the strategy override's.
    let hw: [YAMLNode?] = s.overrides.flatMap { h in
      [root, vnode, so].map { $0?["hardware_overrides"]?[h] }
    }
    let words = VLLMRecipesModelFile.words
    let onFeatures = model.features.filter { !$0.optIn }
    let task = s.task.flatMap { key in model.omniTasks.first { $0.key == key } }

    var layers: [[String]] = []
    if let flag = strategy.parallelFlag,
      let n = size(vnode["tp"], hardware: s.hardware) ?? size(so?["tp"], hardware: s.hardware)
    {
      layers.append([flag, String(n)])
    }
    if model.isOmni, let flag = EnginePlugin.vllmOmni.switchFlag { layers.append([flag]) }
    layers.append(words(root["model"]?["base_args"]))
    layers.append(words(vnode["extra_args"]))
    layers += onFeatures.map(\.args)
    layers.append(strategy.args)
    layers.append(words(so?["extra_args"]) + words(so?["vllm_args"]))
    layers.append(task?.args ?? [])
    layers += hw.map { words($0?["extra_args"]) }
    let common = VLLMRecipesLayers.words(layers)

    var envLayers: [YAMLNode?] = [root["model"]?["base_env"], vnode["extra_env"]]
    envLayers += model.features.filter { !$0.optIn }.map { f in
      .mapping(f.env.map { YAMLPair($0.0, .string($0.1)) })
    }
    envLayers += [strategy.env, so?["env"], so?["extra_env"]]
    envLayers += hw.map { $0?["extra_env"] }
    let env = VLLMRecipesLayers.env(envLayers)

    var diagnostics: [Diagnostic] = []
    let at = SourceLocation(file: file, line: 1, column: 1)
    let argv = EngineArgv.read(common.words, engine: .vllm, extractNamedFields: true)
    let floor = vnode["min_vllm_version"]?.scalar ?? root["model"]?["min_vllm_version"]?.scalar
    var tool = Self.origin(s, root: root, floor: floor, file: file)
    let loose = common.positionals + argv.positionals
    if !argv.owned.isEmpty || !loose.isEmpty {
      let kept = argv.owned.flatMap { f in f.value.map { [f.flag, $0] } ?? [f.flag] } + loose
      tool.append(YAMLPair("launcher_args", .sequence(kept.map { .string($0) }, style: .flow)))
      diagnostics.append(
        Diagnostic(
          .warning, code: "launcher-owned-flag",
          "\(s): \(kept.joined(separator: " ")) is the launcher's; kept in launcher.vllm_recipes",
          at: at))
    }

    var roles: [RecipeV2.Role: RecipeV2.RoleConfig] = [:]
    let topology: RecipeV2.Topology
    if strategy.disaggregated {
      roles = disaggregatedRoles(strategy, override: so, tool: &tool)
      let one = RecipeV2.RolePlacement(nodes: 1, workers: 1)
      topology = .disaggregated(prefill: one, decode: one)
    } else {
      topology = .aggregated(RecipeV2.RolePlacement(nodes: strategy.multiNode ? 2 : 1, workers: 1))
    }

    let hwImage = hw.compactMap { image($0?["docker_image"], hardware: s.hardware) }.last
    let chosenImage = imageReference(
      hwImage ?? image(vnode["docker_image"], hardware: s.hardware)
        ?? image(root["model"]?["docker_image"], hardware: s.hardware),
      file: file, diagnostics: &diagnostics)
    let flags = (argv.args + roles.values.flatMap(\.args)).map(\.flag)
    let engine =
      model.isOmni
      ? omniEngine(model, floor: floor, image: chosenImage, flags: flags)
      : RecipeV2.Engine(
        name: .vllm, version: pinned(floor: floor, image: chosenImage, flags: flags),
        image: chosenImage)
    let gpus = s.hardware.flatMap { GPUsPerNode.standard.count(for: $0) }
    let resources = gpus.map { RecipeV2.Resources(gpuType: s.hardware, gpusPerNode: $0) }
    let description =
      [vnode["description"]?.scalar, strategy.displayName, task?.label].compactMap { $0 }
      .joined(separator: "; ")
    let recipe = RecipeV2(
      name: name(model, s), description: description.isEmpty ? nil : description,
      model: RecipeV2.Model(
        path: task?.modelID ?? vnode["model_id"]?.scalar ?? model.modelID,
        precision: vnode["precision"]?.scalar),
      engine: engine, resources: resources, topology: topology, serving: argv.serving,
      args: argv.args, env: env, roles: roles,
      launcher: RecipeV2.Launcher(tools: [.vllmRecipes: .mapping(tool)]),
      variants: featureVariants(model),
      provenance: RecipeV2.Provenance(
        sourceFormat: RecipeFormat.vllmRecipes.rawValue, sourcePath: sourcePath(file),
        roundtrip: argv.spellings.isEmpty
          ? nil : RecipeV2.Roundtrip(flagSpellings: argv.spellings)))
    return Conversion(value: recipe, diagnostics: diagnostics)
  }

  /// The exact version a recipe pins. A model file gives a floor (`min_vllm_version`: works
  /// from this release on) and mostly a moving image (`nightly`, `latest`) or none, while v2's
  /// `engine.version` is exact: the version the image tag names, else the newest catalogued
  /// release at or above the floor that accepts every flag of the recipe
  /// (``FlagCatalogStore/newestRelease(of:atLeast:accepting:)``), else the floor. The floor
  /// itself is kept in `launcher.vllm_recipes.min_vllm_version`.
  static func pinned(floor: String?, image: String?, flags: [String]) -> String? {
    if let tagged = ForeignCatalogs.version(ofImage: image) { return tagged }
    guard let floor, let least = EngineVersion(floor),
      let newest = ForeignCatalogs.store?.newestRelease(
        of: .vllm, atLeast: least, accepting: flags.map { $0.hasPrefix("-") ? $0 : "--" + $0 })
    else { return floor }
    return newest.original
  }

  /// The engine of a vLLM-Omni recipe: vLLM with the `vllm-omni` plugin. The plugin's release
  /// is the newest catalogued one at or above the floor whose flags (with its vLLM's) take
  /// every flag of the recipe (``FlagCatalogStore/newestRelease(of:atLeast:accepting:)``),
  /// vLLM's the release of the same major.minor; the plugin's install command is the one of
  /// `dependencies` that names vllm-omni, as written.
  static func omniEngine(
    _ model: VLLMRecipesModelFile, floor: String?, image: String?, flags: [String]
  ) -> RecipeV2.Engine {
    let spellings = flags.map { $0.hasPrefix("-") ? $0 : "--" + $0 }
    let store = ForeignCatalogs.store
    let plugin = floor.flatMap(EngineVersion.init).flatMap {
      store?.newestRelease(of: .vllmOmni, atLeast: $0, accepting: spellings)
    }
    let vllm = plugin.flatMap { store?.engineRelease(for: .vllmOmni, version: $0) }
    let install = (model.root["dependencies"]?.sequence ?? []).compactMap { $0["command"]?.scalar }
      .first { $0.contains(EnginePlugin.vllmOmni.package) }
    return RecipeV2.Engine(
      name: .vllm, version: ForeignCatalogs.version(ofImage: image) ?? vllm?.original ?? floor,
      image: image,
      plugins: [
        RecipeV2.Plugin(name: .vllmOmni, version: plugin?.original, install: install)
      ])
  }

  /// The features as v2 variants: `f` adds an opt-in feature, `no-f` removes one that is on.
  static func featureVariants(_ model: VLLMRecipesModelFile) -> [RecipeV2.Variant] {
    model.features.compactMap { f in
      let a = EngineArgv.read(f.args, engine: .vllm, extractNamedFields: false)
      var pairs: [YAMLPair] = []
      let args: [YAMLPair] = a.args.map { arg in
        YAMLPair(arg.flag, f.optIn ? node(arg.value) : .null)
      }
      if !args.isEmpty { pairs.append(YAMLPair("args", .mapping(args))) }
      let env = f.env.map { YAMLPair($0.0, f.optIn ? .string($0.1) : .null) }
      if !env.isEmpty { pairs.append(YAMLPair("env", .mapping(env))) }
      guard !pairs.isEmpty else { return nil }
      let name = (f.optIn ? "" : "no-") + kebab(f.name)
      return RecipeV2.Variant(name: name, override: .mapping(pairs))
    }
  }

  /// The YAML of an arg value read from words.
  static func node(_ v: RecipeV2.ArgValue) -> YAMLNode {
    switch v {
    case .string(let s): return .string(s)
    case .int(let i): return .int(i)
    case .float(let d): return .float(d)
    case .bool(let b): return .bool(b)
    case .null: return .null
    case .list(let items): return .sequence(items.map(node), style: .flow)
    case .structured(let n): return n
    }
  }
}
