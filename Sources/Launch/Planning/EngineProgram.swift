public import Schema

/// How each engine is started: the program words, the launcher-owned flags (model, served
/// model name, host, port) and the flags that tell a worker its disaggregation role.
///
/// The recipe's own flags never come from here: they come from `EngineInvocation`, the one
/// mapping of named fields and args to engine flags.
public enum EngineProgram {
  /// The program and model words of an engine worker.
  ///
  /// - `sglang`: `python3 -m sglang.launch_server --model-path M`
  /// - `vllm`: `vllm serve M`
  /// - `trtllm`: `trtllm-serve M`
  /// - Dynamo workers: `python3 -m dynamo.<engine> --model-path M` (`--model M` for vLLM)
  ///
  /// `--served-model-name S` follows when the recipe names one (not for `trtllm-serve`, which
  /// serves under the model name).
  public static func command(engine: EngineName, dynamo: Bool, model: String, servedName: String?) -> [String] {
    var words: [String]
    switch (engine, dynamo) {
    case (.sglang, false): words = ["python3", "-m", "sglang.launch_server", "--model-path", model]
    case (.vllm, false): words = ["vllm", "serve", model]
    case (.trtllm, false): words = ["trtllm-serve", model]
    case (.vllm, true): words = ["python3", "-m", "dynamo.vllm", "--model", model]
    case (let e, true): words = ["python3", "-m", "dynamo.\(e.rawValue)", "--model-path", model]
    }
    if let servedName, dynamo || engine != .trtllm { words += ["--served-model-name", servedName] }
    return words
  }

  /// Flags that tell a disaggregated worker its role, unless the recipe's flags already do.
  public static func disaggregationFlags(
    engine: EngineName, dynamo: Bool, role: RecipeV2.Role, existing: [String]
  ) -> [String] {
    guard role != .aggregated else { return [] }
    switch (engine, dynamo) {
    case (.vllm, true):
      guard role == .prefill, !existing.contains("--is-prefill-worker") else { return [] }
      return ["--is-prefill-worker"]
    case (.vllm, false):
      return []  // plain vLLM disaggregation is configured by the recipe's --kv-transfer-config
    default:
      if existing.contains(where: { $0 == "--disaggregation-mode" || $0.hasPrefix("--disaggregation-mode=") }) { return [] }
      return ["--disaggregation-mode", role.rawValue]
    }
  }

  /// The flags a multi-node worker needs, when the engine takes them on the command line
  /// (SGLang and Dynamo's SGLang worker: `--dist-init-addr HEAD:PORT --nnodes N --node-rank R`).
  public static func distributed(engine: EngineName, initPort: Int) -> DistributedLaunch? {
    engine == .sglang ? DistributedLaunch(initPort: initPort) : nil
  }

  /// The readiness path: `/health` for SGLang and vLLM servers, `/v1/models` for
  /// `trtllm-serve` and Dynamo frontends.
  public static func readinessPath(engine: EngineName) -> String {
    engine == .trtllm ? "/v1/models" : "/health"
  }

  /// The image used when neither the recipe nor `--image` names one.
  public static func defaultImage(engine: EngineName, version: String?, dynamo: Bool) -> String {
    let tag = version.map { $0.hasPrefix("v") ? $0 : "v" + $0 }
    switch engine {
    case .sglang: return dynamo ? "nvcr.io/nvidia/ai-dynamo/sglang-runtime:latest" : "lmsysorg/sglang:\(tag ?? "latest")"
    case .vllm: return dynamo ? "nvcr.io/nvidia/ai-dynamo/vllm-runtime:latest" : "vllm/vllm-openai:\(tag ?? "latest")"
    case .trtllm:
      return dynamo ? "nvcr.io/nvidia/ai-dynamo/tensorrtllm-runtime:latest" : "nvcr.io/nvidia/tensorrt-llm/release:\(version ?? "latest")"
    }
  }
}
