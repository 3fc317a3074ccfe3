/// The serving engines the registry knows about.
///
/// `rawValue` is the spelling used in recipes (`engine.name`) and in the catalog
/// folder names under `spec/engines/`.
public enum EngineName: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// SGLang (`python -m sglang.launch_server`).
  case sglang
  /// vLLM (`vllm serve`).
  case vllm
  /// TensorRT-LLM (`trtllm-serve`). No flag catalog is shipped for it.
  case trtllm
  /// llama.cpp's server (`llama-server`), spelled `llama-cpp` as sparkrun's `runtime` does.
  case llamaCpp = "llama-cpp"

  /// Parses an engine name, accepting common spellings (`SGLang`, `vLLM`,
  /// `tensorrt-llm`, `trt-llm`, `trtllm-serve`, `llama.cpp`, `llama-server`).
  public init?(name: String) {
    switch name.lowercased() {
    case "sglang": self = .sglang
    case "vllm": self = .vllm
    case "trtllm", "trt-llm", "tensorrt-llm", "tensorrt_llm", "tensorrtllm", "trtllm-serve":
      self = .trtllm
    case "llama-cpp", "llama.cpp", "llamacpp", "llama_cpp", "llama-server": self = .llamaCpp
    default: return nil
    }
  }

  /// The engine's spelling (`sglang`).
  public var description: String { rawValue }

  /// Hashes the case, not its raw string (engines key dictionaries in hot loops).
  public func hash(into hasher: inout Hasher) {
    switch self {
    case .sglang: hasher.combine(0)
    case .vllm: hasher.combine(1)
    case .trtllm: hasher.combine(2)
    case .llamaCpp: hasher.combine(3)
    }
  }
}
