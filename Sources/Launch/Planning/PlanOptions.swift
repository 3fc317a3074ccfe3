/// What a user asks of a plan besides the recipe: the target, a variant, overrides, the nodes
/// and extra engine arguments (`registry plan` flags).
public struct PlanOptions: Sendable, Hashable {
  /// The output the plan is meant for.
  public var target: LaunchTarget
  /// A variant of the recipe to apply first, if any.
  public var variant: String?
  /// `--set` / `--unset` overrides, applied after the variant in order.
  public var overrides: [RecipeOverride]
  /// Where to run: the recipe's node count, one node, or named hosts.
  public var nodes: NodeSelection
  /// `--port`: the port clients connect to (`launcher.port`).
  public var port: Int?
  /// `--tp`: `serving.tensor_parallel_size`.
  public var tensorParallelSize: Int?
  /// `--gpu-mem`: `serving.gpu_memory_utilization`.
  public var gpuMemoryUtilization: Double?
  /// `--max-model-len`: `serving.context_length`.
  public var maxModelLen: Int?
  /// `--image`: `engine.image`.
  public var image: String?
  /// The words after `--`, appended to every engine worker's command.
  public var extraArgs: [String]
  /// `--runtime`: how containers run (nil: the cluster profile's, else the target's default).
  public var runtime: ContainerRuntime?
  /// `--cluster`: the cluster profile the plan fills in what the recipe does not say from.
  public var cluster: ClusterProfile?

  /// Options with the given settings; the defaults plan the recipe as written.
  public init(
    target: LaunchTarget = .shell, variant: String? = nil, overrides: [RecipeOverride] = [],
    nodes: NodeSelection = .recipe, port: Int? = nil, tensorParallelSize: Int? = nil,
    gpuMemoryUtilization: Double? = nil, maxModelLen: Int? = nil, image: String? = nil,
    extraArgs: [String] = [], runtime: ContainerRuntime? = nil, cluster: ClusterProfile? = nil
  ) {
    self.target = target
    self.variant = variant
    self.overrides = overrides
    self.nodes = nodes
    self.port = port
    self.tensorParallelSize = tensorParallelSize
    self.gpuMemoryUtilization = gpuMemoryUtilization
    self.maxModelLen = maxModelLen
    self.image = image
    self.extraArgs = extraArgs
    self.runtime = runtime
    self.cluster = cluster
  }

  /// The shortcuts as `--set` overrides (each records its own flag as the source), followed by
  /// the explicit overrides: explicit `--set` wins over a shortcut for the same key.
  public var allOverrides: [RecipeOverride] {
    var out: [RecipeOverride] = []
    if let port {
      out.append(.set(path: "launcher.port", value: String(port), source: "--port \(port)"))
    }
    if let tensorParallelSize {
      out.append(
        .set(
          path: "serving.tensor_parallel_size", value: String(tensorParallelSize),
          source: "--tp \(tensorParallelSize)"))
    }
    if let gpuMemoryUtilization {
      out.append(
        .set(
          path: "serving.gpu_memory_utilization", value: String(gpuMemoryUtilization),
          source: "--gpu-mem \(gpuMemoryUtilization)"))
    }
    if let maxModelLen {
      out.append(
        .set(
          path: "serving.context_length", value: String(maxModelLen),
          source: "--max-model-len \(maxModelLen)"))
    }
    if let image {
      out.append(.set(path: "engine.image", value: image, source: "--image", quoted: true))
    }
    return out + overrides
  }
}

/// Which nodes a plan runs on.
public enum NodeSelection: Sendable, Hashable {
  /// As many nodes as the recipe's topology needs; the renderer (or scheduler) places them.
  case recipe
  /// One node (`--solo`); a cluster-only recipe fails with ``LaunchError/clusterOnly(recipe:nodes:)``.
  case solo
  /// Named hosts, head node first (`--nodes h1,h2`).
  case hosts([String])
}
