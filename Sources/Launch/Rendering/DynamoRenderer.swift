internal import Schema

/// Renders a plan as a Dynamo `DynamoGraphDeployment` (`nvidia.com/v1alpha1`), optionally
/// preceded by a model-cache PersistentVolumeClaim and a model download Job (one YAML stream).
///
/// Frontends and routers become `componentType: frontend` services; workers become
/// `componentType: worker` services named after the engine (`VllmPrefillWorker`, ...), with
/// `subComponentType` prefill/decode for disaggregated roles. Identical processes of one role
/// are merged into one service with `replicas`; multi-node processes get
/// `multinode.nodeCount`. The command is split into `command` (program and module words)
/// and `args` (from the first flag on), exec form; env is a list of `{name, value}`.
public struct DynamoRenderer: PlanRenderer {
  public var target: LaunchTarget { .k8s }
  /// The model cache to create and mount, if any.
  public var modelCache: ModelCacheOptions?

  public init(modelCache: ModelCacheOptions? = nil) {
    self.modelCache = modelCache
  }

  public func render(_ plan: LaunchPlan) throws(LaunchError) -> RenderedLaunch {
    try plan.validate()
    var warnings: [String] = []
    let name = Self.dnsName(plan.recipe.name)

    // Group identical processes of a role into one service with replicas.
    struct Group {
      var key: String
      var process: LaunchProcess
      var replicas: Int
    }
    var groups: [Group] = []
    for p in plan.processes {
      if let i = groups.firstIndex(where: { $0.process.role == p.role && Self.same($0.process, p) }) {
        groups[i].replicas += 1
      } else {
        groups.append(Group(key: serviceName(p.role, plan.engine), process: p, replicas: 1))
      }
    }
    var used: [String: Int] = [:]
    for i in groups.indices {
      let k = groups[i].key
      used[k, default: 0] += 1
      if used[k]! > 1 { groups[i].key = k + String(used[k]!) }
    }

    var services: [YAMLPair] = []
    for g in groups {
      let p = g.process
      var svc: [YAMLPair] = []
      svc.append(YAMLPair("componentType", .string(p.role.isWorker ? "worker" : "frontend")))
      if p.role == .prefill || p.role == .decode {
        svc.append(YAMLPair("subComponentType", .string(p.role.rawValue)))
      }
      svc.append(YAMLPair("replicas", .int(g.replicas)))
      if p.nodeCount > 1 {
        svc.append(YAMLPair("multinode", .mapping([YAMLPair("nodeCount", .int(p.nodeCount))])))
        if p.distributed != nil {
          warnings.append("k8s: \(p.name): the Dynamo operator sets the multi-node rendezvous flags itself")
        }
      }
      if let gpus = p.gpus {
        svc.append(YAMLPair("resources", .mapping([YAMLPair("limits", .mapping([YAMLPair("gpu", .string(String(gpus.count)))]))])))
        if gpus.ids != nil { warnings.append("k8s: \(p.name): pinned GPU ids are ignored; Kubernetes assigns devices") }
      }
      if let shm = p.sharedMemory {
        svc.append(YAMLPair("sharedMemory", .mapping([YAMLPair("size", .string(shm))])))
      }
      if let cache = modelCache {
        svc.append(YAMLPair("volumeMounts", .sequence([.mapping([
          YAMLPair("name", .string(cache.pvcName)), YAMLPair("mountPoint", .string(cache.mountPath)),
        ])])))
      }
      var argv = p.argv
      if argv.contains(where: { !NodeHostTemplate.referencedNodes($0).isEmpty }) {
        warnings.append("k8s: \(p.name): node address placeholders are left as written; Dynamo discovers workers itself")
      }
      if argv.isEmpty { argv = [""] }
      let split = argv.firstIndex(where: { $0.hasPrefix("-") && $0 != "-m" && $0 != "-c" }) ?? argv.endIndex
      var commandEnd = split
      // Keep `python3 -m module` together as the command.
      if commandEnd == argv.startIndex { commandEnd = argv.index(after: argv.startIndex) }
      var container: [YAMLPair] = []
      if let image = p.image {
        container.append(YAMLPair("image", .string(image)))
      } else {
        throw .unsupported(target: .k8s, message: "process '\(p.name)' has no container image")
      }
      container.append(YAMLPair("command", .sequence(argv[..<commandEnd].map { .string($0) })))
      if commandEnd < argv.endIndex {
        container.append(YAMLPair("args", .sequence(argv[commandEnd...].map { .string($0) })))
      }
      var env = p.effectiveEnv
      if let cache = modelCache, !env.contains(where: { $0.name == "HF_HOME" }) {
        env.append(EnvVar("HF_HOME", cache.mountPath))
      }
      if !env.isEmpty {
        container.append(YAMLPair("env", .sequence(env.map {
          .mapping([YAMLPair("name", .string($0.name)), YAMLPair("value", .string($0.value))])
        })))
      }
      svc.append(YAMLPair("extraPodSpec", .mapping([YAMLPair("mainContainer", .mapping(container))])))
      services.append(YAMLPair(g.key, .mapping(svc)))
    }

    var spec: [YAMLPair] = []
    if ["vllm", "sglang", "trtllm"].contains(plan.engine) {
      spec.append(YAMLPair("backendFramework", .string(plan.engine)))
    } else {
      warnings.append("k8s: engine '\(plan.engine)' is not a Dynamo backend framework")
    }
    if let cache = modelCache {
      spec.append(YAMLPair("pvcs", .sequence([.mapping([
        YAMLPair("name", .string(cache.pvcName)), YAMLPair("create", .bool(false)),
      ])])))
    }
    spec.append(YAMLPair("services", .mapping(services)))
    if plan.benchmark != nil {
      warnings.append("k8s: the benchmark step is not part of a DynamoGraphDeployment; run it separately")
    }

    var metadata: [YAMLPair] = [YAMLPair("name", .string(name))]
    var labels: [YAMLPair] = [YAMLPair("app.kubernetes.io/managed-by", .string("registry"))]
    if let commit = plan.recipe.commit, Self.isLabelValue(commit) {
      labels.append(YAMLPair("registry/commit", .string(commit)))
    }
    metadata.append(YAMLPair("labels", .mapping(labels)))
    let dgd = YAMLNode.mapping([
      YAMLPair("apiVersion", .string("nvidia.com/v1alpha1")),
      YAMLPair("kind", .string("DynamoGraphDeployment")),
      YAMLPair("metadata", .mapping(metadata)),
      YAMLPair("spec", .mapping(spec)),
    ])
    var docs: [YAMLDocument] = []
    if let cache = modelCache {
      docs.append(YAMLDocument(root: Self.pvc(cache)))
      docs.append(YAMLDocument(root: Self.downloadJob(cache, model: plan.model.path, name: name)))
    }
    docs.append(YAMLDocument(root: dgd))
    let text = docs.count == 1 ? YAMLEmitter.emit(dgd) : YAMLEmitter.emitStream(docs)
    return RenderedLaunch(text: text, warnings: warnings)
  }

  private func serviceName(_ role: ProcessRole, _ engine: String) -> String {
    let prefix = Self.camel(engine)
    switch role {
    case .frontend: return "Frontend"
    case .router: return "Router"
    case .benchmark: return "Benchmark"
    case .aggregated: return prefix + "Worker"
    case .prefill: return prefix + "PrefillWorker"
    case .decode: return prefix + "DecodeWorker"
    }
  }

  private static func same(_ a: LaunchProcess, _ b: LaunchProcess) -> Bool {
    a.image == b.image && a.argv == b.argv && a.env == b.env && a.gpus == b.gpus
      && a.nodeCount == b.nodeCount && a.sharedMemory == b.sharedMemory
  }

  static func pvc(_ cache: ModelCacheOptions) -> YAMLNode {
    var spec: [YAMLPair] = [
      YAMLPair("accessModes", .sequence([.string("ReadWriteMany")])),
      YAMLPair("resources", .mapping([YAMLPair("requests", .mapping([YAMLPair("storage", .string(cache.size))]))])),
    ]
    if let sc = cache.storageClass { spec.append(YAMLPair("storageClassName", .string(sc))) }
    return .mapping([
      YAMLPair("apiVersion", .string("v1")),
      YAMLPair("kind", .string("PersistentVolumeClaim")),
      YAMLPair("metadata", .mapping([YAMLPair("name", .string(cache.pvcName))])),
      YAMLPair("spec", .mapping(spec)),
    ])
  }

  static func downloadJob(_ cache: ModelCacheOptions, model: String, name: String) -> YAMLNode {
    var env: [YAMLNode] = [
      .mapping([YAMLPair("name", .string("HF_HOME")), YAMLPair("value", .string(cache.mountPath))])
    ]
    if let secret = cache.tokenSecret {
      env.append(.mapping([
        YAMLPair("name", .string("HF_TOKEN")),
        YAMLPair("valueFrom", .mapping([YAMLPair("secretKeyRef", .mapping([
          YAMLPair("name", .string(secret)), YAMLPair("key", .string("HF_TOKEN")),
        ]))])),
      ]))
    }
    let container = YAMLNode.mapping([
      YAMLPair("name", .string("download")),
      YAMLPair("image", .string(cache.downloadImage)),
      YAMLPair("command", .sequence(["sh", "-c", "pip install -q huggingface_hub && exec huggingface-cli download \"$0\"", model].map { .string($0) })),
      YAMLPair("env", .sequence(env)),
      YAMLPair("volumeMounts", .sequence([.mapping([
        YAMLPair("name", .string(cache.pvcName)), YAMLPair("mountPath", .string(cache.mountPath)),
      ])])),
    ])
    return .mapping([
      YAMLPair("apiVersion", .string("batch/v1")),
      YAMLPair("kind", .string("Job")),
      YAMLPair("metadata", .mapping([YAMLPair("name", .string(String((name + "-model-download").prefix(63))))])),
      YAMLPair("spec", .mapping([
        YAMLPair("backoffLimit", .int(3)),
        YAMLPair("template", .mapping([YAMLPair("spec", .mapping([
          YAMLPair("restartPolicy", .string("Never")),
          YAMLPair("containers", .sequence([container])),
          YAMLPair("volumes", .sequence([.mapping([
            YAMLPair("name", .string(cache.pvcName)),
            YAMLPair("persistentVolumeClaim", .mapping([YAMLPair("claimName", .string(cache.pvcName))])),
          ])])),
        ]))])),
      ])),
    ])
  }

  /// `sglang` → `Sglang`, `trtllm` → `Trtllm`.
  static func camel(_ s: String) -> String {
    let letters = s.unicodeScalars.filter { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    let word = String(String.UnicodeScalarView(letters)).lowercased()
    guard let f = word.first else { return "Engine" }
    return f.uppercased() + word.dropFirst()
  }

  /// A DNS-1123 name: lower-case alphanumerics and `-`, at most 63 characters.
  static func dnsName(_ s: String) -> String {
    var out = ""
    for u in s.lowercased().unicodeScalars {
      if ("a"..."z").contains(u) || ("0"..."9").contains(u) {
        out.unicodeScalars.append(u)
      } else if !out.isEmpty, !out.hasSuffix("-") {
        out += "-"
      }
    }
    out = String(out.prefix(63))
    while out.hasSuffix("-") { out.removeLast() }
    return out.isEmpty ? "launch" : out
  }

  static func isLabelValue(_ s: String) -> Bool {
    s.count <= 63 && s.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
    }
  }
}
