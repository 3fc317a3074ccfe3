import Foundation
import TestSupport
import Testing

/// The loop the results exist for: `registry plan NAME --target shell`, run against the fake
/// engine (its benchmark writes `$RUN_DIR/benchmark/results_concurrency_C.json`), then
/// `registry results add` stores a record per concurrency and `registry results` shows them.
@Suite struct ResultsLoopTests {
  static let recipe = """
    schema: v2
    name: loop-demo
    model:
      path: Qwen/Qwen3-0.6B
      precision: bf16
    engine:
      name: sglang
      version: "0.5.5"
      image: lmsysorg/sglang:v0.5.5-cu130
    resources:
      gpu_type: h200
      gpus_per_node: 2
    topology:
      aggregated: {nodes: 1, workers: 1}
    serving:
      tensor_parallel_size: 2
    benchmark:
      tool: sa-bench
      isl: 8
      osl: 4
      concurrencies: [1, 2]

    """

  @Test func planRunAddShow() throws {
    let engine = try FakeEngine()
    defer { engine.remove() }
    let reg = engine.root.appendingPathComponent("reg").path
    let author = ["--author", "Ada <ada@example.com>"]
    let initialized = try RegistryBinary.run(["init", reg] + author)
    try #require(initialized.status == 0, "\(initialized.stderr)")
    let file = engine.root.appendingPathComponent("loop-demo.yaml")
    try Tools.write(Self.recipe, to: file)
    let published = try RegistryBinary.run(["publish", file.path, "--repo", reg] + author)
    try #require(published.status == 0, "\(published.stderr)")

    let port = try Tools.freePorts(1)[0]
    let plan = try RegistryBinary.run([
      "plan", "loop-demo", "--repo", reg, "--target", "shell", "--port", String(port),
      "--runtime", "none",
    ])
    try #require(plan.status == 0, "\(plan.stderr)")
    let script = engine.root.appendingPathComponent("launch.sh")
    try Tools.write(plan.stdout, to: script, executable: true)
    let runDir = engine.root.appendingPathComponent("run")
    let run = try Tools.run(
      ["/bin/bash", script.path], environment: engine.environment(runDir: runDir), timeout: 90)
    try #require(run.status == 0, "\(run.output)")
    #expect(!Tools.isListening(port))

    let results = [1, 2].map {
      runDir.appendingPathComponent("benchmark/results_concurrency_\($0).json").path
    }
    let add = try RegistryBinary.run(
      ["results", "add", "loop-demo"] + results + [
        "--repo", reg, "--cluster", "laptop", "--json",
      ] + author)
    try #require(add.status == 0, "\(add.stderr)")
    let added = try JSONSerialization.jsonObject(with: Data(add.stdout.utf8)) as? [String: Any]
    let records = try #require(added?["records"] as? [[String: Any]])
    #expect(records.count == 2)
    #expect(
      records.compactMap { ($0["workload"] as? [String: Any])?["concurrency"] as? Int } == [1, 2])
    #expect(records.allSatisfy { ($0["run"] as? [String: Any])?["tool"] as? String == "sglang" })
    #expect(records.allSatisfy { ($0["hardware"] as? [String: Any])?["gpus"] as? Int == 2 })
    // The fake writes 1000 output tok/s; per GPU on the recipe's 2 GPUs.
    #expect(
      records.allSatisfy {
        ($0["figures"] as? [String: Any])?["output_tokens_per_s_per_gpu"] as? Double == 500
      })
    // The commit is on the registry's branch, beside the recipe.
    let head = try Subprocess.run("/usr/bin/env", ["git", "-C", reg, "log", "-1", "--format=%s"])
    #expect(head.stdout.hasPrefix("Add 2 results for loop-demo"))
    let tree = try Subprocess.run(
      "/usr/bin/env", ["git", "-C", reg, "ls-tree", "-r", "--name-only", "HEAD", "results/"])
    #expect(tree.stdout.split(separator: "\n").count == 4, "\(tree.stdout)")  // 2 records, 2 raw

    let table = try RegistryBinary.run(["results", "loop-demo", "--repo", reg])
    #expect(table.status == 0, "\(table.stderr)")
    let lines = table.stdout.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines.first?.hasPrefix("CONC") == true)
    #expect(
      lines.dropFirst().map { $0.split(separator: " ").first.map(String.init) } == ["1", "2"])
    #expect(lines.dropFirst().allSatisfy { $0.contains(" 1000 ") && $0.contains(" 500 ") })
    #expect(lines.dropFirst().allSatisfy { $0.contains("laptop") })
  }
}
