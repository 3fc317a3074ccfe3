extension RecipeV2 {
  /// How a recipe is launched: typed settings several tools share, plus one block per tool
  /// whose content is kept structurally so that nothing a source carries is lost.
  public struct Launcher: Sendable, Hashable {
    /// A launcher tool with its own sub-block (`launcher.<key>`).
    public enum Tool: String, Sendable, Hashable, CaseIterable {
      case spark
      case sparkrun
      case srtSlurm = "srt_slurm"
      case dynamo
      case deplodock
      case vllmRecipes = "vllm_recipes"
    }

    /// The recipe needs more than one node (spark `cluster_only`).
    public var clusterOnly: Bool?
    /// The recipe must run on one node (spark `solo_only`).
    public var soloOnly: Bool?
    /// The fewest nodes the recipe runs on.
    public var minNodes: Int?
    /// The most nodes the recipe runs on.
    public var maxNodes: Int?
    /// The port the server listens on.
    public var port: Int?
    /// The address the server binds to.
    public var host: String?
    /// A shell command template with `{param}` placeholders (spark, sparkrun).
    public var command: String?
    /// Values of the template parameters (spark/sparkrun `defaults`), kept as written.
    public var parameters: YAMLNode?
    /// Patches applied to the container (spark `mods`).
    public var mods: [String]
    /// Extra arguments of the image build (spark `build_args`).
    public var buildArgs: [String]
    /// Tool-specific content, kept as written.
    public var tools: [Tool: YAMLNode]

    /// Launcher settings; every one is optional.
    public init(
      clusterOnly: Bool? = nil, soloOnly: Bool? = nil, minNodes: Int? = nil, maxNodes: Int? = nil,
      port: Int? = nil, host: String? = nil, command: String? = nil, parameters: YAMLNode? = nil,
      mods: [String] = [], buildArgs: [String] = [], tools: [Tool: YAMLNode] = [:]
    ) {
      self.clusterOnly = clusterOnly
      self.soloOnly = soloOnly
      self.minNodes = minNodes
      self.maxNodes = maxNodes
      self.port = port
      self.host = host
      self.command = command
      self.parameters = parameters
      self.mods = mods
      self.buildArgs = buildArgs
      self.tools = tools
    }
  }
}
