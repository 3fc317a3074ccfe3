import Engines
import Foundation
import Migrate
import Schema
import TestSupport
import Testing

/// spark and sparkrun: every corpus and registry file imports, round-trips with a verify, and
/// the exported command template gives the same words.
@Suite struct SparkConverterTests {
  /// Corpus spark-template rows (spark and sparkrun), with the format each is detected as.
  static let corpusFiles: [String] = Corpus.yamlEntries().filter { $0.kind == "spark-template" }
    .map(\.file)

  @Test(.requiresCorpus)
  func corpusIsThere() {
    #expect(Self.corpusFiles.count >= 70)
  }

  @Test(
    "every spark/sparkrun corpus file converts to v2 and back", .requiresCorpus,
    arguments: corpusFiles)
  func corpusRoundTrip(_ file: String) throws {
    let text = try Fixtures.text(file)
    let format = try #require(ForeignRoundTrip.format(of: file))
    #expect(format == .spark || format == .sparkrun, "\(file) detected as \(format)")
    let (problems, recipe, back) = ForeignRoundTrip.check(text, file: file, format: format)
    #expect(problems.isEmpty, "\(file):\n\(problems.joined(separator: "\n"))")
    let r = try #require(recipe)
    #expect(r.resources?.gpuType == "gb10")
    #expect(r.launcher?.command != nil)
    // The exported template gives the same words as the source after substitution.
    let src = try #require(try YAML.parse(text).root.mapping.map { YAMLNode(.mapping($0, .block)) })
    let out = try YAML.parse(try #require(back)).root
    let before = try ForeignRoundTrip.substitutedWords(
      command: try #require(src["command"]?.scalar), defaults: src["defaults"],
      model: src["model"]?.scalar)
    let after = try ForeignRoundTrip.substitutedWords(
      command: try #require(out["command"]?.scalar), defaults: out["defaults"],
      model: out["model"]?.scalar)
    #expect(before == after, "\(file): command words differ\n\(before)\n\(after)")
  }

  /// Registry recipes in spark or sparkrun format.
  static let registryFiles: [String] = registryRecipes(formats: [.spark, .sparkrun])

  static func registryRecipes(formats: Set<RecipeFormat>) -> [String] {
    let root = PackageRoot.path("registry/recipes")
    guard let e = FileManager.default.enumerator(atPath: root) else { return [] }
    return e.compactMap { $0 as? String }.filter { $0.hasSuffix(".yaml") }.map { root + "/" + $0 }
      .filter { ForeignRoundTrip.format(of: $0).map(formats.contains) ?? false }.sorted()
  }

  @Test func registryHasSparkRecipes() { #expect(Self.registryFiles.count >= 11) }

  @Test("registry spark/sparkrun recipes import and round-trip", arguments: registryFiles)
  func registryRoundTrip(_ file: String) throws {
    let text = try Fixtures.text(file)
    let format = try #require(ForeignRoundTrip.format(of: file))
    let (problems, _, _) = ForeignRoundTrip.check(text, file: file, format: format)
    #expect(problems.isEmpty, "\(file):\n\(problems.joined(separator: "\n"))")
  }

  static let minimax = """
    # Recipe: MiniMax
    recipe_version: "1"
    name: MiniMax-M2-AWQ
    description: vLLM serving MiniMax-M2-AWQ
    model: QuantTrio/MiniMax-M2-AWQ
    container: vllm-node
    cluster_only: true
    build_args:
      - --pre-tf
    mods:
      - mods/fix-minimax
    defaults:
      port: 8000
      host: 0.0.0.0
      tensor_parallel: 2
      gpu_memory_utilization: 0.70   # conservative
      max_model_len: 128000
    env:
      VLLM_MARLIN_USE_ATOMIC_ADD: 1
    command: |
      vllm serve QuantTrio/MiniMax-M2-AWQ \\
          --port {port} \\
          --host {host} \\
          --gpu-memory-utilization {gpu_memory_utilization} \\
          -tp {tensor_parallel} \\
          --distributed-executor-backend ray \\
          --max-model-len {max_model_len} \\
          --speculative-config '{{"method":"mtp"}}' \\
          --enable-auto-tool-choice
    """

  @Test func mapsTemplateToV2() throws {
    let conv = ForeignRoundTrip.converter(.spark).toV2(
      try ForeignRoundTrip.documents(Self.minimax), file: "minimax.yaml")
    #expect(!conv.diagnostics.hasErrors, "\(conv.diagnostics)")
    let r = try #require(conv.value)
    #expect(r.name == "minimax-m2-awq")  // its `name:` (issue 16), not the file name
    #expect(r.model.path == "QuantTrio/MiniMax-M2-AWQ")
    #expect(r.engine == RecipeV2.Engine(name: .vllm, version: nil, image: "vllm-node"))
    #expect(r.serving.tensorParallelSize == 2)
    #expect(r.serving.gpuMemoryUtilization == 0.7)
    #expect(r.serving.contextLength == 128000)
    #expect(r.launcher?.port == 8000)
    #expect(r.launcher?.host == "0.0.0.0")
    #expect(r.launcher?.clusterOnly == true)
    #expect(r.launcher?.mods == ["mods/fix-minimax"])
    #expect(r.launcher?.buildArgs == ["--pre-tf"])
    #expect(r.launcher?.tools[.spark]?["name"]?.scalar == "MiniMax-M2-AWQ")
    #expect(
      r.topology == .aggregated(RecipeV2.RolePlacement(nodes: 2, workers: 1, gpusPerWorker: 2)))
    #expect(
      r.args.map(\.flag) == [
        "distributed-executor-backend", "speculative-config", "enable-auto-tool-choice",
      ])
    #expect(r.args[1].value == .structured(try YAML.parse(#"{"method": "mtp"}"#).root))
    #expect(r.args[2].value == .bool(true))
    #expect(r.env == [RecipeV2.EnvVar("VLLM_MARLIN_USE_ATOMIC_ADD", "1")])
    #expect(
      r.provenance?.roundtrip?.flagSpellings.contains(.init(.tensorParallelSize, "-tp")) == true)
    // The trailing comment on a default goes to launcher.parameters.
    #expect(
      conv.comments.contains {
        $0.path == "launcher.parameters.gpu_memory_utilization" && $0.valueComments.trailing != nil
      })
    #expect(
      conv.comments.contains {
        $0.path == "launcher.spark.recipe_version" && !$0.keyComments.before.isEmpty
      })
  }

  @Test func parameterStaysOverridable() throws {
    let conv = ForeignRoundTrip.converter(.spark).toV2(
      try ForeignRoundTrip.documents(Self.minimax), file: "minimax.yaml")
    var r = try #require(conv.value)
    var params = try #require(r.launcher?.parameters)
    params.set("gpu_memory_utilization", .float(0.55))
    r.launcher?.parameters = params
    let out = try #require(ForeignRoundTrip.converter(.spark).fromV2(r).value)
    let root = out[0].root
    let command = try #require(root["command"]?.scalar)
    #expect(command.contains("--gpu-memory-utilization {gpu_memory_utilization}"))
    let words = try ForeignRoundTrip.substitutedWords(
      command: command, defaults: root["defaults"], model: nil)
    let i = try #require(words.firstIndex(of: "--gpu-memory-utilization"))
    #expect(words[i + 1] == "0.55")
    // And the other way: an edited v2 value rewrites the parameter, placeholder kept.
    var r2 = try #require(conv.value)
    r2.serving.tensorParallelSize = 4
    let out2 = try #require(ForeignRoundTrip.converter(.spark).fromV2(r2).value)[0].root
    #expect(out2["command"]?.scalar?.contains("-tp {tensor_parallel}") == true)
    #expect(out2["defaults"]?["tensor_parallel"]?.scalar == "4")
    // An edited literal flag is rewritten; a removed one dropped; a new one appended.
    var r3 = try #require(conv.value)
    r3.args[0].value = .string("mp")
    r3.args.remove(at: 2)
    r3.args.append(RecipeV2.EngineArg("enforce-eager", .bool(true)))
    let c3 = try #require(
      ForeignRoundTrip.converter(.spark).fromV2(r3).value?[0].root["command"]?.scalar)
    #expect(c3.contains("--distributed-executor-backend mp"))
    #expect(!c3.contains("--enable-auto-tool-choice"))
    #expect(c3.contains("--enforce-eager"))
  }

  @Test func disaggregatedRecipeReportsTopology() throws {
    let r = RecipeV2(
      name: "ds-disagg", model: RecipeV2.Model(path: "deepseek-ai/DeepSeek-R1"),
      engine: RecipeV2.Engine(name: .sglang, version: "0.5.8", image: "lmsysorg/sglang:v0.5.8"),
      resources: RecipeV2.Resources(gpuType: "gb200", gpusPerNode: 4),
      topology: .disaggregated(
        prefill: RecipeV2.RolePlacement(nodes: 1, workers: 1),
        decode: RecipeV2.RolePlacement(nodes: 2, workers: 1)),
      serving: RecipeV2.Serving(tensorParallelSize: 4),
      roles: [
        .decode: RecipeV2.RoleConfig(args: [RecipeV2.EngineArg("cuda-graph-max-bs", .int(256))])
      ])
    let conv = ForeignRoundTrip.converter(.spark).fromV2(r)
    let paths = Set(conv.losses.map(\.path.description))
    #expect(paths.contains("topology"))
    #expect(paths.contains("roles.decode"))
    #expect(paths.contains("resources.gpu_type"))
    #expect(paths.contains("resources.gpus_per_node"))
    let topo = try #require(conv.losses.first { $0.path == "topology" })
    #expect(topo.reason.contains("disaggregated"))
    #expect(topo.value.contains("prefill: 1 nodes"))
  }

  @Test func opaqueCommandIsKeptWithWarning() throws {
    let text = """
      recipe_version: "1"
      name: x
      container: vllm-node
      model: org/m
      command: |
        VLLM_X=1 vllm serve org/m --port 8000 | tee log
      """
    let conv = ForeignRoundTrip.converter(.spark).toV2(
      try ForeignRoundTrip.documents(text), file: "x.yaml")
    let r = try #require(conv.value)
    #expect(r.launcher?.command?.contains("| tee log") == true)
    let w = try #require(conv.diagnostics.first { $0.code == "opaque-command" })
    #expect(w.severity == .warning)
    #expect(w.location?.line == 5)
    let back = try #require(ForeignRoundTrip.converter(.spark).fromV2(r).value)
    #expect(back[0].root["command"]?.scalar == r.launcher?.command)
  }

  @Test func importedUnsafeNameIsAnError() throws {
    // Converters build v2 directly (spark without `name:` takes the name from the file name);
    // RecipeReader checks the imported name like the v2 decoder does.
    let text = """
      recipe_version: "1"
      container: vllm-node
      model: org/m
      command: vllm serve org/m
      """
    let read = RecipeReader.read(Array(text.utf8), file: "incoming/-rf\u{1B}[2J.yaml")
    #expect(read.format == .spark)
    let d = try #require(read.diagnostics.first { $0.code == "unsafe-name" }, "\(read.diagnostics)")
    #expect(d.severity == .error && d.path.description == "name" && d.location?.line == 1)
    #expect(!d.message.contains("\u{1B}"))
    #expect(!read.isValid)
    let ok = RecipeReader.read(Array(text.utf8), file: "incoming/spark-recipe.yaml")
    #expect(!ok.diagnostics.contains { $0.code == "unsafe-name" })
  }

  @Test func sglangCommandAndRuntime() throws {
    let text = """
      model: Qwen/Qwen3-1.7B
      runtime: sglang
      container: scitrera/dgx-spark-sglang:0.5.8-t5
      min_nodes: 2
      metadata:
        description: test
        maintainer: me
      defaults:
        port: 8000
        tensor_parallel: 2
        cuda_graph_bs: "1 2 4"
      command: |
        python3 -m sglang.launch_server \\
            --model-path {model} \\
            --tp-size {tensor_parallel} \\
            --cuda-graph-bs {cuda_graph_bs} \\
            --port {port}
      """
    let conv = ForeignRoundTrip.converter(.sparkrun).toV2(
      try ForeignRoundTrip.documents(text), file: "q.yaml")
    let r = try #require(conv.value, "\(conv.diagnostics)")
    #expect(r.engine.name == .sglang)
    #expect(r.engine.version == "0.5.8")
    #expect(r.model.path == "Qwen/Qwen3-1.7B")
    #expect(r.description == "test")
    #expect(r.serving.tensorParallelSize == 2)
    #expect(r.args == [RecipeV2.EngineArg("cuda-graph-bs", .list([.int(1), .int(2), .int(4)]))])
    #expect(r.launcher?.minNodes == 2)
    #expect(r.launcher?.tools[.sparkrun]?["metadata"]?["maintainer"]?.scalar == "me")
    let (problems, _, _) = ForeignRoundTrip.check(text, file: "q.yaml", format: .sparkrun)
    #expect(problems.isEmpty, "\(problems)")
  }

  @Test func v2FromAnotherFormatGetsANewTemplate() throws {
    let r = RecipeV2(
      name: "q", model: RecipeV2.Model(path: "Qwen/Qwen3-8B"),
      engine: RecipeV2.Engine(name: .vllm, image: "vllm/vllm-openai:v0.10.2"),
      topology: .aggregated(RecipeV2.RolePlacement(nodes: 1, workers: 1)),
      serving: RecipeV2.Serving(gpuMemoryUtilization: 0.8),
      args: [RecipeV2.EngineArg("kv-cache-dtype", .string("fp8"))],
      launcher: RecipeV2.Launcher(port: 9000))
    let conv = ForeignRoundTrip.converter(.spark).fromV2(r)
    #expect(conv.losses.isEmpty, "\(conv.losses)")
    let out = try #require(conv.value)[0]
    let again = ForeignRoundTrip.converter(.spark).toV2([out], file: "q.yaml")
    let r2 = try #require(again.value, "\(again.diagnostics)")
    #expect(EngineInvocation.buildAll(r) == EngineInvocation.buildAll(r2))
    #expect(r2.launcher?.port == 9000)
    #expect(r2.engine.version == "0.10.2")
  }
}
