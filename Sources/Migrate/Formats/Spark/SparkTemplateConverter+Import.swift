public import Schema

extension SparkTemplateConverter {
  // MARK: - Import

  /// Reads a recipe of this flavor into v2.
  public func toV2(_ documents: [YAMLDocument], file: String) -> Conversion<RecipeV2> {
    var failure = Conversion<RecipeV2>(value: nil)
    guard
      let doc = ForeignDocument(
        documents, file: file, kind: "a \(formatID) recipe file", failure: &failure)
    else { return failure }
    let (ctx, root, r) = (doc.context, doc.root, doc.reader)
    let keys = readKeys(r, ctx: ctx)
    let tools = keys.tools

    // The engine: the command's program, else sparkrun's runtime.
    let version = ForeignCatalogs.version(ofImage: keys.container)
    guard let (template, engine) = readEngine(keys, version: version, root: root, ctx: ctx) else {
      return Conversion(value: nil, diagnostics: ctx.diagnostics)
    }

    // Flags → v2.
    let flags = readFlags(template, engine: engine, commandNode: keys.commandNode, ctx: ctx)
    guard let path = flags.modelPath ?? keys.modelKey else {
      ctx.error(
        "missing-key", "no model: neither the command nor a 'model' key names it", at: root,
        path: "model")
      return Conversion(value: nil, diagnostics: ctx.diagnostics)
    }
    var toolBlock = tools
    if let modelKey = keys.modelKey, modelKey != path {
      toolBlock.set("model", .string(modelKey))
    }

    // Topology: one GB10 GPU per DGX Spark; one server over all nodes.
    let nodes = Self.impliedNodes(
      serving: flags.serving, clusterOnly: keys.clusterOnly, soloOnly: keys.soloOnly,
      minNodes: keys.minNodes)
    var launcher = RecipeV2.Launcher(
      clusterOnly: keys.clusterOnly, soloOnly: keys.soloOnly, minNodes: keys.minNodes,
      maxNodes: keys.maxNodes, port: flags.port, host: flags.host, command: keys.command,
      parameters: keys.defaults, mods: keys.mods, buildArgs: keys.buildArgs)
    if toolBlock.mapping?.isEmpty == false { launcher.tools[tool] = toolBlock }
    var extra: YAMLNode?
    if let defaults = keys.defaults { extra = .mapping([YAMLPair("defaults", defaults)]) }
    let recipe = RecipeV2(
      name: tools["name"]?.scalar.flatMap(ForeignValues.recipeName(declared:))
        ?? ForeignValues.recipeName(file: file),
      description: keys.description ?? tools["metadata"]?["description"]?.scalar,
      model: RecipeV2.Model(
        path: path, revision: keys.modelRevision, servedName: flags.servedName),
      engine: RecipeV2.Engine(name: engine, version: version, image: keys.container),
      resources: RecipeV2.Resources(gpuType: "gb10", gpusPerNode: 1),
      topology: .aggregated(RecipeV2.RolePlacement(nodes: nodes, workers: 1, gpusPerWorker: nodes)),
      serving: flags.serving, args: flags.args,
      env: keys.env.map { RecipeV2.EnvVar($0.key, $0.value) },
      launcher: launcher,
      provenance: RecipeV2.Provenance(
        sourceFormat: formatID, sourcePath: SourcePath.recorded(file),
        roundtrip: RecipeV2.Roundtrip(
          flagSpellings: flags.spellings, keyOrder: r.keys, extra: extra)))

    return Conversion(
      value: ctx.hasErrors ? nil : recipe, diagnostics: ctx.diagnostics,
      comments: comments(of: root))
  }

  // MARK: - Keys

  /// The top-level keys of a spark recipe, read.
  struct Keys {
    var description: String?
    var modelKey: String?
    var modelRevision: String?
    var container: String?
    var clusterOnly: Bool?
    var soloOnly: Bool?
    var minNodes: Int?
    var maxNodes: Int?
    var buildArgs: [String]
    var mods: [String]
    var defaults: YAMLNode?
    var env: [(key: String, value: String)]
    var commandNode: YAMLNode?
    var command: String?
    /// The keys with no typed place (`launcher.<spark|sparkrun>`).
    var tools: YAMLNode
  }

  /// Reads the top-level keys; an unknown one is kept in the tool block with a warning.
  func readKeys(_ r: MappingReader, ctx: DecodeContext) -> Keys {
    var toolPairs: [YAMLPair] = []
    let description = r.string("description")
    let modelKey = r.string("model")
    let modelRevision = r.string("model_revision")
    let container = r.string("container")
    let clusterOnly = r.bool("cluster_only")
    let soloOnly = r.bool("solo_only")
    let minNodes = r.int("min_nodes", min: 1)
    let maxNodes = r.int("max_nodes", min: 1)
    let buildArgs = r.stringList("build_args") ?? []
    let mods = r.stringList("mods") ?? []
    var defaults: YAMLNode?
    if let d = r.node("defaults"), !d.isNull {
      if d.isMapping {
        defaults = d
      } else {
        ctx.error(
          "type-mismatch",
          "expected a mapping of template parameters, found \(MappingReader.describe(d))",
          at: d, path: "defaults")
      }
    }
    let env = r.stringMap("env") ?? []
    let commandNode = r.node("command")
    let command = commandNode.flatMap { MappingReader.string($0, path: "command", context: ctx) }
    for key in r.unreadKeys {
      guard let v = r.node(key) else { continue }
      toolPairs.append(YAMLPair(key, v))
      if !toolKeys.contains(key) {
        let known = Array(Self.typedKeys.union(toolKeys))
        ctx.warning(
          "unknown-key", "unknown \(formatID) key '\(key)' is kept in launcher.\(tool.rawValue)",
          at: r.keyNode(key), path: KeyPath.root / key, hint: DidYouMean.hint(for: key, in: known))
      }
    }
    return Keys(
      description: description, modelKey: modelKey, modelRevision: modelRevision,
      container: container, clusterOnly: clusterOnly, soloOnly: soloOnly, minNodes: minNodes,
      maxNodes: maxNodes, buildArgs: buildArgs, mods: mods, defaults: defaults, env: env,
      commandNode: commandNode, command: command, tools: .mapping(toolPairs))
  }

  // MARK: - The engine

  /// The command read as one engine invocation (nil when it is not one) and the engine: the
  /// command's program, else sparkrun's runtime, else vLLM.
  /// - Returns: nil when the runtime names no engine v2 knows (an error is reported).
  func readEngine(_ keys: Keys, version: String?, root: YAMLNode, ctx: DecodeContext)
    -> (CommandTemplate?, EngineName)?
  {
    let tools = keys.tools
    let commandNode = keys.commandNode
    var runtimeEngine: EngineName?
    if let rt = tools["runtime"] {
      if let name = rt.scalar, let e = EngineName(name: name) {
        runtimeEngine = e
      } else {
        ctx.error(
          "unsupported-engine",
          "runtime '\(rt.scalar ?? MappingReader.describe(rt))' is not an engine v2 knows (\(EngineName.allCases.map(\.rawValue).joined(separator: ", ")))",
          at: rt, path: "runtime",
          hint: "v2 engine.name has no value for it; this recipe cannot be imported")
        return nil
      }
    }
    var parameters: [String: YAMLNode] = [:]
    for p in keys.defaults?.mapping ?? [] { if let k = p.key.scalar { parameters[k] = p.value } }
    if parameters["model"] == nil, let modelKey = keys.modelKey {
      parameters["model"] = .string(modelKey)
    }

    var template: CommandTemplate?
    if let command = keys.command {
      do {
        template = try CommandTemplate.parse(command, parameters: parameters) {
          ForeignCatalogs.catalog(engine: $0, version: version)
        }
      } catch {
        ctx.warning(
          "opaque-command",
          "the command is not read as one engine invocation (\(error.reason)); it is kept verbatim in launcher.command and its flags are not in v2",
          at: commandNode, path: "command",
          hint:
            "write the command as '<program> <model> --flag value ...' so that its flags can be converted"
        )
      }
    } else {
      ctx.warning(
        "missing-key", "no command: the engine flags are unknown", at: root, path: "command")
    }
    if let t = template, let rt = runtimeEngine, rt != t.engine {
      ctx.warning(
        "engine-mismatch", "runtime says \(rt) but the command runs \(t.engine); the command wins",
        at: tools["runtime"], path: "runtime")
    }
    let engine = template?.engine ?? runtimeEngine ?? .vllm
    if template == nil && runtimeEngine == nil {
      ctx.warning(
        "assumed-engine", "the engine is assumed to be vllm (spark-vllm-docker images run vLLM)",
        at: commandNode ?? root, path: "command")
    }
    for name in template?.unresolved ?? [] {
      ctx.warning(
        "unresolved-placeholder",
        "placeholder '{\(name)}' has no value in defaults; kept literally",
        at: commandNode, path: "command", hint: "add '\(name)' to defaults")
    }
    return (template, engine)
  }

  // MARK: - Flags → v2

  /// What the command's flags give v2.
  struct Flags {
    var serving = RecipeV2.Serving()
    var args: [RecipeV2.EngineArg] = []
    var spellings: [RecipeV2.Roundtrip.FlagSpelling] = []
    var host: String?
    var port: Int?
    var modelPath: String?
    var servedName: String?
  }

  /// Sorts the command's flags into v2's places: named serving fields, host, port, model,
  /// served name, and args.
  func readFlags(
    _ template: CommandTemplate?, engine: EngineName, commandNode: YAMLNode?, ctx: DecodeContext
  ) -> Flags {
    var out = Flags()
    out.modelPath = template?.model.map { text($0.value) }
    for flag in template?.flags ?? [] {
      if flag.spelling.isEmpty {
        ctx.warning(
          "stray-word",
          "word '\(text(flag.value.value))' after the flags is not a flag value; it stays in launcher.command only",
          at: commandNode, path: "command")
        continue
      }
      let value = flag.value.value
      switch SparkTemplateSlot.of(flag.spelling, value: value, engine: engine) {
      case .host: out.host = text(value)
      case .port:
        if case .int(let p) = value {
          out.port = p
        } else {
          ctx.warning(
            "invalid-value",
            "port '\(text(value))' is not a number; kept as an arg-less template word",
            at: commandNode, path: "command")
        }
      case .model: out.modelPath = text(value)
      case .servedName: out.servedName = text(value)
      case .field(let f):
        if out.serving.isSet(f) {
          ctx.warning(
            "duplicate-flag",
            "\(f.key) is set twice in the command (\(flag.spelling)); the first value is kept",
            at: commandNode, path: "command")
          continue
        }
        _ = ForeignValues.setServing(&out.serving, f, value)
        out.spellings.append(.init(f, flagKey(flag.spelling)))
      case .arg:
        let key = flagKey(flag.spelling)
        if let i = out.args.firstIndex(where: { $0.flag == key }),
          ForeignValues.same(out.args[i].value, value)
        {
          ctx.warning(
            "repeated-flag",
            "'\(flag.spelling)' is given twice with the same value; v2 keeps it once",
            at: commandNode, path: "command")
        } else if let i = out.args.firstIndex(where: { $0.flag == key }) {
          let old = out.args[i].value
          let merged: [RecipeV2.ArgValue] = (old.listItems) + value.listItems
          out.args[i].value = .list(merged)
        } else {
          out.args.append(RecipeV2.EngineArg(key, value))
        }
      }
    }
    return out
  }

  // MARK: - Comments

  /// The comments of the source, by where each key went.
  func comments(of root: YAMLNode) -> [CommentPlacement] {
    var comments: [CommentPlacement] = []
    let destinations: [String: KeyPath] = [
      "description": "description", "model": "model.path", "container": "engine.image",
      "cluster_only": "launcher.cluster_only", "solo_only": "launcher.solo_only",
      "min_nodes": "launcher.min_nodes", "max_nodes": "launcher.max_nodes",
      "build_args": "launcher.build_args", "mods": "launcher.mods",
      "defaults": "launcher.parameters",
      "env": "env", "command": "launcher.command", "model_revision": "model.revision",
    ]
    for pair in root.mapping ?? [] {
      guard let k = pair.key.scalar else { continue }
      let dest = destinations[k] ?? KeyPath("launcher") / tool.rawValue / k
      comments.append(
        CommentPlacement(
          path: dest, keyComments: pair.key.comments, valueComments: pair.value.comments))
      if k == "defaults" || k == "env" {
        for sub in pair.value.mapping ?? [] {
          guard let sk = sub.key.scalar else { continue }
          comments.append(
            CommentPlacement(
              path: dest / sk, keyComments: sub.key.comments, valueComments: sub.value.comments))
        }
      }
    }
    comments.removeAll { $0.keyComments.isEmpty && $0.valueComments.isEmpty }
    return comments
  }
}
