import Launch
import Schema
import Testing

/// Workers packed onto nodes and GPUs as srt-slurm's `allocate_endpoints` packs them.
@Suite struct WorkerPackingTests {
  /// A disaggregated v2 recipe with the given placement per role (GPUs per node 8).
  static func recipe(prefill: String, decode: String) throws -> RecipeV2 {
    let text = """
      schema: v2
      name: packing
      model: {path: Qwen/Qwen3-32B, precision: bf16}
      engine: {name: sglang, version: "0.5.6", image: "lmsysorg/sglang:v0.5.6"}
      resources: {gpu_type: h100, gpus_per_node: 8}
      topology:
        prefill: \(prefill)
        decode: \(decode)
      serving: {tensor_parallel_size: 2}

      """
    let (decoded, diagnostics) = RecipeV2.decode(try YAML.parse(text), file: "packing.yaml")
    #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
    return try #require(decoded)
  }

  static func places(_ plan: LaunchPlan) -> [String: String] {
    var out: [String: String] = [:]
    for p in plan.processes where p.gpus != nil {
      let ids = p.gpus?.ids.map { $0.map(String.init).joined(separator: ",") } ?? "all"
      out[p.name] = "node \(p.node)×\(p.nodeCount): \(ids)"
    }
    return out
  }

  static func plan(_ recipe: RecipeV2) throws -> LaunchPlan {
    try Planner().plan(
      recipe, reference: RecipeReference(name: recipe.name), options: PlanOptions(target: .slurm))
  }

  @Test("a role with nodes: 0 packs after the other role's GPUs on the shared node (srtctl)")
  func sharedNodeRole() throws {
    let plan = try Self.plan(
      try Self.recipe(prefill: "{nodes: 2, workers: 6}", decode: "{nodes: 0, workers: 2}"))
    #expect(
      Self.places(plan) == [
        "prefill-0": "node 0×1: 0,1", "prefill-1": "node 0×1: 2,3",
        "prefill-2": "node 0×1: 4,5", "prefill-3": "node 0×1: 6,7",
        "prefill-4": "node 1×1: 0,1", "prefill-5": "node 1×1: 2,3",
        "decode-0": "node 1×1: 4,5", "decode-1": "node 1×1: 6,7",
      ])
    #expect(plan.problems().isEmpty, "\(plan.problems())")
  }

  @Test("whole-node workers take their nodes; decode starts on a fresh node (srtctl's example)")
  func srtctlDocstringExample() throws {
    let plan = try Self.plan(
      try Self.recipe(prefill: "{nodes: 2, workers: 2}", decode: "{nodes: 2, workers: 4}"))
    #expect(
      Self.places(plan) == [
        "prefill-0": "node 0×1: all", "prefill-1": "node 1×1: all",
        "decode-0": "node 2×1: 0,1,2,3", "decode-1": "node 2×1: 4,5,6,7",
        "decode-2": "node 3×1: 0,1,2,3", "decode-3": "node 3×1: 4,5,6,7",
      ])
    #expect(plan.problems().isEmpty, "\(plan.problems())")
  }

  @Test("a partly used prefill node is left for decode only when no fresh node remains")
  func partialPrefillThenDecodeOnOwnNode() throws {
    let plan = try Self.plan(
      try Self.recipe(
        prefill: "{nodes: 1, workers: 1, gpus_per_worker: 4}", decode: "{nodes: 1, workers: 1}"))
    #expect(
      Self.places(plan) == ["prefill": "node 0×1: 0,1,2,3", "decode": "node 1×1: all"])
  }
}
