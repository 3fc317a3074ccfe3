import Engines
import Foundation
import Launch
import Migrate
import Schema
import TestSupport
import Testing

/// The two-node llama.cpp plan of the corpus recipe, rendered for shell with both "nodes" on
/// 127.0.0.1 and run with bash against the fake engine: the rpc-server is started, waited for
/// over TCP, and only then the head's llama-server starts with `--rpc` naming it.
@Suite(.enabled(if: Corpus.skipReason == nil, "corpus not present"))
struct LlamaCppRPCEndToEndTests {
  @Test("the head starts after the rpc-server accepts connections, with --rpc naming it")
  func headWaitsForRPCServer() throws {
    let recipe = try LlamaCppCorpusTests.imported(LlamaCppCorpusTests.large)
    var options = PlanOptions(runtime: ContainerRuntime.none)
    options.target = .shell
    options.nodes = .hosts(["127.0.0.1", "127.0.0.1"])
    var plan = try Planner().plan(
      recipe, reference: RecipeReference(name: recipe.name), options: options)
    let ports = try Tools.freePorts(2)
    let (rpcPort, headPort) = (ports[0], ports[1])
    // Free ports for this machine instead of 50052 and 8000; short readiness waits.
    for i in plan.processes.indices {
      var p = plan.processes[i]
      let old = p.port.map(String.init)
      let new = String(p.argv.contains("rpc-server") ? rpcPort : headPort)
      p.argv = p.argv.map { word in
        if word == old { return new }
        return word.replacingOccurrences(of: ":50052", with: ":\(rpcPort)")
      }
      p.port = Int(new)
      if var check = p.readiness {
        if check.port != nil { check.port = Int(new) }
        check.timeoutSeconds = 30
        check.intervalSeconds = 0.2
        p.readiness = check
      }
      p.gpus = nil
      plan.processes[i] = p
    }
    plan.benchmark = BenchmarkStep(
      argv: [
        "vllm", "bench", "serve", "--model", "m", "--base-url", "http://127.0.0.1:\(headPort)",
        "--num-prompts", "1",
      ],
      concurrencies: [1])
    let engine = try FakeEngine()
    defer { engine.remove() }
    let (records, result, _) = try EndToEndTests.run(
      plan, engine: engine, ports: [rpcPort, headPort])

    let servers = records.filter { $0.kind == "server" }
    let rpc = try #require(servers.first { $0.argv.first == "rpc-server" }, "\(servers)")
    let head = try #require(servers.first { $0.argv.first == "llama-server" }, "\(servers)")
    #expect(rpc.argv == ["rpc-server", "--host", "0.0.0.0", "--port", String(rpcPort)])
    let at = try #require(head.argv.firstIndex(of: "--rpc"))
    #expect(head.argv[at + 1] == "127.0.0.1:\(rpcPort)")
    // Started only once the rpc-server listened.
    let rpcListened = try #require(engine.listenTime(port: rpcPort))
    #expect(head.time > rpcListened)
    #expect(result.stderr.contains("rpc servers ready"), "\(result.stderr)")
    #expect(records.contains { $0.kind == "bench" })
  }
}
