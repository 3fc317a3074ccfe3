import Launch
import Schema
import Testing

/// Dynamo's control plane (NATS and etcd on the head node), started as srtctl's
/// `setup_head.py` starts it, before the processes that meet through it.
@Suite struct ControlPlaneTests {
  static let recipe = "deepseek-r1-0528-fp4-gb200-disagg-4p1d-dep32-mid-curve"

  @Test("SLURM: NATS and etcd from /configs on the head node, ready before any worker starts")
  func slurm() throws {
    let plan = try RealRecipes.plan(Self.recipe, PlanOptions(target: .slurm))
    let infra = plan.processes.filter { $0.role == .infra }
    #expect(infra.map(\.name) == ["nats", "etcd"])
    #expect(infra.map { $0.argv[0] } == ["/configs/nats-server", "/configs/etcd"])
    #expect(infra.allSatisfy { $0.node == 0 && $0.container?.image == plan.processes[0].image })
    for p in plan.processes where p.role != .infra {
      #expect(p.env.contains(EnvVar("ETCD_ENDPOINTS", "http://{node:0}:2379")), "\(p.name)")
      #expect(p.env.contains(EnvVar("NATS_SERVER", "nats://{node:0}:4222")), "\(p.name)")
    }
    #expect(plan.warnings.contains { $0.contains("mount srt-slurm's configs folder there") })

    let text = try SlurmRenderer().render(plan).text
    try ScriptChecks.bashSyntax(text)
    let ready = try #require(text.range(of: "log \"control plane ready\""))
    let firstWorker = try #require(text.range(of: "# --- \(plan.processes[0].name) ("))
    #expect(ready.upperBound < firstWorker.lowerBound)
    #expect(text.range(of: "wait_ready etcd")!.upperBound < ready.lowerBound)
    // The head's address is filled in by the script, in the env as in the argv.
    #expect(text.contains("export ETCD_ENDPOINTS=http://\"${2}\":2379"))
    #expect(!text.contains("{node:"))
  }

  @Test("shell: the image's nats-server and etcd, the head's host in the env")
  func shell() throws {
    let hosts = (1...12).map { "h\($0)" }
    let plan = try RealRecipes.plan(Self.recipe, PlanOptions(target: .shell, nodes: .hosts(hosts)))
    #expect(
      plan.processes.filter { $0.role == .infra }.map { $0.argv[0] } == ["nats-server", "etcd"])
    let text = try ShellRenderer().render(plan).text
    try ScriptChecks.bashSyntax(text)
    #expect(text.contains("export ETCD_ENDPOINTS=http://h1:2379"))
    #expect(text.contains("wait_ready nats h1 8222 /healthz"))
  }

  @Test("a recipe naming its own etcd and NATS starts none; k8s starts none")
  func externalAndK8s() throws {
    let sets = [
      "env.ETCD_ENDPOINTS=http://etcd.example:2379", "env.NATS_SERVER=nats://nats.example:4222",
    ]
    let plan = try RealRecipes.plan(
      Self.recipe,
      PlanOptions(target: .slurm, overrides: sets.map { RecipeOverride(setting: $0)! }))
    #expect(!plan.processes.contains { $0.role == .infra })
    let frontend = try #require(plan.processes.first { $0.role == .frontend })
    #expect(frontend.env.contains(EnvVar("ETCD_ENDPOINTS", "http://etcd.example:2379")))

    let k8s = try RealRecipes.plan(Self.recipe, PlanOptions(target: .k8s))
    #expect(!k8s.processes.contains { $0.role == .infra })
  }

  @Test("a plan without Dynamo starts no control plane")
  func noDynamo() throws {
    let plan = try RealRecipes.plan(
      "deepseek-r1-fp8-h200-agg-tp8", PlanOptions(overrides: [RealRecipes.sglangFrontend]))
    #expect(!plan.processes.contains { $0.role == .infra })
    #expect(!plan.processes.contains { $0.env.contains { $0.name == "ETCD_ENDPOINTS" } })
  }
}
