import Foundation
import Launch
import Schema
import Testing

/// srt-slurm's `frontend.type` planned as srtctl starts it, and a readiness check for every
/// worker (issue 17 part 4).
@Suite struct FrontendTypeTests {
  static func plan(_ name: String, _ sets: [String] = [], port: Int? = nil) throws -> LaunchPlan {
    try RealRecipes.plan(
      name,
      PlanOptions(
        overrides: sets.map { RecipeOverride(setting: $0)! }, port: port,
        runtime: ContainerRuntime.none))
  }

  @Test(
    "an srt-slurm recipe without frontend.type gets srt-slurm's default: Dynamo, no sglang router")
  func defaultDynamo() throws {
    let plan = try Self.plan("deepseek-r1-fp8-h200-sglang-agg-tp8-mtp")
    #expect(!plan.processes.contains { $0.role == .router })
    let worker = try #require(plan.processes.first { $0.role.isWorker })
    #expect(Array(worker.argv.prefix(3)) == ["python3", "-m", "dynamo.sglang"])
    let frontend = try #require(plan.processes.first { $0.role == .frontend })
    #expect(Array(frontend.argv.prefix(3)) == ["python3", "-m", "dynamo.frontend"])
    #expect(
      plan.warnings.contains { $0.contains("dynamo.install: srtctl installs ai-dynamo==0.8.0") })
  }

  @Test("frontend.type sglang: SGLang servers behind sglang_router with frontend.args")
  func sglangFrontend() throws {
    let plan = try Self.plan("qwen3-32b-bf16-gb200-sglang-disagg-6p2d-cache-aware")
    let router = try #require(plan.processes.first { $0.role == .router })
    #expect(Array(router.argv.prefix(3)) == ["python3", "-m", "sglang_router.launch_router"])
    #expect(PlannerTests.value("--policy", in: router.argv) == "cache_aware")
    #expect(router.provenance.contains { $0.key == "--policy" })
    #expect(
      plan.processes.filter(\.role.isWorker).allSatisfy {
        Array($0.argv.prefix(3)) == ["python3", "-m", "sglang.launch_server"]
      })
    #expect(!plan.processes.contains { $0.role == .frontend })
    let switched = try Self.plan(
      "deepseek-r1-fp8-h200-sglang-agg-tp8-mtp", ["launcher.srt_slurm.frontend.type=sglang"])
    #expect(
      switched.processes.map { Array($0.argv.prefix(3)) } == [
        ["python3", "-m", "sglang.launch_server"]
      ])
    #expect(switched.processes[0].readiness?.path == "/health")
  }

  @Test("frontend.type vllm / trtllm_serve: the engine's own server on the public port")
  func ownServer() throws {
    let trt = try Self.plan(
      "deepseek-r1-0528-fp4-b300-trtllm-agg-tep8-mtp3",
      ["launcher.srt_slurm.frontend.type=trtllm_serve"])
    #expect(trt.processes.count == 1)
    #expect(trt.processes[0].argv.first == "trtllm-serve")
    #expect(PlannerTests.value("--port", in: trt.processes[0].argv) == "8000")
    let wrong = try Self.plan(
      "deepseek-r1-fp8-h200-sglang-agg-tp8-mtp", ["launcher.srt_slurm.frontend.type=vllm"])
    #expect(
      wrong.warnings.contains { $0.contains("frontend.type vllm cannot front sglang workers") })
    #expect(wrong.processes.contains { $0.role == .frontend })
  }

  @Test(
    "every worker of every embedded recipe has a readiness check; Dynamo workers on their own system port"
  )
  func everyWorkerReady() throws {
    for entry in RealRecipes.all {
      let plan = try Planner().plan(
        entry.recipe, reference: RecipeReference(name: entry.recipe.name), options: PlanOptions())
      var systemPorts: [Int: Set<Int>] = [:]  // node → ports
      for p in plan.processes where p.role.isWorker {
        let r = try #require(p.readiness, "\(entry.file): \(p.name) has no readiness check")
        let port = try #require(r.port ?? p.port, "\(entry.file): \(p.name) has nothing to probe")
        if p.argv.contains(where: { $0.hasPrefix("dynamo.") }) {
          #expect(
            p.env.contains(EnvVar("DYN_SYSTEM_PORT", String(port))), "\(entry.file): \(p.name)")
          #expect(r.path == "/health")
          for n in p.node..<(p.node + p.nodeCount) {
            #expect(
              systemPorts[n, default: []].insert(port).inserted,
              "\(entry.file): port \(port) twice on node \(n)")
          }
        }
      }
    }
  }

  @Test("the shell script waits for each Dynamo worker's health port before the benchmark")
  func dynamoReadinessRun() throws {
    let engine = try FakeEngine()
    defer { engine.remove() }
    let ports = try Tools.freePorts(2)
    var plan = PlannerEndToEndTests.quick(
      try Self.plan(
        "deepseek-r1-fp8-h200-sglang-agg-tp8-mtp", ["env.DYN_SYSTEM_PORT=\(ports[1])"],
        port: ports[0]))
    plan.benchmark?.concurrencies = [1]
    #expect(plan.processes[0].readiness?.port == ports[1])
    let (records, result, _) = try EndToEndTests.run(plan, engine: engine, ports: ports)
    #expect(result.stderr.contains("launch: worker ready"), "\(result.stderr)")
    #expect(result.stderr.contains("launch: frontend ready"))
    let listened = try #require(engine.listenTime(port: ports[1]))
    #expect(records.filter { $0.kind == "bench" }.allSatisfy { $0.time > listened })
  }
}
