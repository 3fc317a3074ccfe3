public import Schema

/// `vllm-args` (seed 004): `model`, `container`, an `args` map of vLLM flags (`true` = bare
/// flag), `env`, and `benchmark: {enabled, framework, args}`; DGX Spark (gb10, one GPU per
/// node) unless an optional `gpu_type` names other GPUs (`h100`: GPUs per node from
/// ``GPUsPerNode``, nodes = ⌈tensor × pipeline parallel / GPUs per node⌉).
///
/// Named-field flags go to `serving` (their spelling to `roundtrip.flag_spellings`),
/// `port`/`host` to `launcher` (the args order, port included, to `roundtrip.extra.args_order`
/// so that the exporter writes them back where they were), `served-model-name` to
/// `model.served_name`; `benchmark.framework` is the benchmark tool and `benchmark.args` its
/// args, `enabled` goes to `roundtrip.extra`.
public struct VLLMArgsConverter: FormatConverter {
  /// The vLLM args converter.
  public init() {}
  /// `.vllmArgs`.
  public var format: RecipeFormat { .vllmArgs }

  static let known = ["model", "container", "gpu_type", "args", "env", "benchmark"]

  /// The GPUs and nodes of a server of `gpus` GPUs on `gpuType` (nil: DGX Spark).
  static func placement(gpuType: String?, gpus: Int) -> (resources: RecipeV2.Resources, nodes: Int)
  {
    guard let gpuType, gpuType.lowercased() != "gb10" else {
      return (RecipeV2.Resources(gpuType: gpuType?.lowercased() ?? "gb10", gpusPerNode: 1), gpus)
    }
    let perNode = GPUsPerNode.standard.count(for: gpuType)
    let nodes = perNode.map { max(1, (gpus + $0 - 1) / $0) } ?? 1
    return (RecipeV2.Resources(gpuType: gpuType.lowercased(), gpusPerNode: perNode), nodes)
  }

  // MARK: - Import

  /// Reads a vLLM args recipe into v2.
  public func toV2(_ documents: [YAMLDocument], file: String) -> Conversion<RecipeV2> {
    let ctx = DecodeContext(file: file, unknownKeySeverity: .warning)
    guard documents.count == 1, let root = documents.first?.root else {
      return .notOneDocument(file: file, kind: "a vllm-args recipe file")
    }
    guard let r = MappingReader(root, path: .root, context: ctx) else {
      return Conversion(value: nil, diagnostics: ctx.diagnostics)
    }
    let modelKey = r.string(
      "model", required: true, hint: "the Hugging Face id, e.g. openai/gpt-oss-120b")
    let container = r.string("container")
    let gpuType = r.string("gpu_type")
    let env = r.stringMap("env") ?? []
    var extra: [YAMLPair] = []
    var comments: [CommentPlacement] = []
    var serving = RecipeV2.Serving()
    var args: [RecipeV2.EngineArg] = []
    var spellings: [RecipeV2.Roundtrip.FlagSpelling] = []
    var launcher = RecipeV2.Launcher()
    var servedName: String?
    var modelPath = modelKey
    var order: [YAMLNode] = []
    if let ar = r.mapping("args") {
      for key in ar.keys {
        guard let v = ar.node(key) else { continue }
        let p = KeyPath("args") / key
        order.append(.string(key))
        var dest: KeyPath = p
        let flag = key.hasPrefix("-") && !key.hasPrefix("--") ? key : String(key.drop { $0 == "-" })
        if key.hasPrefix("--") {
          ctx.warning(
            "invalid-flag", "write '\(key)' without leading dashes", at: ar.keyNode(key), path: p)
        }
        let value = ForeignValues.argValue(node: v)
        switch SparkTemplateSlot.of(flag, value: value, engine: .vllm) {
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
          modelPath = v.scalar ?? modelPath
          dest = "model.path"
          extra.append(YAMLPair("model_in_args", .bool(true)))
        case .field(let f):
          _ = ForeignValues.setServing(&serving, f, value)
          spellings.append(.init(f, flag))
          dest = KeyPath("serving") / f.key
        case .arg:
          if case .null = value {
            ctx.warning(
              "null-arg", "'\(key)' has no value; it is kept as null (no flag)", at: v, path: p)
          }
          args.append(RecipeV2.EngineArg(flag, value))
          dest = KeyPath("args") / flag
        }
        if let k = ar.keyNode(key), !(k.comments.isEmpty && v.comments.isEmpty) {
          comments.append(
            CommentPlacement(path: dest, keyComments: k.comments, valueComments: v.comments))
        }
      }
    }
    var benchmark: RecipeV2.Benchmark?
    if let br = r.mapping("benchmark") {
      let tool = br.string("framework")
      let bargs = br.node("args")
      if let enabled = br.bool("enabled") {
        extra.append(YAMLPair("benchmark_enabled", .bool(enabled)))
      }
      var rest: [YAMLPair] = []
      for k in br.unreadKeys { if let v = br.node(k) { rest.append(YAMLPair(k, v)) } }
      if !rest.isEmpty { extra.append(YAMLPair("benchmark_extra", .mapping(rest))) }
      if tool == nil {
        ctx.warning(
          "missing-key", "benchmark has no framework; the v2 benchmark tool is 'unknown'",
          at: br.node, path: "benchmark.framework")
      }
      benchmark = RecipeV2.Benchmark(
        tool: tool ?? "unknown", args: bargs.flatMap { $0.isNull ? nil : $0 })
    }
    var unknown: [YAMLPair] = []
    for k in r.unreadKeys {
      guard let v = r.node(k) else { continue }
      unknown.append(YAMLPair(k, v))
      ctx.warning(
        "unknown-key", "unknown vllm-args key '\(k)' is kept in provenance.roundtrip.extra.keys",
        at: r.keyNode(k), path: KeyPath.root / k, hint: DidYouMean.hint(for: k, in: Self.known))
    }
    if !unknown.isEmpty { extra.append(YAMLPair("keys", .mapping(unknown))) }
    if !order.isEmpty { extra.append(YAMLPair("args_order", .sequence(order, style: .flow))) }
    guard let modelPath else { return Conversion(value: nil, diagnostics: ctx.diagnostics) }
    let gpus = (serving.tensorParallelSize ?? 1) * (serving.pipelineParallelSize ?? 1)
    let (resources, nodes) = Self.placement(gpuType: gpuType, gpus: gpus)
    for pair in root.mapping ?? [] where !(pair.key.comments.isEmpty && pair.value.comments.isEmpty)
    {
      let dest: [String: KeyPath] = [
        "model": "model.path", "container": "engine.image", "gpu_type": "resources.gpu_type",
        "env": "env",
        "benchmark": "benchmark", "args": "args",
      ]
      guard let k = pair.key.scalar else { continue }
      comments.append(
        CommentPlacement(
          path: dest[k] ?? KeyPath("provenance.roundtrip.extra.keys") / k,
          keyComments: pair.key.comments,
          valueComments: pair.value.isScalar ? pair.value.comments : YAMLComments()))
    }
    let recipe = RecipeV2(
      name: ForeignValues.recipeName(file: file),
      model: RecipeV2.Model(path: modelPath, servedName: servedName),
      engine: RecipeV2.Engine(
        name: .vllm, version: ForeignCatalogs.version(ofImage: container), image: container),
      resources: resources,
      topology: .aggregated(RecipeV2.RolePlacement(nodes: nodes, workers: 1, gpusPerWorker: gpus)),
      serving: serving, args: args, env: env.map { RecipeV2.EnvVar($0.key, $0.value) },
      benchmark: benchmark,
      launcher: launcher == RecipeV2.Launcher() ? nil : launcher,
      provenance: RecipeV2.Provenance(
        sourceFormat: "vllm-args", sourcePath: SourcePath.recorded(file),
        roundtrip: RecipeV2.Roundtrip(
          flagSpellings: spellings, keyOrder: r.keys,
          extra: extra.isEmpty ? nil : .mapping(extra))))
    return Conversion(
      value: ctx.hasErrors ? nil : recipe, diagnostics: ctx.diagnostics, comments: comments)
  }

  // MARK: - Export

  /// Writes a v2 recipe as a vLLM args recipe.
  public func fromV2(_ recipe: RecipeV2) -> Conversion<[YAMLDocument]> {
    var losses = ForeignLosses()
    var diagnostics: [Diagnostic] = []
    let format = "vllm-args"
    losses.checkCommon(recipe, format: format)
    losses.checkOtherTools(recipe, keep: nil, format: format)
    if recipe.engine.name != .vllm {
      losses.add("engine.name", recipe.engine.name.rawValue, "vllm-args holds vLLM flags only")
    }
    if let d = recipe.description { losses.add("description", d, "vllm-args has no description") }
    let gpuType = recipe.resources?.gpuType.flatMap { $0.lowercased() == "gb10" ? nil : $0 }
    let usual = Self.placement(gpuType: gpuType, gpus: 1).resources.gpusPerNode
    if let n = recipe.resources?.gpusPerNode, n != usual {
      losses.add(
        "resources.gpus_per_node", String(n),
        gpuType == nil
          ? "a DGX Spark node has one GPU"
          : "vllm-args assumes \(usual.map(String.init) ?? "unknown") GPUs per \(gpuType ?? "") node"
      )
    }
    let aggregated = recipe.topology.mode == .aggregated
    let resolved = recipe.resolved(role: aggregated ? .aggregated : .prefill)
    let serving = aggregated ? resolved.serving : recipe.serving
    let argList = aggregated ? resolved.args : recipe.args.filter { $0.value != .null }
    let env = aggregated ? resolved.env : recipe.env.filter { $0.value != nil }
    if let p = recipe.topology.roles[.aggregated] {
      let implied = Self.placement(
        gpuType: gpuType,
        gpus: (serving.tensorParallelSize ?? 1) * (serving.pipelineParallelSize ?? 1)
      ).nodes
      if p.nodes != implied {
        losses.add(
          "topology.aggregated.nodes", String(p.nodes),
          "vllm-args derives the nodes from tensor × pipeline parallel (\(implied))")
      }
      if p.workers != 1 {
        losses.add("topology.aggregated.workers", String(p.workers), "vllm-args runs one server")
      }
    }
    if let l = recipe.launcher {
      if let v = l.command {
        losses.add("launcher.command", v, "vllm-args has no command template")
      }
      if let v = l.parameters {
        losses.add("launcher.parameters", v.jsonText, "vllm-args has no template parameters")
      }
      if !l.mods.isEmpty {
        losses.add("launcher.mods", l.mods.joined(separator: ", "), "vllm-args has no mods")
      }
      if !l.buildArgs.isEmpty {
        losses.add(
          "launcher.build_args", l.buildArgs.joined(separator: " "), "vllm-args has no build args")
      }
      if let v = l.clusterOnly {
        losses.add("launcher.cluster_only", String(v), "vllm-args has no cluster_only")
      }
      if let v = l.soloOnly {
        losses.add("launcher.solo_only", String(v), "vllm-args has no solo_only")
      }
      if let v = l.minNodes {
        losses.add("launcher.min_nodes", String(v), "vllm-args has no min_nodes")
      }
      if let v = l.maxNodes {
        losses.add("launcher.max_nodes", String(v), "vllm-args has no max_nodes")
      }
    }
    let extra =
      recipe.provenance?.sourceFormat == format ? recipe.provenance?.roundtrip?.extra : nil
    let spellings = recipe.provenance?.roundtrip?.flagSpellings ?? []

    // args, in the source order where known.
    var entries: [YAMLPair] = []
    for field in NamedField.allCases {
      guard let v = serving.value(field) else { continue }
      let m = NamedFieldFlags.flags(for: field, engine: .vllm)
      if m.form == .value, let c = m.canonical {
        let key = spellings.first { $0.field == field }?.flag ?? String(c.dropFirst(2))
        entries.append(YAMLPair(key, v.flatNode))
      } else if m.form == .switchWhenGreaterThanOne, case .int(let n) = v, n > 1 {
        entries.append(YAMLPair("enable-expert-parallel", .bool(true)))
      } else {
        losses.add(
          KeyPath("serving") / field.key, ForeignValues.words(v).joined(), "vLLM has no flag for it"
        )
      }
    }
    for a in argList { entries.append(YAMLPair(a.flag, a.value.flatNode)) }
    if let p = recipe.launcher?.port { entries.append(YAMLPair("port", .int(p))) }
    if let h = recipe.launcher?.host { entries.append(YAMLPair("host", .string(h))) }
    if let s = recipe.model.servedName { entries.append(YAMLPair("served-model-name", .string(s))) }
    if extra?["model_in_args"] != nil {
      entries.append(YAMLPair("model", .string(recipe.model.path)))
    }
    let order = extra?["args_order"]?.sequence?.compactMap(\.scalar) ?? []
    entries = Self.ordered(entries, by: order)

    var pairs: [YAMLPair] = [YAMLPair("model", .string(recipe.model.path))]
    if let image = recipe.engine.image {
      pairs.append(YAMLPair("container", .string(image)))
      if let v = recipe.engine.version, ForeignCatalogs.version(ofImage: image) != v {
        losses.add(
          "engine.version", v,
          "vllm-args takes the engine version from the container tag, and '\(image)' does not name \(v)"
        )
      }
    } else {
      diagnostics.append(
        Diagnostic(
          .warning, code: "missing-container",
          "the recipe has no engine.image; vllm-args needs a container"))
      if let v = recipe.engine.version {
        losses.add("engine.version", v, "vllm-args has no container to carry the version")
      }
    }
    if let gpuType { pairs.append(YAMLPair("gpu_type", .string(gpuType))) }
    if !entries.isEmpty { pairs.append(YAMLPair("args", .mapping(entries))) }
    if !env.isEmpty {
      pairs.append(
        YAMLPair(
          "env",
          .mapping(env.map { YAMLPair($0.name, YAMLNode(.scalar($0.value ?? "", .doubleQuoted))) }))
      )
    }
    if let b = recipe.benchmark {
      var bp: [YAMLPair] = [YAMLPair("enabled", extra?["benchmark_enabled"] ?? .bool(true))]
      bp.append(YAMLPair("framework", .string(b.tool)))
      if let a = b.args {
        bp.append(YAMLPair("args", a.isSequence ? YAMLNode(.sequence(a.sequence ?? [], .flow)) : a))
      }
      bp += extra?["benchmark_extra"]?.mapping ?? []
      if let v = b.isl {
        losses.add("benchmark.isl", String(v), "vllm-args benchmark has framework and args only")
      }
      if let v = b.osl {
        losses.add("benchmark.osl", String(v), "vllm-args benchmark has framework and args only")
      }
      if !b.concurrencies.isEmpty {
        losses.add(
          "benchmark.concurrencies", b.concurrencies.map(String.init).joined(separator: ", "),
          "vllm-args benchmark has framework and args only")
      }
      if b.requestRate != nil {
        losses.add(
          "benchmark.request_rate", "set", "vllm-args benchmark has framework and args only")
      }
      for t in b.thresholds {
        losses.add(
          KeyPath("benchmark.thresholds") / t.name, String(t.value),
          "vllm-args benchmark has no thresholds")
      }
      pairs.append(YAMLPair("benchmark", .mapping(bp)))
    }
    pairs += extra?["keys"]?.mapping ?? []
    let keyOrder =
      recipe.provenance?.sourceFormat == format ? recipe.provenance?.roundtrip?.keyOrder ?? [] : []
    let doc = YAMLDocument(root: .mapping(Self.ordered(pairs, by: keyOrder)))
    return Conversion(value: [doc], diagnostics: diagnostics, losses: losses.entries)
  }

  /// Pairs sorted by a remembered key order; keys it does not name keep their order, after.
  static func ordered(_ pairs: [YAMLPair], by order: [String]) -> [YAMLPair] {
    guard !order.isEmpty else { return pairs }
    let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    return pairs.enumerated().sorted { a, b in
      let ra = a.element.key.scalar.flatMap { rank[$0] } ?? Int.max
      let rb = b.element.key.scalar.flatMap { rank[$0] } ?? Int.max
      return ra != rb ? ra < rb : a.offset < b.offset
    }.map(\.element)
  }
}
