import Foundation
import Launch
import Testing

/// Runs rendered shell scripts with bash against the fake engine on 127.0.0.1.
@Suite struct EndToEndTests {
  /// Renders, runs, and returns the records; asserts the script succeeded and stopped everything.
  static func run(
    _ plan: LaunchPlan, engine: FakeEngine, ports: [Int], extraEnv: [String: String] = [:],
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> (records: [FakeEngine.Record], result: RunResult, runDir: URL) {
    let script = try ShellRenderer().render(plan).text
    let runDir = engine.root.appendingPathComponent("run")
    let file = engine.root.appendingPathComponent("launch.sh")
    try Tools.write(script, to: file, executable: true)
    let result = try Tools.run(
      ["/bin/bash", file.path], environment: engine.environment(runDir: runDir, extra: extraEnv),
      timeout: 90)
    #expect(!result.timedOut, "script timed out:\n\(result.output)", sourceLocation: sourceLocation)
    #expect(result.status == 0, "script failed:\n\(result.output)", sourceLocation: sourceLocation)
    let records = try engine.load()
    // Everything stopped: no listener left, no recorded process alive.
    for port in ports {
      #expect(
        !Tools.isListening(port), "port \(port) still has a listener",
        sourceLocation: sourceLocation)
    }
    for r in records where r.kind == "server" {
      #expect(
        !Tools.isAlive(r.pid), "\(r.argv) (pid \(r.pid)) still running",
        sourceLocation: sourceLocation)
    }
    return (records, result, runDir)
  }

  @Test(
    "aggregated vLLM: exact argv and env, readiness waited, benchmark at each concurrency, all stopped"
  )
  func aggregated() throws {
    let engine = try FakeEngine()
    defer { engine.remove() }
    let port = try Tools.freePorts(1)[0]
    let plan = SamplePlans.vllmAggregated(port: port)
    let (records, _, runDir) = try Self.run(plan, engine: engine, ports: [port])

    let servers = records.filter { $0.kind == "server" }
    try #require(servers.count == 1)
    #expect(servers[0].argv == plan.processes[0].argv)
    #expect(servers[0].env["VLLM_LOGGING_LEVEL"] == "INFO")
    #expect(servers[0].env["HF_HUB_OFFLINE"] == "1")
    #expect(servers[0].env["CUDA_VISIBLE_DEVICES"] == "0")
    #expect(servers[0].env["BENCH_TAG"] == nil)

    let benches = records.filter { $0.kind == "bench" }
    #expect(benches.map(\.concurrency) == [1, 4])
    #expect(benches.allSatisfy { $0.status == 200 })
    #expect(benches.allSatisfy { $0.env["BENCH_TAG"] == "agg" })
    let bench = try #require(plan.benchmark)
    #expect(benches.map(\.argv) == bench.concurrencies.map { bench.argv(concurrency: $0) })

    // Readiness: the fake listens only after a delay; every bench ran after it listened.
    let listened = try #require(engine.listenTime(port: port))
    #expect(servers[0].time + 0.5 < listened)
    #expect(benches.allSatisfy { $0.time > listened })
    #expect(
      FileManager.default.fileExists(atPath: runDir.appendingPathComponent("logs/vllm.log").path))
  }

  @Test("disaggregated SGLang: prefill, 2-node decode, router; /dev/tcp probe; all stopped")
  func disaggregated() throws {
    let engine = try FakeEngine()
    defer { engine.remove() }
    let p = try Tools.freePorts(5)
    let ports = SamplePlans.DisaggPorts(
      prefill: p[0], decode: p[1], router: p[2], bootstrap: p[3], distInit: p[4])
    let plan = SamplePlans.sglangDisaggregated(ports: ports)
    let (records, result, _) = try Self.run(
      plan, engine: engine, ports: [p[0], p[1], p[2]], extraEnv: ["LAUNCH_NO_CURL": "1"])

    let servers = records.filter { $0.kind == "server" }
    #expect(servers.count == 4, "\(servers.map(\.argv))")
    let prefill = try #require(
      servers.first { $0.argv.contains("prefill") && $0.argv.contains("--disaggregation-mode") })
    #expect(prefill.argv == plan.processes[0].argv)
    #expect(prefill.env["PREFILL_ONLY"] == "yes")
    #expect(prefill.env["DECODE_ONLY"] == nil)

    let decodes = servers.filter { $0.argv.contains("decode") && $0.argv.contains("--node-rank") }
      .sorted { ($0.rank ?? "") < ($1.rank ?? "") }
    try #require(decodes.count == 2)
    for (rank, d) in decodes.enumerated() {
      #expect(
        d.argv == plan.processes[1].argv + [
          "--dist-init-addr", "127.0.0.1:\(ports.distInit)", "--nnodes", "2", "--node-rank",
          String(rank),
        ])
      #expect(d.env["DECODE_ONLY"] == "on")
      #expect(d.env["SGLANG_JIT_DEEPGEMM_FAST_WARMUP"] == "1")
      #expect(d.env["PREFILL_ONLY"] == nil)
    }

    let router = try #require(servers.first { $0.argv.contains("sglang_router.launch_router") })
    #expect(
      router.argv == [
        "python3", "-m", "sglang_router.launch_router", "--pd-disaggregation",
        "--prefill", "http://127.0.0.1:\(ports.prefill)", String(ports.bootstrap),
        "--decode", "http://127.0.0.1:\(ports.decode)",
        "--host", "127.0.0.1", "--port", String(ports.router),
      ])
    #expect(router.env["RUST_LOG"] == "info")

    let benches = records.filter { $0.kind == "bench" }
    #expect(benches.map(\.concurrency) == [2, 8])
    #expect(benches.allSatisfy { $0.status == 200 })
    let lastListen = try [ports.prefill, ports.decode, ports.router].map {
      try #require(engine.listenTime(port: $0))
    }.max()!
    #expect(benches.allSatisfy { $0.time > lastListen })
    #expect(result.stderr.contains("launch: router ready"))
  }

  @Test("without a benchmark the script serves until SIGTERM, then stops every process")
  func servesUntilTerminated() throws {
    let engine = try FakeEngine()
    defer { engine.remove() }
    let port = try Tools.freePorts(1)[0]
    var plan = SamplePlans.vllmAggregated(port: port)
    plan.benchmark = nil
    let file = engine.root.appendingPathComponent("launch.sh")
    try Tools.write(try ShellRenderer().render(plan).text, to: file)
    // Start the script, wait until it reports all ready, then send SIGTERM (bounded waits).
    let driver = """
      bash "$1" 2>"$2" &
      pid=$!
      for _ in $(seq 200); do grep -q 'serving; press Ctrl-C' "$2" && break; sleep 0.1; done
      kill -TERM "$pid"
      wait "$pid"
      echo "rc=$?"
      """
    let r = try Tools.run(
      [
        "/bin/bash", "-c", driver, "driver", file.path,
        engine.root.appendingPathComponent("stderr").path,
      ],
      environment: engine.environment(runDir: engine.root.appendingPathComponent("run")),
      timeout: 60)
    let stderr =
      (try? String(contentsOf: engine.root.appendingPathComponent("stderr"), encoding: .utf8)) ?? ""
    #expect(r.stdout.contains("rc=143"), "\(r.output)\n\(stderr)")
    #expect(stderr.contains("launch: vllm ready"))
    #expect(stderr.contains("stopped 1 process(es)"))
    #expect(!Tools.isListening(port))
    for rec in try engine.load() where rec.kind == "server" { #expect(!Tools.isAlive(rec.pid)) }
  }

  @Test("a process that never gets ready fails the script with a clear message and its log tail")
  func readinessTimeout() throws {
    let engine = try FakeEngine()
    defer { engine.remove() }
    let port = try Tools.freePorts(1)[0]
    var plan = SamplePlans.vllmAggregated(port: port, timeout: 4)
    plan.processes[0].readiness?.path = "/never"
    let script = try ShellRenderer().render(plan).text
    let file = engine.root.appendingPathComponent("launch.sh")
    try Tools.write(script, to: file)
    let r = try Tools.run(
      ["/bin/bash", file.path],
      environment: engine.environment(
        runDir: engine.root.appendingPathComponent("run"), startDelay: 0.1),
      timeout: 60)
    #expect(r.status != 0)
    #expect(
      r.stderr.contains("vllm not ready at http://127.0.0.1:\(port)/never after 4 s"), "\(r.stderr)"
    )
    #expect(r.stderr.contains("fake server listening"), "log tail missing: \(r.stderr)")
    #expect(try engine.load().filter { $0.kind == "bench" }.isEmpty)
    #expect(!Tools.isListening(port))
  }
}
