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
  public var target: LaunchTarget { .compose }
  /// Use the host network (`network_mode: host`) instead of publishing ports.
  public var hostNetwork: Bool

  public init(hostNetwork: Bool = false) {
    self.hostNetwork = hostNetwork
  }

  public func render(_ plan: LaunchPlan) throws(LaunchError) -> RenderedLaunch {
    try plan.validate()
    var warnings: [String] = []
    var services: [YAMLPair] = []
    var healthy: [String] = []  // services with a healthcheck
    var workers: [String] = []

    func nodeService(_ n: Int) -> String {
      if hostNetwork { return "127.0.0.1" }
      let p = plan.processes.first { $0.role.isWorker && $0.node == n }
        ?? plan.processes.first { $0.node == n } ?? plan.processes[0]
      return p.name
    }

    for p in plan.processes {
      guard let image = p.image else {
        throw .unsupported(target: .compose, message: "process '\(p.name)' has no container image")
      }
      let instances = p.isMultiNode ? p.nodeCount : 1
      if p.nodeCount > 1 {
        warnings.append("compose: \(p.name) spans \(p.nodeCount) nodes; all instances run on this host")
      }
      for rank in 0..<instances {
        let name = rank == 0 ? p.name : "\(p.name)-rank\(rank)"
        let argv = p.argv(headAddress: p.name, nodeRank: String(rank)).map {
          NodeHostTemplate.substitute($0, host: nodeService)
        }
        var svc: [YAMLPair] = [YAMLPair("image", .string(image))]
        svc.append(YAMLPair("entrypoint", .sequence([.string(argv[0])])))
        svc.append(YAMLPair("command", .sequence(argv.dropFirst().map { .string($0) })))
        let env = p.effectiveEnv
        if !env.isEmpty {
          svc.append(YAMLPair("environment", .mapping(env.map { YAMLPair($0.name, .string($0.value)) })))
        }
        if !p.role.isWorker {
          let deps = healthy.isEmpty ? workers : healthy
          if !deps.isEmpty { svc.append(YAMLPair("depends_on", Self.dependsOn(deps, healthy: Set(healthy)))) }
        }
        if hostNetwork {
          svc.append(YAMLPair("network_mode", .string("host")))
        } else if let port = p.port, rank == 0 {
          svc.append(YAMLPair("ports", .sequence([.string("\(port):\(port)")])))
        }
        svc.append(YAMLPair("ipc", .string("host")))
        if let shm = p.sharedMemory { svc.append(YAMLPair("shm_size", .string(shm))) }
        if let g = p.gpus {
          var dev: [YAMLPair] = [YAMLPair("driver", .string("nvidia"))]
          if let ids = g.ids {
            dev.append(YAMLPair("device_ids", .sequence(ids.map { .string(String($0)) })))
          } else {
            dev.append(YAMLPair("count", .int(g.count)))
          }
          dev.append(YAMLPair("capabilities", .sequence([.string("gpu")])))
          svc.append(
            YAMLPair(
              "deploy",
              .mapping([
                YAMLPair(
                  "resources",
                  .mapping([YAMLPair("reservations", .mapping([YAMLPair("devices", .sequence([.mapping(dev)]))]))]))
              ])))
        }
        if rank == 0, let r = p.readiness, let port = r.port ?? p.port {
          let url = "http://\(r.host ?? "127.0.0.1"):\(port)\(r.path)"
          svc.append(YAMLPair("healthcheck", Self.healthcheck(url: url, r)))
          healthy.append(name)
        }
        if p.role.isWorker { workers.append(name) }
        services.append(YAMLPair(name, .mapping(svc)))
      }
    }

    if let b = plan.benchmark {
      guard let image = b.image ?? plan.processes.first(where: { !$0.role.isWorker })?.image
        ?? plan.processes.first?.image
      else { throw .unsupported(target: .compose, message: "the benchmark has no container image") }
      var previous: String?
      for c in b.concurrencies {
        let name = "benchmark-c\(c)"
        let argv = b.argv(concurrency: c).map { NodeHostTemplate.substitute($0, host: nodeService) }
        var svc: [YAMLPair] = [
          YAMLPair("image", .string(image)),
          YAMLPair("entrypoint", .sequence([.string(argv[0])])),
          YAMLPair("command", .sequence(argv.dropFirst().map { .string($0) })),
        ]
        if !b.env.isEmpty {
          svc.append(YAMLPair("environment", .mapping(b.env.map { YAMLPair($0.name, .string($0.value)) })))
        }
        var deps = Self.dependsOnPairs(healthy, healthy: Set(healthy))
        if let prev = previous {
          deps.append(YAMLPair(prev, .mapping([YAMLPair("condition", .string("service_completed_successfully"))])))
        }
        if !deps.isEmpty { svc.append(YAMLPair("depends_on", .mapping(deps))) }
        if hostNetwork { svc.append(YAMLPair("network_mode", .string("host"))) }
        svc.append(YAMLPair("restart", .string("no")))
        services.append(YAMLPair(name, .mapping(svc)))
        previous = name
      }
    }

    let root = YAMLNode.mapping([
      YAMLPair("name", .string(Self.projectName(plan.recipe.name))),
      YAMLPair("services", .mapping(services)),
    ])
    return RenderedLaunch(text: YAMLEmitter.emit(root), warnings: warnings)
  }

  static func dependsOn(_ names: [String], healthy: Set<String>) -> YAMLNode {
    .mapping(dependsOnPairs(names, healthy: healthy))
  }

  static func dependsOnPairs(_ names: [String], healthy: Set<String>) -> [YAMLPair] {
    names.map {
      YAMLPair($0, .mapping([YAMLPair("condition", .string(healthy.contains($0) ? "service_healthy" : "service_started"))]))
    }
  }

  static func healthcheck(url: String, _ r: ReadinessCheck) -> YAMLNode {
    let probe = "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)"
    return .mapping([
      YAMLPair("test", .sequence(["CMD", "python3", "-c", probe, url].map { .string($0) })),
      YAMLPair("interval", .string(duration(r.intervalSeconds))),
      YAMLPair("timeout", .string("5s")),
      YAMLPair("retries", .int(3)),
      YAMLPair("start_period", .string("\(r.timeoutSeconds)s")),
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
      if ("a"..."z").contains(u) || ("0"..."9").contains(u) || ((u == "-" || u == "_") && !out.isEmpty) {
        out.unicodeScalars.append(u)
      } else if !out.isEmpty, !out.hasSuffix("-") {
        out += "-"
      }
    }
    while out.hasSuffix("-") { out.removeLast() }
    return out.isEmpty ? "launch" : out
  }
}
