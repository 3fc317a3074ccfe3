/// Generates realistic recipe texts for the tests and the Benchmarks package, deterministically
/// from a seed: the shapes of the real formats (seed-000 and srt-slurm v1 layouts, v2), with
/// comments, quoted env values, flag maps and lists.
public struct SyntheticRecipes: Sendable {
  public static let gpus = ["gb200", "gb300", "h100", "h200", "b200", "b300"]
  public static let models = [
    "deepseek-ai/DeepSeek-R1", "deepseek-ai/DeepSeek-V3.2", "Qwen/Qwen3-32B",
    "Qwen/Qwen3-235B-A22B-FP8",
    "openai/gpt-oss-120b", "meta-llama/Llama-3.3-70B-Instruct", "moonshotai/Kimi-K2-Instruct",
    "zai-org/GLM-4.7", "nvidia/DeepSeek-R1-0528-FP4-v2", "MiniMaxAI/MiniMax-M2",
  ]
  public static let sglangVersions = [
    "v0.4.6.post5", "v0.5.0rc2", "v0.5.1", "v0.5.3", "v0.5.5.post2", "v0.5.6", "v0.5.8", "v0.5.9",
  ]
  public static let precisions = ["fp4", "fp8", "bf16"]

  private var state: UInt64

  public init(seed: UInt64 = 42) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

  /// The next pseudo-random number (xorshift64*).
  public mutating func next() -> UInt64 {
    state ^= state >> 12
    state ^= state << 25
    state ^= state >> 27
    return state &* 2_685_821_657_736_338_717
  }

  public mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

  /// One v1 recipe (seed-000 or srt-slurm layout, aggregated or disaggregated) named `name`.
  public mutating func v1Recipe(name: String) -> String {
    let gpu = pick(Self.gpus)
    let model = pick(Self.models)
    let version = pick(Self.sglangVersions)
    let precision = pick(Self.precisions)
    let tp = pick([1, 2, 4, 8])
    let disagg = next() % 3 != 0
    let seedLayout = next() % 2 == 0
    var s = "# synthetic recipe \(name)\n"
    s += "name: \"\(name)\"\n"
    if seedLayout {
      s += "sglang_version: \"\(version)\"  # container tag\n"
      s += "model:\n  path: \"\(model)\"\n  precision: \"\(precision)\"\n"
    } else {
      s +=
        "model:\n  path: \"\(model)\"\n  container: \"lmsysorg/sglang:\(version)-cu130\"\n  precision: \"\(precision)\"\n"
    }
    s += "resources:\n  gpu_type: \"\(gpu)\"\n"
    if !seedLayout { s += "  gpus_per_node: 4\n" }
    if disagg {
      s += "  prefill_nodes: \(1 + next() % 2)\n  decode_nodes: \(1 + next() % 4)\n"
      s += "  prefill_workers: 1\n  decode_workers: \(1 + next() % 2)\n"
    } else if seedLayout {
      s += "  nodes: \(1 + next() % 2)\n  workers: 1\n"
    } else {
      s += "  agg_nodes: \(1 + next() % 2)\n  agg_workers: 1\n"
    }
    let roles = disagg ? ["prefill", "decode"] : ["aggregated"]
    let envKey = seedLayout ? "environment" : "backend"
    s += "\(envKey):\n"
    for role in roles {
      s += seedLayout ? "  \(role):\n" : "  \(role)_environment:\n"
      s += "    TORCH_DISTRIBUTED_DEFAULT_TIMEOUT: \"1800\"\n    PYTHONUNBUFFERED: \"1\"\n"
      s += "    SGLANG_ENABLE_FLASHINFER_GEMM: \"\(next() % 2)\"\n"
    }
    s += seedLayout ? "sglang_config:\n" : "  sglang_config:\n"
    let pad = seedLayout ? "  " : "    "
    for role in roles {
      s += "\(pad)\(role):\n"
      if disagg { s += "\(pad)  disaggregation-mode: \"\(role)\"\n" }
      s += "\(pad)  served-model-name: \"\(model)\"\n"
      s += "\(pad)  model-path: \"/model/\"\n"
      s += "\(pad)  trust-remote-code: true\n"
      s += "\(pad)  kv-cache-dtype: \"fp8_e4m3\"\n"
      s += "\(pad)  tensor-parallel-size: \(tp)\n"
      s += "\(pad)  mem-fraction-static: 0.8\(next() % 9)\n"
      s += "\(pad)  chunked-prefill-size: \(pick([4096, 8192, 16384]))\n"
      s += "\(pad)  cuda-graph-bs: [1, 2, 4, 8, 16, 32, 64]\n"
    }
    s += "benchmark:\n  type: \"sa-bench\"\n  isl: \(pick([1024, 8192]))\n  osl: 1024\n"
    s += "  concurrencies: \"4x8x16x32x64\"\n  req_rate: \"inf\"\n"
    return s
  }

  public static let vllmVersions = [
    "0.8.5.post1", "0.10.1.1", "0.10.2", "0.11.0", "0.17.0", "0.20.1",
  ]
  public static let statuses = ["experimental", "functional", "benchmarked", "deprecated"]

  /// One v2 recipe named `name` (vLLM or SGLang, aggregated or disaggregated, some deprecated).
  public mutating func v2Recipe(name: String) -> String {
    let gpu = pick(Self.gpus)
    let model = pick(Self.models)
    let sglang = next() % 2 == 0
    let version = sglang ? String(pick(Self.sglangVersions).dropFirst()) : pick(Self.vllmVersions)
    let image = sglang ? "lmsysorg/sglang:v\(version)-cu130" : "vllm/vllm-openai:v\(version)"
    let disagg = next() % 2 == 0
    let gpn = pick([4, 8])
    let tp = pick([1, 2, 4, 8].filter { $0 <= gpn })
    let status = pick(Self.statuses)
    var s = "# synthetic v2 recipe\nschema: v2\nname: \(name)\n"
    s +=
      "status: " + (status == "deprecated" ? "{state: deprecated, reason: superseded}" : status)
      + "\n"
    s += "model:\n  path: \(model)\n  precision: \(pick(Self.precisions))\n"
    s +=
      "engine:\n  name: \(sglang ? "sglang" : "vllm")\n  version: \"\(version)\"\n  image: \(image)\n"
    s += "resources:\n  gpu_type: \(gpu)\n  gpus_per_node: \(gpn)\n"
    if disagg {
      s +=
        "topology:\n  prefill: {nodes: \(1 + next() % 2), workers: 1}\n  decode: {nodes: \(1 + next() % 4), workers: 1}\n"
    } else {
      s += "topology:\n  aggregated: {nodes: \(1 + next() % 2), workers: 1}\n"
    }
    s +=
      "serving:\n  tensor_parallel_size: \(tp)\n  context_length: \(pick([8192, 32768, 131072]))\n"
    s += "args:\n  kv-cache-dtype: fp8_e4m3\n  trust-remote-code: true\n"
    s += "env:\n  PYTHONUNBUFFERED: \"1\"\n"
    s += "benchmark:\n  tool: sa-bench\n  isl: 1024\n  osl: 1024\n  concurrencies: [4, 8, 16]\n"
    return s
  }
}
