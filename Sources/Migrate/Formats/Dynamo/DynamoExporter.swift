internal import Engines
import Schema

/// Writes one v2 recipe as a DynamoGraphDeployment (plus kept documents), collecting losses.
struct DynamoExporter {
  let recipe: RecipeV2
  private(set) var losses: [LossEntry] = []

  init(recipe: RecipeV2) { self.recipe = recipe }

  private mutating func lose(_ path: KeyPath, _ value: String, _ reason: String) {
    losses.append(LossEntry(path: path, value: value, reason: reason))
  }

  /// A word for a `sh -c` script: as is when safe, double-quoted when it expands a variable,
  /// single-quoted otherwise.
  static func scriptWord(_ w: String) -> String {
    if w.contains("$"), !w.contains(where: { $0 == "\"" || $0 == "\\" || $0 == "`" }) {
      return "\"" + w + "\""
    }
    return ShellQuote.quote(w)
  }

  static func serviceName(_ role: RecipeV2.Role, engine: EngineName) -> String {
    let e = engine == .sglang ? "Sglang" : engine == .vllm ? "Vllm" : "Trtllm"
    switch role {
    case .aggregated: return e + "Worker"
    case .prefill: return e + "PrefillWorker"
    case .decode: return e + "DecodeWorker"
    }
  }

  mutating func run() -> [YAMLDocument]? {
    let r = recipe
    let engine = r.engine.name
    for p in r.engine.plugins {
      lose(
        KeyPath("engine") / "plugins" / p.name.rawValue, p.version ?? "",
        "Dynamo's \(engine) worker does not load the \(p.name) plugin")
    }
    let dynamo = r.launcher?.tools[.dynamo]
    var root = dynamo?["skeleton"] ?? Self.skeleton(image: r.engine.image)
    var meta = root["metadata"] ?? .mapping([])
    meta = .mapping(
      [YAMLPair("name", .string(r.name))] + (meta.mapping ?? []).filter { $0.key.scalar != "name" })
    root.set("metadata", meta)
    var spec = root["spec"] ?? .mapping([])
    if dynamo?["backend_framework"]?.scalar != "false" {
      spec = .mapping(
        [YAMLPair("backendFramework", .string(engine.rawValue))]
          + (spec.mapping ?? []).filter { $0.key.scalar != "backendFramework" })
    }
    // spec-level env
    let specEnvNames = Set((dynamo?["spec_env"]?.sequence ?? []).compactMap(\.scalar))
    let specEnv = r.env.filter { specEnvNames.contains($0.name) && $0.value != nil }
    if !specEnv.isEmpty {
      spec.set("envs", .sequence(specEnv.map(Self.envItem) + (spec["envs"]?.sequence ?? [])))
    }
    // workers
    var services = spec["services"]?.mapping ?? []
    let records = dynamo?["workers"]?.mapping ?? []
    for role in r.topology.roleNames {
      let record = records.first { $0.value["role"]?.scalar == role.rawValue }
      let svcName = record?.key.scalar ?? Self.serviceName(role, engine: engine)
      let svc = workerService(
        role, existing: services.first { $0.key.scalar == svcName }?.value,
        record: record?.value ?? .mapping([]), specEnvNames: specEnvNames)
      if let i = services.firstIndex(where: { $0.key.scalar == svcName }) {
        services[i].value = svc
      } else {
        services.append(YAMLPair(svcName, svc))
      }
    }
    spec.set("services", .mapping(services))
    root.set("spec", spec)
    reportLosses(dynamo)

    var docs = (dynamo?["documents"]?.sequence ?? []).map {
      YAMLDocument(root: $0, explicitStart: true)
    }
    let index = min(dynamo?["dgd_index"].flatMap { Int($0.scalar ?? "") } ?? docs.count, docs.count)
    docs.insert(YAMLDocument(root: root, explicitStart: index > 0), at: index)
    return docs
  }

  /// A DGD with a frontend and no workers, for a recipe that was not imported from one.
  static func skeleton(image: String?) -> YAMLNode {
    .mapping([
      YAMLPair("apiVersion", .string("nvidia.com/v1alpha1")),
      YAMLPair("kind", .string("DynamoGraphDeployment")),
      YAMLPair("metadata", .mapping([])),
      YAMLPair(
        "spec",
        .mapping([
          YAMLPair(
            "services",
            .mapping([
              YAMLPair(
                "Frontend",
                .mapping([
                  YAMLPair("componentType", .string("frontend")), YAMLPair("replicas", .int(1)),
                  YAMLPair(
                    "extraPodSpec",
                    .mapping([
                      YAMLPair(
                        "mainContainer",
                        .mapping(image.map { [YAMLPair("image", .string($0))] } ?? []))
                    ])),
                ]))
            ]))
        ])),
    ])
  }

  // MARK: - Workers

  /// The service of one role: the kept one (or a new worker) with the role's replicas, GPUs,
  /// image, env and, unless it has a kept command, its command line.
  mutating func workerService(
    _ role: RecipeV2.Role, existing: YAMLNode?, record rec: YAMLNode, specEnvNames: Set<String>
  ) -> YAMLNode {
    let r = recipe
    let resolved = r.resolved(role: role)
    let placement = r.topology.roles[role]!
    var svc =
      existing
      ?? .mapping(
        [YAMLPair("componentType", .string("worker"))]
          + (role == .aggregated ? [] : [YAMLPair("subComponentType", .string(role.rawValue))]))
    svc.set("replicas", .int(placement.workers))
    let nodeCount = svc["multinode"]?["nodeCount"].flatMap { Int($0.scalar ?? "") } ?? 1
    if let g = placement.gpusPerWorker {
      var res = svc["resources"] ?? .mapping([])
      var limits = res["limits"] ?? .mapping([])
      limits = .mapping(
        [YAMLPair("gpu", .string(String(g / max(nodeCount, 1))))] + (limits.mapping ?? []))
      res = .mapping(
        [YAMLPair("limits", limits)] + (res.mapping ?? []).filter { $0.key.scalar != "limits" })
      svc.set("resources", res)
    }
    var pod = svc["extraPodSpec"] ?? .mapping([])
    var container = pod["mainContainer"] ?? .mapping([])
    let image = rec["image"].flatMap { $0.isNull ? nil : $0.scalar } ?? r.engine.image
    if let image, container["image"] == nil { container.set("image", .string(image)) }
    let kept = container["env"]?.sequence ?? []
    let env = resolved.env.filter { !specEnvNames.contains($0.name) }.map(Self.envItem)
    if !env.isEmpty || !kept.isEmpty { container.set("env", .sequence(env + kept)) }
    if container["command"] == nil {
      let (command, args) = workerCommand(role, resolved: resolved, record: rec)
      container.set("command", command)
      container.set("args", args)
    }
    pod.set("mainContainer", container)
    svc.set("extraPodSpec", pod)
    return svc
  }

  /// The `command` and `args` of a worker: `python3 -m dynamo.<engine>` and its flags (the
  /// recorded program, owned flags and positionals kept), in a `sh -c` script when the source
  /// had one.
  mutating func workerCommand(
    _ role: RecipeV2.Role, resolved: RecipeV2.ResolvedRole, record rec: YAMLNode
  ) -> (command: YAMLNode, args: YAMLNode) {
    let r = recipe
    let engine = r.engine.name
    let spellings =
      r.provenance?.sourceFormat == "dynamo" ? r.provenance?.roundtrip?.flagSpellings ?? [] : []
    // dynamo.trtllm takes its own flags; trtllm-serve spellings are written only when a
    // Dynamo source used them.
    let trtllmForeign = engine == .trtllm && r.provenance?.sourceFormat != "dynamo"
    if trtllmForeign && !resolved.serving.isEmpty {
      lose(
        role == .aggregated ? "serving" : "roles" / role.rawValue / "serving", "named fields",
        "dynamo.trtllm's flag spellings for named fields are not known; set them as args")
    }
    var words: [String] = []
    for item in rec["owned"]?.sequence ?? [] {
      let parts = (item.sequence ?? []).compactMap(\.scalar)
      guard let flag = parts.first else { continue }
      var value = parts.dropFirst().first
      let bare = NamedFieldFlags.normalize(flag)
      if bare == "model" || bare == "model-path", let v = value, !v.contains("$") {
        value = r.model.path
      }
      if bare == "served-model-name", let v = value, !v.contains("$"),
        let s = r.model.servedName
      {
        value = s
      }
      words += [flag] + (value.map { [$0] } ?? [])
    }
    let start = EngineServerCommand(engine: engine, dynamo: true)
    if rec["owned"] == nil {
      words += start.modelWords(r.model.path) + start.servedNameWords(r.model.servedName)
    }
    let serving = trtllmForeign ? RecipeV2.Serving() : resolved.serving
    var forWords = resolved
    forWords.serving = serving
    words += EngineArgv.words(forWords, engine: engine, spellings: spellings)
    words += (rec["positionals"]?.sequence ?? []).compactMap(\.scalar)
    let program = (rec["program"]?.sequence ?? []).compactMap(\.scalar)
    let prog = program.isEmpty ? start.program : program
    if let shell = rec["shell"]?.sequence?.compactMap(\.scalar) {
      let script =
        (rec["prefix"]?.scalar ?? "")
        + (prog + words).map(Self.scriptWord).joined(separator: " ")
        + (rec["suffix"]?.scalar ?? "")
      return (.sequence(shell.map(YAMLNode.string), style: .flow), .sequence([.string(script)]))
    }
    return (
      .sequence(prog.map(YAMLNode.string), style: .flow), .sequence(words.map(YAMLNode.string))
    )
  }

  static func envItem(_ e: RecipeV2.EnvVar) -> YAMLNode {
    .mapping([YAMLPair("name", .string(e.name)), YAMLPair("value", .string(e.value ?? ""))])
  }

  private mutating func reportLosses(_ dynamo: YAMLNode?) {
    let r = recipe
    if let v = r.engine.version {
      let tagged = r.engine.image.flatMap { ContainerImage($0).version }.map(
        NamedFieldImporter.versionText)
      if tagged != v {
        lose(
          "engine.version", v,
          "a DGD names the engine only by image; the image tag does not say \(v)")
      }
    }
    if r.engine.image == nil {
      lose("engine.image", "none", "a DGD worker needs an image; none written")
    }
    if let g = r.resources?.gpuType {
      let hasSelector = (dynamo?["skeleton"]?["spec"]?["services"]?.mapping ?? []).contains {
        $0.value["extraPodSpec"]?["nodeSelector"]?["nvidia.com/gpu.product"] != nil
      }
      if !hasSelector {
        lose(
          "resources.gpu_type", g,
          "a DGD names the GPU by a node selector label; the label value for '\(g)' is cluster-specific"
        )
      }
    }
    if let b = r.benchmark {
      lose(
        "benchmark", b.tool, "a DGD has no benchmark (Dynamo keeps it in a separate perf.yaml Job)")
    }
    if !r.variants.isEmpty {
      lose("variants", r.variantNames.joined(separator: ", "), "a DGD has no variants")
    }
    if let d = r.description { lose("description", d, "a DGD has no description") }
    if !r.labels.isEmpty { lose("labels", r.labels.joined(separator: ", "), "a DGD has no labels") }
    if let s = r.status { lose("status", s.state.rawValue, "a DGD has no status") }
    if let t = r.model.task, t != "generate" {
      lose("model.task", t, "a DGD worker has no task setting")
    }
    if let v = r.model.revision { lose("model.revision", v, "a DGD worker has no model revision") }
    if let v = r.model.precision { lose("model.precision", v, "a DGD has no precision field") }
    if let l = r.launcher {
      for tool in RecipeV2.Launcher.Tool.allCases where tool != .dynamo && l.tools[tool] != nil {
        lose("launcher" / tool.rawValue, "…", "a DGD keeps only Dynamo settings")
      }
      if l.command != nil || l.parameters != nil || !l.mods.isEmpty || !l.buildArgs.isEmpty {
        lose(
          "launcher", "command/parameters/mods/build_args",
          "a DGD runs python3 -m dynamo.<engine>, no templates or patches")
      }
      if let p = l.port { lose("launcher.port", String(p), "the Dynamo frontend owns the port") }
      if let h = l.host { lose("launcher.host", h, "the Dynamo frontend owns the host") }
      if l.clusterOnly != nil || l.soloOnly != nil || l.minNodes != nil || l.maxNodes != nil {
        lose("launcher", "node limits", "a DGD places pods by replicas and multinode only")
      }
    }
    for env in r.env where env.value == nil {
      lose("env" / env.name, "null", "a DGD cannot unset a variable")
    }
  }
}
