import Foundation
import Schema
import TestSupport
import Testing

/// Every v1 recipe of the real-world corpus decodes without errors and round-trips.
@Suite struct V1CorpusTests {
  /// MANIFEST `sglang-v1` rows plus the srt-slurm recipes with other backends (vllm, trtllm,
  /// mocker: MANIFEST calls them `other`, but they are the same srtctl format).
  static let entries: [Corpus.Entry] = Corpus.yamlEntries().filter { e in
    e.kind == "sglang-v1"
      || (e.source.hasPrefix("NVIDIA/srt-slurm") && e.path.hasPrefix("recipes/"))
  }

  static var present: [Corpus.Entry] { entries.filter { !$0.notes.contains("MALFORMED") } }
  static var malformed: [Corpus.Entry] { entries.filter { $0.notes.contains("MALFORMED") } }

  @Test(.requiresCorpus)
  func corpusIsThere() {
    #expect(Self.present.count >= 70)
  }

  @Test(.requiresCorpus, arguments: present.map(\.file))
  func decodesWithoutErrors(_ file: String) throws {
    let bytes = try Corpus.bytes(file)
    let (recipe, diags) = RecipeV1.decode(bytes: bytes, file: file)
    let errors = diags.filter { $0.severity == .error }
    #expect(errors.isEmpty, "\(errors.map(\.description).joined(separator: "\n"))")
    let r = try #require(recipe)
    #expect(r.name != nil)
    #expect(r.gpuType != nil)
    #expect(r.topology != nil)
    let encoded = r.encode()
    let doc = try YAML.parse(bytes)
    #expect(encoded == doc.root, "decode → encode changed \(file)")
    let reparsed = try YAML.parse(YAMLEmitter.emit(encoded))
    #expect(reparsed.root == doc.root)
  }

  @Test(.requiresCorpus, arguments: malformed.map(\.file))
  func malformedGivesLocatedSyntaxError(_ file: String) throws {
    let bytes = try Corpus.bytes(file)
    let (recipe, diags) = RecipeV1.decode(bytes: bytes, file: file)
    #expect(recipe == nil)
    #expect(diags.first?.code == "yaml-syntax")
    #expect((diags.first?.location?.line ?? 0) > 0)
  }

  @Test func seedExampleAccessors() throws {
    let (r, diags) = RecipeV1.decode(
      bytes: try Fixtures.bytes(PackageRoot.path("spec/v1/examples/seed-000.yaml")), file: "seed")
    #expect(!diags.hasErrors)
    let recipe = try #require(r)
    #expect(recipe.layout == .seed)
    #expect(recipe.engineVersion == "v0.5.5.post2")
    #expect(recipe.engineName == "sglang")
    #expect(recipe.topology == .disaggregated)
    #expect(recipe.backend.configs[.prefill]?["trust-remote-code"] == .bool(true))
  }

  @Test func containerTagGivesEngineVersion() throws {
    let src = """
      name: x
      model: {path: m, container: "lmsysorg/sglang:v0.5.8-cu130", precision: fp8}
      resources: {gpu_type: gb200, gpus_per_node: 4, prefill_nodes: 1, decode_nodes: 2, prefill_workers: 1, decode_workers: 1}
      backend: {type: vllm}
      """
    let (r, diags) = RecipeV1.decode(try YAML.parse(src), file: "t")
    #expect(diags.isEmpty, "\(diags)")
    let recipe = try #require(r)
    #expect(recipe.engineVersion == "v0.5.8-cu130")
    #expect(recipe.engineName == "vllm")
    #expect(recipe.totalGPUs == 12)
    #expect(recipe.totalNodes == 3)
    #expect(recipe.layout == .srtSlurm)
  }
}
