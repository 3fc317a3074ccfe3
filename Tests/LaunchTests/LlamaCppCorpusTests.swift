import Engines
import Foundation
import Launch
import Migrate
import Schema
import TestSupport
import Testing

/// The corpus's sparkrun recipes with `runtime: llama-cpp` (scitrera/oss-spark-run) import as
/// engine `llama-cpp`, validate, and plan `llama-server` for shell and compose.
@Suite(.enabled(if: Corpus.skipReason == nil, "corpus not present"))
struct LlamaCppCorpusTests {
  static let recipes = Corpus.root + "/scitrera+oss-spark-run/recipes"
  static let small = recipes + "/qwen3/qwen3-1.7b-llama-cpp.yaml"
  static let large = recipes + "/qwen3.5-gguf/qwen3.5-397b-gguf-q3km-llama-cpp.yaml"

  static func imported(_ file: String) throws -> RecipeV2 {
    let read = RecipeReader.read(try Corpus.bytes(file), file: file)
    let (recipe, notes) = read.importedV2()
    #expect(!read.diagnostics.hasErrors && !notes.hasErrors, "\(read.diagnostics) \(notes)")
    return try #require(recipe, "\(file) does not import")
  }

  static func plan(_ recipe: RecipeV2, _ target: LaunchTarget) throws -> LaunchPlan {
    var options = PlanOptions(runtime: ContainerRuntime.docker)
    options.target = target
    return try Planner().plan(
      recipe, reference: RecipeReference(name: recipe.name), options: options)
  }

  @Test("both import as llama-cpp with the context length a named field, and validate")
  func importsAndValidates() throws {
    for (file, ctx) in [(Self.small, 8192), (Self.large, 262_144)] {
      let recipe = try Self.imported(file)
      #expect(recipe.engine.name == .llamaCpp)
      #expect(recipe.engine.image == "scitrera/dgx-spark-llama-cpp:b8094-cu131")
      // The build number of the image tag is the engine version.
      #expect(recipe.engine.version == "b8094")
      #expect(EngineVersion(recipe.engine.version ?? "")?.scheme == .build)
      #expect(recipe.serving.contextLength == ctx, "--ctx-size is context_length")
      #expect(recipe.args.first { $0.flag == "n-gpu-layers" }?.value == .int(99))
      #expect(recipe.args.first { $0.flag == "flash-attn" }?.value == .string("on"))
      #expect(!recipe.args.contains { ["hf", "host", "port"].contains($0.flag) })
      let text = YAMLEmitter.emit(YAMLDocument(root: recipe.encode()))
      let (decoded, diagnostics) = RecipeV2.decode(try YAML.parse(text), file: recipe.name)
      #expect(!diagnostics.hasErrors, "\(diagnostics)\n\(text)")
      #expect(decoded == recipe)
    }
    let large = try Self.imported(Self.large)
    #expect(large.args.first { $0.flag == "split-mode" }?.value == .string("layer"))
    #expect(large.topology.roles[.aggregated]?.nodes == 2)
  }

  @Test(
    "the shell plan starts llama-server -hf MODEL, waits on /health and passes shellcheck",
    .requiresShellcheck)
  func shellPlan() throws {
    let recipe = try Self.imported(Self.small)
    let plan = try Self.plan(recipe, .shell)
    #expect(plan.problems().isEmpty, "\(plan.problems())")
    let worker = try #require(plan.processes.first)
    let argv = worker.argv
    let start = try #require(argv.firstIndex(of: "llama-server"), "\(argv)")
    #expect(
      Array(argv[start...].prefix(3)) == ["llama-server", "-hf", "Qwen/Qwen3-1.7B-GGUF:Q8_0"])
    let ctx = try #require(argv.firstIndex(of: "--ctx-size"))
    #expect(argv[ctx + 1] == "8192")
    #expect(argv.contains("--n-gpu-layers") && argv.contains("--no-mmap"))
    #expect(!argv.contains("--served-model-name"))
    #expect(worker.readiness?.path == "/health")
    let script = try LaunchTarget.shell.renderer.render(plan).text
    try ScriptChecks.bashSyntax(script)
    try ScriptChecks.shellcheck(script)
  }

  @Test("the compose plan runs the recipe's image with llama-server and a curl healthcheck")
  func composePlan() throws {
    let recipe = try Self.imported(Self.small)
    let text = try LaunchTarget.compose.renderer.render(try Self.plan(recipe, .compose)).text
    let root = try YAMLChecks.parse(text)
    let worker = try #require(YAMLChecks.at(root, "services", "worker"))
    #expect(YAMLChecks.isString(worker["image"], "scitrera/dgx-spark-llama-cpp:b8094-cu131"))
    #expect(YAMLChecks.strings(worker["entrypoint"]) == ["llama-server"])
    #expect(
      YAMLChecks.strings(worker["command"])?.prefix(2) == ["-hf", "Qwen/Qwen3-1.7B-GGUF:Q8_0"])
    let test = try #require(YAMLChecks.strings(worker["healthcheck"]?["test"]))
    // llama.cpp images have curl, not Python.
    #expect(test.prefix(2) == ["CMD", "curl"] && test.last == "http://127.0.0.1:8000/health")
  }

  /// The two-node plan: an rpc-server on node 1, started and waited for (TCP) first, and the
  /// head's llama-server on node 0 with `--rpc` naming it.
  static func checkRPC(_ plan: LaunchPlan) throws -> (server: LaunchProcess, head: LaunchProcess) {
    #expect(plan.processes.count == 2, "\(plan.processes.map(\.name))")
    let server = try #require(plan.processes.first { $0.argv.contains("rpc-server") })
    let head = try #require(plan.processes.first { $0.argv.contains("llama-server") })
    #expect(server.node == 1 && head.node == 0 && server.nodeCount == 1 && head.nodeCount == 1)
    let at = try #require(server.argv.firstIndex(of: "rpc-server"))
    #expect(Array(server.argv[at...]) == ["rpc-server", "--host", "0.0.0.0", "--port", "50052"])
    #expect(server.readiness?.probe == .tcp && server.readiness?.port == 50052)
    let rpc = try #require(head.argv.firstIndex(of: "--rpc"), "\(head.argv)")
    #expect(head.argv[rpc + 1] == "{node:1}:50052")
    #expect(head.argv.filter { $0 == "--rpc" }.count == 1)
    #expect(head.readiness?.path == "/health" && head.readiness?.probe == nil)
    #expect(plan.problems().allSatisfy { !$0.contains("rpc-server") }, "\(plan.problems())")
    return (server, head)
  }

  @Test(
    "the two-node recipe plans rpc-server on node 1 and llama-server --rpc on node 0 for slurm",
    .requiresShellcheck)
  func slurmRPCPlan() throws {
    let recipe = try Self.imported(Self.large)
    var options = PlanOptions(runtime: ContainerRuntime.pyxis)
    options.target = .slurm
    let plan = try Planner().plan(
      recipe, reference: RecipeReference(name: recipe.name), options: options)
    _ = try Self.checkRPC(plan)
    #expect(plan.problems().isEmpty, "\(plan.problems())")
    let script = try LaunchTarget.slurm.renderer.render(plan).text
    try ScriptChecks.bashSyntax(script)
    try ScriptChecks.shellcheck(script)
    // The rpc-server is waited for (TCP, empty path) before the head starts.
    let waitRPC = try #require(script.range(of: "wait_ready worker-rpc1 \"${NODES[1]}\" 50052 ''"))
    let head = try #require(script.range(of: "exec llama-server"))
    #expect(waitRPC.upperBound < head.lowerBound)
    #expect(script.contains("--rpc \"${3}\":50052"), "the head's --rpc is node 1's address")
  }

  @Test(
    "the shell plan with two hosts fills --rpc with the second host", .requiresShellcheck)
  func shellRPCPlan() throws {
    let recipe = try Self.imported(Self.large)
    var options = PlanOptions(runtime: ContainerRuntime.docker)
    options.target = .shell
    options.nodes = .hosts(["spark1", "spark2"])
    let plan = try Planner().plan(
      recipe, reference: RecipeReference(name: recipe.name), options: options)
    _ = try Self.checkRPC(plan)
    let script = try LaunchTarget.shell.renderer.render(plan).text
    try ScriptChecks.bashSyntax(script)
    try ScriptChecks.shellcheck(script)
    #expect(script.contains("wait_ready worker-rpc1 spark2 50052 ''"))
    #expect(script.contains("--rpc spark2:50052"))
  }

  @Test("compose: one service per node, the head depends on the healthy rpc-server")
  func composeRPCPlan() throws {
    let recipe = try Self.imported(Self.large)
    let plan = try Self.plan(recipe, .compose)
    _ = try Self.checkRPC(plan)
    let root = try YAMLChecks.parse(try LaunchTarget.compose.renderer.render(plan).text)
    let server = try #require(YAMLChecks.at(root, "services", "worker-rpc1"))
    #expect(YAMLChecks.strings(server["entrypoint"]) == ["rpc-server"])
    let test = try #require(YAMLChecks.strings(server["healthcheck"]?["test"]))
    #expect(test == ["CMD", "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/50052"])
    let head = try #require(YAMLChecks.at(root, "services", "worker"))
    let command = try #require(YAMLChecks.strings(head["command"]))
    #expect(command.suffix(2) == ["--rpc", "worker-rpc1:50052"])
    #expect(
      YAMLChecks.isString(head["depends_on"]?["worker-rpc1"]?["condition"], "service_healthy"))
  }

  @Test("a one-node recipe has no rpc-server and no --rpc")
  func oneNodeHasNoRPC() throws {
    let recipe = try Self.imported(Self.small)
    for target in [LaunchTarget.shell, .slurm, .compose] {
      var options = PlanOptions(runtime: target == .slurm ? .pyxis : .docker)
      options.target = target
      let plan = try Planner().plan(
        recipe, reference: RecipeReference(name: recipe.name), options: options)
      #expect(plan.processes.count == 1)
      #expect(!plan.processes.contains { $0.argv.contains("--rpc") || $0.argv.contains("rpc-server") })
    }
  }

  @Test("exported back to a sparkrun template: runtime llama-cpp, llama-server -hf {model}")
  func exportsBack() throws {
    let recipe = try Self.imported(Self.small)
    let out = SparkrunConverter().fromV2(recipe)
    let doc = try #require(out.value?.first)
    #expect(doc.root["runtime"]?.scalar == "llama-cpp")
    let command = try #require(doc.root["command"]?.scalar)
    #expect(command.contains("llama-server") && command.contains("-hf {model}"), "\(command)")
    #expect(command.contains("--ctx-size {ctx_size}"), "\(command)")
  }
}
