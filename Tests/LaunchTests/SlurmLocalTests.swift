import Foundation
import Launch
import TestSupport
import Testing

/// Runs the rendered sbatch script on a real throw-away SLURM cluster on this machine
/// (`scripts/slurm-local-test`: munged, slurmctld and three slurmd, no systemd).
@Suite(.serialized) struct SlurmLocalTests {
  static var unavailableReason: String? {
    for tool in ["sbatch", "slurmctld", "slurmd", "munged", "scontrol", "sinfo"]
    where Subprocess.which(tool) == nil
      && !FileManager.default.isExecutableFile(atPath: "/usr/sbin/\(tool)")
    {
      return "\(tool) is not installed (apt-get install slurm-wlm munge)"
    }
    if getuid() != 0 { return "slurmd needs root" }
    return nil
  }

  @Test(
    "disaggregated plan runs with sbatch --wait on a local 3-node SLURM cluster",
    .enabled(if: unavailableReason == nil, Comment(rawValue: unavailableReason ?? "")))
  func sbatchWait() throws {
    let engine = try FakeEngine()
    defer { engine.remove() }
    let p = try Tools.freePorts(5)
    let ports = SamplePlans.DisaggPorts(
      prefill: p[0], decode: p[1], router: p[2], bootstrap: p[3], distInit: p[4])
    var plan = SamplePlans.sglangDisaggregated(ports: ports)
    plan.scheduling.gpusPerNode = nil  // no GPUs (gres) on the test cluster
    // Nodes are named n1..n3 but all live on 127.0.0.1.
    for i in plan.processes.indices { plan.processes[i].readiness?.host = "127.0.0.1" }
    let job = engine.root.appendingPathComponent("job.sbatch")
    try Tools.write(try SlurmRenderer().render(plan).text, to: job)
    var env = engine.environment(runDir: engine.root.appendingPathComponent("run"))
    env["PATH"] = (env["PATH"] ?? "") + ":/usr/sbin:/sbin"
    let script = Tools.packageRoot.appendingPathComponent("scripts/slurm-local-test").path
    let r = try Tools.run(
      ["/bin/bash", script, job.path, "3", "120"], environment: env, timeout: 180)
    #expect(!r.timedOut)
    #expect(r.status == 0, "\(r.output)")

    let records = try engine.load()
    let servers = records.filter { $0.kind == "server" }
    #expect(servers.count == 4, "\(r.output)")
    let prefill = try #require(
      servers.first { $0.argv.contains("prefill") && $0.argv.contains("--disaggregation-mode") },
      "\(r.output)")
    #expect(prefill.argv == plan.processes[0].argv)
    #expect(prefill.env["PREFILL_ONLY"] == "yes")
    #expect(prefill.env["SLURMD_NODENAME"] == "n1")
    let decodes = servers.filter { $0.argv.contains("--node-rank") }.sorted {
      ($0.rank ?? "") < ($1.rank ?? "")
    }
    try #require(decodes.count == 2)
    for (rank, d) in decodes.enumerated() {
      #expect(
        d.argv == plan.processes[1].argv + [
          "--dist-init-addr", "n2:\(ports.distInit)", "--nnodes", "2", "--node-rank", String(rank),
        ])
      #expect(d.env["SLURMD_NODENAME"] == "n\(rank + 2)")
      #expect(d.env["DECODE_ONLY"] == "on")
    }
    let router = try #require(servers.first { $0.argv.contains("sglang_router.launch_router") })
    #expect(router.argv.contains("http://n2:\(ports.decode)"))
    #expect(records.filter { $0.kind == "bench" }.map(\.concurrency) == [2, 8])
    for port in [p[0], p[1], p[2]] { #expect(!Tools.isListening(port)) }
    for rec in servers { #expect(!Tools.isAlive(rec.pid)) }
  }
}
