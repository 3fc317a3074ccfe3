public import Schema

extension VLLMArgsConverter {
  // MARK: - Import

  /// Reads a vLLM args recipe into v2.
  public func toV2(_ documents: [YAMLDocument], file: String) -> Conversion<RecipeV2> {
    var failure = Conversion<RecipeV2>(value: nil)
    guard
      let doc = ForeignDocument(
        documents, file: file, kind: "a vllm-args recipe file", failure: &failure)
    else { return failure }
    let (ctx, root, r) = (doc.context, doc.root, doc.reader)
    let modelKey = r.string(
      "model", required: true, hint: "the Hugging Face id, e.g. openai/gpt-oss-120b")
    let container = r.string("container")
    let gpuType = r.string("gpu_type")
    let env = r.stringMap("env") ?? []
    var read = ForeignFlags()
    read.modelPath = modelKey
    var order: [YAMLNode] = []
    if let ar = r.mapping("args") { order = readArgs(ar, into: &read, ctx: ctx) }
    var extra = read.extra
    var comments = read.comments
    var benchmark: RecipeV2.Benchmark?
    if let br = r.mapping("benchmark") { benchmark = readBenchmark(br, extra: &extra, ctx: ctx) }
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
    guard let modelPath = read.modelPath else {
      return Conversion(value: nil, diagnostics: ctx.diagnostics)
    }
    let serving = read.serving
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
      model: RecipeV2.Model(path: modelPath, servedName: read.servedName),
      engine: RecipeV2.Engine(
        name: .vllm, version: ForeignCatalogs.version(ofImage: container), image: container),
      resources: resources,
      topology: .aggregated(RecipeV2.RolePlacement(nodes: nodes, workers: 1, gpusPerWorker: gpus)),
      serving: serving, args: read.args, env: env.map { RecipeV2.EnvVar($0.key, $0.value) },
      benchmark: benchmark,
      launcher: read.launcher == RecipeV2.Launcher() ? nil : read.launcher,
      provenance: RecipeV2.Provenance(
        sourceFormat: "vllm-args", sourcePath: SourcePath.recorded(file),
        roundtrip: RecipeV2.Roundtrip(
          flagSpellings: read.spellings, keyOrder: r.keys,
          extra: extra.isEmpty ? nil : .mapping(extra))))
    return Conversion(
      value: ctx.hasErrors ? nil : recipe, diagnostics: ctx.diagnostics, comments: comments)
  }

  /// Sorts the `args` map into v2's places: named serving fields, port, host, served name,
  /// model, and args.
  /// - Returns: the keys in source order (`roundtrip.extra.args_order`).
  func readArgs(_ ar: MappingReader, into read: inout ForeignFlags, ctx: DecodeContext)
    -> [YAMLNode]
  {
    var order: [YAMLNode] = []
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
      let slot = SparkTemplateSlot.of(flag, value: value, engine: .vllm)
      if !read.place(slot, flag: flag, value: value, node: v, path: p, dest: &dest, ctx: ctx) {
        if slot == .model {
          read.modelPath = v.scalar ?? read.modelPath
          dest = "model.path"
          read.extra.append(YAMLPair("model_in_args", .bool(true)))
        } else {
          if case .null = value {
            ctx.warning(
              "null-arg", "'\(key)' has no value; it is kept as null (no flag)", at: v, path: p)
          }
          read.args.append(RecipeV2.EngineArg(flag, value))
          dest = KeyPath("args") / flag
        }
      }
      if let k = ar.keyNode(key) { read.comment(key: k, value: v, at: dest) }
    }
    return order
  }

  /// The benchmark: `framework` is the tool, `args` its args; `enabled` and other keys go to
  /// `roundtrip.extra`.
  func readBenchmark(_ br: MappingReader, extra: inout [YAMLPair], ctx: DecodeContext)
    -> RecipeV2.Benchmark
  {
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
    return RecipeV2.Benchmark(
      tool: tool ?? "unknown", args: bargs.flatMap { $0.isNull ? nil : $0 })
  }
}
