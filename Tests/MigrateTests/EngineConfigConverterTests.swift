import Foundation
import Migrate
import Schema
import TestSupport
import Testing

/// engine-config (vllm-project/recipes flat `--config` files): negative booleans, JSON in
/// strings, the missing model, engine detection by catalog, and losses on export.
@Suite struct EngineConfigConverterTests {
  /// Corpus flat-config rows (MANIFEST calls them vllm-args).
  static let corpusFiles: [String] = Corpus.yamlEntries().filter {
    $0.kind == "vllm-args" && $0.source == "vllm-project/recipes"
  }.map(\.file)

  @Test(.requiresCorpus)
  func corpusIsThere() {
    #expect(Self.corpusFiles.count == 4)
  }

  @Test(
    "every engine-config corpus file converts to v2 and back", .requiresCorpus,
    arguments: corpusFiles)
  func corpusRoundTrip(_ file: String) throws {
    let text = try Fixtures.text(file)
    #expect(ForeignRoundTrip.format(of: file) == .engineConfig)
    let (problems, recipe, _) = ForeignRoundTrip.check(text, file: file, format: .engineConfig)
    #expect(problems.isEmpty, "\(file):\n\(problems.joined(separator: "\n"))")
    #expect(recipe?.engine.name == .vllm)
  }

  static let registryFiles = SparkConverterTests.registryRecipes(formats: [.engineConfig])

  @Test func registryHasConfigs() { #expect(Self.registryFiles.count == 3) }

  @Test("registry engine-config recipes import and round-trip", arguments: registryFiles)
  func registryRoundTrip(_ file: String) throws {
    let text = try Fixtures.text(file)
    let (problems, _, _) = ForeignRoundTrip.check(text, file: file, format: .engineConfig)
    #expect(problems.isEmpty, "\(file):\n\(problems.joined(separator: "\n"))")
  }

  static let blackwell = """
    kv-cache-dtype: fp8
    compilation-config: '{"pass_config":{"fuse_allreduce_rms":true,"eliminate_noops":true}}'
    async-scheduling: true
    no-enable-prefix-caching: true
    max-num-batched-tokens: 8192
    max-num-seqs: 64
    """

  @Test func negativeBooleanAndJSONString() throws {
    let conv = ForeignRoundTrip.converter(.engineConfig).toV2(
      try ForeignRoundTrip.documents(Self.blackwell), file: "Llama4_Blackwell.yaml")
    let r = try #require(conv.value, "\(conv.diagnostics)")
    #expect(r.args.contains(RecipeV2.EngineArg("enable-prefix-caching", .bool(false))))
    #expect(!r.args.contains { $0.flag.hasPrefix("no-") })
    let cc = try #require(r.args.first { $0.flag == "compilation-config" })
    guard case .structured(let node) = cc.value else {
      Issue.record("compilation-config is not structured: \(cc.value)")
      return
    }
    #expect(node["pass_config"]?["fuse_allreduce_rms"]?.scalar == "true")
    #expect(r.serving.maxConcurrentRequests == 64)
    // Back: the negation and the JSON string as written.
    let out = try #require(ForeignRoundTrip.converter(.engineConfig).fromV2(r).value)[0].root
    #expect(
      out.keys == [
        "kv-cache-dtype", "compilation-config", "async-scheduling", "no-enable-prefix-caching",
        "max-num-batched-tokens", "max-num-seqs",
      ])
    #expect(out["no-enable-prefix-caching"]?.scalar == "true")
    #expect(
      out["compilation-config"]?.scalar
        == #"{"pass_config":{"fuse_allreduce_rms":true,"eliminate_noops":true}}"#)
    #expect(
      out["compilation-config"]?.resolved
        == .string(#"{"pass_config":{"fuse_allreduce_rms":true,"eliminate_noops":true}}"#))
  }

  @Test func missingModelIsAWarningWithAPlaceholder() throws {
    let conv = ForeignRoundTrip.converter(.engineConfig).toV2(
      try ForeignRoundTrip.documents(Self.blackwell), file: "x.yaml")
    let w = try #require(conv.diagnostics.first { $0.code == "missing-model" })
    #expect(w.severity == .warning)
    #expect(w.location?.line == 1)
    #expect(conv.value?.model.path == EngineConfigConverter.modelPlaceholder)
    let withModel = ForeignRoundTrip.converter(.engineConfig).toV2(
      try ForeignRoundTrip.documents(
        "model: meta-llama/Llama-3.3-70B-Instruct\nkv-cache-dtype: fp8\n"), file: "y.yaml")
    #expect(withModel.value?.model.path == "meta-llama/Llama-3.3-70B-Instruct")
    #expect(!withModel.diagnostics.contains { $0.code == "missing-model" })
    let back = ForeignRoundTrip.converter(.engineConfig).fromV2(try #require(withModel.value))
    #expect(back.losses.isEmpty)
    #expect(back.value?[0].root["model"]?.scalar == "meta-llama/Llama-3.3-70B-Instruct")
  }

  @Test func sglangOnlyFlagsPickSGLang() throws {
    let conv = ForeignRoundTrip.converter(.engineConfig).toV2(
      try ForeignRoundTrip.documents(
        "mem-fraction-static: 0.8\nchunked-prefill-size: 8192\ntp-size: 4\n"), file: "s.yaml")
    let r = try #require(conv.value, "\(conv.diagnostics)")
    #expect(r.engine.name == .sglang)
    #expect(r.serving.gpuMemoryUtilization == 0.8)
    #expect(r.serving.tensorParallelSize == 4)
  }

  @Test func unknownFlagIsLocatedWarning() throws {
    let conv = ForeignRoundTrip.converter(.engineConfig).toV2(
      try ForeignRoundTrip.documents("kv-cache-dtype: fp8\nmax-num-batched-tokns: 8192\n"),
      file: "u.yaml")
    let w = try #require(conv.diagnostics.first { $0.code == "unknown-flag" })
    #expect(w.location?.line == 2)
    #expect(w.location?.column == 1)
    #expect(w.hint?.contains("max-num-batched-tokens") == true)
    #expect(conv.value?.args.contains { $0.flag == "max-num-batched-tokns" } == true)
  }

  @Test func exportReportsEverythingElse() throws {
    let text = try Fixtures.text(
      PackageRoot.path("registry/recipes/qwen/qwen3.6-27b/vllm/qwen3-6-27b-fp8-sparkrun-vllm.yaml"))
    let r = try #require(
      ForeignRoundTrip.converter(.sparkrun).toV2(
        try ForeignRoundTrip.documents(text), file: "q.yaml"
      ).value)
    let conv = ForeignRoundTrip.converter(.engineConfig).fromV2(r)
    let paths = Set(conv.losses.map(\.path.description))
    for p in [
      "model.path", "engine.image", "resources.gpu_type", "launcher.command", "launcher.parameters",
      "launcher.mods", "launcher.sparkrun",
    ] {
      #expect(paths.contains(p), "missing loss \(p): \(paths)")
    }
    #expect(paths.contains { $0.hasPrefix("env.") })
    // The flags themselves are expressed.
    let root = try #require(conv.value)[0].root
    #expect(root["max-model-len"] != nil)
    #expect(root["trust-remote-code"]?.scalar == "true")
  }
}
