import Foundation
import Migrate
import Schema
import TestSupport
import Testing

/// What importers record (issue 16): vllm-args takes the recipe's GPU type, spark takes its
/// `name:`, and `provenance.source_path` is never a path of the importing machine.
@Suite struct ImporterFactsTests {
  static let h100 = """
    model: meta-llama/Llama-3.3-70B-Instruct
    container: vllm/vllm-openai:v0.10.2
    gpu_type: h100
    args:
      tensor-parallel-size: 8
      max-model-len: 8192

    """

  @Test func vllmArgsTakesTheGPUType() throws {
    let converter = ForeignRoundTrip.converter(.vllmArgs)
    let conv = converter.toV2(try ForeignRoundTrip.documents(Self.h100), file: "llama.yaml")
    #expect(!conv.diagnostics.hasErrors, "\(conv.diagnostics)")
    let r = try #require(conv.value)
    #expect(r.resources == RecipeV2.Resources(gpuType: "h100", gpusPerNode: 8))
    #expect(
      r.topology.roles[.aggregated]?.nodes == 1 && r.topology.roles[.aggregated]?.gpusPerWorker == 8
    )
    #expect(r.totalGPUs == 8)
    let back = converter.fromV2(r)
    #expect(back.losses.isEmpty, "\(back.losses)")
    let text = YAMLEmitter.emitStream(try #require(back.value))
    #expect(text.contains("gpu_type: h100"), "\(text)")
    // Without gpu_type: DGX Spark, as before.
    let spark = converter.toV2(
      try ForeignRoundTrip.documents(
        Self.h100.replacingOccurrences(of: "gpu_type: h100\n", with: "")), file: "llama.yaml")
    #expect(spark.value?.resources == RecipeV2.Resources(gpuType: "gb10", gpusPerNode: 1))
    #expect(spark.value?.topology.roles[.aggregated]?.nodes == 8)
  }

  @Test func sparkTakesItsDeclaredName() throws {
    let text = """
      recipe_version: "1"
      name: OpenAI GPT-OSS 120B (solo)
      model: openai/gpt-oss-120b
      container: vllm-node
      command: |
        vllm serve openai/gpt-oss-120b --port 8000 --tensor-parallel-size 1

      """
    let conv = ForeignRoundTrip.converter(.spark).toV2(
      try ForeignRoundTrip.documents(text), file: "recipes/gpt-oss.yaml")
    #expect(conv.value?.name == "openai-gpt-oss-120b-solo", "\(conv.diagnostics)")
    let unnamed = ForeignRoundTrip.converter(.spark).toV2(
      try ForeignRoundTrip.documents(
        text.replacingOccurrences(of: "name: OpenAI GPT-OSS 120B (solo)\n", with: "")),
      file: "recipes/gpt-oss.yaml")
    #expect(unnamed.value?.name == "gpt-oss")
  }

  @Test func sourcePathIsRelativeToTheRepository() throws {
    let inRepo = PackageRoot.path(
      "registry/recipes/deepseek-ai/deepseek-r1/sglang/deepseek-r1-fp8-gb200-disagg.yaml")
    #expect(
      SourcePath.recorded(inRepo)
        == "registry/recipes/deepseek-ai/deepseek-r1/sglang/deepseek-r1-fp8-gb200-disagg.yaml")
    #expect(SourcePath.recorded("recipes/x.yaml") == "recipes/x.yaml")
    let outside = FileManager.default.temporaryDirectory.appendingPathComponent(
      "registry-src-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: outside) }
    #expect(SourcePath.recorded(outside.path + "/a.yaml") == "a.yaml")
    // Through an importer: an absolute path is not recorded.
    let conv = ForeignRoundTrip.converter(.vllmArgs).toV2(
      try ForeignRoundTrip.documents(Self.h100), file: outside.path + "/llama.yaml")
    #expect(conv.value?.provenance?.sourcePath == "llama.yaml")
  }
}
