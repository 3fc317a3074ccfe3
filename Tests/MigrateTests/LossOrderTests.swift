import Migrate
import Schema
import Testing

/// Losses come out in the recipe's own order (roles prefill, decode; launcher tools in
/// declaration order), never in a dictionary's iteration order, which changes between runs.
@Suite("loss order")
struct LossOrderTests {
  /// A disaggregated v2 recipe with per-role settings and every launcher tool: each exporter
  /// below loses the roles and the tools it does not keep.
  static let text = """
    schema: v2
    name: loss-order
    model: {path: org/m}
    engine: {name: sglang, version: "0.5.6"}
    topology:
      prefill: {nodes: 1, workers: 1, gpus_per_worker: 4}
      decode: {nodes: 1, workers: 1, gpus_per_worker: 4}
    roles:
      prefill: {env: {ONLY_PREFILL: null}}
      decode: {env: {ONLY_DECODE: null}}
    launcher:
      vllm_recipes: {a: 1}
      deplodock: {b: 2}
      dynamo: {c: 3}
      srt_slurm: {d: 4}
      sparkrun: {e: 5}
      spark: {f: 6}
    """

  static let toolOrder = RecipeV2.Launcher.Tool.allCases.map { "launcher.\($0.rawValue)" }

  /// The loss paths of `show --as <format>` that start with `prefix`, in the printed order.
  func lossPaths(_ format: RecipeFormat, prefix: String) throws -> [String] {
    let read = RecipeReader.read(Array(Self.text.utf8), file: "loss-order.yaml")
    #expect(!read.diagnostics.hasErrors, "\(read.diagnostics)")
    let converted = try read.converted(to: format)
    return converted.diagnostics.filter { $0.code == "loss" }
      .map { $0.path.description }.filter { $0.hasPrefix(prefix) }
  }

  @Test("named-field: role losses in role order, tool losses in tool order")
  func namedField() throws {
    #expect(try lossPaths(.namedField, prefix: "roles") == ["roles.prefill", "roles.decode"])
    #expect(
      try lossPaths(.namedField, prefix: "launcher.")
        == Self.toolOrder.filter { $0 != "launcher.deplodock" })
  }

  @Test("dynamo: tool losses in tool order")
  func dynamo() throws {
    #expect(
      try lossPaths(.dynamo, prefix: "launcher.")
        == Self.toolOrder.filter { $0 != "launcher.dynamo" })
  }

  @Test("sglang-v1: role env losses in role order, tool losses in tool order")
  func sglangV1() throws {
    #expect(
      try lossPaths(.sglangV1, prefix: "roles") == [
        "roles.prefill.env.ONLY_PREFILL", "roles.decode.env.ONLY_DECODE",
      ])
    #expect(
      try lossPaths(.sglangV1, prefix: "launcher.")
        == Self.toolOrder.filter { $0 != "launcher.srt_slurm" })
  }
}
