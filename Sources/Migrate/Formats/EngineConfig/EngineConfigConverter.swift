internal import Engines
public import Schema

/// `engine-config`: a flat map of engine flags as `vllm serve --config` reads it
/// (vllm-project/recipes `Llama/*.yaml`, `OpenAI/*.yaml`): `flag-name: value`, negative
/// booleans (`no-enable-prefix-caching: true`) and JSON-in-string values
/// (`compilation-config: '{...}'`).
///
/// The format carries no model (unless a `model:` key), no engine version, GPU, env or
/// topology. Import: the engine is vLLM, or SGLang when the flags resolve only in the SGLang
/// catalog; a missing model becomes the placeholder `modelPlaceholder` with a warning; a
/// negation becomes the flag with `false`; JSON strings become structured values. Export: the
/// flat map of the aggregated role; everything else is reported as a loss (the normal case
/// for this format).
public struct EngineConfigConverter: FormatConverter {
  /// The engine config converter.
  public init() {}
  /// `.engineConfig`.
  public var format: RecipeFormat { .engineConfig }

  /// The model path of an imported file that names no model.
  public static let modelPlaceholder = "<model: not in the engine-config file>"

  // MARK: - Import

  /// Reads an engine config file into v2.
  public func toV2(_ documents: [YAMLDocument], file: String) -> Conversion<RecipeV2> {
    let ctx = DecodeContext(file: file, unknownKeySeverity: .warning)
    guard documents.count == 1, let root = documents.first?.root else {
      return .notOneDocument(file: file, kind: "an engine-config file")
    }
    guard let r = MappingReader(root, path: .root, context: ctx) else {
      return Conversion(value: nil, diagnostics: ctx.diagnostics)
    }
    let keys = r.keys
    let flagKeys = keys.filter { $0 != "model" }
    let engine = Self.engine(for: flagKeys)
    let catalog = ForeignCatalogs.catalog(engine: engine, version: nil)
    var serving = RecipeV2.Serving()
    var args: [RecipeV2.EngineArg] = []
    var spellings: [RecipeV2.Roundtrip.FlagSpelling] = []
    var launcher = RecipeV2.Launcher()
    var servedName: String?
    var modelPath: String?
    var comments: [CommentPlacement] = []
    var extra: [YAMLPair] = []
    for key in keys {
      guard let v = r.node(key), let keyNode = r.keyNode(key) else { continue }
      let p = KeyPath.root / key
      let flag = String(key.drop { $0 == "-" })
      var value = ForeignValues.argValue(node: v)
      var dest = KeyPath("args") / flag
      var argKey = flag
      let resolution = catalog?.resolve("--" + flag)
      if resolution == nil && key != "model" {
        var hint: String? = nil
        if let s = catalog?.suggestion(for: "--" + flag) {
          hint = "did you mean '\(s.drop { $0 == "-" })'?"
        }
        ctx.warning(
          "unknown-flag", "'\(key)' is not a \(engine) flag in the newest catalog; kept as written",
          at: keyNode, path: p, hint: hint)
      }
      if let res = resolution, res.isNegated {
        if case .bool(let b) = value {
          argKey = String(res.flag.name.dropFirst(2))
          value = .bool(!b)
          dest = KeyPath("args") / argKey
        }
      }
      if key == "model" {
        modelPath = v.scalar
        dest = "model.path"
        extra.append(YAMLPair("model_key", .bool(true)))
      } else {
        switch SparkTemplateSlot.of(flag, value: value, engine: engine) {
        case .port:
          if case .int(let n) = value {
            launcher.port = n
            dest = "launcher.port"
          } else {
            ctx.error(
              "type-mismatch", "port must be a number, found \(MappingReader.describe(v))", at: v,
              path: p)
          }
        case .host:
          launcher.host = v.scalar
          dest = "launcher.host"
        case .servedName:
          servedName = v.scalar
          dest = "model.served_name"
        case .model:
          modelPath = v.scalar
          dest = "model.path"
          extra.append(YAMLPair("model_key", .string(key)))
        case .field(let f):
          _ = ForeignValues.setServing(&serving, f, value)
          spellings.append(.init(f, flag))
          dest = KeyPath("serving") / f.key
        case .arg:
          args.append(RecipeV2.EngineArg(argKey, value))
        }
      }
      if !(keyNode.comments.isEmpty && v.comments.isEmpty) {
        comments.append(
          CommentPlacement(path: dest, keyComments: keyNode.comments, valueComments: v.comments))
      }
    }
    if modelPath == nil {
      ctx.warning(
        "missing-model",
        "the engine-config format does not carry the model; model.path is set to a placeholder",
        at: root, path: "model",
        hint:
          "set model.path in the v2 recipe (the file is passed to '\(engine) serve MODEL --config FILE')"
      )
    }
    extra.append(YAMLPair("key_order", .sequence(keys.map { .string($0) }, style: .flow)))
    let recipe = RecipeV2(
      name: ForeignValues.recipeName(file: file),
      model: RecipeV2.Model(path: modelPath ?? Self.modelPlaceholder, servedName: servedName),
      engine: RecipeV2.Engine(name: engine),
      topology: .aggregated(RecipeV2.RolePlacement(nodes: 1, workers: 1)),
      serving: serving, args: args,
      launcher: launcher == RecipeV2.Launcher() ? nil : launcher,
      provenance: RecipeV2.Provenance(
        sourceFormat: "engine-config", sourcePath: SourcePath.recorded(file),
        roundtrip: RecipeV2.Roundtrip(
          flagSpellings: spellings, keyOrder: keys, extra: .mapping(extra))))
    return Conversion(
      value: ctx.hasErrors ? nil : recipe, diagnostics: ctx.diagnostics, comments: comments)
  }

  /// vLLM, unless some flag resolves only in the SGLang catalog and none only in vLLM's.
  static func engine(for keys: [String]) -> EngineName {
    guard let v = ForeignCatalogs.catalog(engine: .vllm, version: nil),
      let s = ForeignCatalogs.catalog(engine: .sglang, version: nil)
    else { return .vllm }
    var onlySGLang = 0
    var onlyVLLM = 0
    for k in keys {
      let f = "--" + k.drop { $0 == "-" }
      let inV = v.resolve(f) != nil
      let inS = s.resolve(f) != nil
      if inV && !inS { onlyVLLM += 1 }
      if inS && !inV { onlySGLang += 1 }
    }
    return onlySGLang > 0 && onlyVLLM == 0 ? .sglang : .vllm
  }

  // MARK: - Export

  /// Writes a v2 recipe as an engine config file.
  public func fromV2(_ recipe: RecipeV2) -> Conversion<[YAMLDocument]> {
    var losses = ForeignLosses()
    let format = "engine-config"
    let engine = recipe.engine.name
    losses.checkCommon(recipe, format: format)
    losses.checkNoBenchmark(recipe, format: format)
    losses.checkOtherTools(recipe, keep: nil, format: format)
    let extra =
      recipe.provenance?.sourceFormat == format ? recipe.provenance?.roundtrip?.extra : nil
    if let d = recipe.description {
      losses.add("description", d, "\(format) holds engine flags only")
    }
    if let v = recipe.engine.version {
      losses.add("engine.version", v, "\(format) does not record the engine version")
    }
    if let v = recipe.engine.image {
      losses.add("engine.image", v, "\(format) does not record the container")
    }
    if let g = recipe.resources?.gpuType {
      losses.add("resources.gpu_type", g, "\(format) does not record the GPU")
    }
    if let g = recipe.resources?.gpusPerNode {
      losses.add("resources.gpus_per_node", String(g), "\(format) does not record the GPU")
    }
    let aggregated = recipe.topology.mode == .aggregated
    if let p = recipe.topology.roles[.aggregated],
      p.nodes != 1 || p.workers != 1 || p.gpusPerWorker != nil
    {
      losses.add(
        "topology.aggregated", "\(p.nodes) nodes × \(p.workers) workers",
        "\(format) does not record the topology")
    }
    let resolved = recipe.resolved(role: aggregated ? .aggregated : .prefill)
    let serving = aggregated ? resolved.serving : recipe.serving
    let argList = aggregated ? resolved.args : recipe.args.filter { $0.value != .null }
    let env = aggregated ? resolved.env : recipe.env.filter { $0.value != nil }
    for e in env {
      losses.add(
        KeyPath("env") / e.name, e.value ?? "", "\(format) holds engine flags, not the environment")
    }
    var hasModelKey = false
    if let mk = extra?["model_key"] {
      hasModelKey = true
      _ = mk
    } else if recipe.model.path != Self.modelPlaceholder {
      losses.add(
        "model.path", recipe.model.path,
        "\(format) does not carry the model (it is the 'serve' argument)")
    }
    if let l = recipe.launcher {
      if let v = l.command {
        losses.add("launcher.command", v, "\(format) has no command template")
      }
      if let v = l.parameters {
        losses.add("launcher.parameters", v.jsonText, "\(format) has no template parameters")
      }
      if !l.mods.isEmpty {
        losses.add("launcher.mods", l.mods.joined(separator: ", "), "\(format) has no mods")
      }
      if !l.buildArgs.isEmpty {
        losses.add(
          "launcher.build_args", l.buildArgs.joined(separator: " "), "\(format) has no build args")
      }
      if let v = l.clusterOnly {
        losses.add("launcher.cluster_only", String(v), "\(format) has no cluster_only")
      }
      if let v = l.soloOnly {
        losses.add("launcher.solo_only", String(v), "\(format) has no solo_only")
      }
      if let v = l.minNodes {
        losses.add("launcher.min_nodes", String(v), "\(format) has no node range")
      }
      if let v = l.maxNodes {
        losses.add("launcher.max_nodes", String(v), "\(format) has no node range")
      }
    }
    let catalog = ForeignCatalogs.catalog(engine: engine, version: recipe.engine.version)
    var entries: [YAMLPair] = []
    if hasModelKey { entries.append(YAMLPair("model", .string(recipe.model.path))) }
    let spellings = recipe.provenance?.roundtrip?.flagSpellings ?? []
    for field in NamedField.allCases {
      guard let v = serving.value(field) else { continue }
      let m = NamedFieldFlags.flags(for: field, engine: engine)
      if m.form == .value, let c = m.canonical {
        let key = spellings.first { $0.field == field }?.flag ?? String(c.drop { $0 == "-" })
        entries.append(YAMLPair(key, v.flatNode))
      } else if m.form == .switchWhenGreaterThanOne, let c = m.canonical, case .int(let n) = v,
        n > 1
      {
        entries.append(YAMLPair(String(c.drop { $0 == "-" }), .bool(true)))
      } else {
        losses.add(
          KeyPath("serving") / field.key, ForeignValues.words(v).joined(),
          "\(engine) has no flag for it")
      }
    }
    for a in argList {
      if case .bool(false) = a.value,
        let neg = catalog?.resolve("--" + a.flag)?.flag.negations.first
      {
        entries.append(YAMLPair(String(neg.dropFirst(2)), .bool(true)))
      } else {
        entries.append(YAMLPair(a.flag, a.value.flatNode))
      }
    }
    if let p = recipe.launcher?.port { entries.append(YAMLPair("port", .int(p))) }
    if let h = recipe.launcher?.host { entries.append(YAMLPair("host", .string(h))) }
    if let s = recipe.model.servedName { entries.append(YAMLPair("served-model-name", .string(s))) }
    let order = extra?["key_order"]?.sequence?.compactMap(\.scalar) ?? []
    entries = VLLMArgsConverter.ordered(entries, by: order)
    return Conversion(value: [YAMLDocument(root: .mapping(entries))], losses: losses.entries)
  }
}
