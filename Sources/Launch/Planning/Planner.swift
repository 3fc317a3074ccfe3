public import Engines
public import Migrate
public import Schema

/// Builds a ``LaunchPlan`` from a recipe: the one place that decides which processes run
/// where, with which command line.
///
/// Order of precedence: the recipe, then its variant (`--variant`), then overrides (`--set`,
/// `--unset` and the shortcuts `--port`, `--tp`, `--gpu-mem`, `--max-model-len`, `--image`),
/// then `-- extra args` (appended last, with a warning for each flag they repeat).
///
/// Per role, the engine flags and env come from `EngineInvocation.build` (named fields
/// through each engine's own spellings, then args); the planner adds only what a launcher
/// owns: the program (`EngineServerCommand`), model and served model name, host and port (set
/// once), the disaggregation role flag when the recipe does not set it, and the multi-node
/// rendezvous (``DistributedLaunch``). Disaggregated recipes get a router (SGLang
/// `sglang_router`) or a Dynamo frontend (when the recipe uses Dynamo, and for vLLM and
/// TensorRT-LLM, which have no router of their own). Every flag and env value records its
/// ``ValueOrigin`` for `--explain`.
public struct Planner: Sendable {
  /// The flag catalogs, for list and boolean spellings of args (see `EngineInvocation`).
  public var catalogs: FlagCatalogStore?

  public init(catalogs: FlagCatalogStore? = nil) {
    self.catalogs = catalogs
  }

  /// The first port given to engine workers behind a router or frontend, after the client port.
  static let distInitBasePort = 5757
  static let defaultPort = 8000
  static let defaultBootstrapPort = 8998

  /// The recipe of a read file in v2, whatever its format (`sglang-v1` goes through its
  /// converter like every other format).
  ///
  /// - Returns: the recipe, or nil, and the diagnostics of reading and importing it.
  public static func recipe(from read: ReadRecipe) -> (RecipeV2?, [Diagnostic]) {
    if let v2 = read.v2 { return (v2, read.diagnostics) }
    guard read.format != .unknown, let converter = Converters.converter(for: read.format) else { return (nil, read.diagnostics) }
    let c = converter.toV2(read.documents, file: read.file)
    return (c.value, read.diagnostics + c.diagnostics)
  }

  /// Builds the plan.
  ///
  /// - Parameters:
  ///   - recipe: the recipe as stored (variants included).
  ///   - reference: where the recipe came from (name, commit, blob, file); the variant is
  ///     filled in from `options`.
  /// - Throws: ``PlanningError/recipe(_:)`` for an unknown variant or a bad override (located,
  ///   with did-you-mean), ``PlanningError/launch(_:)`` when the recipe needs more nodes than
  ///   given (``LaunchError/clusterOnly(recipe:nodes:)`` for `--solo`).
  public func plan(
    _ recipe: RecipeV2, reference: RecipeReference, options: PlanOptions
  ) throws(PlanningError) -> LaunchPlan {
    var varied = recipe
    if let v = options.variant {
      do { varied = try recipe.applying(variant: v) } catch { throw .recipe(error.diagnostics) }
    }
    let overrides = options.allOverrides
    let final = try OverrideApplier.apply(overrides, to: varied)
    var warnings: [String] = []
    var ref = reference
    ref.variant = options.variant

    let engine = final.engineName
    let catalog = catalogFor(final)
    let srt = final.launcher?.tools[.srtSlurm]
    let frontendType = srt?["frontend"]?["type"]?.scalar
    var dynamo = final.launcher?.tools[.dynamo] != nil || frontendType == "dynamo"
    let disaggregated = final.topologyMode == .disaggregated
    if disaggregated, !dynamo, engine != .sglang {
      dynamo = true
      warnings.append("\(engine.rawValue) has no router of its own: the disaggregated workers run as Dynamo workers behind a Dynamo frontend (engine-default rule)")
    }

    // Node layout per role: prefill first, decode after it; a role with 0 nodes shares.
    let roles = final.topology.roleNames
    var firstNode: [RecipeV2.Role: Int] = [:]
    var next = 0
    for role in roles {
      let n = final.topology.roles[role]?.nodes ?? 1
      firstNode[role] = n == 0 ? 0 : next
      next += n
    }
    let needed = max(1, next, final.launcher?.minNodes ?? 1)
    let clusterOnly = final.launcher?.clusterOnly == true || needed > 1

    let nodes: NodeSet
    switch options.nodes {
    case .recipe:
      nodes = .count(needed)
    case .solo:
      if clusterOnly { throw .launch(.clusterOnly(recipe: final.name, nodes: max(needed, 2))) }
      nodes = .count(1)
    case .hosts(let hosts):
      if hosts.count == 1, clusterOnly { throw .launch(.clusterOnly(recipe: final.name, nodes: max(needed, 2))) }
      if hosts.count < needed {
        throw .launch(.invalidPlan(field: "nodes", message: "recipe '\(final.name)' needs \(needed) nodes; --nodes names \(hosts.count)"))
      }
      if hosts.count > needed { warnings.append("--nodes names \(hosts.count) hosts; the plan uses the first \(needed)") }
      nodes = .hosts(hosts)
    }
    if final.launcher?.soloOnly == true, nodes.count > 1 {
      warnings.append("recipe '\(final.name)' is meant for one node (solo_only)")
    }

    let image = final.engineImage ?? EngineProgram.defaultImage(engine: engine, version: final.engineVersion, dynamo: dynamo)
    let imageOrigin: ValueOrigin
    if final.engineImage == nil {
      imageOrigin = ValueOrigin(.engineDefault, "default-image")
    } else if final.engineImage != varied.engineImage {
      imageOrigin = ValueOrigin(.override, overrides.last { $0.path == "engine.image" }?.source)
    } else if varied.engineImage != recipe.engineImage {
      imageOrigin = ValueOrigin(.variant, options.variant)
    } else {
      imageOrigin = ValueOrigin(.recipe)
    }

    let clientPort = final.launcher?.port ?? Self.defaultPort
    let portOrigin: ValueOrigin =
      final.launcher?.port == nil ? ValueOrigin(.engineDefault, "default-port")
      : final.launcher?.port != varied.launcher?.port ? ValueOrigin(.override, overrides.last { $0.path == "launcher.port" }?.source)
      : varied.launcher?.port != recipe.launcher?.port ? ValueOrigin(.variant, options.variant) : ValueOrigin(.recipe)
    let host = final.launcher?.host ?? "0.0.0.0"
    let hostOrigin = final.launcher?.host == nil ? ValueOrigin(.engineDefault, "listen-on-all-interfaces") : ValueOrigin(.recipe)
    let model = final.model.path
    let servedName = final.model.servedName

    let totalWorkers = roles.reduce(0) { $0 + (final.topology.roles[$1]?.workers ?? 1) }
    let hasFront = dynamo || disaggregated || (engine == .sglang && totalWorkers > 1)

    // Ports workers must not take: the client port, bootstrap ports.
    var reserved: Set<Int> = [clientPort]
    var bootstrap: [RecipeV2.Role: Int] = [:]
    for role in roles {
      let inv = EngineInvocation.build(final, role: role, catalog: catalog)
      if let b = LaunchProcess.flagValues(inv.flags).first(where: { $0.flag == "--disaggregation-bootstrap-port" })?.value,
        let p = Int(b)
      {
        bootstrap[role] = p
        reserved.insert(p)
      }
    }
    var nextPort = clientPort + 1
    func takePort() -> Int {
      while reserved.contains(nextPort) { nextPort += 1 }
      reserved.insert(nextPort)
      return nextPort
    }
    var nextInitPort = Self.distInitBasePort

    var processes: [LaunchProcess] = []
    for role in roles {
      let placement = final.topology.roles[role] ?? RecipeV2.RolePlacement(nodes: 1, workers: 1)
      let workers = max(1, placement.workers)
      let roleNodes = max(1, placement.nodes)
      let inv = EngineInvocation.build(final, role: role, catalog: catalog)
      let origins = ValueOrigins(
        base: EngineInvocation.build(recipe, role: role, catalog: catalog),
        withVariant: EngineInvocation.build(varied, role: role, catalog: catalog),
        variantName: options.variant, overrides: overrides)
      let resolved = final.resolved(role: role)

      // Spread workers over the role's nodes: several nodes per worker, or several workers per node.
      let nodesPerWorker = max(1, roleNodes / workers)
      let workersPerNode = max(1, (workers + roleNodes - 1) / roleNodes)
      if roleNodes % workers != 0, workers < roleNodes {
        warnings.append("\(role.rawValue): \(workers) workers do not divide \(roleNodes) nodes evenly; each worker gets \(nodesPerWorker)")
      }
      for i in 0..<workers {
        let name = processName(role, index: i, count: workers)
        let node = (firstNode[role] ?? 0) + (workersPerNode > 1 ? i / workersPerNode : i * nodesPerWorker)
        var argv = EngineServerCommand(engine: engine, dynamo: dynamo).argv(model: model, servedName: servedName)
        var provenance: [Provenance] = [Provenance("model", ValueOrigin(.recipe, "model.path"))]
        if servedName != nil, argv.contains("--served-model-name") {
          provenance.append(Provenance("--served-model-name", ValueOrigin(.recipe, "model.served_name")))
        }
        argv += inv.flags
        for (flag, value) in LaunchProcess.flagValues(inv.flags) {
          provenance.append(Provenance(flag, origins.origin(flag, value: value)))
        }
        let roleFlags = EngineProgram.disaggregationFlags(engine: engine, dynamo: dynamo, role: role, existing: inv.flags)
        if let f = roleFlags.first { provenance.append(Provenance(f, ValueOrigin(.engineDefault, "disaggregation-role"))) }
        argv += roleFlags
        var port: Int?
        if !dynamo {
          let p = hasFront ? takePort() : clientPort
          port = p
          argv += ["--host", host, "--port", String(p)]
          provenance.append(Provenance("--host", hostOrigin))
          provenance.append(Provenance("--port", hasFront ? ValueOrigin(.engineDefault, "worker-port") : portOrigin))
        }
        var distributed: DistributedLaunch?
        if nodesPerWorker > 1 {
          distributed = EngineProgram.distributed(engine: engine, initPort: nextInitPort)
          if distributed != nil {
            nextInitPort += 1
            provenance.append(Provenance("--dist-init-addr", ValueOrigin(.engineDefault, "multi-node")))
          } else {
            let runtime = engine == .vllm ? "a Ray cluster" : "an MPI launch"
            warnings.append("\(name): spans \(nodesPerWorker) nodes; multi-node \(engine.rawValue) needs \(runtime) across them, which the plan does not start")
          }
        }
        let env = inv.env.map { EnvVar($0.name, $0.value) }
        for e in env { provenance.append(Provenance("env:" + e.name, origins.origin("env:" + e.name, value: e.value))) }
        provenance.append(Provenance("image", imageOrigin))

        let gpus = gpuAllocation(final, resolved: resolved, nodesPerWorker: nodesPerWorker, workersPerNode: workersPerNode, slot: i % workersPerNode)
        let readiness = dynamo ? nil : ReadinessCheck(path: EngineProgram.readinessPath(engine: engine))
        var process = LaunchProcess(
          name: name, role: Self.processRole(role), node: node, nodeCount: nodesPerWorker, image: image, env: env,
          argv: argv, port: port, gpus: gpus, readiness: readiness, distributed: distributed, sharedMemory: "16g",
          provenance: provenance)
        if !options.extraArgs.isEmpty { warnings += process.appendExtraArgs(options.extraArgs) }
        processes.append(process)
      }
    }

    // The process clients talk to.
    var front: LaunchProcess?
    if dynamo {
      front = LaunchProcess(
        name: "frontend", role: .frontend, image: image,
        argv: ["python3", "-m", "dynamo.frontend", "--http-port", String(clientPort)], port: clientPort,
        readiness: ReadinessCheck(path: "/v1/models"),
        provenance: [Provenance("--http-port", portOrigin), Provenance("image", imageOrigin)])
      if options.target != .k8s {
        warnings.append("dynamo: the frontend and workers need etcd and NATS reachable (see the Dynamo docs); the plan does not start them")
      }
    } else if hasFront {
      var argv = ["python3", "-m", "sglang_router.launch_router"]
      if disaggregated {
        argv.append("--pd-disaggregation")
        for p in processes where p.role == .prefill {
          argv += ["--prefill", "http://\(NodeHostTemplate.placeholder(p.node)):\(p.port!)", String(bootstrap[.prefill] ?? Self.defaultBootstrapPort)]
        }
        for p in processes where p.role == .decode {
          argv += ["--decode", "http://\(NodeHostTemplate.placeholder(p.node)):\(p.port!)"]
        }
      } else {
        argv.append("--worker-urls")
        argv += processes.map { "http://\(NodeHostTemplate.placeholder($0.node)):\($0.port!)" }
      }
      argv += ["--host", host, "--port", String(clientPort)]
      front = LaunchProcess(
        name: "router", role: .router, image: image, argv: argv, port: clientPort,
        readiness: ReadinessCheck(path: "/health"),
        provenance: [Provenance("--host", hostOrigin), Provenance("--port", portOrigin), Provenance("image", imageOrigin)])
    } else if totalWorkers > 1 {
      warnings.append("\(engine.rawValue): \(totalWorkers) workers without a router; clients and the benchmark use the first one")
    }
    if let front { processes.append(front) }

    let target = front ?? processes[0]
    let benchmark = BenchmarkPlanner.plan(
      final.benchmark, engine: engine, model: model, servedName: servedName,
      host: NodeHostTemplate.placeholder(target.node), port: target.port ?? clientPort,
      openAI: dynamo || engine == .trtllm, image: image)
    if let notes = benchmark?.notes { warnings += notes }

    var scheduling = SchedulingOptions(jobName: final.name, gpusPerNode: final.gpusPerNode)
    scheduling.timeLimit = srt?["slurm"]?["time_limit"]?.scalar
    return LaunchPlan(
      recipe: ref, target: options.target, engine: engine.rawValue, nodes: nodes,
      model: ModelReference(path: model, servedName: servedName), processes: processes,
      benchmark: benchmark?.step, scheduling: scheduling, warnings: warnings)
  }

  /// `prefill`, `decode-1`, `worker` (aggregated).
  func processName(_ role: RecipeV2.Role, index: Int, count: Int) -> String {
    let base = role == .aggregated ? "worker" : role.rawValue
    return count == 1 ? base : "\(base)-\(index)"
  }

  static func processRole(_ role: RecipeV2.Role) -> ProcessRole {
    switch role {
    case .aggregated: return .aggregated
    case .prefill: return .prefill
    case .decode: return .decode
    }
  }

  /// GPUs per node of one worker: pinned ids when workers share a node, else a count.
  func gpuAllocation(
    _ r: RecipeV2, resolved: RecipeV2.ResolvedRole, nodesPerWorker: Int, workersPerNode: Int, slot: Int
  ) -> GPUAllocation? {
    if workersPerNode > 1 {
      guard let g = resolved.placement?.gpusPerWorker ?? r.gpusPerNode.map({ $0 / workersPerNode }), g > 0 else { return nil }
      return GPUAllocation(ids: Array(slot * g..<(slot + 1) * g))
    }
    if nodesPerWorker > 1 { return r.gpusPerNode.map { GPUAllocation(count: $0) } }
    if let g = resolved.placement?.gpusPerWorker ?? r.gpusPerNode { return GPUAllocation(count: g) }
    let s = resolved.serving
    let product = (s.tensorParallelSize ?? 1) * (s.pipelineParallelSize ?? 1)
    return GPUAllocation(count: max(1, product))
  }

  func catalogFor(_ r: RecipeV2) -> FlagCatalog? {
    guard let catalogs else { return nil }
    let text = r.engineVersion ?? r.engineImage.flatMap { ContainerImage($0).engineVersion?.description }
    guard let text, let version = EngineVersion(text) else { return catalogs.catalogs(engine: r.engineName).last }
    return catalogs.catalog(engine: r.engineName, version: version).catalog
  }
}
