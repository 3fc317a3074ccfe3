import Foundation
import Launch
import Testing

/// Real embedded recipes → planner → shell script → bash with the fake engine on 127.0.0.1
/// (`--runtime none`: the fake engine stands in for the host's engine).
@Suite struct PlannerEndToEndTests {
  /// A base port with the next `count` ports free.
  static func freeRange(_ count: Int) throws -> Int {
    for _ in 0..<50 {
      let base = Int.random(in: 20000...50000)
      if (base..<base + count).allSatisfy({ !Tools.isListening($0) }) { return base }
    }
    throw ToolError("no free port range")
  }

  /// Faster readiness probes for the test.
  static func quick(_ plan: LaunchPlan) -> LaunchPlan {
    var plan = plan
    for i in plan.processes.indices {
      plan.processes[i].readiness?.intervalSeconds = 0.2
      plan.processes[i].readiness?.timeoutSeconds = 60
    }
    return plan
  }

  @Test("aggregated SGLang recipe: argv and env, readiness, benchmark at each concurrency, cleanup")
  func aggregated() throws {
    let engine = try FakeEngine()
    defer { engine.remove() }
    let port = try Self.freeRange(1)
    let plan = Self.quick(
      try RealRecipes.plan(
        "deepseek-r1-fp8-h200-agg-tp8",
        PlanOptions(
          overrides: [RealRecipes.sglangFrontend], port: port, runtime: ContainerRuntime.none)))
    let (records, _, _) = try EndToEndTests.run(plan, engine: engine, ports: [port])

    let servers = records.filter { $0.kind == "server" }
    try #require(servers.count == 1)
    #expect(servers[0].argv == plan.processes[0].argv)
    #expect(
      servers[0].argv.starts(with: [
        "python3", "-m", "sglang.launch_server", "--model-path", "deepseek-ai/DeepSeek-R1",
      ]))
    for e in plan.processes[0].env { #expect(servers[0].env[e.name] == e.value) }
    #expect(!plan.processes[0].env.isEmpty)

    let benches = records.filter { $0.kind == "bench" }
    let bench = try #require(plan.benchmark)
    #expect(bench.concurrencies == [1, 4, 16, 32, 64, 128, 256, 512])
    #expect(benches.map(\.concurrency) == bench.concurrencies)
    #expect(benches.allSatisfy { $0.status == 200 })
    let listened = try #require(engine.listenTime(port: port))
    #expect(benches.allSatisfy { $0.time > listened })
  }

  @Test(
    "disaggregated SGLang recipe: 2-node prefill, two 2-node decodes, router; benchmark; cleanup")
  func disaggregated() throws {
    let engine = try FakeEngine()
    defer { engine.remove() }
    let base = try Self.freeRange(4)
    let plan = Self.quick(
      try RealRecipes.plan(
        "deepseek-r1-fp8-h100-disagg-1p2d-tp16",
        PlanOptions(
          overrides: [RealRecipes.sglangFrontend], port: base, runtime: ContainerRuntime.none)))
    let ports = plan.processes.compactMap(\.port)
    #expect(Set(ports) == Set(base..<base + 4))
    let (records, result, _) = try EndToEndTests.run(plan, engine: engine, ports: ports)

    let servers = records.filter { $0.kind == "server" }
    let workers = servers.filter { $0.argv.contains("sglang.launch_server") }
    #expect(workers.count == 6, "\(workers.map(\.argv))")
    for p in plan.processes where p.role.isWorker {
      let instances = workers.filter { $0.port == p.port }.sorted {
        ($0.rank ?? "") < ($1.rank ?? "")
      }
      try #require(instances.count == 2, "\(p.name)")
      for (rank, s) in instances.enumerated() {
        #expect(
          s.argv == p.argv + [
            "--dist-init-addr", "127.0.0.1:\(p.distributed!.initPort)", "--nnodes", "2",
            "--node-rank", String(rank),
          ])
        #expect(s.env["SGLANG_JIT_DEEPGEMM_FAST_WARMUP"] == "1")
      }
    }
    let router = try #require(servers.first { $0.argv.contains("sglang_router.launch_router") })
    let planned = plan.processes.first { $0.role == .router }!
    #expect(
      router.argv
        == planned.argv.map {
          $0.replacingOccurrences(of: "{node:0}", with: "127.0.0.1").replacingOccurrences(
            of: "{node:2}", with: "127.0.0.1"
          ).replacingOccurrences(of: "{node:4}", with: "127.0.0.1")
        })

    let benches = records.filter { $0.kind == "bench" }
    #expect(benches.map(\.concurrency) == plan.benchmark?.concurrencies)
    #expect(benches.allSatisfy { $0.status == 200 })
    let lastListen = try ports.map { try #require(engine.listenTime(port: $0)) }.max()!
    #expect(benches.allSatisfy { $0.time > lastListen })
    #expect(result.stderr.contains("launch: router ready"))
  }
}
