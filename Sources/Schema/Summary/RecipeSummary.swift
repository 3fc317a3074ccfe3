/// The facts of one recipe that the index stores and search filters on.
///
/// Every recipe format that can be decoded gives one; fields a format does not carry are nil.
public struct RecipeSummary: Sendable, Hashable, Codable {
  /// The recipe's name.
  public var name: String
  /// The served model (a Hugging Face id, path or alias).
  public var model: String?
  /// The serving engine (`sglang`, `vllm`, `trtllm`, ...).
  public var engine: String?
  /// The engine version as the recipe spells it (`v0.5.5.post2`), from its version field or
  /// its image tag.
  public var engineVersion: String?
  /// The container image, if the recipe names one.
  public var image: String?
  /// The GPU type (`h100`, `gb200`, ...).
  public var gpuType: String?
  /// The GPUs of one node.
  public var gpusPerNode: Int?
  /// True when ``gpusPerNode`` is not the recipe's own figure but the usual one of its GPU
  /// type (see ``GPUsPerNode``); ``totalGPUs`` may then be derived from it too.
  public var gpusPerNodeDerived = false
  /// The GPUs the whole deployment uses.
  public var totalGPUs: Int?
  /// The nodes the whole deployment uses.
  public var nodes: Int?
  /// The weight precision (`fp8`, `bf16`, ...).
  public var precision: String?
  /// Aggregated or disaggregated serving.
  public var topology: Topology?
  /// The format id (`v2`, `sglang-v1`, `spark`, ...).
  public var format: String
  /// `experimental`, `functional`, `benchmarked` or `deprecated` (v2); nil when not stated.
  public var status: String?

  /// A summary with the given facts; all but `name` and `format` are optional.
  public init(
    name: String, model: String? = nil, engine: String? = nil, engineVersion: String? = nil,
    image: String? = nil, gpuType: String? = nil, gpusPerNode: Int? = nil, totalGPUs: Int? = nil,
    nodes: Int? = nil, precision: String? = nil, topology: Topology? = nil, format: String,
    status: String? = nil, gpusPerNodeDerived: Bool = false
  ) {
    self.name = name
    self.model = model
    self.engine = engine
    self.engineVersion = engineVersion
    self.image = image
    self.gpuType = gpuType
    self.gpusPerNode = gpusPerNode
    self.totalGPUs = totalGPUs
    self.nodes = nodes
    self.precision = precision
    self.topology = topology
    self.format = format
    self.status = status
    self.gpusPerNodeDerived = gpusPerNodeDerived
  }

  /// Whether search hides it unless asked.
  public var isDeprecated: Bool { status == "deprecated" }
}
