import Schema

/// v2 → v1 for one recipe body: builds the v1 mapping from the v2 fields (layout, spellings
/// and hints from the provenance), records which v1 path came from which v2 path, and reports
/// what v1 cannot express.
struct SGLangV1Export {
  let recipe: RecipeV2
  let layout: V1Layout
  let hints: SGLangV1Hints
  var table = SGLangV1PathTable()
  var losses: [LossEntry] = []

  init(_ recipe: RecipeV2, layout: V1Layout, hints: SGLangV1Hints) {
    self.recipe = recipe
    self.layout = layout
    self.hints = hints
  }

  private mutating func loss(_ path: KeyPath, _ value: String, _ reason: String) {
    losses.append(LossEntry(path: path, value: value, reason: reason))
  }

  /// The v1 body, its paths under `p`.
  mutating func body(at p: KeyPath, keyOrder: [String]) -> YAMLNode {
    let r = recipe
    var out: [YAMLPair] = []
    out.reserveCapacity(12)
    func put(_ key: String, _ value: YAMLNode, _ v2: KeyPath, recursive: Bool = false) {
      out.append(YAMLPair(key, value))
      table.add(p, key, v2, recursive: recursive)
    }
    if !hints.nameAbsent { put("name", .string(r.name), "name") }
    if layout == .seed, let v = r.engine.version {
      put("sglang_version", .string(hints.versionWithoutV ? v : "v" + v), "engine.version")
    }
    if !r.labels.isEmpty {
      put(
        "labels", .sequence(r.labels.map { .string($0) }, style: .flow), "labels", recursive: true)
    }
    let modelNode = model(p / "model")
    put("model", modelNode, "model")
    let resourcesNode = resources(p / "resources")
    put("resources", resourcesNode, "resources")
    let engineName = r.engine.name
    for plugin in r.engine.plugins {
      loss(
        KeyPath("engine") / "plugins" / plugin.name.rawValue, plugin.version ?? "",
        "a v1 recipe names no engine plugin to install")
    }
    if layout == .seed && engineName != .sglang {
      loss(
        "engine.name", engineName.rawValue,
        "the seed (proposal) layout of v1 only expresses SGLang (sglang_config)")
    }
    let configKey: String = {
      if let t = hints.backendType?.lowercased(), t == "mocker", engineName == .sglang {
        return "mocker_config"
      }
      return "\(engineName.rawValue)_config"
    }()
    switch layout {
    case .seed:
      let env = roleMap(p / "environment") { $0.environment($1, $2) }
      if let env { put("environment", env, "env") }
      let cfg = roleMap(p / "sglang_config") { $0.config($1, $2) }
      if let cfg { put("sglang_config", cfg, "args") }
    case .srtSlurm:
      var b: [YAMLPair] = []
      b.reserveCapacity(8)
      let bp = p / "backend"
      if let t = hints.backendType,
        EngineName(name: t) == engineName || (t.lowercased() == "mocker" && engineName == .sglang)
      {
        b.append(YAMLPair("type", .string(t)))
        table.add(bp, "type", "engine.name")
      } else if hints.backendType != nil || engineName != .sglang {
        b.append(YAMLPair("type", .string(engineName.rawValue)))
        table.add(bp, "type", "engine.name")
      }
      for role in recipe.topology.roleNames {
        let key = "\(role.rawValue)_environment"
        if let e = environment(role, bp / key) {
          b.append(YAMLPair(key, e))
          table.add(bp, key, "roles" / role.rawValue / "env")
        }
      }
      if let cfg = roleMap(bp / configKey, { $0.config($1, $2) }) {
        b.append(YAMLPair(configKey, cfg))
        table.add(bp, configKey, "args")
      }
      if let extra = r.launcher?.tools[.srtSlurm]?["backend"]?.mapping {
        for e in extra {
          b.append(e)
          if let k = e.key.scalar {
            table.add(bp, k, "launcher.srt_slurm.backend" / k, recursive: true)
          }
        }
      }
      if !b.isEmpty { put("backend", .mapping(b), "engine") }
      if hints.topLevelEnvironment {
        let env = envNode(r.env, p / "environment", "env")
        put("environment", env, "env")
      }
    }
    if let bench = r.benchmark {
      let node = benchmark(bench, p / "benchmark")
      put("benchmark", node, "benchmark")
    }
    for s in r.launcher?.tools[.srtSlurm]?.mapping ?? [] {
      guard let k = s.key.scalar, k != "backend" else { continue }
      put(k, s.value, "launcher.srt_slurm" / k, recursive: true)
    }
    reportLosses()
    return .mapping(SGLangV1Residue.ordered(out, keyOrder))
  }

  private mutating func model(_ p: KeyPath) -> YAMLNode {
    var m: [YAMLPair] = [YAMLPair("path", .string(recipe.model.path))]
    m.reserveCapacity(3)
    table.add(p, "path", "model.path")
    if let c = recipe.engine.image {
      m.append(YAMLPair("container", .string(c)))
      table.add(p, "container", "engine.image")
    }
    if let pr = recipe.model.precision {
      m.append(YAMLPair("precision", .string(pr)))
      table.add(p, "precision", "model.precision")
    }
    return .mapping(m)
  }

  private mutating func resources(_ p: KeyPath) -> YAMLNode {
    var m: [YAMLPair] = []
    m.reserveCapacity(9)
    func put(_ k: String, _ v: Int?, _ v2: @autoclosure () -> KeyPath) {
      guard let v else { return }
      m.append(YAMLPair(k, .int(v)))
      table.add(p, k, v2())
    }
    if let g = recipe.resources?.gpuType {
      m.append(YAMLPair("gpu_type", .string(g)))
      table.add(p, "gpu_type", "resources.gpu_type")
    }
    put("gpus_per_node", recipe.resources?.gpusPerNode, "resources.gpus_per_node")
    let t = recipe.topology
    if let a = t.roles[.aggregated] {
      let (nk, wk) = layout == .seed ? ("nodes", "workers") : ("agg_nodes", "agg_workers")
      put(nk, a.nodes, "topology.aggregated.nodes")
      put(wk, a.workers, "topology.aggregated.workers")
      put("gpus_per_agg", a.gpusPerWorker, "topology.aggregated.gpus_per_worker")
    } else {
      put("prefill_nodes", t.roles[.prefill]?.nodes, "topology.prefill.nodes")
      put("decode_nodes", t.roles[.decode]?.nodes, "topology.decode.nodes")
      put("prefill_workers", t.roles[.prefill]?.workers, "topology.prefill.workers")
      put("decode_workers", t.roles[.decode]?.workers, "topology.decode.workers")
      put("gpus_per_prefill", t.roles[.prefill]?.gpusPerWorker, "topology.prefill.gpus_per_worker")
      put("gpus_per_decode", t.roles[.decode]?.gpusPerWorker, "topology.decode.gpus_per_worker")
    }
    return .mapping(m)
  }

  private mutating func roleMap(
    _ p: KeyPath, _ make: (inout SGLangV1Export, RecipeV2.Role, KeyPath) -> YAMLNode?
  ) -> YAMLNode? {
    var m: [YAMLPair] = []
    m.reserveCapacity(3)
    for role in recipe.topology.roleNames {
      if let n = make(&self, role, p / role.rawValue) {
        m.append(YAMLPair(role.rawValue, n))
        table.add(p, role.rawValue, "roles" / role.rawValue)
      }
    }
    return m.isEmpty ? nil : .mapping(m)
  }

  /// The engine flags of a role: served name, named fields, then args (role args replace common
  /// ones in place; nulls are kept, they mean the same in v1).
  private mutating func config(_ role: RecipeV2.Role, _ p: KeyPath) -> YAMLNode? {
    var m: [YAMLPair] = []
    m.reserveCapacity(recipe.args.count + 10)
    let engine = recipe.engine.name
    let rc = recipe.roles[role] ?? RecipeV2.RoleConfig()
    if let s = recipe.model.servedName {
      let k = hints.servedNameFlag ?? "served-model-name"
      m.append(YAMLPair(k, .string(s)))
      table.add(p, k, "model.served_name")
    }
    let serving = recipe.serving.overlaid(by: rc.serving)
    for f in serving.setFields {
      let mapping = NamedFieldFlags.flags(for: f, engine: engine)
      let v2: KeyPath =
        rc.serving.isSet(f) ? "roles" / role.rawValue / "serving" / f.key : "serving" / f.key
      guard let value = Self.value(serving, f) else { continue }
      switch mapping.form {
      case .value:
        let flag =
          recipe.provenance?.roundtrip?.flagSpellings.first { $0.field == f }?.flag
          ?? String((mapping.canonical ?? f.key).drop { $0 == "-" })
        m.append(YAMLPair(flag, value))
        table.add(p, flag, v2)
      case .switchWhenGreaterThanOne:
        let n = Int(value.scalar ?? "") ?? 1
        let flag = String((mapping.canonical ?? "").drop { $0 == "-" })
        if n > 1 {
          m.append(YAMLPair(flag, .bool(true)))
          table.add(p, flag, v2)
        }
        let derived = (serving.tensorParallelSize ?? 1) * (serving.dataParallelSize ?? 1)
        if n > 1 && n != derived {
          loss(
            v2, String(n),
            "\(engine) has no expert parallel size flag; --enable-expert-parallel makes it TP × DP = \(derived)"
          )
        }
      case .unsupported:
        loss(v2, value.scalar ?? "", "\(engine) has no flag for \(f.key)")
      }
    }
    var args = recipe.args
    for a in rc.args {
      if let i = args.firstIndex(where: { $0.flag == a.flag }) {
        args[i] = a
      } else {
        args.append(a)
      }
    }
    for a in args {
      m.append(YAMLPair(a.flag, a.value.node))
      table.add(
        p, a.flag,
        rc.args.contains { $0.flag == a.flag }
          ? "roles" / role.rawValue / "args" / a.flag : "args" / a.flag, recursive: true)
    }
    return m.isEmpty ? nil : .mapping(m)
  }

  static func value(_ s: RecipeV2.Serving, _ f: NamedField) -> YAMLNode? {
    switch f {
    case .tensorParallelSize: return s.tensorParallelSize.map(YAMLNode.int)
    case .pipelineParallelSize: return s.pipelineParallelSize.map(YAMLNode.int)
    case .dataParallelSize: return s.dataParallelSize.map(YAMLNode.int)
    case .expertParallelSize: return s.expertParallelSize.map(YAMLNode.int)
    case .gpuMemoryUtilization: return s.gpuMemoryUtilization.map(YAMLNode.float)
    case .contextLength: return s.contextLength.map(YAMLNode.int)
    case .maxConcurrentRequests: return s.maxConcurrentRequests.map(YAMLNode.int)
    }
  }

  /// The environment of a role: common plus role variables, or only the role's when the common
  /// ones are the srt-slurm top-level `environment`.
  private mutating func environment(_ role: RecipeV2.Role, _ p: KeyPath) -> YAMLNode? {
    let rc = recipe.roles[role] ?? RecipeV2.RoleConfig()
    if hints.topLevelEnvironment {
      return rc.env.isEmpty ? nil : envNode(rc.env, p, "roles" / role.rawValue / "env")
    }
    var vars = recipe.env
    for e in rc.env {
      if let i = vars.firstIndex(where: { $0.name == e.name }) {
        vars[i] = e
      } else {
        vars.append(e)
      }
    }
    var m: [YAMLPair] = []
    m.reserveCapacity(vars.count)
    for v in vars {
      guard let value = v.value else { continue }
      m.append(YAMLPair(v.name, .string(value)))
      table.add(
        p, v.name,
        rc.env.contains { $0.name == v.name }
          ? "roles" / role.rawValue / "env" / v.name : "env" / v.name)
    }
    return m.isEmpty ? nil : .mapping(m)
  }

  private mutating func envNode(_ vars: [RecipeV2.EnvVar], _ p: KeyPath, _ v2: KeyPath) -> YAMLNode
  {
    var m: [YAMLPair] = []
    m.reserveCapacity(vars.count)
    for v in vars {
      guard let value = v.value else {
        loss(v2 / v.name, "null", "v1 cannot unset a variable")
        continue
      }
      m.append(YAMLPair(v.name, .string(value)))
      table.add(p, v.name, v2 / v.name)
    }
    return .mapping(m)
  }

  private mutating func benchmark(_ b: RecipeV2.Benchmark, _ p: KeyPath) -> YAMLNode {
    var m: [YAMLPair] = [YAMLPair("type", .string(b.tool))]
    m.reserveCapacity(8 + (b.args?.mapping?.count ?? 0))
    table.add(p, "type", "benchmark.tool")
    if let v = b.isl {
      m.append(YAMLPair("isl", .int(v)))
      table.add(p, "isl", "benchmark.isl")
    }
    if let v = b.osl {
      m.append(YAMLPair("osl", .int(v)))
      table.add(p, "osl", "benchmark.osl")
    }
    if !b.concurrencies.isEmpty {
      let n: YAMLNode =
        hints.concurrenciesList
        ? .sequence(b.concurrencies.map(YAMLNode.int), style: .flow)
        : .string(b.concurrencies.map(String.init).joined(separator: "x"))
      m.append(YAMLPair("concurrencies", n))
      table.add(p, "concurrencies", "benchmark.concurrencies", recursive: true)
    }
    switch b.requestRate {
    case .infinite?: m.append(YAMLPair("req_rate", .string("inf")))
    case .perSecond(let d)?: m.append(YAMLPair("req_rate", SGLangV1Values.number(d)))
    case nil: break
    }
    if b.requestRate != nil { table.add(p, "req_rate", "benchmark.request_rate") }
    for t in b.thresholds {
      let key =
        t.name == "ttft_ms" ? "ttft_threshold_ms" : t.name == "itl_ms" ? "itl_threshold_ms" : nil
      guard let key else {
        loss(
          "benchmark.thresholds" / t.name, String(t.value),
          "v1 benchmarks only have ttft and itl thresholds")
        continue
      }
      m.append(YAMLPair(key, SGLangV1Values.number(t.value)))
      table.add(p, key, "benchmark.thresholds" / t.name)
    }
    if let args = b.args {
      if let pairs = args.mapping {
        for a in pairs {
          m.append(a)
          if let k = a.key.scalar { table.add(p, k, "benchmark.args" / k, recursive: true) }
        }
      } else {
        loss("benchmark.args", YAMLEmitter.emit(args), "v1 benchmark settings are a mapping")
      }
    }
    return .mapping(m)
  }

  /// Fields of v2 with no place in a v1 recipe.
  private mutating func reportLosses() {
    let r = recipe
    if let d = r.description { loss("description", d, "v1 has no description") }
    if let s = r.status { loss("status", s.state.rawValue, "v1 has no status") }
    if let v = r.model.revision { loss("model.revision", v, "v1 has no model revision") }
    if let v = r.model.task { loss("model.task", v, "v1 has no model task") }
    if let l = r.launcher {
      if let v = l.clusterOnly {
        loss("launcher.cluster_only", String(v), "v1 has no node constraints")
      }
      if let v = l.soloOnly { loss("launcher.solo_only", String(v), "v1 has no node constraints") }
      if let v = l.minNodes { loss("launcher.min_nodes", String(v), "v1 has no node constraints") }
      if let v = l.maxNodes { loss("launcher.max_nodes", String(v), "v1 has no node constraints") }
      if let v = l.port { loss("launcher.port", String(v), "v1 has no launcher port") }
      if let v = l.host { loss("launcher.host", v, "v1 has no launcher host") }
      if let v = l.command { loss("launcher.command", v, "v1 has no command template") }
      if let v = l.parameters {
        loss("launcher.parameters", YAMLEmitter.emit(v), "v1 has no command template")
      }
      if !l.mods.isEmpty {
        loss("launcher.mods", l.mods.joined(separator: ", "), "v1 has no container mods")
      }
      if !l.buildArgs.isEmpty {
        loss("launcher.build_args", l.buildArgs.joined(separator: " "), "v1 has no image build")
      }
      for tool in RecipeV2.Launcher.Tool.allCases where tool != .srtSlurm {
        guard let node = l.tools[tool] else { continue }
        loss(
          "launcher" / tool.rawValue, YAMLEmitter.emit(node),
          "v1 (srt-slurm) has no \(tool.rawValue) settings")
      }
    }
    for (role, rc) in r.roles.sorted(by: { $0.key < $1.key }) {
      for e in rc.env where e.value == nil && !r.env.contains(where: { $0.name == e.name }) {
        loss(
          "roles" / role.rawValue / "env" / e.name, "null",
          "v1 cannot unset a variable that is not set")
      }
    }
    if let p = r.provenance, !["sglang-v1", "srt-slurm"].contains(p.sourceFormat) {
      if let v = p.sourcePath { loss("provenance.source_path", v, "v1 has no provenance") }
      if let v = p.upstreamURL { loss("provenance.upstream_url", v, "v1 has no provenance") }
      if let v = p.upstreamCommit { loss("provenance.upstream_commit", v, "v1 has no provenance") }
    }
  }
}
