internal import Engines
public import Schema

extension SparkTemplateConverter {
  /// One thing v2 wants on the command line.
  struct Wanted {
    var slot: SparkTemplateSlot
    var spelling: String
    var value: RecipeV2.ArgValue
    var words: [String]
    var used = false
  }

  // MARK: - Export

  /// The settings a spark recipe writes once for every node: the aggregated role's (with its
  /// overrides), or a disaggregated recipe's common ones (its roles are reported as losses).
  typealias CommonSettings = (
    serving: RecipeV2.Serving, args: [RecipeV2.EngineArg], env: [RecipeV2.EnvVar]
  )

  /// Writes a v2 recipe as a recipe of this flavor.
  public func fromV2(_ recipe: RecipeV2) -> Conversion<[YAMLDocument]> {
    var losses = ForeignLosses()
    var diagnostics: [Diagnostic] = []
    losses.checkCommon(recipe, format: formatID)
    losses.checkNoBenchmark(recipe, format: formatID)
    losses.checkOtherTools(recipe, keep: tool, format: formatID)
    let engine = recipe.engine.name
    let launcher = recipe.launcher ?? RecipeV2.Launcher()
    let toolBlock = launcher.tools[tool] ?? .mapping([])
    // A disaggregated recipe: the common settings (roles are reported as losses).
    let resolved = recipe.resolved(
      role: recipe.topology.mode == .aggregated ? .aggregated : .prefill)
    let common: CommonSettings = (
      serving: recipe.topology.mode == .aggregated ? resolved.serving : recipe.serving,
      args: recipe.topology.mode == .aggregated
        ? resolved.args : recipe.args.filter { $0.value != .null },
      env: recipe.topology.mode == .aggregated
        ? resolved.env : recipe.env.filter { $0.value != nil }
    )
    let catalog = ForeignCatalogs.catalog(engine: engine, version: recipe.engine.version)

    let minNodes = exportNodes(recipe, launcher: launcher, common: common, losses: &losses)
    let wanted = wantedOnCommandLine(
      recipe, launcher: launcher, common: common, catalog: catalog, losses: &losses)

    // Parameters: what the template is rendered with.
    var params = launcher.parameters ?? .mapping([])
    let original = recipe.provenance?.roundtrip?.extra?["defaults"]
    let modelKey = toolBlock["model"]?.scalar ?? recipe.model.path
    let command = exportCommand(
      recipe, launcher: launcher, catalog: catalog, wanted: wanted, params: &params,
      original: original, modelKey: modelKey, losses: &losses, diagnostics: &diagnostics)
    let doc = exportDocument(
      recipe, launcher: launcher, toolBlock: toolBlock, common: common, modelKey: modelKey,
      minNodes: minNodes, params: params, command: command, losses: &losses,
      diagnostics: &diagnostics)
    return Conversion(value: [doc], diagnostics: diagnostics, losses: losses.entries)
  }

  // MARK: - Resources and topology

  /// Reports the resources and the aggregated placement spark cannot hold.
  /// - Returns: the `min_nodes` to write (sparkrun raises it to the recipe's node count).
  func exportNodes(
    _ recipe: RecipeV2, launcher: RecipeV2.Launcher, common: CommonSettings,
    losses: inout ForeignLosses
  ) -> Int? {
    if let g = recipe.resources?.gpuType, g.lowercased() != "gb10" {
      losses.add("resources.gpu_type", g, "\(formatID) recipes run on DGX Spark (gb10)")
    }
    if let n = recipe.resources?.gpusPerNode, n != 1 {
      losses.add("resources.gpus_per_node", String(n), "a DGX Spark node has one GPU")
    }
    var minNodes = launcher.minNodes
    if let p = recipe.topology.roles[.aggregated] {
      var implied = Self.impliedNodes(
        serving: common.serving, clusterOnly: launcher.clusterOnly,
        soloOnly: launcher.soloOnly, minNodes: minNodes)
      if implied != p.nodes, flavor == .sparkrun, p.nodes > implied {
        minNodes = p.nodes
        implied = p.nodes
      }
      if implied != p.nodes {
        losses.add(
          "topology.aggregated.nodes", String(p.nodes),
          "\(formatID) derives the node count from tensor × pipeline parallel (one GPU per node), which gives \(implied)"
        )
      }
      if p.workers != 1 {
        losses.add("topology.aggregated.workers", String(p.workers), "\(formatID) runs one server")
      }
      if let g = p.gpusPerWorker, g != p.nodes {
        losses.add(
          "topology.aggregated.gpus_per_worker", String(g),
          "one server spans every node, one GPU each")
      }
    }
    return minNodes
  }

  // MARK: - What v2 wants on the command line

  /// The flags v2 wants on the engine's command line: named serving fields (in the source's
  /// spellings), args, host, port, served name and model.
  func wantedOnCommandLine(
    _ recipe: RecipeV2, launcher: RecipeV2.Launcher, common: CommonSettings,
    catalog: FlagCatalog?, losses: inout ForeignLosses
  ) -> [Wanted] {
    let engine = recipe.engine.name
    var wanted: [Wanted] = []
    func want(
      _ slot: SparkTemplateSlot, _ spelling: String, _ value: RecipeV2.ArgValue, _ words: [String]
    ) {
      wanted.append(Wanted(slot: slot, spelling: spelling, value: value, words: words))
    }
    let spellings = recipe.provenance?.roundtrip?.flagSpellings ?? []
    for field in NamedField.allCases {
      guard let v = common.serving.value(field) else { continue }
      let m = NamedFieldFlags.flags(for: field, engine: engine)
      switch m.form {
      case .value:
        let given = spellings.first { $0.field == field }.map {
          $0.flag.hasPrefix("-") ? $0.flag : "--" + $0.flag
        }
        want(.field(field), given ?? m.canonical ?? "", v, ForeignValues.words(v))
      case .switchWhenGreaterThanOne:
        let size = common.serving.expertParallelSize ?? 1
        let tpdp = (common.serving.tensorParallelSize ?? 1) * (common.serving.dataParallelSize ?? 1)
        if size > 1 {
          want(
            .arg(NamedFieldFlags.normalize(m.canonical ?? "")), m.canonical ?? "", .bool(true), [])
          if size != tpdp {
            losses.add(
              KeyPath("serving") / field.key, String(size),
              "\(engine) derives the expert parallel size as TP × DP (\(tpdp))")
          }
        }
      case .unsupported:
        losses.add(
          KeyPath("serving") / field.key, text(v), "\(engine) has no flag for \(field.key)")
      }
    }
    for arg in common.args {
      let argv = EngineInvocation.argv(arg, catalog: catalog)
      guard let spelling = argv.first else { continue }
      let slot = SparkTemplateSlot.arg(NamedFieldFlags.normalize(arg.flag))
      want(slot, spelling, arg.value, Array(argv.dropFirst()))
    }
    if let h = launcher.host { want(.host, "--host", .string(h), [h]) }
    if let p = launcher.port { want(.port, "--port", .int(p), [String(p)]) }
    if let s = recipe.model.servedName { want(.servedName, "--served-model-name", .string(s), [s]) }
    want(.model, "--model", .string(recipe.model.path), [recipe.model.path])
    return wanted
  }

  // MARK: - The command

  /// The command template: the stored one with v2's values written into it when it is one
  /// engine invocation (kept as it is otherwise, its flags reported as losses), or a new one.
  func exportCommand(
    _ recipe: RecipeV2, launcher: RecipeV2.Launcher, catalog: FlagCatalog?,
    wanted: [Wanted], params: inout YAMLNode, original: YAMLNode?, modelKey: String,
    losses: inout ForeignLosses, diagnostics: inout [Diagnostic]
  ) -> String {
    let engine = recipe.engine.name
    var wanted = wanted
    func paramDict(_ node: YAMLNode?) -> [String: YAMLNode] {
      var d: [String: YAMLNode] = [:]
      for p in node?.mapping ?? [] { if let k = p.key.scalar { d[k] = p.value } }
      if d["model"] == nil { d["model"] = .string(modelKey) }
      return d
    }
    var command: String
    if let stored = launcher.command {
      let current = paramDict(params)
      let parsed = try? CommandTemplate.parse(stored, parameters: current) { _ in catalog }
      if let t = parsed, t.engine == engine {
        let origParams = original.map(paramDict)
        let origTemplate = origParams.flatMap {
          try? CommandTemplate.parse(stored, parameters: $0) { _ in catalog }
        }
        var head = t.program.map(\.raw)
        if let m = t.model {
          head += renderValue(
            m, wanted: .string(recipe.model.path), original: nil, params: &params,
            diagnostics: &diagnostics)
        }
        var lines: [[String]] = []
        for (index, flag) in t.flags.enumerated() {
          if flag.spelling.isEmpty {
            lines.append(flag.value.words.map(\.raw))
            continue
          }
          let slot = SparkTemplateSlot.of(flag.spelling, value: flag.value.value, engine: engine)
          guard let w = wanted.firstIndex(where: { !$0.used && $0.slot == slot }) else {
            // A repeat of a flag already written keeps its words when v2 still has that value.
            if let w = wanted.firstIndex(where: { $0.slot == slot }),
              ForeignValues.same(wanted[w].value, flag.value.value)
            {
              lines.append(flagWords(flag, flag.value.words.map(\.raw)))
            }
            continue
          }
          wanted[w].used = true
          if slot == .model {
            lines.append(
              flagWords(
                flag,
                renderValue(
                  flag.value, wanted: .string(recipe.model.path),
                  original: origTemplate?.flags[safe: index]?.value, params: &params,
                  diagnostics: &diagnostics)))
            continue
          }
          let want = wanted[w]
          let rendered = renderValue(
            flag.value, wanted: want.value, original: origTemplate?.flags[safe: index]?.value,
            params: &params, diagnostics: &diagnostics)
          if case .bool(false) = want.value {
            lines.append([want.spelling] + want.words.map(CommandTemplate.literal))
          } else {
            lines.append(flagWords(flag, rendered))
          }
        }
        if t.model == nil
          && !t.flags.contains(where: {
            SparkTemplateSlot.of($0.spelling, value: $0.value.value, engine: engine) == .model
          })
        {
          let start = EngineServerCommand(engine: engine)
          let modelWords = start.modelWords(modelPlaceholder(recipe.model.path))
          if start.modelFlag == nil { head += modelWords } else { lines.insert(modelWords, at: 0) }
        }
        for w in wanted where !w.used && w.slot != .model {
          lines.append(newFlag(w, params: &params))
        }
        command = CommandTemplate.render(head: head, lines: lines)
      } else {
        command = stored
        for w in wanted where w.slot != .host && w.slot != .port && w.slot != .model {
          losses.add(
            KeyPath(parsing: w.slot.v2Path), ([w.spelling] + w.words).joined(separator: " "),
            "the command template is not one engine invocation, so the flag cannot be written into it"
          )
        }
      }
    } else {
      let start = EngineServerCommand(engine: engine)
      let modelWords = start.modelWords(modelPlaceholder(recipe.model.path))
      // The model on the program's line when it is positional, else on a line of its own.
      var head = start.program
      var lines: [[String]] = []
      if start.modelFlag == nil { head += modelWords } else { lines.append(modelWords) }
      for w in wanted where w.slot != .model { lines.append(newFlag(w, params: &params)) }
      command = CommandTemplate.render(head: head, lines: lines)
    }
    return command
  }

  // MARK: - The document

  /// The spark document: the tool block's keys with v2's values, in the source's key order
  /// (canonical order for new keys).
  func exportDocument(
    _ recipe: RecipeV2, launcher: RecipeV2.Launcher, toolBlock: YAMLNode,
    common: CommonSettings, modelKey: String, minNodes: Int?, params: YAMLNode, command: String,
    losses: inout ForeignLosses, diagnostics: inout [Diagnostic]
  ) -> YAMLDocument {
    let engine = recipe.engine.name
    var values: [String: YAMLNode] = [:]
    for p in toolBlock.mapping ?? [] { if let k = p.key.scalar { values[k] = p.value } }
    values["recipe_version"] = values["recipe_version"] ?? .string(flavor == .spark ? "1" : "2")
    if flavor == .spark { values["name"] = values["name"] ?? .string(recipe.name) }
    values["model"] = .string(modelKey)
    if flavor == .sparkrun {
      let rt = values["runtime"]?.scalar.flatMap { EngineName(name: $0) }
      if rt != engine { values["runtime"] = .string(engine.rawValue) }
    } else if engine != .vllm {
      diagnostics.append(
        Diagnostic(
          .warning, code: "engine",
          "spark-vllm-docker images run vLLM; the \(engine) command needs a container that has it"))
    }
    if let d = recipe.description {
      let order = recipe.provenance?.roundtrip?.keyOrder ?? []
      if flavor == .spark || order.contains("description")
        || values["metadata"] == nil && flavor == .spark
      {
        values["description"] = .string(d)
      } else {
        var meta = values["metadata"] ?? .mapping([])
        if meta["description"]?.scalar != d { meta.set("description", .string(d)) }
        values["metadata"] = meta
      }
    }
    if let image = recipe.engine.image {
      values["container"] = .string(image)
      if let v = recipe.engine.version, ForeignCatalogs.version(ofImage: image) != v {
        losses.add(
          "engine.version", v,
          "\(formatID) takes the engine version from the container tag, and '\(image)' does not name \(v)"
        )
      }
    } else {
      diagnostics.append(
        Diagnostic(
          .warning, code: "missing-container",
          "the recipe has no engine.image; \(formatID) needs a container"))
      if let v = recipe.engine.version {
        losses.add(
          "engine.version", v,
          "\(formatID) takes the engine version from the container tag, and there is no container")
      }
    }
    if let v = launcher.clusterOnly { values["cluster_only"] = .bool(v) }
    if let v = launcher.soloOnly { values["solo_only"] = .bool(v) }
    if flavor == .sparkrun {
      if let v = minNodes { values["min_nodes"] = .int(v) }
      if let v = launcher.maxNodes { values["max_nodes"] = .int(v) }
    } else {
      if let v = launcher.minNodes {
        losses.add("launcher.min_nodes", String(v), "spark has no min_nodes")
      }
      if let v = launcher.maxNodes {
        losses.add("launcher.max_nodes", String(v), "spark has no max_nodes")
      }
    }
    if let v = recipe.model.revision, flavor == .sparkrun { values["model_revision"] = .string(v) }
    if !launcher.buildArgs.isEmpty {
      values["build_args"] = .sequence(launcher.buildArgs.map { .string($0) })
    }
    if !launcher.mods.isEmpty || values["mods"] != nil
      || recipe.provenance?.roundtrip?.keyOrder.contains("mods") == true
    {
      values["mods"] = .sequence(
        launcher.mods.map { .string($0) }, style: launcher.mods.isEmpty ? .flow : .block)
    }
    if params.mapping?.isEmpty == false { values["defaults"] = params }
    if !common.env.isEmpty {
      values["env"] = .mapping(
        common.env.map { YAMLPair($0.name, YAMLNode(.scalar($0.value ?? "", .doubleQuoted))) })
    } else if recipe.provenance?.roundtrip?.keyOrder.contains("env") == true {
      values["env"] = .null
    }
    values["command"] = YAMLNode(.scalar(command, .literal))

    let sourceOrder =
      recipe.provenance?.sourceFormat == formatID
      ? recipe.provenance?.roundtrip?.keyOrder ?? [] : []
    var order = sourceOrder.filter { values[$0] != nil }
    for k in canonicalOrder + (toolBlock.keys) where values[k] != nil && !order.contains(k) {
      if let pos = canonicalOrder.firstIndex(of: k),
        let after = canonicalOrder[..<pos].last(where: { order.contains($0) }),
        let i = order.firstIndex(of: after)
      {
        order.insert(k, at: i + 1)
      } else if k == "command" || !canonicalOrder.contains(k) {
        order.append(k)
      } else {
        order.insert(k, at: 0)
      }
    }
    return YAMLDocument(root: .mapping(order.compactMap { k in values[k].map { YAMLPair(k, $0) } }))
  }

  /// The rendered words of a value position: the template's own words when they give what v2
  /// wants (or when a parameter was edited and v2 was not), else the parameter's default is
  /// rewritten (parameter-backed) or the literal words replaced.
  func renderValue(
    _ v: CommandTemplate.Value, wanted: RecipeV2.ArgValue, original: CommandTemplate.Value?,
    params: inout YAMLNode, diagnostics: inout [Diagnostic]
  ) -> [String] {
    if ForeignValues.same(v.value, wanted) { return v.words.map(\.raw) }
    if let p = v.parameter {
      if let original, !ForeignValues.same(original.value, v.value),
        ForeignValues.same(original.value, wanted)
      {
        return v.words.map(\.raw)  // the parameter was edited, v2 was not: the parameter wins
      }
      if p != "model" { params.set(p, Self.parameterNode(wanted)) }
      return v.words.map(\.raw)
    }
    return ForeignValues.words(wanted).map(CommandTemplate.literal)
  }

  /// A flag with rendered value words (`--flag=value` stays one word).
  func flagWords(_ flag: CommandTemplate.Flag, _ words: [String]) -> [String] {
    if flag.inline, words.count == 1 { return [flag.spelling + "=" + words[0]] }
    return [flag.spelling] + words
  }

  /// A flag the template did not have: host and port become `{host}` / `{port}` parameters.
  func newFlag(_ w: Wanted, params: inout YAMLNode) -> [String] {
    switch w.slot {
    case .host:
      params.set("host", Self.parameterNode(w.value))
      return ["--host", "{host}"]
    case .port:
      params.set("port", Self.parameterNode(w.value))
      return ["--port", "{port}"]
    default:
      return [w.spelling] + w.words.map(CommandTemplate.literal)
    }
  }

  /// The model word of a new template: `{model}` for sparkrun (it substitutes the `model`
  /// key), the literal model for spark.
  func modelPlaceholder(_ path: String) -> String {
    flavor == .sparkrun ? "{model}" : CommandTemplate.literal(path)
  }

  /// A default value for a parameter: scalars as such, structured data as JSON text, lists as
  /// space-separated text.
  static func parameterNode(_ v: RecipeV2.ArgValue) -> YAMLNode {
    switch v {
    case .list(let items): return .string(items.flatMap(ForeignValues.words).joined(separator: " "))
    case .structured(let n): return .string(n.jsonText)
    default: return v.flatNode
    }
  }
}

extension SparkTemplateSlot {
  /// The v2 path the slot's value lives at (for loss reports).
  var v2Path: String {
    switch self {
    case .host: return "launcher.host"
    case .port: return "launcher.port"
    case .model: return "model.path"
    case .servedName: return "model.served_name"
    case .field(let f): return "serving.\(f.key)"
    case .arg(let a): return "args.\(a)"
    }
  }
}

extension Array {
  subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
