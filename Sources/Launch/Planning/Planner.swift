public import Engines
internal import Lint
internal import Migrate
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

  /// A planner that spells args with `catalogs` (nil: as written).
  public init(catalogs: FlagCatalogStore? = nil) {
    self.catalogs = catalogs
  }

  /// The first port given to engine workers behind a router or frontend, after the client port.
  static let distInitBasePort = 5757
  static let defaultPort = 8000
  static let defaultBootstrapPort = 8998

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
    let runtime = try Self.runtime(options)

    let engine = final.engineName
    let catalog = catalogFor(final)
    let dynamo = runsDynamo(final, warnings: &warnings)
    let disaggregated = final.topologyMode == .disaggregated

    // Node layout per role: prefill first, decode after it; a role with 0 nodes shares.
    let roles = final.topology.roleNames
    let (firstNode, nodes) = try layout(final, nodes: options.nodes, warnings: &warnings)

    let image =
      final.engineImage
      ?? EngineProgram.defaultImage(
        engine: engine, version: final.engineVersion, dynamo: dynamo,
        plugins: final.engine.plugins)
    let clientPort = final.launcher?.port ?? Self.defaultPort
    let host = final.launcher?.host ?? "0.0.0.0"
    let server = serverOrigins(
      recipe: recipe, varied: varied, final: final, variant: options.variant, overrides: overrides)
    let model = final.model.path
    let servedName = final.model.servedName

    let totalWorkers = roles.reduce(0) { $0 + (final.topology.roles[$1]?.workers ?? 1) }
    let hasFront = dynamo || disaggregated || (engine == .sglang && totalWorkers > 1)

    // Ports workers must not take: the client port, bootstrap ports.
    let bootstrap = bootstrapPorts(final, catalog: catalog)
    var ports = WorkerPorts(clientPort: clientPort, reserved: Set(bootstrap.values))

    let inputs = WorkerInputs(
      recipe: recipe, varied: varied, final: final, options: options, overrides: overrides,
      catalog: catalog, dynamo: dynamo, hasFront: hasFront, image: image, clientPort: clientPort,
      host: host, server: server, packing: WorkerPacking(final))
    var processes: [LaunchProcess] = []
    for role in roles {
      processes += workers(
        role, inputs, firstNode: firstNode[role] ?? 0, ports: &ports, warnings: &warnings)
    }

    // The process clients talk to.
    let front = frontProcess(
      engine: engine, dynamo: dynamo, disaggregated: disaggregated, hasFront: hasFront,
      totalWorkers: totalWorkers,
      workers: processes, bootstrap: bootstrap, host: host, clientPort: clientPort, image: image,
      origins: server, target: options.target, frontendArgs: frontendArgs(final),
      warnings: &warnings)
    if let front { processes.append(front) }

    let target = front ?? processes[0]
    let benchmark = BenchmarkPlanner.plan(
      final.benchmark, engine: engine, model: model, servedName: servedName,
      host: NodeHostTemplate.placeholder(target.node), port: target.port ?? clientPort,
      openAI: dynamo || engine == .trtllm, image: image)
    if let notes = benchmark?.notes { warnings += notes }
    if dynamo {
      addControlPlane(&processes, image: image, target: options.target, runtime: runtime)
    }

    var plan = LaunchPlan(
      recipe: ref, target: options.target, engine: engine.rawValue, nodes: nodes,
      model: ModelReference(path: model, servedName: servedName), processes: processes,
      benchmark: benchmark?.step, scheduling: scheduling(final, cluster: options.cluster),
      warnings: warnings, errors: parallelismErrors(final, cluster: options.cluster))
    if let runtime { placeContainers(&plan, recipe: final, options: options, runtime: runtime) }
    return plan
  }

  // MARK: - Workers

  /// What every worker of a plan shares: the recipe at each stage, the options, and the
  /// launcher-owned values (image, client port, listen host) with their origins.
  struct WorkerInputs {
    var recipe: RecipeV2
    var varied: RecipeV2
    var final: RecipeV2
    var options: PlanOptions
    var overrides: [RecipeOverride]
    var catalog: FlagCatalog?
    var dynamo: Bool
    var hasFront: Bool
    var image: String
    var clientPort: Int
    var host: String
    var server: (host: ValueOrigin, port: ValueOrigin, image: ValueOrigin)
    /// Where each worker runs when the recipe's GPUs per node are known (srtctl's packing).
    var packing: WorkerPacking?
  }

  /// The ports workers take behind a router or frontend (after the client port, skipping
  /// reserved ones), and the next multi-node rendezvous port.
  struct WorkerPorts {
    var reserved: Set<Int>
    var next: Int
    var nextInitPort = Planner.distInitBasePort
    /// Dynamo workers' `DYN_SYSTEM_PORT`s (from 7500, as srtctl assigns them).
    var system: SystemPorts

    init(clientPort: Int, reserved: Set<Int>) {
      self.reserved = reserved.union([clientPort])
      self.next = clientPort + 1
      self.system = SystemPorts(reserved: self.reserved)
    }

    /// The next free port, now reserved.
    mutating func take() -> Int {
      while reserved.contains(next) { next += 1 }
      reserved.insert(next)
      return next
    }
  }

  /// The worker processes of one role, spread over its nodes from `firstNode`.
  func workers(
    _ role: RecipeV2.Role, _ inputs: WorkerInputs, firstNode: Int, ports: inout WorkerPorts,
    warnings: inout [String]
  ) -> [LaunchProcess] {
    let (recipe, varied, final, options) = (
      inputs.recipe, inputs.varied, inputs.final, inputs.options
    )
    let (overrides, catalog, dynamo) = (inputs.overrides, inputs.catalog, inputs.dynamo)
    let (hasFront, image, clientPort, host) = (
      inputs.hasFront, inputs.image, inputs.clientPort, inputs.host
    )
    let (imageOrigin, portOrigin, hostOrigin) = (
      inputs.server.image, inputs.server.port, inputs.server.host
    )
    let engine = final.engineName
    var processes: [LaunchProcess] = []
    let placement = final.topology.roles[role] ?? RecipeV2.RolePlacement(nodes: 1, workers: 1)
    let workers = max(1, placement.workers)
    let roleNodes = max(1, placement.nodes)
    let inv = EngineInvocation.build(final, role: role, catalog: catalog)
    let origins = ValueOrigins(
      recipe: recipe, varied: varied, role: role, catalog: catalog, variant: options.variant,
      overrides: overrides)
    let resolved = final.resolved(role: role)

    // Packed as srtctl packs them where GPUs per node are known; else spread over the role's
    // nodes: several nodes per worker, or several workers per node.
    let packed = inputs.packing?.slots[role].flatMap { $0.count == workers ? $0 : nil }
    let nodesPerWorker = max(1, roleNodes / workers)
    let workersPerNode = max(1, (workers + roleNodes - 1) / roleNodes)
    if packed == nil, roleNodes % workers != 0, workers < roleNodes {
      warnings.append(
        "\(role.rawValue): \(workers) workers do not divide \(roleNodes) nodes evenly; each worker gets \(nodesPerWorker)"
      )
    }
    for i in 0..<workers {
      let name = processName(role, index: i, count: workers)
      let slot = packed?[i]
      let node =
        slot?.node ?? firstNode + (workersPerNode > 1 ? i / workersPerNode : i * nodesPerWorker)
      let span = slot?.nodeCount ?? nodesPerWorker
      var (argv, provenance, configText) = engineCommand(
        final, role: role, dynamo: dynamo, invocation: inv, origins: origins,
        warnings: &warnings)
      var port: Int?
      if !dynamo {
        let p = hasFront ? ports.take() : clientPort
        port = p
        argv += ["--host", host, "--port", String(p)]
        provenance.append(Provenance("--host", hostOrigin))
        provenance.append(
          Provenance("--port", hasFront ? ValueOrigin(.engineDefault, "worker-port") : portOrigin)
        )
      }
      // vLLM across nodes runs one process per node (vllmNodes below), but on k8s, where
      // the Dynamo operator launches multi-node workers itself.
      let perNode = engine == .vllm && span > 1 && options.target != .k8s
      // llama.cpp across nodes: rpc-server on the nodes after the first, --rpc on the head.
      let rpc = engine == .llamaCpp && span > 1 && options.target != .k8s
      // TensorRT-LLM on SLURM runs as MPI ranks, a task per GPU, as srtctl starts it.
      let mpi = engine == .trtllm && options.target == .slurm
      if mpi { argv.insert("trtllm-llmapi-launch", at: 0) }
      let distributed =
        span > 1 && !perNode && !mpi && !rpc
        ? multiNode(
          name, engine: engine, nodesPerWorker: span, initPort: &ports.nextInitPort,
          provenance: &provenance, warnings: &warnings)
        : nil
      var env = inv.env.map { EnvVar($0.name, $0.value) }
      for e in env {
        provenance.append(
          Provenance("env:" + e.name, origins.origin("env:" + e.name, value: e.value)))
      }
      provenance.append(Provenance("image", imageOrigin))

      let gpus =
        slot.flatMap { s in inputs.packing?.allocation(s) }
        ?? gpuAllocation(
          final, resolved: resolved, nodesPerWorker: nodesPerWorker,
          workersPerNode: workersPerNode, slot: i % workersPerNode)
      let readiness = workerReadiness(
        engine: engine, dynamo: dynamo, env: &env, provenance: &provenance,
        systemPort: &ports.system)
      var process = LaunchProcess(
        name: name, role: Self.processRole(role), node: node, nodeCount: span,
        image: image, env: env,
        argv: argv, port: port, gpus: gpus, readiness: readiness, distributed: distributed,
        sharedMemory: "16g",
        provenance: provenance,
        configFile: configText.map { ProcessConfigFile(name: name + ".yaml", text: $0) })
      if mpi { process.mpi = MPILaunch(tasksPerNode: max(1, gpus?.count ?? 1)) }
      if !options.extraArgs.isEmpty { warnings += process.appendExtraArgs(options.extraArgs) }
      if perNode {
        processes += vllmNodes(process, serving: resolved.serving, dynamo: dynamo, ports: &ports)
      } else if rpc {
        processes += llamaCppRPCNodes(process)
      } else {
        processes.append(process)
      }
    }
    return processes
  }

  /// Lint's `parallelism-exceeds-gpus` findings as plan errors (GPUs per node from the
  /// cluster profile when the recipe does not say).
  func parallelismErrors(_ final: RecipeV2, cluster: ClusterProfile?) -> [String] {
    var checked = final
    if checked.resources?.gpusPerNode == nil, let g = cluster?.gpusPerNode {
      var r = checked.resources ?? RecipeV2.Resources()
      r.gpusPerNode = g
      checked.resources = r
    }
    guard let store = catalogs ?? (try? FlagCatalogStore.embedded()) else { return [] }
    return ParallelismRule.findings(in: checked, catalogs: store)
      .filter { $0.severity == .error }
      .map { "\($0.message) (\($0.code))" }
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
    _ r: RecipeV2, resolved: RecipeV2.ResolvedRole, nodesPerWorker: Int, workersPerNode: Int,
    slot: Int
  ) -> GPUAllocation? {
    if workersPerNode > 1 {
      guard let g = resolved.placement?.gpusPerWorker ?? r.gpusPerNode.map({ $0 / workersPerNode }),
        g > 0
      else { return nil }
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
    let text =
      r.engineVersion ?? r.engineImage.flatMap { ContainerImage($0).engineVersion?.description }
    guard let text, let version = EngineVersion(text) else {
      return catalogs.newestCatalog(for: r.engine)
    }
    return catalogs.catalog(for: r.engine, version: version).catalog
  }
}
