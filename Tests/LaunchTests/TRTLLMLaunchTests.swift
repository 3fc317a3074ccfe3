import Engines
import Foundation
import Launch
import Schema
import Testing

/// TensorRT-LLM's config keys go into the options YAML file the engine reads, not on its
/// command line (issue 17 part 4).
@Suite struct TRTLLMLaunchTests {
  static func lines(_ p: LaunchProcess) -> [String] {
    p.configFile?.text.split(separator: "\n").map(String.init) ?? []
  }

  @Test("trtllm-serve: config keys in the options file given with --config; only CLI flags stay")
  func serve() throws {
    let plan = try RealRecipes.plan("qwen3-5-397b-a17b-fp4-gb300-trtllm-agg-tep8")
    let p = plan.processes[0]
    // Pinned 1.3.0rc23: --config (srtctl's spelling for 1.3).
    #expect(PlannerTests.value("--config", in: p.argv) == ProcessConfigFile.placeholder)
    for flag in [
      "--max_seq_len", "--kv_cache_config", "--tp_size", "--ep_size", "--max_batch_size",
      "--cuda_graph_config", "--moe_config", "--max_num_tokens", "--enable_attention_dp",
    ] {
      #expect(!p.argv.contains(flag), "\(flag) is a config key")
    }
    #expect(PlannerTests.value("--num_postprocess_workers", in: p.argv) == "4")
    let file = try #require(p.configFile)
    #expect(file.name == "worker.yaml")
    let lines = Self.lines(p)
    for line in [
      "max_seq_len: 512", "max_batch_size: 8", "tensor_parallel_size: 8",
      "moe_expert_parallel_size: 8", "max_num_tokens: 2048", "enable_attention_dp: false",
      "kv_cache_config:", "  dtype: fp8", "  free_gpu_memory_fraction: 0.8",
      "  enable_block_reuse: false", "moe_config:", "  backend: CUTEDSL",
    ] {
      #expect(lines.contains(line), "\(line) in \(lines)")
    }
    #expect(!lines.contains { $0.hasPrefix("num_postprocess_workers") })
    #expect(p.provenance.contains { $0.key == "config:max_seq_len" })
    #expect(p.provenance.contains { $0.key == "config:kv_cache_config" })
  }

  @Test(
    "the options file flag follows the pinned version; Dynamo's worker takes --extra-engine-args")
  func fileFlag() throws {
    #expect(
      TRTLLMOptions.fileFlag(version: EngineVersion("1.3.0rc23"), dynamo: false) == "--config")
    #expect(TRTLLMOptions.fileFlag(version: EngineVersion("1.2.0"), dynamo: false) == "--config")
    #expect(
      TRTLLMOptions.fileFlag(version: EngineVersion("1.0.0"), dynamo: false)
        == "--extra_llm_api_options")
    #expect(TRTLLMOptions.fileFlag(version: nil, dynamo: false) == "--extra_llm_api_options")
    #expect(TRTLLMOptions.fileFlag(version: nil, dynamo: true) == "--extra-engine-args")
    let old = try RealRecipes.plan(
      "qwen3-5-397b-a17b-fp4-gb300-trtllm-agg-tep8",
      PlanOptions(overrides: [RecipeOverride(setting: "engine.version=1.0.0")!]))
    #expect(
      PlannerTests.value("--extra_llm_api_options", in: old.processes[0].argv)
        == ProcessConfigFile.placeholder)
    #expect(!old.processes[0].argv.contains("--config"))
  }

  @Test("dynamo.trtllm workers: every config key in --extra-engine-args, no trtllm-serve flags")
  func dynamoWorker() throws {
    let plan = try RealRecipes.plan("deepseek-r1-0528-fp4-b300-trtllm-agg-tep8-mtp3")
    let w = try #require(plan.processes.first { $0.role.isWorker })
    #expect(Array(w.argv.prefix(3)) == ["python3", "-m", "dynamo.trtllm"])
    #expect(PlannerTests.value("--extra-engine-args", in: w.argv) == ProcessConfigFile.placeholder)
    #expect(!w.argv.contains { $0.hasPrefix("--") && $0.contains("_") }, "\(w.argv)")
    let lines = Self.lines(w)
    for line in [
      "tensor_parallel_size: 8", "moe_expert_parallel_size: 8", "max_seq_len: 2176",
      "speculative_config:", "  decoding_type: MTP", "  num_nextn_predict_layers: 3",
    ] {
      #expect(lines.contains(line), "\(line) in \(lines)")
    }
  }

  @Test("a recipe that names its own options file keeps its flags, with a warning")
  func recipeOwnFile() throws {
    let plan = try RealRecipes.plan("gpt-oss-120b-gb200-dynamo-trtllm-agg")
    let w = try #require(plan.processes.first { $0.role.isWorker })
    #expect(w.configFile == nil)
    #expect(PlannerTests.count("--extra-engine-args", in: w.argv) == 1)
    #expect(
      PlannerTests.value("--extra-engine-args", in: w.argv) == "/opt/dynamo/configs/config.yaml")
    #expect(plan.warnings.contains { $0.contains("its own TensorRT-LLM options file") })
  }

  @Test("the shell script writes the options file and passes its path; the engine reads it")
  func shellRun() throws {
    let engine = try FakeEngine()
    defer { engine.remove() }
    let port = try Tools.freePorts(1)[0]
    let plan = PlannerEndToEndTests.quick(
      try RealRecipes.plan(
        "qwen3-5-397b-a17b-fp4-gb300-trtllm-agg-tep8",
        PlanOptions(port: port, runtime: ContainerRuntime.none)))
    let (records, _, runDir) = try EndToEndTests.run(plan, engine: engine, ports: [port])
    let s = try #require(records.first { $0.kind == "server" && $0.port == port })
    #expect(s.argv.first == "trtllm-serve")
    let path = try #require(PlannerTests.value("--config", in: s.argv))
    #expect(path == runDir.appendingPathComponent("config/worker.yaml").path)
    let written = try String(contentsOfFile: path, encoding: .utf8)
    #expect(written == plan.processes[0].configFile?.text)
    #expect(
      s.argv.filter { $0 != path }
        == plan.processes[0].argv.filter { $0 != ProcessConfigFile.placeholder })
  }

  @Test("sbatch and compose carry the options file; engine-config renders it")
  func otherTargets() throws {
    let plan = try RealRecipes.plan("qwen3-5-397b-a17b-fp4-gb300-trtllm-agg-tep8")
    let text = plan.processes[0].configFile!.text
    let sbatch = try SlurmRenderer().render(plan).text
    try ScriptChecks.bashSyntax(sbatch)
    #expect(sbatch.contains("--config \"$LAUNCH_CONFIG\""))
    #expect(!sbatch.contains(ProcessConfigFile.placeholder))
    let compose = try ComposeRenderer().render(plan).text
    let doc = try YAMLChecks.parse(compose)
    #expect(YAMLChecks.isString(doc["configs"]?["worker.yaml"]?["content"], text))
    let command = doc["services"]?["worker"]?["command"]?.sequence?.compactMap(\.scalar) ?? []
    #expect(PlannerTests.value("--config", in: command) == "/launch-config/worker.yaml")
    #expect(
      doc["services"]?["worker"]?["configs"]?.sequence?.first?["target"]?.scalar
        == "/launch-config/worker.yaml")
    let config = try EngineConfigRenderer().render(plan)
    #expect(config.text == text)
    #expect(config.warnings.contains { $0.contains("--num_postprocess_workers") })
  }
}
