internal import Engines
import Schema

/// Writes one v2 recipe as a named-field recipe, collecting losses.
struct NamedFieldExporter {
  let recipe: RecipeV2
  private(set) var losses: [LossEntry] = []

  init(recipe: RecipeV2) { self.recipe = recipe }

  private mutating func lose(_ path: KeyPath, _ value: String, _ reason: String) {
    losses.append(LossEntry(path: path, value: value, reason: reason))
  }

  /// The `extra_args` string of some args; banned flags are losses.
  mutating func extraArgs(_ args: [RecipeV2.EngineArg], engine: EngineName, path: KeyPath)
    -> String?
  {
    let banned = Set(
      LauncherFlags.extraArgsBanned(engine: engine).map { NamedFieldFlags.normalize($0) })
    var words: [String] = []
    for arg in args where arg.value != .null {
      if banned.contains(NamedFieldFlags.normalize(arg.flag)) {
        lose(
          path / arg.flag, "\(arg.value)",
          "seed 001 bans this flag in extra_args and engine.llm has no field for it")
        continue
      }
      if case .list(let items) = arg.value {
        for item in items { words += EngineInvocation.argv(RecipeV2.EngineArg(arg.flag, item)) }
      } else {
        words += EngineInvocation.argv(arg)
      }
    }
    return words.isEmpty ? nil : ShellQuote.join(words)
  }

  mutating func run() -> YAMLNode? {
    let r = recipe
    let engine = r.engine.name
    guard engine != .trtllm else {
      lose("engine.name", "trtllm", "named-field recipes run vLLM or SGLang only")
      return nil
    }
    for p in r.engine.plugins {
      lose(
        KeyPath("engine") / "plugins" / p.name.rawValue, p.version ?? "",
        "a named-field recipe names no engine plugin to install")
    }
    if r.topology.mode == .disaggregated {
      lose("topology", "prefill + decode", "named-field recipes run one aggregated server")
    } else if let p = r.topology.roles[.aggregated], p.nodes != 1 || p.workers != 1 {
      lose(
        "topology.aggregated", "nodes \(p.nodes), workers \(p.workers)",
        "named-field recipes run one server on one node (deplodock scales replicas itself)")
    }
    for (role, rc) in r.roles.sorted(by: { $0.key < $1.key }) where !rc.isEmpty {
      lose("roles" / role.rawValue, "overrides", "named-field recipes have no per-role settings")
    }
    let rt = r.provenance?.sourceFormat == "named-field" ? r.provenance?.roundtrip : nil
    let deplodock = r.launcher?.tools[.deplodock]
    var top: [YAMLPair] = []

    top.append(modelEntry())
    top.append(engineEntry(roundtrip: rt, deplodock: deplodock))

    // benchmark
    if let b = r.benchmark { top.append(YAMLPair("benchmark", benchmark(b, path: "benchmark"))) }

    // launcher
    if let l = r.launcher { launcherLosses(l) }
    for p in deplodock?.mapping ?? [] {
      guard let k = p.key.scalar, k != "docker_options", k != "unmapped", k != "variant" else {
        continue
      }
      top.append(YAMLPair(k, p.value))
    }
    var root = YAMLNode.mapping(top)
    if let unmapped = deplodock?["unmapped"] { root = RecipeV2.deepMerge(root, unmapped) }

    // resources
    if let g = r.resources?.gpuType, !Self.namesGPU(deplodock) {
      lose(
        "resources.gpu_type", g,
        "named-field recipes name the GPU by product string in deploy/matrices")
    }
    if let g = r.resources?.gpusPerNode {
      lose(
        "resources.gpus_per_node", String(g), "deplodock sizes the host itself (deploy.gpu_count)")
    }

    // variants
    if !r.variants.isEmpty {
      root.set("variants", .mapping(r.variants.map { YAMLPair($0.name, variant($0)) }))
    }
    for (label, v) in [
      ("description", r.description), ("status", r.status.map { $0.state.rawValue }),
    ] {
      if let v { lose(KeyPath(parsing: label), v, "named-field recipes have no \(label)") }
    }
    if !r.labels.isEmpty {
      lose("labels", r.labels.joined(separator: ", "), "named-field recipes have no labels")
    }

    // source key order
    if let order = rt?.keyOrder, !order.isEmpty, let pairs = root.mapping {
      let sorted = pairs.sorted { a, b in
        (order.firstIndex(of: a.key.scalar ?? "") ?? Int.max)
          < (order.firstIndex(of: b.key.scalar ?? "") ?? Int.max)
      }
      root = .mapping(sorted)
    }
    return root
  }

  // MARK: - model

  /// `model`: the path (under the source's key), the task; revision, precision and served
  /// name are losses.
  mutating func modelEntry() -> YAMLPair {
    let r = recipe
    let rt = r.provenance?.sourceFormat == "named-field" ? r.provenance?.roundtrip : nil
    var model: [YAMLPair] = []
    let modelKey = rt?.extra?["model_key"]?.scalar ?? "huggingface"
    model.append(YAMLPair(modelKey, .string(r.model.path)))
    if let t = r.model.task { model.append(YAMLPair("task", .string(t))) }
    if let v = r.model.revision {
      lose("model.revision", v, "named-field recipes have no model revision")
    }
    if let v = r.model.precision {
      lose("model.precision", v, "named-field recipes have no precision field")
    }
    if let v = r.model.servedName {
      lose("model.served_name", v, "the served model name is deplodock's, not the recipe's")
    }
    return YAMLPair("model", .mapping(model))
  }

  // MARK: - engine

  /// `engine.llm` (or `backend`): the named fields, docker options, and the engine block with
  /// the image, `extra_args` and `extra_env`.
  mutating func engineEntry(roundtrip rt: RecipeV2.Roundtrip?, deplodock: YAMLNode?) -> YAMLPair {
    let r = recipe
    let engine = r.engine.name
    var llm: [YAMLPair] = []
    let s = r.serving
    for field in NamedFieldImporter.namedKeys {
      guard let text = s.text(field) else { continue }
      llm.append(
        YAMLPair(
          field.yamlKey,
          field == .gpuMemoryUtilization ? .float(s.gpuMemoryUtilization!) : .int(Int(text)!)))
    }
    if let ep = s.expertParallelSize {
      lose(
        "serving.expert_parallel_size", String(ep),
        "engine.llm has no expert parallel field and seed 001 bans it in extra_args")
    }
    if let d = deplodock?["docker_options"] { llm.append(YAMLPair("docker_options", d)) }
    var block: [YAMLPair] = []
    if let image = r.engine.image {
      block.append(YAMLPair("image", .string(image)))
    } else if let v = r.engine.version {
      lose("engine.version", v, "named-field recipes carry the version in the image tag only")
    }
    if let extra = extraArgs(r.args, engine: engine, path: "args") {
      // Keep the source's spelling when it still says the same.
      if let original = rt?.extra?["extra_args"]?.scalar,
        let words = try? ShellWords.split(original).map(\.text),
        EngineArgv.read(words, engine: engine, extractNamedFields: false).args == r.args
      {
        block.append(YAMLPair("extra_args", .string(original)))
      } else {
        block.append(YAMLPair("extra_args", .string(extra)))
      }
    }
    if !r.env.isEmpty {
      block.append(
        YAMLPair(
          "extra_env",
          .mapping(r.env.map { YAMLPair($0.name, $0.value.map(YAMLNode.string) ?? .null) })))
    }
    if !block.isEmpty { llm.append(YAMLPair(engine.rawValue, .mapping(block))) }
    if rt?.layout == "backend" {
      var b = block
      b.insert(
        contentsOf: llm.filter { p in NamedField(yamlKey: p.key.scalar ?? "") != nil }, at: 0)
      return YAMLPair("backend", .mapping([YAMLPair(engine.rawValue, .mapping(b))]))
    } else {
      return YAMLPair("engine", .mapping([YAMLPair("llm", .mapping(llm))]))
    }
  }

  // MARK: - launcher

  /// The launcher settings named-field recipes have no place for.
  mutating func launcherLosses(_ l: RecipeV2.Launcher) {
    for tool in RecipeV2.Launcher.Tool.allCases where tool != .deplodock && l.tools[tool] != nil {
      lose(
        "launcher" / tool.rawValue, "…", "named-field recipes keep only deplodock launch settings"
      )
    }
    if let v = l.port { lose("launcher.port", String(v), "deplodock picks the port") }
    if let v = l.host { lose("launcher.host", v, "deplodock picks the host") }
    if let v = l.command {
      lose("launcher.command", v, "named-field recipes have no command template")
    }
    if l.clusterOnly != nil || l.soloOnly != nil || l.minNodes != nil || l.maxNodes != nil {
      lose("launcher", "node limits", "named-field recipes run on one node")
    }
    if !l.mods.isEmpty || !l.buildArgs.isEmpty || l.parameters != nil {
      lose(
        "launcher", "mods/build_args/parameters",
        "named-field recipes have no container patches or templates")
    }
  }

  /// Whether the deplodock block names a GPU (deploy.gpu or matrices).
  static func namesGPU(_ deplodock: YAMLNode?) -> Bool {
    deplodock?["deploy"]?["gpu"] != nil || deplodock?["matrices"] != nil
  }

  mutating func benchmark(_ b: RecipeV2.Benchmark, path: KeyPath) -> YAMLNode {
    var bp: [YAMLPair] = []
    if b.tool != "deplodock" { lose(path / "tool", b.tool, "deplodock runs its own benchmark") }
    if let c = b.concurrencies.first { bp.append(YAMLPair("max_concurrency", .int(c))) }
    if b.concurrencies.count > 1 {
      lose(
        path / "concurrencies", b.concurrencies.map(String.init).joined(separator: ", "),
        "named-field benchmarks run one concurrency (sweeps are matrices)")
    }
    if let i = b.isl { bp.append(YAMLPair("random_input_len", .int(i))) }
    if let o = b.osl { bp.append(YAMLPair("random_output_len", .int(o))) }
    if let rr = b.requestRate {
      lose(path / "request_rate", "\(rr)", "named-field benchmarks have no request rate")
    }
    if !b.thresholds.isEmpty {
      lose(
        path / "thresholds", "\(b.thresholds.count) thresholds",
        "named-field benchmarks have no thresholds")
    }
    if let a = b.args {
      if let pairs = a.mapping {
        bp += pairs
      } else {
        lose(path / "args", a.description, "named-field benchmark settings are a mapping")
      }
    }
    return .mapping(bp)
  }

  /// A v2 variant override as a named-field variant.
  mutating func variant(_ v: RecipeV2.Variant) -> YAMLNode {
    let o = v.override
    let path = KeyPath([.key("variants"), .key(v.name)])
    let engine =
      o["engine"]?["name"]?.scalar.flatMap(EngineName.init(rawValue:)) ?? recipe.engine.name
    var out = YAMLNode.mapping([])
    var rest = o["launcher"]?["deplodock"]?["variant"]
    let backend = recipe.provenance?.roundtrip?.layout == "backend"
    let llmPath = backend ? ["backend"] : ["engine", "llm"]
    for p in o.mapping ?? [] {
      guard let k = p.key.scalar else { continue }
      let pp = path / k
      switch k {
      case "model":
        for m in p.value.mapping ?? [] {
          let mk = m.key.scalar ?? ""
          if mk == "path" {
            out = NamedFieldImporter.inserting(m.value, at: ["model", "huggingface"], into: out)
          } else if mk == "task" {
            out = NamedFieldImporter.inserting(m.value, at: ["model", "task"], into: out)
          } else {
            lose(pp / mk, m.value.description, "named-field models have only huggingface and task")
          }
        }
      case "serving":
        for f in p.value.mapping ?? [] {
          let fk = f.key.scalar ?? ""
          if let nf = NamedField(yamlKey: fk), NamedFieldImporter.namedKeys.contains(nf) {
            let at = backend ? llmPath + [engine.rawValue, fk] : llmPath + [fk]
            out = NamedFieldImporter.inserting(f.value, at: at[...], into: out)
          } else {
            lose(pp / fk, f.value.description, "engine.llm has no such field")
          }
        }
      case "engine":
        for e in p.value.mapping ?? [] {
          let ek = e.key.scalar ?? ""
          if ek == "image" {
            out = NamedFieldImporter.inserting(
              e.value, at: (llmPath + [engine.rawValue, "image"])[...], into: out)
          } else if ek == "name" || ek == "version" {
            continue
          } else {
            lose(pp / ek, e.value.description, "no place in a named-field variant")
          }
        }
      case "args":
        let args = (p.value.mapping ?? []).compactMap { a -> RecipeV2.EngineArg? in
          guard let f = a.key.scalar else { return nil }
          return RecipeV2.EngineArg(f, Self.argValue(a.value))
        }
        let s = extraArgs(args, engine: engine, path: pp)
        out = NamedFieldImporter.inserting(
          .string(s ?? ""), at: (llmPath + [engine.rawValue, "extra_args"])[...], into: out)
      case "env":
        out = NamedFieldImporter.inserting(
          p.value, at: (llmPath + [engine.rawValue, "extra_env"])[...], into: out)
      case "benchmark":
        var b = RecipeV2.Benchmark(tool: "deplodock")
        for f in p.value.mapping ?? [] {
          switch f.key.scalar {
          case "isl": b.isl = Int(f.value.scalar ?? "")
          case "osl": b.osl = Int(f.value.scalar ?? "")
          case "concurrencies":
            b.concurrencies = (f.value.sequence ?? []).compactMap { Int($0.scalar ?? "") }
          case "args": b.args = f.value
          default:
            lose(
              pp / (f.key.scalar ?? ""), f.value.description,
              "named-field benchmarks cannot hold it")
          }
        }
        out = NamedFieldImporter.inserting(benchmark(b, path: pp), at: ["benchmark"], into: out)
      case "resources":
        if rest?["gpu"] == nil && rest?["deploy"]?["gpu"] == nil {
          lose(pp, p.value.description, "named-field variants name the GPU by product string")
        }
      case "launcher":
        for l in p.value.mapping ?? [] where l.key.scalar != "deplodock" {
          lose(
            pp / (l.key.scalar ?? ""), l.value.description,
            "named-field variants keep only deplodock settings")
        }
        if let d = p.value["deplodock"] {
          for l in d.mapping ?? [] where l.key.scalar != "variant" {
            rest = NamedFieldImporter.inserting(
              l.value, at: [l.key.scalar ?? ""], into: rest ?? .mapping([]))
          }
        }
      default:
        lose(pp, p.value.description, "no place in a named-field variant")
      }
    }
    if let rest { out = RecipeV2.deepMerge(out, rest) }
    return out
  }

  /// A YAML node as an arg value (inverse of ``node(_:)``).
  static func argValue(_ n: YAMLNode) -> RecipeV2.ArgValue {
    switch n.kind {
    case .scalar:
      switch n.resolved {
      case .null?, nil: return .null
      case .bool(let b)?: return .bool(b)
      case .int(let i)?: return .int(i)
      case .float(let d)?: return .float(d)
      case .string(let s)?: return .string(s)
      }
    case .mapping: return .structured(n)
    case .sequence(let items, _):
      return items.allSatisfy(\.isScalar) ? .list(items.map(argValue)) : .structured(n)
    }
  }
}
