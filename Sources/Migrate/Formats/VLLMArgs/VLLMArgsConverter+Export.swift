public import Schema

extension VLLMArgsConverter {
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
    if let l = recipe.launcher { losses.checkSparkSettings(l, format: format, nodeRange: false) }
    let extra =
      recipe.provenance?.sourceFormat == format ? recipe.provenance?.roundtrip?.extra : nil
    let entries = exportArgs(
      recipe, serving: serving, argList: argList, extra: extra, losses: &losses)

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
      pairs.append(YAMLPair("benchmark", Self.benchmarkNode(b, extra: extra, losses: &losses)))
    }
    pairs += extra?["keys"]?.mapping ?? []
    let keyOrder =
      recipe.provenance?.sourceFormat == format ? recipe.provenance?.roundtrip?.keyOrder ?? [] : []
    let doc = YAMLDocument(root: .mapping(Self.ordered(pairs, by: keyOrder)))
    return Conversion(value: [doc], diagnostics: diagnostics, losses: losses.entries)
  }

  /// The `args` map: named fields (in the source's spellings), args, port, host, served name
  /// and model, in the source order where known.
  func exportArgs(
    _ recipe: RecipeV2, serving: RecipeV2.Serving, argList: [RecipeV2.EngineArg],
    extra: YAMLNode?, losses: inout ForeignLosses
  ) -> [YAMLPair] {
    let spellings = recipe.provenance?.roundtrip?.flagSpellings ?? []
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
    return Self.ordered(entries, by: order)
  }

  /// The `benchmark` mapping: enabled, framework and args (isl, osl, concurrencies, request
  /// rate and thresholds are losses).
  static func benchmarkNode(
    _ b: RecipeV2.Benchmark, extra: YAMLNode?, losses: inout ForeignLosses
  ) -> YAMLNode {
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
    return .mapping(bp)
  }
}
