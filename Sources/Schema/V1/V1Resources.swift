/// The `resources` section: GPU type and node/worker topology.
///
/// Aggregated counts are spelled `agg_nodes`/`agg_workers` (srt-slurm) or `nodes`/`workers`
/// (seed 000); both decode into `aggNodes`/`aggWorkers`.
public struct V1Resources: Sendable, Hashable {
  /// `gpu_type`: `h100`, `gb200`, ... (unknown values are warnings).
  public var gpuType: String?
  /// `gpus_per_node`.
  public var gpusPerNode: Int?
  /// `prefill_nodes`: nodes of the prefill role (disaggregated).
  public var prefillNodes: Int?
  /// `decode_nodes`: nodes of the decode role (disaggregated).
  public var decodeNodes: Int?
  /// `prefill_workers`: prefill workers (disaggregated).
  public var prefillWorkers: Int?
  /// `decode_workers`: decode workers (disaggregated).
  public var decodeWorkers: Int?
  /// `agg_nodes` (or `nodes`): nodes of the aggregated role.
  public var aggNodes: Int?
  /// `agg_workers` (or `workers`): aggregated workers.
  public var aggWorkers: Int?
  /// `gpus_per_prefill`: GPUs of one prefill worker.
  public var gpusPerPrefill: Int?
  /// `gpus_per_decode`: GPUs of one decode worker.
  public var gpusPerDecode: Int?
  /// `gpus_per_agg`: GPUs of one aggregated worker.
  public var gpusPerAgg: Int?
  /// `spread_workers`: each partial-node worker on a node of its own (srtctl).
  public var spreadWorkers: Bool?
  /// `het_jobs`: prefill and decode as the two components of a SLURM heterogeneous job; nil
  /// (or `null`) leaves it to the cluster's `use_het_jobs` (srtctl).
  public var hetJobs: Bool?
  /// The source mapping (kept for its comments and spelling), if decoded.
  public var source: YAMLNode?

  /// An empty resources section.
  public init() {}

  static let disaggKeys = ["prefill_nodes", "decode_nodes", "prefill_workers", "decode_workers"]
  static let aggKeys = ["agg_nodes", "agg_workers", "nodes", "workers"]
  static let keys =
    ["gpu_type", "gpus_per_node"] + disaggKeys + ["agg_nodes", "agg_workers", "nodes", "workers"]
    + ["gpus_per_prefill", "gpus_per_decode", "gpus_per_agg", "spread_workers", "het_jobs"]

  /// Aggregated or disaggregated, from which counts are present (nil if none are).
  public var topology: Topology? {
    if prefillNodes != nil || decodeNodes != nil || prefillWorkers != nil || decodeWorkers != nil {
      return .disaggregated
    }
    if aggNodes != nil || aggWorkers != nil { return .aggregated }
    return nil
  }

  /// - Parameter needsTopology: whether missing counts are an error (not in a `base` whose
  ///   variants give them).
  static func decode(_ r: MappingReader, partial: Bool, needsTopology: Bool) -> V1Resources {
    var x = V1Resources()
    x.source = r.node
    x.gpuType = V1Values.open(r, "gpu_type", V1Values.gpuTypes, required: !partial)
    x.gpusPerNode = V1Values.int(r, "gpus_per_node", min: 1)
    x.prefillNodes = V1Values.int(r, "prefill_nodes")
    x.decodeNodes = V1Values.int(r, "decode_nodes")
    x.prefillWorkers = V1Values.int(r, "prefill_workers")
    x.decodeWorkers = V1Values.int(r, "decode_workers")
    x.aggNodes = V1Values.int(r, "agg_nodes") ?? V1Values.int(r, "nodes")
    x.aggWorkers = V1Values.int(r, "agg_workers") ?? V1Values.int(r, "workers")
    x.gpusPerPrefill = V1Values.int(r, "gpus_per_prefill", min: 1)
    x.gpusPerDecode = V1Values.int(r, "gpus_per_decode", min: 1)
    x.gpusPerAgg = V1Values.int(r, "gpus_per_agg", min: 1)
    x.spreadWorkers = V1Values.optionalBool(r, "spread_workers")
    x.hetJobs = V1Values.optionalBool(r, "het_jobs")
    r.finish(known: keys)
    let dis = disaggKeys.filter(r.has)
    let agg = aggKeys.filter(r.has)
    if !dis.isEmpty && !agg.isEmpty {
      r.context.error(
        "conflicting-topology",
        "resources are aggregated ('\(agg[0])') and disaggregated ('\(dis[0])') at once",
        at: r.keyNode(agg[0]), path: r.path / agg[0],
        hint:
          "use prefill_nodes/decode_nodes/prefill_workers/decode_workers, or agg_nodes/agg_workers, not both"
      )
    } else if needsTopology && dis.isEmpty && agg.isEmpty {
      r.context.error(
        "missing-topology", "resources give no node or worker counts", at: r.node, path: r.path,
        hint:
          "add prefill_nodes/decode_nodes/prefill_workers/decode_workers (disaggregated) or agg_nodes/agg_workers (aggregated)"
      )
    }
    return x
  }

  func encode(layout: V1Layout) -> YAMLNode {
    let seedSpelling =
      source.map { $0["nodes"] != nil || $0["workers"] != nil } ?? (layout == .seed)
    let (nk, wk) = seedSpelling ? ("nodes", "workers") : ("agg_nodes", "agg_workers")
    var b = V1MappingBuilder(source: source, canonical: Self.keys)
    b.string("gpu_type", gpuType)
    b.int("gpus_per_node", gpusPerNode)
    b.int("prefill_nodes", prefillNodes)
    b.int("decode_nodes", decodeNodes)
    b.int("prefill_workers", prefillWorkers)
    b.int("decode_workers", decodeWorkers)
    b.int(nk, aggNodes)
    b.int(wk, aggWorkers)
    b.int("gpus_per_prefill", gpusPerPrefill)
    b.int("gpus_per_decode", gpusPerDecode)
    b.int("gpus_per_agg", gpusPerAgg)
    b.bool("spread_workers", spreadWorkers)
    b.bool("het_jobs", hetJobs)
    return b.build()
  }
}
