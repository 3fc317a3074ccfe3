extension RecipeV2 {
  /// A first-class serving field, and how each engine spells it as a flag.
  public enum NamedField: String, Sendable, Hashable, CaseIterable {
    case tensorParallelSize = "tensor_parallel_size"
    case pipelineParallelSize = "pipeline_parallel_size"
    case dataParallelSize = "data_parallel_size"
    case expertParallelSize = "expert_parallel_size"
    case gpuMemoryUtilization = "gpu_memory_utilization"
    case contextLength = "context_length"
    case maxConcurrentRequests = "max_concurrent_requests"

    /// The YAML key.
    public var key: String { rawValue }

    /// The flag spellings (without leading dashes) that set this field on `engine`; an arg
    /// with one of them next to the named field is an error (the seed-001 ban).
    ///
    /// SGLang pipeline parallelism is `--pp-size`; `--dp` is data parallelism.
    public func spellings(for engine: Engine.Name) -> [String] {
      switch (engine, self) {
      case (.sglang, .tensorParallelSize): return ["tp", "tp-size", "tensor-parallel-size"]
      case (.sglang, .pipelineParallelSize): return ["pp-size", "pipeline-parallel-size"]
      case (.sglang, .dataParallelSize): return ["dp", "dp-size", "data-parallel-size"]
      case (.sglang, .expertParallelSize): return ["ep", "ep-size", "expert-parallel-size"]
      case (.sglang, .gpuMemoryUtilization): return ["mem-fraction-static"]
      case (.sglang, .contextLength): return ["context-length"]
      case (.sglang, .maxConcurrentRequests): return ["max-running-requests"]
      case (.vllm, .tensorParallelSize): return ["tensor-parallel-size", "tp"]
      case (.vllm, .pipelineParallelSize): return ["pipeline-parallel-size", "pp"]
      case (.vllm, .dataParallelSize): return ["data-parallel-size", "dp"]
      case (.vllm, .expertParallelSize): return []
      case (.vllm, .gpuMemoryUtilization): return ["gpu-memory-utilization"]
      case (.vllm, .contextLength): return ["max-model-len"]
      case (.vllm, .maxConcurrentRequests): return ["max-num-seqs"]
      case (.trtllm, .tensorParallelSize): return ["tp_size"]
      case (.trtllm, .pipelineParallelSize): return ["pp_size"]
      case (.trtllm, .dataParallelSize): return []
      case (.trtllm, .expertParallelSize): return ["ep_size"]
      case (.trtllm, .gpuMemoryUtilization): return ["kv_cache_free_gpu_memory_fraction"]
      case (.trtllm, .contextLength): return ["max_seq_len"]
      case (.trtllm, .maxConcurrentRequests): return ["max_batch_size"]
      }
    }

    /// The named field an arg spelling sets on `engine`, if any (dashes and `_`/`-` ignored).
    public static func field(forFlag flag: String, engine: Engine.Name) -> NamedField? {
      let f = normalizeFlag(flag)
      return allCases.first { $0.spellings(for: engine).contains { normalizeFlag($0) == f } }
    }

    /// Flags the launcher owns (host, port, model, served model name): never in `args`.
    public static let launcherOwnedFlags = ["host", "port", "model", "model-path", "served-model-name"]

    /// A flag without leading dashes, lower case, `_` as `-`.
    static func normalizeFlag(_ flag: String) -> String {
      var s = Substring(flag)
      while s.first == "-" { s = s.dropFirst() }
      return String(s.lowercased().map { $0 == "_" ? "-" : $0 })
    }
  }
}
