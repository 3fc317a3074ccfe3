internal import Schema

/// Renders a plan as a docker compose file, built as a YAML node tree (never by string
/// concatenation) and written by `YAMLEmitter`.
///
/// One service per process instance, with the exact argv in exec form (`entrypoint` is the
/// program, `command` its arguments, so the image's own entrypoint cannot change them),
/// environment as a string mapping, NVIDIA GPU reservations, published ports, an exec-form
/// healthcheck from the readiness check, `ipc: host`, and `depends_on` with
/// `condition: service_healthy` for frontends, routers and the benchmark. The benchmark is
/// one run-once service per concurrency, each after the previous one completed.
/// `{node:N}` placeholders become the service name of the first worker on node N.
public struct ComposeRenderer: PlanRenderer {
  /// `.compose`.
  public var target: LaunchTarget { .compose }
  /// Use the host network (`network_mode: host`) instead of publishing ports.
  public var hostNetwork: Bool

  /// A renderer that publishes ports, or uses the host network when `hostNetwork`.
  public init(hostNetwork: Bool = false) {
    self.hostNetwork = hostNetwork
  }

  /// The compose file of `plan`.
  public func render(_ plan: LaunchPlan) throws(LaunchError) -> RenderedLaunch {
    try plan.validate()
    var warnings: [String] = []
    var services: [YAMLPair] = []
    var healthy: [String] = []  // services with a healthcheck
    var workers: [String] = []
    // The healthy services of the stages before (the control plane, llama.cpp's rpc-servers).
    var earlier: [String] = []

    // Stage by stage (the control plane first): the workers wait for the stages before theirs.
    for stage in plan.startStages {
    let healthyBefore = healthy.count
    for p in stage.processes {
      guard let image = p.container?.image ?? p.image else {
        throw .unsupported(target: .compose, message: "process '\(p.name)' has no container image")
      }
      let instances = p.isMultiNode ? p.nodeCount : 1
      if p.nodeCount > 1 {
        warnings.append(
          "compose: \(p.name) spans \(p.nodeCount) nodes; all instances run on this host")
      }
      for rank in 0..<instances {
        let name = rank == 0 ? p.name : "\(p.name)-rank\(rank)"
        // Workers wait for the control plane; the others for every healthy service before them.
        let deps = p.role.isWorker ? earlier : healthy.isEmpty ? workers : healthy
        var svc = processService(
          p, rank: rank, image: image, plan: plan,
          dependsOn: deps.isEmpty ? nil : Self.dependsOn(deps, healthy: Set(healthy)))
        if rank == 0, let r = p.readiness, let port = r.port ?? p.port {
          let url =
            r.probe == .tcp
            ? "/dev/tcp/\(r.host ?? "127.0.0.1")/\(port)"
            : "http://\(r.host ?? "127.0.0.1"):\(port)\(r.path)"
          svc.append(
            YAMLText.pair("healthcheck", Self.healthcheck(url: url, r, engine: plan.engine)))
          healthy.append(name)
        }
        if p.role.isWorker { workers.append(name) }
        services.append(YAMLText.pair(name, .mapping(svc)))
      }
    }
    earlier += healthy[healthyBefore...]
    }
    if let b = plan.benchmark {
      services += try benchmarkServices(b, plan: plan, healthy: healthy)
    }

    var top = [
      YAMLText.pair("name", YAMLText.str(Self.projectName(plan.recipe.name))),
      YAMLText.pair("services", .mapping(services)),
    ]
    let configs = Self.configEntries(plan)
    if !configs.isEmpty { top.append(YAMLText.pair("configs", .mapping(configs))) }
    let root = YAMLNode.mapping(top)
    return RenderedLaunch(text: YAMLEmitter.emit(root), warnings: warnings)
  }

  /// The service name that stands for node `n`: the first worker on it (or `127.0.0.1` on
  /// the host network).
  func nodeService(_ plan: LaunchPlan, _ n: Int) -> String {
    if hostNetwork { return "127.0.0.1" }
    let p =
      plan.processes.first { $0.role.isWorker && $0.node == n }
      ?? plan.processes.first { $0.node == n } ?? plan.processes[0]
    return p.name
  }

  // MARK: - Services

  /// One instance of a process, without the healthcheck.
  func processService(
    _ p: LaunchProcess, rank: Int, image: String, plan: LaunchPlan, dependsOn: YAMLNode?
  ) -> [YAMLPair] {
    let configPath = p.configFile.map { "/launch-config/" + $0.name }
    let argv = p.argv(headAddress: p.name, nodeRank: String(rank)).map {
      $0 == ProcessConfigFile.placeholder
        ? configPath ?? $0 : NodeHostTemplate.substitute($0) { nodeService(plan, $0) }
    }
    var svc: [YAMLPair] = [YAMLText.pair("image", YAMLText.str(image))]
    if let f = p.configFile, let path = configPath {
      // The file itself is a top-level `configs:` entry (``configEntries(_:)``).
      svc.append(
        YAMLText.pair(
          "configs",
          .sequence([
            .mapping([
              YAMLText.pair("source", YAMLText.str(f.name)),
              YAMLText.pair("target", YAMLText.str(path)),
            ])
          ])))
    }
    svc.append(YAMLText.pair("entrypoint", .sequence([YAMLText.str(argv[0])])))
    svc.append(YAMLText.pair("command", .sequence(argv.dropFirst().map { YAMLText.str($0) })))
    // In a decided container the GPUs are renumbered from 0: no host ids in the env.
    let env = NodeHostTemplate.substitute(env: p.container == nil ? p.effectiveEnv : p.env) {
      nodeService(plan, $0)
    }
    if !env.isEmpty {
      svc.append(
        YAMLText.pair(
          "environment", .mapping(env.map { YAMLText.pair($0.name, YAMLText.str($0.value)) })))
    }
    if let dependsOn { svc.append(YAMLText.pair("depends_on", dependsOn)) }
    if hostNetwork {
      svc.append(YAMLText.pair("network_mode", YAMLText.str("host")))
    } else if let port = p.port, rank == 0 {
      svc.append(YAMLText.pair("ports", .sequence([YAMLText.str("\(port):\(port)")])))
    }
    svc.append(YAMLText.pair("ipc", YAMLText.str("host")))
    if let shm = p.sharedMemory { svc.append(YAMLText.pair("shm_size", YAMLText.str(shm))) }
    svc += Self.containerPairs(p.container)
    if let g = p.gpus { svc.append(YAMLText.pair("deploy", Self.gpuReservation(g))) }
    return svc
  }

  /// The top-level `configs:` entries: each process's config file, inline (`content:`).
  static func configEntries(_ plan: LaunchPlan) -> [YAMLPair] {
    plan.processes.compactMap(\.configFile).map { f in
      YAMLText.pair(f.name, .mapping([YAMLText.pair("content", .string(f.text))]))
    }
  }

  /// `volumes` and `working_dir` of a decided container.
  static func containerPairs(_ c: ProcessContainer?) -> [YAMLPair] {
    guard let c else { return [] }
    var out: [YAMLPair] = []
    if !c.mounts.isEmpty {
      out.append(
        YAMLText.pair(
          "volumes",
          .sequence(c.mounts.map { YAMLText.str(volumeSource($0.source) + ":" + $0.target) })))
    }
    if let w = c.workdir { out.append(YAMLText.pair("working_dir", YAMLText.str(w))) }
    return out
  }

  /// A mount source as compose reads it: the Hugging Face cache through `HF_HOME`, else the
  /// path with `$` doubled so compose does not interpolate it.
  static func volumeSource(_ source: String) -> String {
    if source == ContainerMount.huggingFaceCache { return "${HF_HOME:-~/.cache/huggingface}" }
    var out = ""
    for ch in source { out += ch == "$" ? "$$" : String(ch) }
    return out
  }

  /// `deploy.resources.reservations.devices` for NVIDIA GPUs: device ids or a count.
  static func gpuReservation(_ g: GPUAllocation) -> YAMLNode {
    var dev: [YAMLPair] = [YAMLText.pair("driver", YAMLText.str("nvidia"))]
    if let ids = g.ids {
      dev.append(YAMLText.pair("device_ids", .sequence(ids.map { YAMLText.str(String($0)) })))
    } else {
      dev.append(YAMLText.pair("count", .int(g.count)))
    }
    dev.append(YAMLText.pair("capabilities", .sequence([YAMLText.str("gpu")])))
    return .mapping([
      YAMLText.pair(
        "resources",
        .mapping([
          YAMLText.pair(
            "reservations", .mapping([YAMLText.pair("devices", .sequence([.mapping(dev)]))]))
        ]))
    ])
  }

  /// One run-once service per concurrency, each after the previous one completed.
  func benchmarkServices(_ b: BenchmarkStep, plan: LaunchPlan, healthy: [String])
    throws(LaunchError) -> [YAMLPair]
  {
    guard
      let image = b.container?.image ?? b.image
        ?? plan.processes.first(where: { !$0.role.isWorker })?.image
        ?? plan.processes.first?.image
    else { throw .unsupported(target: .compose, message: "the benchmark has no container image") }
    var services: [YAMLPair] = []
    var previous: String?
    for c in b.concurrencies {
      let name = "benchmark-c\(c)"
      let argv = b.argv(concurrency: c).map {
        NodeHostTemplate.substitute($0) { nodeService(plan, $0) }
      }
      var svc: [YAMLPair] = [
        YAMLText.pair("image", YAMLText.str(image)),
        YAMLText.pair("entrypoint", .sequence([YAMLText.str(argv[0])])),
        YAMLText.pair("command", .sequence(argv.dropFirst().map { YAMLText.str($0) })),
      ]
      if !b.env.isEmpty {
        svc.append(
          YAMLText.pair(
            "environment", .mapping(b.env.map { YAMLText.pair($0.name, YAMLText.str($0.value)) })))
      }
      var deps = Self.dependsOnPairs(healthy, healthy: Set(healthy))
      if let prev = previous {
        deps.append(
          YAMLText.pair(
            prev,
            .mapping([YAMLText.pair("condition", YAMLText.str("service_completed_successfully"))])))
      }
      if !deps.isEmpty { svc.append(YAMLText.pair("depends_on", .mapping(deps))) }
      if hostNetwork { svc.append(YAMLText.pair("network_mode", YAMLText.str("host"))) }
      svc += Self.containerPairs(b.container)
      svc.append(YAMLText.pair("restart", YAMLText.str("no")))
      services.append(YAMLText.pair(name, .mapping(svc)))
      previous = name
    }
    return services
  }

  static func dependsOn(_ names: [String], healthy: Set<String>) -> YAMLNode {
    .mapping(dependsOnPairs(names, healthy: healthy))
  }

  static func dependsOnPairs(_ names: [String], healthy: Set<String>) -> [YAMLPair] {
    names.map {
      YAMLText.pair(
        $0,
        .mapping([
          YAMLText.pair(
            "condition", YAMLText.str(healthy.contains($0) ? "service_healthy" : "service_started"))
        ]))
    }
  }

  /// A healthcheck probing `url` from inside the container: with Python's urllib (engine
  /// images are Python images), or with `curl` for llama.cpp's server images, which have no
  /// Python (ggml-org's own images probe `/health` with curl).
  static func healthcheck(url: String, _ r: ReadinessCheck, engine: String = "") -> YAMLNode {
    let probe = "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)"
    let test =
      r.probe == .tcp
      // A TCP connect (llama.cpp's rpc-server speaks no HTTP); `url` is `/dev/tcp/HOST/PORT`.
      ? ["CMD", "bash", "-c", "exec 3<>" + url]
      : engine == EngineName.llamaCpp.rawValue
        ? ["CMD", "curl", "-fsS", "-o", "/dev/null", "--max-time", "5", url]
        : ["CMD", "python3", "-c", probe, url]
    return .mapping([
      YAMLText.pair("test", .sequence(test.map { YAMLText.str($0) })),
      YAMLText.pair("interval", YAMLText.str(duration(r.intervalSeconds))),
      YAMLText.pair("timeout", YAMLText.str("5s")),
      YAMLText.pair("retries", .int(3)),
      YAMLText.pair("start_period", YAMLText.str("\(r.timeoutSeconds)s")),
    ])
  }

  static func duration(_ seconds: Double) -> String {
    let ms = max(1, Int((seconds * 1000).rounded()))
    return ms % 1000 == 0 ? "\(ms / 1000)s" : "\(ms)ms"
  }

  /// A compose project name: lower-case letters, digits, `-` and `_`, starting alphanumeric.
  static func projectName(_ name: String) -> String {
    var out = ""
    for u in name.lowercased().unicodeScalars {
      if ("a"..."z").contains(u) || ("0"..."9").contains(u)
        || ((u == "-" || u == "_") && !out.isEmpty)
      {
        out.unicodeScalars.append(u)
      } else if !out.isEmpty, !out.hasSuffix("-") {
        out += "-"
      }
    }
    while out.hasSuffix("-") { out.removeLast() }
    return out.isEmpty ? "launch" : out
  }
}
