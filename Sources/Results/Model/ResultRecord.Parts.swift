extension ResultRecord {
  /// The recipe a record measured: its name, and the blob and commit it was read at.
  public struct RecipeRef: Sendable, Hashable, Codable {
    /// The recipe's name.
    public var name: String
    /// The blob id of the recipe file measured (40 hex digits).
    public var blob: String
    /// The registry commit the recipe was read at (40 hex digits).
    public var commit: String

    /// A reference to `name` at `blob` in `commit`.
    public init(name: String, blob: String, commit: String) {
      self.name = name
      self.blob = blob
      self.commit = commit
    }
  }

  /// The engine as it ran (which may differ from the recipe's pin when overridden).
  public struct EngineRun: Sendable, Hashable, Codable {
    /// `sglang`, `vllm`, `trtllm`, `llama.cpp`...
    public var name: String?
    /// The version as run.
    public var version: String?
    /// The container image as run.
    public var image: String?
    /// The image's digest (`sha256:...`), when known.
    public var imageDigest: String?

    /// An engine run with the given facts.
    public init(
      name: String? = nil, version: String? = nil, image: String? = nil, imageDigest: String? = nil
    ) {
      self.name = name
      self.version = version
      self.image = image
      self.imageDigest = imageDigest
    }

    private enum CodingKeys: String, CodingKey {
      case name, version, image
      case imageDigest = "image_digest"
    }
  }

  /// The GPUs the deployment used and how they were arranged.
  public struct Hardware: Sendable, Hashable, Codable {
    /// The GPU type (`h200`, `gb200`...).
    public var gpuType: String?
    /// The GPUs of the whole deployment: per-GPU figures divide by it.
    public var gpus: Int?
    /// The nodes of the whole deployment.
    public var nodes: Int?
    /// `agg` or `disagg`.
    public var topology: String?
    /// The prefill GPUs of a disaggregated deployment.
    public var prefillGPUs: Int?
    /// The decode GPUs of a disaggregated deployment.
    public var decodeGPUs: Int?

    /// Hardware with the given facts.
    public init(
      gpuType: String? = nil, gpus: Int? = nil, nodes: Int? = nil, topology: String? = nil,
      prefillGPUs: Int? = nil, decodeGPUs: Int? = nil
    ) {
      self.gpuType = gpuType
      self.gpus = gpus
      self.nodes = nodes
      self.topology = topology
      self.prefillGPUs = prefillGPUs
      self.decodeGPUs = decodeGPUs
    }

    private enum CodingKeys: String, CodingKey {
      case gpuType = "gpu_type"
      case gpus, nodes, topology
      case prefillGPUs = "prefill_gpus"
      case decodeGPUs = "decode_gpus"
    }
  }

  /// The load of one workload point.
  public struct Workload: Sendable, Hashable, Codable {
    /// Input sequence length, tokens.
    public var isl: Int?
    /// Output sequence length, tokens.
    public var osl: Int?
    /// The dataset (`random`, `sharegpt`...).
    public var dataset: String?
    /// The most requests in flight (the point's key when set).
    public var concurrency: Int?
    /// Requests sent per second; nil when unlimited or not stated.
    public var requestRatePerS: Double?
    /// The requests the run sent, when stated.
    public var prompts: Int?

    /// A workload with the given figures.
    public init(
      isl: Int? = nil, osl: Int? = nil, dataset: String? = nil, concurrency: Int? = nil,
      requestRatePerS: Double? = nil, prompts: Int? = nil
    ) {
      self.isl = isl
      self.osl = osl
      self.dataset = dataset
      self.concurrency = concurrency
      self.requestRatePerS = requestRatePerS
      self.prompts = prompts
    }

    private enum CodingKeys: String, CodingKey {
      case isl, osl, dataset, concurrency, prompts
      case requestRatePerS = "request_rate_per_s"
    }
  }

  /// Who ran the benchmark, when, where and with what.
  public struct RunInfo: Sendable, Hashable, Codable {
    /// Who ran it (`Name <mail>`).
    public var by: String?
    /// When it ran (ISO 8601), or when it was added if the file does not say.
    public var at: String?
    /// The cluster it ran on.
    public var cluster: String?
    /// The benchmark tool (the importer id: `sglang`, `vllm`, `sa-bench`...).
    public var tool: String
    /// The tool's version, when the file says.
    public var toolVersion: String?
    /// Where published figures come from (a URL or citation), for records not measured here.
    public var citation: String?

    /// Run facts with the given values.
    public init(
      by: String? = nil, at: String? = nil, cluster: String? = nil, tool: String,
      toolVersion: String? = nil, citation: String? = nil
    ) {
      self.by = by
      self.at = at
      self.cluster = cluster
      self.tool = tool
      self.toolVersion = toolVersion
      self.citation = citation
    }

    private enum CodingKeys: String, CodingKey {
      case by, at, cluster, tool, citation
      case toolVersion = "tool_version"
    }
  }

  /// The raw file a record was read from, kept in the registry beside the record.
  public struct Source: Sendable, Hashable, Codable {
    /// The file name as given to `results add`.
    public var file: String
    /// Where the raw file is stored in the registry tree (set when stored).
    public var path: String?
    /// The raw file's blob id (40 hex digits; set when stored).
    public var blob: String?
    /// The format it was read as (the importer id).
    public var format: String
    /// The line of the file the record came from (JSON lines), 1-based.
    public var line: Int?

    /// A source with the given facts.
    public init(
      file: String, path: String? = nil, blob: String? = nil, format: String, line: Int? = nil
    ) {
      self.file = file
      self.path = path
      self.blob = blob
      self.format = format
      self.line = line
    }
  }
}
