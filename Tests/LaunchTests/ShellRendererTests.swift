import Foundation
import Launch
import TestSupport
import Testing

@Suite struct ShellRendererTests {
  static let plans: [(String, LaunchPlan)] = [
    ("vllm aggregated", SamplePlans.vllmAggregated()),
    ("sglang disaggregated, local", SamplePlans.sglangDisaggregated()),
    (
      "sglang disaggregated, ssh hosts",
      SamplePlans.sglangDisaggregated(nodes: .hosts(["gpu-a", "gpu-b", "gpu-c"]))
    ),
    ("dynamo", SamplePlans.dynamoVLLM()),
  ]

  @Test("shell output passes bash -n", arguments: plans.indices)
  func lint(_ index: Int) throws {
    let (label, plan) = Self.plans[index]
    let text = try ShellRenderer().render(plan).text
    try ScriptChecks.bashSyntax(text)
    #expect(text.contains("set -euo pipefail"), "\(label)")
    #expect(text.contains("trap cleanup EXIT"), "\(label)")
  }

  @Test("shell output passes shellcheck", .requiresShellcheck, arguments: plans.indices)
  func shellcheck(_ index: Int) throws {
    try ScriptChecks.shellcheck(try ShellRenderer().render(Self.plans[index].1).text)
  }

  @Test("ssh fan-out quotes the remote script twice and keeps local processes local")
  func sshFanOut() throws {
    let plan = SamplePlans.sglangDisaggregated(nodes: .hosts(["localhost", "gpu-b", "gpu-c"]))
    let text = try ShellRenderer().render(plan).text
    #expect(text.contains("ssh \"${SSH_OPTS[@]}\" gpu-b -- 'bash -c '\\''set -m"))
    #expect(text.contains("ssh \"${SSH_OPTS[@]}\" gpu-c -- "))
    #expect(!text.contains("localhost --"))
    #expect(text.contains("SSH_OPTS=(-o BatchMode=yes)"))
    // The decode head is gpu-b: rank 1 on gpu-c rendezvous there; the router addresses gpu-b.
    #expect(text.contains("--dist-init-addr gpu-b:5757 --nnodes 2 --node-rank 1"))
    #expect(text.contains("--decode http://gpu-b:30001"))
    #expect(text.contains("--prefill http://127.0.0.1:30000"))
  }

  @Test("an unsafe host or env name is rejected")
  func rejectsUnsafeNames() {
    var plan = SamplePlans.sglangDisaggregated(nodes: .hosts(["-oProxyCommand=id", "b", "c"]))
    #expect(throws: LaunchError.self) { try ShellRenderer().render(plan) }
    plan = SamplePlans.vllmAggregated()
    plan.processes[0].env.append(EnvVar("A;B", "x"))
    #expect(throws: LaunchError.self) { try ShellRenderer().render(plan) }
  }

  @Test("cluster-only plans fail on one node with the spark-style hint")
  func clusterOnly() {
    let plan = SamplePlans.sglangDisaggregated()
    #expect(throws: LaunchError.clusterOnly(recipe: "dsr1-sglang-1p2d", nodes: 3)) {
      try plan.requireNodes(available: 1)
    }
    #expect(
      LaunchError.clusterOnly(recipe: "x", nodes: 2).description.contains("requires cluster mode"))
  }
}
