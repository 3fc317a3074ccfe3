import Migrate
import Schema
import TestSupport
import Testing

/// Named fields, comments, losses and `--verify` of the sglang-v1 converter.
@Suite struct SGLangV1ConverterTests {
  static let disagg = """
    # header comment
    name: demo
    model:
      path: deepseek-ai/DeepSeek-R1
      container: "lmsysorg/sglang:v0.5.8-cu130"
    resources:
      gpu_type: gb200
      gpus_per_node: 4
      prefill_nodes: 1
      decode_nodes: 2
      prefill_workers: 1
      decode_workers: 1
    backend:
      prefill_environment:
        NCCL_DEBUG: "INFO"
      decode_environment:
        NCCL_DEBUG: "INFO"
      sglang_config:
        prefill:
          tp-size: 4  # four GPUs
          pp-size: 2
          trust-remote-code: true
          disaggregation-mode: prefill
        decode:
          tp-size: 8
          pp-size: 2
          trust-remote-code: true
          disaggregation-mode: decode
    slurm:
      time_limit: "02:00:00"  # two hours
    """

  func toV2(_ text: String) throws -> ConvertOutcome {
    ConvertFrontend.convert(bytes: Array(text.utf8), file: "t.yaml", from: .sglangV1, to: .v2)
  }

  @Test func namedFlagsBecomeServingFields() throws {
    let out = try toV2(Self.disagg)
    let r = try #require(out.recipe)
    #expect(
      r.serving.pipelineParallelSize == 2, "pp-size is pipeline parallel (not --dp as in seed 001)")
    #expect(r.serving.dataParallelSize == nil)
    #expect(r.roles[.prefill]?.serving.tensorParallelSize == 4)
    #expect(r.roles[.decode]?.serving.tensorParallelSize == 8)
    #expect(r.args.map(\.flag) == ["trust-remote-code"])
    #expect(r.roles[.prefill]?.args.map(\.flag) == ["disaggregation-mode"])
    #expect(r.env == [RecipeV2.EnvVar("NCCL_DEBUG", "INFO")])
    #expect(r.engine.version == "0.5.8")
    #expect(r.launcher?.tools[.srtSlurm]?["slurm"]?["time_limit"]?.scalar == "02:00:00")
    #expect(
      r.provenance?.roundtrip?.flagSpellings.first { $0.field == .tensorParallelSize }?.flag
        == "tp-size")
  }

  @Test func commentsLandOnTheV2Keys() throws {
    let out = try toV2(Self.disagg)
    let doc = try YAML.parse(out.text)
    let tp = doc.root.value(at: "roles.prefill.serving.tensor_parallel_size")
    #expect(tp?.comments.trailing == " four GPUs", "\(out.text)")
    let tl = doc.root.value(at: "launcher.srt_slurm.slurm.time_limit")
    #expect(tl?.comments.trailing == " two hours")
    #expect(out.text.contains("# header comment"))
  }

  @Test func v2EngineTrtllmToSeedLayoutIsALoss() throws {
    let v2 = """
      schema: v2
      name: t
      model: {path: m}
      engine: {name: trtllm}
      topology: {aggregated: {nodes: 1, workers: 1}}
      serving: {tensor_parallel_size: 4}
      provenance:
        source_format: sglang-v1
        roundtrip: {layout: proposal}
      """
    let out = ConvertFrontend.convert(
      bytes: Array(v2.utf8), file: "t.yaml", from: .v2, to: .sglangV1)
    #expect(
      out.losses.contains { $0.path == "engine.name" && $0.value == "trtllm" }, "\(out.losses)")
  }

  @Test func aggregatedRecipeWithV2OnlyFieldsIsALoss() throws {
    let v2 = """
      schema: v2
      name: t
      description: only v2 has this
      status: functional
      model: {path: m, revision: abc123}
      engine: {name: sglang}
      topology: {aggregated: {nodes: 1, workers: 1}}
      launcher: {command: "python -m sglang.launch_server {args}"}
      """
    let out = ConvertFrontend.convert(
      bytes: Array(v2.utf8), file: "t.yaml", from: .v2, to: .sglangV1)
    let paths = Set(out.losses.map(\.path.description))
    #expect(
      paths == ["description", "status", "model.revision", "launcher.command"], "\(out.losses)")
    // Without the loss, the same recipe converts cleanly.
    let clean = ConvertFrontend.convert(
      bytes: Array(v2.utf8).filter { _ in true }, file: "t.yaml", from: .v2, to: .sglangV1)
    #expect(clean.succeeded)
    #expect(try YAML.parse(clean.text).root["resources"]?["agg_nodes"]?.scalar == "1")
  }

  @Test func verifyCatchesADroppedFlag() throws {
    let out = try toV2(Self.disagg)
    let recipe = try #require(out.recipe)
    // Break the v1 output on purpose: drop one flag of the decode role.
    let v1 = ConvertFrontend.convert(
      bytes: Array(out.text.utf8), file: "t.v2.yaml", from: .v2, to: .sglangV1)
    var root = try #require(v1.documents.first).root
    #expect(
      ConversionVerifier.verify(
        source: recipe, target: [YAMLDocument(root: root)], format: .sglangV1, file: "t"
      ).isEmpty)
    var cfg = try #require(root.value(at: "backend.sglang_config.decode"))
    cfg.remove("trust-remote-code")
    var sc = root.value(at: "backend.sglang_config")!
    sc.set("decode", cfg)
    var backend = root["backend"]!
    backend.set("sglang_config", sc)
    root.set("backend", backend)
    let doc = try YAML.parse(out.text)
    let diags = ConversionVerifier.verify(
      source: recipe, sourceDocument: doc.root, target: [YAMLDocument(root: root)],
      format: .sglangV1, file: "t.v2.yaml")
    #expect(diags.count == 1)
    #expect(diags.first?.code == "verify-mismatch")
    #expect(diags.first?.message.contains("--trust-remote-code") == true)
    #expect(diags.first?.location?.line != nil, "located in the v2 source")
  }

  @Test func unifiedDiff() {
    let d = LineDiff.unified("a\nb\nc\n", "a\nx\nc\n", oldName: "a/f", newName: "b/f")
    #expect(d == "--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+x\n c\n")
    #expect(LineDiff.unified("same\n", "same\n", oldName: "a", newName: "b").isEmpty)
  }

  @Test func commentTransplantFallsBackToAnAncestor() throws {
    let node = try YAML.parse("a:\n  b: 1\n").root
    let moved = CommentTransplant.apply(
      [
        CommentPlacement(
          path: "a.b", keyComments: YAMLComments(before: [" on b"]), valueComments: YAMLComments()),
        CommentPlacement(
          path: "a.gone", keyComments: YAMLComments(),
          valueComments: YAMLComments(trailing: " orphan")),
      ], to: node)
    #expect(moved.mapping?.first?.value.mapping?.first?.key.comments.before == [" on b"])
    #expect(moved.mapping?.first?.key.comments.before == [" orphan"])
  }
}
