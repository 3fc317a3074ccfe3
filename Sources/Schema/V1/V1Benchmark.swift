/// The `benchmark` section. The common keys are typed; the runner-specific ones
/// (thresholds, mooncake workload, sampling, client placement, ... every key of srtctl's
/// `BenchmarkConfig`) are type-checked and kept in the source node.
public struct V1Benchmark: Sendable, Hashable {
  /// sa-bench, mooncake-router, gsm8k, gpqa, mmlu, manual, ... (unknown types are warnings).
  public var type: String?
  /// `isl`: the input sequence length in tokens.
  public var isl: Int?
  /// `osl`: the output sequence length in tokens.
  public var osl: Int?
  /// `concurrencies`: the client concurrencies to run at.
  public var concurrencies: V1Concurrencies?
  /// `req_rate`: the request rate (a number or `inf`).
  public var requestRate: V1RequestRate?
  /// `random_range_ratio`: how far random prompt lengths may vary.
  public var randomRangeRatio: Double?
  /// The source mapping (kept with the runner-specific keys), if decoded.
  public var source: YAMLNode?

  /// An empty benchmark section.
  public init() {}

  static let intKeys = [
    "num_prompts_mult", "num_warmup_mult", "ttft_threshold_ms", "itl_threshold_ms", "num_examples",
    "max_tokens", "num_threads", "num_shots", "repeat", "max_context_length", "top_k",
    "num_requests",
    "concurrency",
  ]
  static let boolKeys = [
    "use_chat_template", "reuse_http_connections", "export_node_metrics", "client_dedicated_node",
    "colocate_with_frontend",
  ]
  static let stringKeys = [
    "custom_tokenizer", "mooncake_workload", "trace_file", "dataset_name", "aiperf_package",
    "command",
    "client_placement", "dataset_path", "container_image",
  ]
  static let doubleKeys = ["temperature", "top_p", "slow_down_sleep_time", "slow_down_wait_time"]
  /// Mappings (`sweep`, `aiperf_args`), a list of names, and ratios as a list or one string.
  static let otherKeys = ["sweep", "aiperf_args", "categories", "prefix_ratios"]
  static let keys =
    ["type", "isl", "osl", "concurrencies", "req_rate", "random_range_ratio"] + intKeys + boolKeys
    + stringKeys + doubleKeys + ["env"] + otherKeys

  static func decode(_ r: MappingReader) -> V1Benchmark {
    var b = V1Benchmark()
    b.source = r.node
    b.type = V1Values.open(r, "type", V1Values.benchmarkTypes)
    b.isl = V1Values.int(r, "isl", min: 1)
    b.osl = V1Values.int(r, "osl", min: 1)
    if let n = r.node("concurrencies") {
      b.concurrencies = V1Concurrencies.decode(
        n, path: r.path / "concurrencies", context: r.context)
    }
    if let n = r.node("req_rate") {
      b.requestRate = V1RequestRate.decode(n, path: r.path / "req_rate", context: r.context)
    }
    b.randomRangeRatio = r.double("random_range_ratio")
    for k in intKeys { _ = V1Values.int(r, k) }
    for k in boolKeys { _ = r.bool(k) }
    for k in stringKeys { _ = r.string(k) }
    for k in doubleKeys { _ = r.double(k) }
    _ = r.stringMap("env")
    for k in ["sweep", "aiperf_args"] where r.node(k)?.isNull == false { _ = r.mapping(k) }
    _ = r.stringList("categories")
    if let n = r.node("prefix_ratios"), !n.isNull, !n.isSequence {
      _ = MappingReader.string(n, path: r.path / "prefix_ratios", context: r.context)
    }
    r.finish(known: keys)
    return b
  }

  func encode() -> YAMLNode {
    var b = V1MappingBuilder(source: source, canonical: Self.keys)
    b.string("type", type)
    b.int("isl", isl)
    b.int("osl", osl)
    b.scalar("concurrencies", concurrencies, read: V1Concurrencies.read, make: \.node)
    b.scalar("req_rate", requestRate, read: V1RequestRate.read, make: \.node)
    b.double("random_range_ratio", randomRangeRatio)
    return b.build()
  }
}
