import Foundation
import Launch
import Schema
import Testing

/// The benchmark step as srt-slurm's sa-bench runs it (issue 17 part 5): prompts per
/// concurrency, the model path as tokenizer, thresholds checked, a run without output tokens or
/// with failed requests is a failure, results as JSON under the run dir.
@Suite struct BenchmarkStepTests {
  /// An embedded SGLang recipe with `benchmark` replaced and a served name of its own.
  static func plan(
    _ benchmark: RecipeV2.Benchmark, port: Int = 8000
  ) throws -> LaunchPlan {
    var r = try RealRecipes.named("deepseek-r1-fp8-h200-agg-tp8")
    r.model.servedName = "r1"
    r.benchmark = benchmark
    return PlannerEndToEndTests.quick(
      try Planner().plan(
        r, reference: RecipeReference(name: r.name),
        options: PlanOptions(port: port, runtime: ContainerRuntime.none)))
  }

  static func args(_ pairs: KeyValuePairs<String, YAMLNode>) -> YAMLNode { .mapping(pairs) }

  @Test("sa-bench: prompts and warmup scale with each concurrency; the model path is the tokenizer")
  func saBench() throws {
    let plan = try Self.plan(
      RecipeV2.Benchmark(tool: "sa-bench", isl: 1024, osl: 256, concurrencies: [4, 64]))
    let b = try #require(plan.benchmark)
    let c4 = b.argv(concurrency: 4)
    let c64 = b.argv(concurrency: 64)
    #expect(PlannerTests.value("--num-prompts", in: c4) == "40")
    #expect(PlannerTests.value("--num-prompts", in: c64) == "640")
    #expect(PlannerTests.value("--warmup-requests", in: c4) == "8")
    #expect(PlannerTests.value("--max-concurrency", in: c64) == "64")
    #expect(PlannerTests.value("--model", in: c4) == "r1")
    #expect(PlannerTests.value("--tokenizer", in: c4) == "deepseek-ai/DeepSeek-R1")
    #expect(PlannerTests.value("--random-range-ratio", in: c4) == "0.8")
    #expect(c4.contains("--apply-chat-template"))
    #expect(
      PlannerTests.value("--output-file", in: c4) == "results_concurrency_4.json")
    #expect(b.prompts(concurrency: 64) == 640)
  }

  @Test("num_prompts_mult scales, num_prompts fixes; sa-bench's defaults can be turned off")
  func promptCounts() throws {
    let mult = try Self.plan(
      RecipeV2.Benchmark(
        tool: "sa-bench", concurrencies: [8],
        args: Self.args([
          "num_prompts_mult": .int(3), "num_warmup_mult": .int(0),
          "use_chat_template": .bool(false),
        ])))
    let m = try #require(mult.benchmark).argv(concurrency: 8)
    #expect(PlannerTests.value("--num-prompts", in: m) == "24")
    #expect(!m.contains("--warmup-requests") && !m.contains("--apply-chat-template"))
    let fixed = try Self.plan(
      RecipeV2.Benchmark(
        tool: "sglang", concurrencies: [8, 16], args: Self.args(["num_prompts": .int(100)])))
    let b = try #require(fixed.benchmark)
    #expect(PlannerTests.count("--num-prompts", in: b.argv(concurrency: 16)) == 1)
    #expect(PlannerTests.value("--num-prompts", in: b.argv(concurrency: 16)) == "100")
    #expect(b.prompts(concurrency: 16) == 100)
    #expect(!fixed.warnings.contains { $0.contains("num_prompts") })
  }

  @Test("thresholds: latencies are maxima on the mean, throughputs minima; unknown tools say so")
  func thresholds() throws {
    let plan = try Self.plan(
      RecipeV2.Benchmark(
        tool: "sa-bench", concurrencies: [1],
        thresholds: [
          RecipeV2.Threshold("ttft_ms", 2000), RecipeV2.Threshold("p99_itl_ms", 50),
          RecipeV2.Threshold("output_throughput", 100),
        ]))
    #expect(
      plan.benchmark?.thresholds == [
        BenchmarkThreshold(name: "ttft_ms", key: "mean_ttft_ms", limit: 2000, isMinimum: false),
        BenchmarkThreshold(name: "p99_itl_ms", key: "p99_itl_ms", limit: 50, isMinimum: false),
        BenchmarkThreshold(
          name: "output_throughput", key: "output_throughput", limit: 100, isMinimum: true),
      ])
    let script = try ShellRenderer().render(plan).text
    #expect(script.contains("check_result c1 \"$RUN_DIR\"/benchmark/results_concurrency_1.json"))
    #expect(
      script.contains("10 mean_ttft_ms max 2000 p99_itl_ms max 50 output_throughput min 100\n"))
    let other = try Self.plan(
      RecipeV2.Benchmark(
        tool: "aiperf", concurrencies: [1], thresholds: [RecipeV2.Threshold("ttft_ms", 2000)]))
    #expect(other.warnings.contains { $0.contains("thresholds (ttft_ms) are not checked") })
    #expect(other.benchmark?.resultFileFlag == nil)
  }

  /// Runs the shell script of `plan` with the fake engine; returns the result and run dir.
  static func run(_ plan: LaunchPlan, engine: FakeEngine, env: [String: String] = [:]) throws
    -> (RunResult, URL)
  {
    let runDir = engine.root.appendingPathComponent("run")
    let file = engine.root.appendingPathComponent("launch.sh")
    try Tools.write(try ShellRenderer().render(plan).text, to: file)
    let r = try Tools.run(
      ["/bin/bash", file.path], environment: engine.environment(runDir: runDir, extra: env),
      timeout: 90)
    return (r, runDir)
  }

  @Test("results are JSON files under the run dir, checked after each run")
  func resultsWritten() throws {
    let engine = try FakeEngine()
    defer { engine.remove() }
    let port = try Tools.freePorts(1)[0]
    let plan = try Self.plan(
      RecipeV2.Benchmark(
        tool: "sa-bench", isl: 8, osl: 4, concurrencies: [1, 3],
        thresholds: [RecipeV2.Threshold("ttft_ms", 2000)]), port: port)
    let (r, runDir) = try Self.run(plan, engine: engine)
    #expect(r.status == 0, "\(r.output)")
    for c in [1, 3] {
      let url = runDir.appendingPathComponent("benchmark/results_concurrency_\(c).json")
      let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
      #expect(object?["completed"] as? Int == 10 * c)
      #expect(r.stderr.contains("benchmark c\(c): \(10 * c) requests, \(40 * c) output tokens"))
    }
    #expect(!Tools.isListening(port))
  }

  @Test(
    "zero output tokens, failed requests and a missed threshold fail the script with a clear message",
    arguments: [
      (["FAKE_BENCH_OUTPUT_TOKENS": "0"], "benchmark c2 failed: zero output tokens"),
      (["FAKE_BENCH_COMPLETED": "15"], "benchmark c2 failed: 5 of 20 requests failed"),
      (
        ["FAKE_BENCH_TTFT_MS": "2500"],
        "benchmark c2 failed: mean_ttft_ms = 2500.0 is above the threshold 2000"
      ),
    ])
  func failures(env: [String: String], message: String) throws {
    let engine = try FakeEngine()
    defer { engine.remove() }
    let port = try Tools.freePorts(1)[0]
    let plan = try Self.plan(
      RecipeV2.Benchmark(
        tool: "sa-bench", isl: 8, osl: 4, concurrencies: [2, 4],
        thresholds: [RecipeV2.Threshold("ttft_ms", 2000)]), port: port)
    let (r, _) = try Self.run(plan, engine: engine, env: env)
    #expect(r.status != 0)
    #expect(r.stderr.contains(message), "\(r.stderr)")
    // The sweep stops at the first failure; everything is stopped.
    #expect(try engine.load().filter { $0.kind == "bench" }.map(\.concurrency) == [2])
    #expect(!Tools.isListening(port))
  }

  @Test("a benchmark tool that exits non-zero stops the script with the run's log")
  func toolFails() throws {
    let engine = try FakeEngine()
    defer { engine.remove() }
    let port = try Tools.freePorts(1)[0]
    var plan = try Self.plan(
      RecipeV2.Benchmark(tool: "sa-bench", concurrencies: [2]), port: port)
    plan.benchmark?.argv = ["false"]
    let (r, _) = try Self.run(plan, engine: engine)
    #expect(r.status != 0)
    #expect(r.stderr.contains("benchmark: the run at concurrency 2 failed; log: "), "\(r.stderr)")
  }

  @Test("the sbatch script checks each result too", .requiresShellcheck)
  func slurm() throws {
    let plan = try Self.plan(
      RecipeV2.Benchmark(
        tool: "sa-bench", concurrencies: [2], thresholds: [RecipeV2.Threshold("ttft_ms", 2000)]))
    let text = try SlurmRenderer().render(plan).text
    #expect(text.contains("check_result c2 \"$RUN_DIR\"/benchmark/"))
    #expect(text.contains("--output-file results_concurrency_2.json"))
    try ScriptChecks.shellcheck(text)
    try ScriptChecks.shellcheck(try ShellRenderer().render(plan).text)
  }
}
