public import Schema

/// How one role of a TensorRT-LLM recipe reaches the engine: the LLM API options (every
/// config key: `max_seq_len`, `kv_cache_config`, `tensor_parallel_size`, ...) as the YAML
/// options file the engine reads, and on the command line only what is a flag of the program
/// alone (`--backend`, `--log_level`, `--reasoning_parser`, ...).
///
/// This is how srt-slurm's `srtctl` starts TensorRT-LLM (`backends/trtllm.py`): the role's
/// config is written to a YAML file given to `trtllm-serve` with `--config` (or
/// `--extra_llm_api_options`, see ``fileFlag(version:dynamo:)``) and to Dynamo's worker
/// (`python3 -m dynamo.trtllm`) with `--extra-engine-args`. The file's values win over the
/// program's own flag defaults in both.
///
/// Named fields use the LLM API's names (`tensor_parallel_size`, `pipeline_parallel_size`,
/// `moe_expert_parallel_size`, `max_seq_len`, `max_batch_size`;
/// `gpu_memory_utilization` → `kv_cache_config.free_gpu_memory_fraction`); args keep their
/// keys (dashes as underscores) and their structured values as YAML. An arg given after a
/// named field with the same key wins.
public struct TRTLLMOptions: Sendable {
  /// The command-line words for flags of the program alone, in recipe order.
  public var flags: [String]
  /// The options file as a YAML mapping, in recipe order.
  public var options: [YAMLPair]

  /// Flags of `trtllm-serve` that are not LLM API options (trtllm-serve `serve --help`, 1.0
  /// to 1.3); everything else a recipe sets is an option of the file.
  public static let serveOnlyFlags: Set<String> = [
    "host", "port", "backend", "log_level", "reasoning_parser", "tool_parser",
    "num_postprocess_workers", "server_role", "metadata_server_config_file", "chat_template",
    "disagg_cluster_uri", "otlp_traces_endpoint", "custom_module_dirs", "media_io_kwargs",
    "fail_fast_on_attention_window_too_large", "cluster_size", "extra_llm_api_options", "config",
  ]

  /// Flags of Dynamo's TensorRT-LLM worker (`python3 -m dynamo.trtllm --help`, Dynamo 0.4 to
  /// 1.1) that are not LLM API options.
  public static let dynamoWorkerFlags: Set<String> = [
    "endpoint", "disaggregation_mode", "disaggregation_strategy", "publish_events_and_metrics",
    "request_plane", "migration_limit", "next_endpoint", "modality", "extra_engine_args",
    "store_kv", "use_nixl_connect", "dyn_reasoning_parser", "dyn_tool_call_parser",
    "custom_jinja_template", "connector",
  ]

  /// The LLM API key of each named field's `trtllm-serve` flag.
  static let namedFieldKeys: [String: [String]] = [
    "--tp_size": ["tensor_parallel_size"],
    "--pp_size": ["pipeline_parallel_size"],
    "--ep_size": ["moe_expert_parallel_size"],
    "--max_seq_len": ["max_seq_len"],
    "--max_batch_size": ["max_batch_size"],
    "--kv_cache_free_gpu_memory_fraction": ["kv_cache_config", "free_gpu_memory_fraction"],
  ]

  /// The options file key a recipe flag becomes (`--tp_size` → `tensor_parallel_size`,
  /// `--kv_cache_free_gpu_memory_fraction` → `kv_cache_config.free_gpu_memory_fraction`,
  /// `--max-num-tokens` → `max_num_tokens`).
  public static func optionKey(flag: String) -> String {
    if let path = namedFieldKeys[flag] { return path.joined(separator: ".") }
    var name = Substring(flag)
    while name.first == "-" { name = name.dropFirst() }
    return String(name.map { $0 == "-" ? "_" : $0 })
  }

  /// The flags and options file of `role` in `recipe`, for `trtllm-serve` or (`dynamo`)
  /// Dynamo's worker.
  public static func build(_ recipe: RecipeV2, role: RecipeV2.Role, dynamo: Bool)
    -> TRTLLMOptions
  {
    let resolved = recipe.resolved(role: role)
    var out = TRTLLMOptions(flags: [], options: [])
    for field in NamedField.allCases {
      guard let value = resolved.serving.text(field) else { continue }
      let mapping = NamedFieldFlags.flags(for: field, engine: .trtllm)
      guard let canonical = mapping.canonical, mapping.form == .value,
        let path = namedFieldKeys[canonical]
      else { continue }
      out.set(path, scalar(value))
    }
    let cliOnly = dynamo ? dynamoWorkerFlags : serveOnlyFlags
    for arg in resolved.args {
      var name = Substring(arg.flag)
      while name.first == "-" { name = name.dropFirst() }
      let key = String(name.map { $0 == "-" ? "_" : $0 })
      // Dynamo's worker flags are kebab-case (`--tensor-parallel-size`); LLM API keys never are.
      if cliOnly.contains(key) || (dynamo && name.contains("-")) {
        out.flags += EngineInvocation.argv(arg)
      } else if let node = node(arg.value) {
        out.set([key], node)
      }
    }
    return out
  }

  /// The options file the recipe's own args already give (`--extra-engine-args PATH`,
  /// `--extra_llm_api_options PATH`, `--config PATH`), if any: then the recipe's config keys
  /// stay flags, since the program reads one file.
  public static func recipeFile(_ recipe: RecipeV2, role: RecipeV2.Role) -> String? {
    for arg in recipe.resolved(role: role).args {
      var name = Substring(arg.flag)
      while name.first == "-" { name = name.dropFirst() }
      let key = String(name.map { $0 == "-" ? "_" : $0 })
      if ["extra_engine_args", "extra_llm_api_options", "config"].contains(key),
        case .string(let path) = arg.value
      {
        return path
      }
    }
    return nil
  }

  /// The flag that gives the program the options file: `--extra-engine-args` for Dynamo's
  /// worker; for `trtllm-serve`, `--config` from 1.2 on (srtctl uses it with 1.3), else the
  /// older `--extra_llm_api_options` (which 1.2 and later still read).
  public static func fileFlag(version: EngineVersion?, dynamo: Bool) -> String {
    if dynamo { return "--extra-engine-args" }
    guard let version, let config = EngineVersion("1.2.0rc0") else {
      return "--extra_llm_api_options"
    }
    return version >= config ? "--config" : "--extra_llm_api_options"
  }

  /// Sets the value at `path` (one key, or a key inside a mapping key), replacing an earlier
  /// value in its place.
  mutating func set(_ path: [String], _ value: YAMLNode) {
    guard let key = path.first else { return }
    let i = options.firstIndex { $0.key.scalar == key }
    if path.count == 1 {
      if let i { options[i].value = value } else { options.append(YAMLPair(key, value)) }
      return
    }
    var inner = TRTLLMOptions(flags: [], options: i.flatMap { options[$0].value.mapping } ?? [])
    inner.set(Array(path.dropFirst()), value)
    let node = YAMLNode.mapping(inner.options)
    if let i { options[i].value = node } else { options.append(YAMLPair(key, node)) }
  }

  /// A named field's text as a YAML scalar: an integer, a number, or a string.
  static func scalar(_ text: String) -> YAMLNode {
    if let i = Int(text) { return .int(i) }
    if let d = Double(text), d.isFinite { return .float(d) }
    return .string(text)
  }

  /// An arg's value as YAML; nil for a null (unset) arg.
  static func node(_ value: RecipeV2.ArgValue) -> YAMLNode? {
    switch value {
    case .null: return nil
    case .string(let s): return .string(s)
    case .int(let i): return .int(i)
    case .float(let d): return .float(d)
    case .bool(let b): return .bool(b)
    case .structured(let n): return n
    case .list(let items): return .sequence(items.compactMap(node))
    }
  }
}
