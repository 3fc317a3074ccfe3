/// One long-running process of a plan: an engine worker, a frontend or a router.
public struct LaunchProcess: Sendable, Hashable, Codable {
  /// A unique name (`prefill-0`, `frontend`); used for service, log and file names.
  /// Must match `[A-Za-z0-9][A-Za-z0-9_.-]*`.
  public var name: String
  /// What the process is: worker (and which role), frontend or router.
  public var role: ProcessRole
  /// The index of the (first) node the process runs on; the head node is 0.
  public var node: Int
  /// The number of consecutive nodes the process spans (one instance per node).
  public var nodeCount: Int
  /// The container image, for container targets (as the recipe pins it).
  public var image: String?
  /// The container the process runs in, as the plan's runtime runs it (nil: not decided,
  /// the renderer's own default).
  public var container: ProcessContainer?
  /// A script to run inside the process's environment before the command (srt-slurm
  /// `setup_script`), as a path in the container.
  public var setupScript: String?
  /// The environment, in order.
  public var env: [EnvVar]
  /// The command and its arguments, exec form (never passed through a shell unquoted).
  public var argv: [String]
  /// The port the process serves on, if any.
  public var port: Int?
  /// The GPUs the process uses per node, if any.
  public var gpus: GPUAllocation?
  /// How to tell the process is ready, if it can tell.
  public var readiness: ReadinessCheck?
  /// Flags to fill in when the process spans several nodes.
  public var distributed: DistributedLaunch?
  /// The shared memory size for containers (`16g`), if any.
  public var sharedMemory: String?
  /// Where each flag and environment value came from.
  public var provenance: [Provenance]
  /// A file the process reads, whose path stands in the argv as
  /// ``ProcessConfigFile/placeholder`` (TensorRT-LLM's options YAML), if any.
  public var configFile: ProcessConfigFile?

  /// A process with the given parts.
  public init(
    name: String, role: ProcessRole, node: Int = 0, nodeCount: Int = 1, image: String? = nil,
    env: [EnvVar] = [], argv: [String], port: Int? = nil, gpus: GPUAllocation? = nil,
    readiness: ReadinessCheck? = nil, distributed: DistributedLaunch? = nil,
    sharedMemory: String? = nil, provenance: [Provenance] = [],
    configFile: ProcessConfigFile? = nil, container: ProcessContainer? = nil,
    setupScript: String? = nil
  ) {
    self.name = name
    self.role = role
    self.node = node
    self.nodeCount = nodeCount
    self.image = image
    self.env = env
    self.argv = argv
    self.port = port
    self.gpus = gpus
    self.readiness = readiness
    self.distributed = distributed
    self.sharedMemory = sharedMemory
    self.provenance = provenance
    self.configFile = configFile
    self.container = container
    self.setupScript = setupScript
  }

  /// The container the process runs in when its runtime runs one (not `none`).
  public var runningContainer: ProcessContainer? {
    container.flatMap { $0.isRun ? $0 : nil }
  }

  /// The environment a renderer sets: ``env`` plus `CUDA_VISIBLE_DEVICES` when GPU ids are
  /// pinned and the env does not set it already.
  public var effectiveEnv: [EnvVar] {
    var out = env
    if let devices = gpus?.visibleDevices,
      !env.contains(where: { $0.name == "CUDA_VISIBLE_DEVICES" })
    {
      out.append(EnvVar("CUDA_VISIBLE_DEVICES", devices))
    }
    return out
  }

  /// The arguments for one instance of a multi-node process, with the head address,
  /// node count and rank filled in (all three given as already-formatted text).
  public func argv(headAddress: String, nodeRank: String) -> [String] {
    guard let d = distributed, nodeCount > 1 else { return argv }
    return argv + [
      d.initAddressFlag, "\(headAddress):\(d.initPort)",
      d.nodeCountFlag, String(nodeCount),
      d.nodeRankFlag, nodeRank,
    ]
  }

  /// Whether the process runs as several per-node instances.
  public var isMultiNode: Bool { nodeCount > 1 && distributed != nil }
}
