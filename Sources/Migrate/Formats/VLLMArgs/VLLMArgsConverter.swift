public import Schema

/// `vllm-args` (seed 004): `model`, `container`, an `args` map of vLLM flags (`true` = bare
/// flag), `env`, and `benchmark: {enabled, framework, args}`; DGX Spark (gb10, one GPU per
/// node) unless an optional `gpu_type` names other GPUs (`h100`: GPUs per node from
/// ``GPUsPerNode``, nodes = ⌈tensor × pipeline parallel / GPUs per node⌉).
///
/// Named-field flags go to `serving` (their spelling to `roundtrip.flag_spellings`),
/// `port`/`host` to `launcher` (the args order, port included, to `roundtrip.extra.args_order`
/// so that the exporter writes them back where they were), `served-model-name` to
/// `model.served_name`; `benchmark.framework` is the benchmark tool and `benchmark.args` its
/// args, `enabled` goes to `roundtrip.extra`.
public struct VLLMArgsConverter: FormatConverter {
  /// The vLLM args converter.
  public init() {}
  /// `.vllmArgs`.
  public var format: RecipeFormat { .vllmArgs }

  static let known = ["model", "container", "gpu_type", "args", "env", "benchmark"]

  /// The GPUs and nodes of a server of `gpus` GPUs on `gpuType` (nil: DGX Spark).
  static func placement(gpuType: String?, gpus: Int) -> (resources: RecipeV2.Resources, nodes: Int)
  {
    guard let gpuType, gpuType.lowercased() != "gb10" else {
      return (RecipeV2.Resources(gpuType: gpuType?.lowercased() ?? "gb10", gpusPerNode: 1), gpus)
    }
    let perNode = GPUsPerNode.standard.count(for: gpuType)
    let nodes = perNode.map { max(1, (gpus + $0 - 1) / $0) } ?? 1
    return (RecipeV2.Resources(gpuType: gpuType.lowercased(), gpusPerNode: perNode), nodes)
  }

  /// Pairs sorted by a remembered key order; keys it does not name keep their order, after.
  static func ordered(_ pairs: [YAMLPair], by order: [String]) -> [YAMLPair] {
    guard !order.isEmpty else { return pairs }
    let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    return pairs.enumerated().sorted { a, b in
      let ra = a.element.key.scalar.flatMap { rank[$0] } ?? Int.max
      let rb = b.element.key.scalar.flatMap { rank[$0] } ?? Int.max
      return ra != rb ? ra < rb : a.offset < b.offset
    }.map(\.element)
  }
}
