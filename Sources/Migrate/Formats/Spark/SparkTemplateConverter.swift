public import Schema

/// The one importer/exporter behind `spark` (eugr/spark-vllm-docker, seed 002) and `sparkrun`
/// (`recipe_version: "2"`, `runtime`): container + a shell `command` template with `{param}`
/// placeholders and `defaults`.
///
/// Import: the command is read by `CommandTemplate` (program → engine, positional model,
/// flags); placeholders are substituted from `defaults` (and `model`) for the v2 values, named
/// fields go to `serving`, host/port to `launcher`, the rest to `args`. The template and the
/// defaults stay in `launcher.command` / `launcher.parameters`, so parameters remain
/// overridable; the defaults as read are kept in `provenance.roundtrip.extra.defaults` to tell,
/// on export, an edited parameter from an edited v2 value. A command that is not one engine
/// invocation is kept verbatim with a warning. Keys with no typed place go to
/// `launcher.<spark|sparkrun>`.
///
/// Export: the template is re-rendered flag by flag: a flag whose v2 value is what the
/// template gives keeps its words (placeholders included); a changed literal is rewritten; a
/// changed parameter-backed value rewrites the parameter's default (unless the parameter itself
/// was edited, which then wins); flags v2 no longer has are dropped and new ones appended.
public struct SparkTemplateConverter: Sendable {
  /// Which of the two formats.
  public enum Flavor: Sendable, Hashable {
    case spark
    case sparkrun
  }

  /// Which of the two formats this converter reads and writes.
  public let flavor: Flavor

  /// The converter of `flavor`.
  public init(flavor: Flavor) { self.flavor = flavor }

  var tool: RecipeV2.Launcher.Tool { flavor == .spark ? .spark : .sparkrun }
  var formatID: String { flavor == .spark ? "spark" : "sparkrun" }

  /// Keys read into typed v2 places.
  static let typedKeys: Set<String> = [
    "description", "model", "container", "cluster_only", "solo_only", "build_args", "mods",
    "defaults", "env", "command", "min_nodes", "max_nodes", "model_revision",
  ]
  /// Keys kept in the tool block without a warning.
  var toolKeys: Set<String> {
    switch flavor {
    case .spark: return ["recipe_version", "name"]
    case .sparkrun:
      return [
        "recipe_version", "sparkrun_version", "name", "runtime", "metadata", "executor_config",
        "runtime_version", "mode", "runtime_config", "benchmark", "pre_exec", "post_exec",
        "post_commands", "stop_after_post", "builder", "builder_config", "distribution_config",
      ]
    }
  }

  /// Canonical top-level key order of the written file.
  var canonicalOrder: [String] {
    switch flavor {
    case .spark:
      return [
        "recipe_version", "name", "description", "model", "container", "cluster_only", "solo_only",
        "build_args", "mods", "defaults", "env", "command",
      ]
    case .sparkrun:
      return [
        "recipe_version", "model", "runtime", "container", "min_nodes", "max_nodes", "cluster_only",
        "solo_only", "metadata", "executor_config", "build_args", "mods", "defaults", "env",
        "command",
      ]
    }
  }

  // MARK: - Import

  /// Reads a recipe of this flavor into v2.
  public func toV2(_ documents: [YAMLDocument], file: String) -> Conversion<RecipeV2> {
    let ctx = DecodeContext(file: file, unknownKeySeverity: .warning)
    guard documents.count == 1, let root = documents.first?.root else {
      return .notOneDocument(file: file, kind: "a \(formatID) recipe file")
    }
    guard let r = MappingReader(root, path: .root, context: ctx) else {
      return Conversion(value: nil, diagnostics: ctx.diagnostics)
    }
    var comments: [CommentPlacement] = []
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
    let tools = YAMLNode.mapping(toolPairs)

    // The engine: the command's program, else sparkrun's runtime.
    var runtimeEngine: EngineName?
    if let rt = tools["runtime"] {
      if let name = rt.scalar, let e = EngineName(name: name) {
        runtimeEngine = e
      } else {
        ctx.error(
          "unsupported-engine",
          "runtime '\(rt.scalar ?? MappingReader.describe(rt))' is not an engine v2 knows (sglang, vllm, trtllm)",
          at: rt, path: "runtime",
          hint: "v2 engine.name has no value for it; this recipe cannot be imported")
        return Conversion(value: nil, diagnostics: ctx.diagnostics)
      }
    }
    let version = ForeignCatalogs.version(ofImage: container)
    var parameters: [String: YAMLNode] = [:]
    for p in defaults?.mapping ?? [] { if let k = p.key.scalar { parameters[k] = p.value } }
    if parameters["model"] == nil, let modelKey { parameters["model"] = .string(modelKey) }

    var template: CommandTemplate?
    if let command {
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

    // Flags → v2.
    var serving = RecipeV2.Serving()
    var args: [RecipeV2.EngineArg] = []
    var spellings: [RecipeV2.Roundtrip.FlagSpelling] = []
    var host: String?
    var port: Int?
    var modelPath = template?.model.map { text($0.value) }
    var servedName: String?
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
      case .host: host = text(value)
      case .port:
        if case .int(let p) = value {
          port = p
        } else {
          ctx.warning(
            "invalid-value",
            "port '\(text(value))' is not a number; kept as an arg-less template word",
            at: commandNode, path: "command")
        }
      case .model: modelPath = text(value)
      case .servedName: servedName = text(value)
      case .field(let f):
        if serving.isSet(f) {
          ctx.warning(
            "duplicate-flag",
            "\(f.key) is set twice in the command (\(flag.spelling)); the first value is kept",
            at: commandNode, path: "command")
          continue
        }
        _ = ForeignValues.setServing(&serving, f, value)
        spellings.append(.init(f, flagKey(flag.spelling)))
      case .arg:
        let key = flagKey(flag.spelling)
        if let i = args.firstIndex(where: { $0.flag == key }),
          ForeignValues.same(args[i].value, value)
        {
          ctx.warning(
            "repeated-flag",
            "'\(flag.spelling)' is given twice with the same value; v2 keeps it once",
            at: commandNode, path: "command")
        } else if let i = args.firstIndex(where: { $0.flag == key }) {
          let old = args[i].value
          let merged: [RecipeV2.ArgValue] = (old.listItems) + value.listItems
          args[i].value = .list(merged)
        } else {
          args.append(RecipeV2.EngineArg(key, value))
        }
      }
    }
    guard let path = modelPath ?? modelKey else {
      ctx.error(
        "missing-key", "no model: neither the command nor a 'model' key names it", at: root,
        path: "model")
      return Conversion(value: nil, diagnostics: ctx.diagnostics)
    }
    var toolBlock = tools
    if let modelKey, modelKey != path { toolBlock.set("model", .string(modelKey)) }

    // Topology: one GB10 GPU per DGX Spark; one server over all nodes.
    let nodes = Self.impliedNodes(
      serving: serving, clusterOnly: clusterOnly, soloOnly: soloOnly, minNodes: minNodes)
    var launcher = RecipeV2.Launcher(
      clusterOnly: clusterOnly, soloOnly: soloOnly, minNodes: minNodes, maxNodes: maxNodes,
      port: port,
      host: host, command: command, parameters: defaults, mods: mods, buildArgs: buildArgs)
    if toolBlock.mapping?.isEmpty == false { launcher.tools[tool] = toolBlock }
    var extra: YAMLNode?
    if let defaults { extra = .mapping([YAMLPair("defaults", defaults)]) }
    let recipe = RecipeV2(
      name: tools["name"]?.scalar.flatMap(ForeignValues.recipeName(declared:))
        ?? ForeignValues.recipeName(file: file),
      description: description ?? tools["metadata"]?["description"]?.scalar,
      model: RecipeV2.Model(path: path, revision: modelRevision, servedName: servedName),
      engine: RecipeV2.Engine(name: engine, version: version, image: container),
      resources: RecipeV2.Resources(gpuType: "gb10", gpusPerNode: 1),
      topology: .aggregated(RecipeV2.RolePlacement(nodes: nodes, workers: 1, gpusPerWorker: nodes)),
      serving: serving, args: args, env: env.map { RecipeV2.EnvVar($0.key, $0.value) },
      launcher: launcher,
      provenance: RecipeV2.Provenance(
        sourceFormat: formatID, sourcePath: SourcePath.recorded(file),
        roundtrip: RecipeV2.Roundtrip(flagSpellings: spellings, keyOrder: r.keys, extra: extra)))

    // Comments, by where each key went.
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
    return Conversion(
      value: ctx.hasErrors ? nil : recipe, diagnostics: ctx.diagnostics, comments: comments)
  }

  /// Nodes a spark recipe runs on: one GPU per DGX Spark, so TP × PP nodes, at least two when
  /// cluster-only, at least `min_nodes`; one when solo-only.
  public static func impliedNodes(
    serving: RecipeV2.Serving, clusterOnly: Bool?, soloOnly: Bool?, minNodes: Int?
  ) -> Int {
    if soloOnly == true { return 1 }
    let gpus = (serving.tensorParallelSize ?? 1) * (serving.pipelineParallelSize ?? 1)
    return max(gpus, minNodes ?? 1, clusterOnly == true ? 2 : 1)
  }

  /// The v2 arg key of a spelling: long flags lose their dashes, short flags keep one.
  func flagKey(_ spelling: String) -> String {
    spelling.hasPrefix("--") ? String(spelling.dropFirst(2)) : spelling
  }

  /// A value as one text (list items joined by spaces).
  func text(_ v: RecipeV2.ArgValue) -> String { ForeignValues.words(v).joined(separator: " ") }
}

extension RecipeV2.ArgValue {
  /// The items of a list, or the value alone.
  var listItems: [RecipeV2.ArgValue] {
    if case .list(let items) = self { return items }
    return [self]
  }
}
