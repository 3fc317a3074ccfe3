import Schema

/// One recipe format for `registry formats`: id, description, a tiny example, and whether a
/// converter reads and writes it.
public struct FormatInfo: Sendable, Codable, Hashable {
  /// The format id (`v2`, `sglang-v1`, ...).
  public var id: String
  /// One line on what the format is.
  public var description: String
  /// A tiny recipe in the format.
  public var example: String
  /// Whether a converter reads and writes the format.
  public var hasConverter: Bool

  /// Every format the registry recognises (not `unknown`), in `RecipeFormat` order.
  public static var all: [FormatInfo] {
    RecipeFormat.allCases.filter { $0 != .unknown }.map { f in
      FormatInfo(
        id: f.rawValue, description: description(f), example: example(f),
        hasConverter: Converters.all.contains { $0.format == f })
    }
  }

  static func description(_ f: RecipeFormat) -> String {
    switch f {
    case .v2: return "schema v2, the registry's own engine-neutral recipe (spec/v2)"
    case .sglangV1:
      return "SGLang recipe v1: seed 000 proposal and the srt-slurm (srtctl) layout (spec/v1)"
    case .vllmArgs: return "model + container + an args map of vLLM flags (seed 004)"
    case .engineConfig: return "a flat map of engine flags, as `vllm serve --config` reads it"
    case .spark:
      return "spark-vllm-docker: container + a shell command template with {param} defaults"
    case .sparkrun: return "sparkrun recipe_version 2: runtime, min/max nodes, command template"
    case .namedField: return "deplodock / seed 001: engine.llm named fields, extra_args, variants"
    case .dynamo: return "a Kubernetes DynamoGraphDeployment (deploy.yaml)"
    case .vllmRecipes:
      return "vllm-project/recipes model file: variants × strategies × hardware overrides"
    case .unknown: return "unknown"
    }
  }

  static func example(_ f: RecipeFormat) -> String {
    switch f {
    case .v2:
      return
        "schema: v2\nname: demo\nmodel: {path: Qwen/Qwen3-8B}\nengine: {name: sglang}\ntopology: {aggregated: {nodes: 1, workers: 1}}\n"
    case .sglangV1:
      return
        "name: demo\nmodel: {path: Qwen/Qwen3-8B, container: \"lmsysorg/sglang:v0.5.8\"}\nresources: {gpu_type: h100, agg_nodes: 1, agg_workers: 1}\nbackend:\n  sglang_config:\n    aggregated: {tp-size: 8}\n"
    case .vllmArgs:
      return
        "model: openai/gpt-oss-120b\ncontainer: vllm/vllm-openai:v0.10.2\nargs: {tensor-parallel-size: 2}\n"
    case .engineConfig:
      return
        "model: meta-llama/Llama-3.3-70B-Instruct\ntensor-parallel-size: 4\nmax-model-len: 8192\n"
    case .spark:
      return
        "recipe_version: \"1\"\ncontainer: vllm-node\ncommand: vllm serve {model} -tp {tp}\ndefaults: {tp: 2}\n"
    case .sparkrun:
      return "recipe_version: \"2\"\nruntime: vllm\nmodel: Qwen/Qwen3-8B\nmin_nodes: 1\n"
    case .namedField:
      return
        "engine:\n  llm:\n    tensor_parallel_size: 8\n    vllm: {extra_args: \"--kv-cache-dtype fp8\"}\n"
    case .dynamo:
      return
        "apiVersion: nvidia.com/v1alpha1\nkind: DynamoGraphDeployment\nmetadata: {name: demo}\n"
    case .vllmRecipes:
      return
        "meta: {title: Demo}\nmodel: {model_id: Qwen/Qwen3-8B, min_vllm_version: \"0.10.0\", base_args: []}\nvariants: {default: {precision: bf16}}\ncompatible_strategies: [single_node_tp]\n"
    case .unknown: return ""
    }
  }
}
