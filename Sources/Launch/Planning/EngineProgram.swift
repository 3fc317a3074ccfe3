internal import Schema

/// What a launch adds around each engine's start command (`EngineServerCommand`, the program,
/// model and served model name): the flags that tell a worker its disaggregation role or its
/// place in a multi-node launch, the readiness path and the default image.
///
/// The recipe's own flags never come from here: they come from `EngineInvocation`, the one
/// mapping of named fields and args to engine flags.
enum EngineProgram {
  /// Flags that tell a disaggregated worker its role, unless the recipe's flags already do.
  static func disaggregationFlags(
    engine: EngineName, dynamo: Bool, role: RecipeV2.Role, existing: [String]
  ) -> [String] {
    guard role != .aggregated else { return [] }
    switch (engine, dynamo) {
    case (.vllm, true):
      guard role == .prefill, !existing.contains("--is-prefill-worker") else { return [] }
      return ["--is-prefill-worker"]
    case (.vllm, false):
      return []  // plain vLLM disaggregation is configured by the recipe's --kv-transfer-config
    case (.llamaCpp, _):
      return []  // llama-server has no prefill/decode roles
    default:
      if existing.contains(where: {
        $0 == "--disaggregation-mode" || $0.hasPrefix("--disaggregation-mode=")
      }) {
        return []
      }
      return ["--disaggregation-mode", role.rawValue]
    }
  }

  /// The flags a multi-node worker needs, when the engine takes them on the command line
  /// (SGLang and Dynamo's SGLang worker: `--dist-init-addr HEAD:PORT --nnodes N --node-rank R`).
  static func distributed(engine: EngineName, initPort: Int) -> DistributedLaunch? {
    engine == .sglang ? DistributedLaunch(initPort: initPort) : nil
  }

  /// The readiness path: `/health` for SGLang, vLLM and llama.cpp servers, `/v1/models` for
  /// `trtllm-serve` and Dynamo frontends.
  static func readinessPath(engine: EngineName) -> String {
    engine == .trtllm ? "/v1/models" : "/health"
  }

  /// The image used when neither the recipe nor `--image` names one. A vLLM recipe with the
  /// vLLM-Omni plugin gets vLLM-Omni's image (`vllm/vllm-omni`, the Docker Hub repository its
  /// README names), tagged like vLLM's with the plugin release.
  static func defaultImage(
    engine: EngineName, version: String?, dynamo: Bool, plugins: [RecipeV2.Plugin] = []
  ) -> String {
    let tag = version.map { $0.hasPrefix("v") ? $0 : "v" + $0 }
    if engine == .vllm, !dynamo, let omni = plugins.first(where: { $0.name == .vllmOmni }) {
      return "vllm/vllm-omni:" + (omni.version.map { $0.hasPrefix("v") ? $0 : "v" + $0 } ?? "latest")
    }
    switch engine {
    case .sglang:
      return dynamo
        ? "nvcr.io/nvidia/ai-dynamo/sglang-runtime:latest" : "lmsysorg/sglang:\(tag ?? "latest")"
    case .vllm:
      return dynamo
        ? "nvcr.io/nvidia/ai-dynamo/vllm-runtime:latest" : "vllm/vllm-openai:\(tag ?? "latest")"
    case .trtllm:
      return dynamo
        ? "nvcr.io/nvidia/ai-dynamo/tensorrtllm-runtime:latest"
        : "nvcr.io/nvidia/tensorrt-llm/release:\(version ?? "latest")"
    case .llamaCpp:
      // ggml-org publishes `server-cuda` and per-build `server-cuda-bNNNN` tags.
      return dynamo
        ? "nvcr.io/nvidia/ai-dynamo/vllm-runtime:latest"
        : "ghcr.io/ggml-org/llama.cpp:server-cuda\(version.map { "-" + $0 } ?? "")"
    }
  }
}
