import Launch
import Schema
import Testing

/// vLLM workers across nodes, launched as srtctl launches them: one process per node.
@Suite struct VLLMMultiNodeTests {
  static func value(_ flag: String, in argv: [String]) -> String? {
    guard let i = argv.lastIndex(of: flag), i + 1 < argv.count else { return nil }
    return argv[i + 1]
  }

  @Test(
    "tensor parallel across nodes: --master-addr/--nnodes/--node-rank, the ranks after the first headless"
  )
  func tensorParallelAcrossNodes() throws {
    let plan = try RealRecipes.plan(
      "deepseek-v4-pro-fp4-gb200-vllm-agg-tp8-mtp2", PlanOptions(target: .slurm))
    #expect(plan.problems().isEmpty, "\(plan.problems())")
    let workers = plan.processes.filter { $0.role == .aggregated }
    #expect(workers.map(\.name) == ["worker", "worker-node1"])
    #expect(workers.map(\.node) == [0, 1])
    #expect(workers.allSatisfy { $0.nodeCount == 1 && $0.distributed == nil })
    for (rank, w) in workers.enumerated() {
      #expect(Self.value("--master-addr", in: w.argv) == "{node:0}")
      #expect(Self.value("--nnodes", in: w.argv) == "2")
      #expect(Self.value("--node-rank", in: w.argv) == String(rank))
      #expect(w.argv.contains("--headless") == (rank > 0))
      #expect(w.gpus?.count == 4)
    }
    #expect(workers[0].readiness != nil)
    #expect(workers[1].readiness == nil && workers[1].port == nil)

    // The script runs each rank on its own node, the head's address filled in.
    let text = try SlurmRenderer().render(plan).text
    try ScriptChecks.bashSyntax(text)
    #expect(text.contains("--job-name=worker-node1"))
    #expect(!text.contains("{node:"))
  }

  @Test(
    "data parallel under Dynamo: one server per node with its local ranks and the head's address")
  func dataParallelPerNode() throws {
    let plan = try RealRecipes.plan(
      "deepseek-v4-pro-fp4-gb200-vllm-disagg-1p1d-dep8", PlanOptions(target: .slurm))
    #expect(plan.problems().isEmpty, "\(plan.problems())")
    let prefill = plan.processes.filter { $0.role == .prefill }
    #expect(prefill.count == 2)
    for (rank, p) in prefill.enumerated() {
      #expect(Self.value("--data-parallel-size-local", in: p.argv) == "4")
      #expect(Self.value("--data-parallel-start-rank", in: p.argv) == String(rank * 4))
      #expect(Self.value("--data-parallel-address", in: p.argv) == "{node:\(prefill[0].node)}")
      #expect(p.argv.filter { $0 == "--data-parallel-rpc-port" }.count == 1)
      #expect(p.argv.contains("--data-parallel-hybrid-lb"))
      #expect(!p.argv.contains("--headless"))
    }
    // Each node's server is its own Dynamo worker with its own system port.
    let ports = prefill.compactMap { $0.readiness?.port }
    #expect(ports.count == 2 && Set(ports).count == 2)
  }
}
