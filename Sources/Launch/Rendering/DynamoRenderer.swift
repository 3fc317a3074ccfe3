internal import Engines
internal import Migrate
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
  /// `.k8s`.
  public var target: LaunchTarget { .k8s }
  /// The model cache to create and mount, if any.
  public var modelCache: ModelCacheOptions?

  /// A renderer that adds the model cache `modelCache`, if given.
  public init(modelCache: ModelCacheOptions? = nil) {
    self.modelCache = modelCache
  }

  /// The Dynamo Kubernetes manifests of `plan`.
  public func render(_ plan: LaunchPlan) throws(LaunchError) -> RenderedLaunch {
    try plan.validate()
    var warnings: [String] = []
    let name = Self.dnsName(plan.recipe.name)
    var services: [YAMLPair] = []
    for g in groups(plan) {
      services.append(YAMLText.pair(g.key, .mapping(try service(g, warnings: &warnings))))
    }
    return deployment(plan, name: name, services: services, warnings: warnings)
  }

  /// Identical processes of one role, merged into one service with `replicas`.
  struct Group {
    var key: String
    var process: LaunchProcess
    var replicas: Int
  }

  // MARK: - Services

  /// Groups identical processes of a role into one service with replicas; service names are
  /// unique.
  func groups(_ plan: LaunchPlan) -> [Group] {
    var groups: [Group] = []
    for p in plan.processes {
      if let i = groups.firstIndex(where: { $0.process.role == p.role && Self.same($0.process, p) })
      {
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
    return groups
  }

  /// One service: component type, replicas, multi-node count, GPUs, shared memory, the
  /// model cache mount and the main container.
  func service(_ g: Group, warnings: inout [String]) throws(LaunchError) -> [YAMLPair] {
    let p = g.process
    var svc: [YAMLPair] = []
    svc.append(
      YAMLText.pair("componentType", YAMLText.str(p.role.isWorker ? "worker" : "frontend")))
    if p.role == .prefill || p.role == .decode {
      svc.append(YAMLText.pair("subComponentType", YAMLText.str(p.role.rawValue)))
    }
    svc.append(YAMLText.pair("replicas", .int(g.replicas)))
    if p.nodeCount > 1 {
      svc.append(
        YAMLText.pair("multinode", .mapping([YAMLText.pair("nodeCount", .int(p.nodeCount))])))
      if p.distributed != nil {
        warnings.append(
          "k8s: \(p.name): the Dynamo operator sets the multi-node rendezvous flags itself")
      }
    }
    if let gpus = p.gpus {
      svc.append(
        YAMLText.pair(
          "resources",
          .mapping([
            YAMLText.pair(
              "limits", .mapping([YAMLText.pair("gpu", YAMLText.str(String(gpus.count)))]))
          ])))
      if gpus.ids != nil {
        warnings.append("k8s: \(p.name): pinned GPU ids are ignored; Kubernetes assigns devices")
      }
    }
    if let shm = p.sharedMemory {
      if let size = Self.quantity(shm) {
        svc.append(
          YAMLText.pair("sharedMemory", .mapping([YAMLText.pair("size", YAMLText.str(size))])))
      } else {
        warnings.append(
          "k8s: \(p.name): shared memory size \(ShellQuote.quote(shm)) is not a Kubernetes quantity; omitted"
        )
      }
    }
    if let cache = modelCache {
      svc.append(
        YAMLText.pair(
          "volumeMounts",
          .sequence([
            .mapping([
              YAMLText.pair("name", YAMLText.str(cache.pvcName)),
              YAMLText.pair("mountPoint", YAMLText.str(cache.mountPath)),
            ])
          ])))
    }
    var argv = p.argv
    if let f = p.configFile {
      let path = "/launch-config/" + f.name
      argv = argv.map { $0 == ProcessConfigFile.placeholder ? path : $0 }
      warnings.append(
        "k8s: \(p.name) reads its options file at \(path): mount it there (a ConfigMap with the plan's configFile text); the deployment does not carry it"
      )
    }
    if argv.contains(where: { !NodeHostTemplate.referencedNodes($0).isEmpty }) {
      warnings.append(
        "k8s: \(p.name): node address placeholders are left as written; Dynamo discovers workers itself"
      )
    }
    if argv.isEmpty { argv = [""] }
    let split =
      argv.firstIndex(where: { $0.hasPrefix("-") && $0 != "-m" && $0 != "-c" }) ?? argv.endIndex
    var commandEnd = split
    // Keep `python3 -m module` together as the command.
    if commandEnd == argv.startIndex { commandEnd = argv.index(after: argv.startIndex) }
    svc.append(
      YAMLText.pair(
        "extraPodSpec",
        .mapping([
          YAMLText.pair(
            "mainContainer", .mapping(try mainContainer(p, argv: argv, commandEnd: commandEnd)))
        ])))
    return svc
  }

  /// The main container: image, `command` (program and module words), `args`, env.
  func mainContainer(_ p: LaunchProcess, argv: [String], commandEnd: Int) throws(LaunchError)
    -> [YAMLPair]
  {
    var container: [YAMLPair] = []
    if let image = p.image {
      container.append(YAMLText.pair("image", YAMLText.str(image)))
    } else {
      throw .unsupported(target: .k8s, message: "process '\(p.name)' has no container image")
    }
    container.append(
      YAMLText.pair("command", .sequence(argv[..<commandEnd].map { YAMLText.str($0) })))
    if commandEnd < argv.endIndex {
      container.append(
        YAMLText.pair("args", .sequence(argv[commandEnd...].map { YAMLText.str($0) })))
    }
    var env = p.effectiveEnv
    if let cache = modelCache, !env.contains(where: { $0.name == "HF_HOME" }) {
      env.append(EnvVar("HF_HOME", cache.mountPath))
    }
    if !env.isEmpty {
      container.append(
        YAMLText.pair(
          "env",
          .sequence(
            env.map {
              .mapping([
                YAMLText.pair("name", YAMLText.str($0.name)),
                YAMLText.pair("value", YAMLText.str($0.value)),
              ])
            })))
    }
    return container
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
      YAMLText.pair("accessModes", .sequence([YAMLText.str("ReadWriteMany")])),
      YAMLText.pair(
        "resources",
        .mapping([
          YAMLText.pair("requests", .mapping([YAMLText.pair("storage", YAMLText.str(cache.size))]))
        ])),
    ]
    if let sc = cache.storageClass {
      spec.append(YAMLText.pair("storageClassName", YAMLText.str(sc)))
    }
    return .mapping([
      YAMLText.pair("apiVersion", YAMLText.str("v1")),
      YAMLText.pair("kind", YAMLText.str("PersistentVolumeClaim")),
      YAMLText.pair("metadata", .mapping([YAMLText.pair("name", YAMLText.str(cache.pvcName))])),
      YAMLText.pair("spec", .mapping(spec)),
    ])
  }

  static func downloadJob(_ cache: ModelCacheOptions, model: String, name: String) -> YAMLNode {
    var env: [YAMLNode] = [
      .mapping([
        YAMLText.pair("name", YAMLText.str("HF_HOME")),
        YAMLText.pair("value", YAMLText.str(cache.mountPath)),
      ])
    ]
    if let secret = cache.tokenSecret {
      env.append(
        .mapping([
          YAMLText.pair("name", YAMLText.str("HF_TOKEN")),
          YAMLText.pair(
            "valueFrom",
            .mapping([
              YAMLText.pair(
                "secretKeyRef",
                .mapping([
                  YAMLText.pair("name", YAMLText.str(secret)),
                  YAMLText.pair("key", YAMLText.str("HF_TOKEN")),
                ]))
            ])),
        ]))
    }
    let container = YAMLNode.mapping([
      YAMLText.pair("name", YAMLText.str("download")),
      YAMLText.pair("image", YAMLText.str(cache.downloadImage)),
      YAMLText.pair(
        "command",
        .sequence(
          [
            "sh", "-c", "pip install -q huggingface_hub && exec huggingface-cli download \"$0\"",
            model,
          ].map { YAMLText.str($0) })),
      YAMLText.pair("env", .sequence(env)),
      YAMLText.pair(
        "volumeMounts",
        .sequence([
          .mapping([
            YAMLText.pair("name", YAMLText.str(cache.pvcName)),
            YAMLText.pair("mountPath", YAMLText.str(cache.mountPath)),
          ])
        ])),
    ])
    return .mapping([
      YAMLText.pair("apiVersion", YAMLText.str("batch/v1")),
      YAMLText.pair("kind", YAMLText.str("Job")),
      YAMLText.pair(
        "metadata",
        .mapping([
          YAMLText.pair("name", YAMLText.str(String((name + "-model-download").prefix(63))))
        ])),
      YAMLText.pair(
        "spec",
        .mapping([
          YAMLText.pair("backoffLimit", .int(3)),
          YAMLText.pair(
            "template",
            .mapping([
              YAMLText.pair(
                "spec",
                .mapping([
                  YAMLText.pair("restartPolicy", YAMLText.str("Never")),
                  YAMLText.pair("containers", .sequence([container])),
                  YAMLText.pair(
                    "volumes",
                    .sequence([
                      .mapping([
                        YAMLText.pair("name", YAMLText.str(cache.pvcName)),
                        YAMLText.pair(
                          "persistentVolumeClaim",
                          .mapping([YAMLText.pair("claimName", YAMLText.str(cache.pvcName))])),
                      ])
                    ])),
                ]))
            ])),
        ])),
    ])
  }

  /// A docker-style size (`64g`, `16m`, `1gb`) as a Kubernetes quantity (`64Gi`); Kubernetes
  /// quantities pass through. `nil` when it is neither.
  static func quantity(_ size: String) -> String? {
    let digits = size.prefix(while: { $0.isASCII && ($0.isNumber || $0 == ".") })
    guard !digits.isEmpty, digits.first != ".", digits.filter({ $0 == "." }).count <= 1 else {
      return nil
    }
    let unit = size.dropFirst(digits.count)
    let binary = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "k", "M", "G", "T", "P", "E"]
    if binary.contains(String(unit)) { return size }
    var u = unit.lowercased()
    if u.hasSuffix("b") { u.removeLast() }
    if u.hasSuffix("i") { u.removeLast() }
    switch u {
    case "": return String(digits)
    case "k": return digits + "Ki"
    case "m": return digits + "Mi"
    case "g": return digits + "Gi"
    case "t": return digits + "Ti"
    default: return nil
    }
  }

  /// `sglang` → `Sglang`, `trtllm` → `Trtllm`.
  static func camel(_ s: String) -> String {
    let letters = s.unicodeScalars.filter {
      ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
    }
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
    s.count <= 63
      && s.unicodeScalars.allSatisfy {
        ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
          || $0 == "-" || $0 == "_" || $0 == "."
      }
  }
}
