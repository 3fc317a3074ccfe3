import Foundation
import Launch
import TestSupport
import Testing

@Suite struct SlurmRendererTests {
  static let plans: [(String, LaunchPlan)] = [
    ("vllm aggregated", SamplePlans.vllmAggregated()),
    ("sglang disaggregated", SamplePlans.sglangDisaggregated()),
    ("dynamo", SamplePlans.dynamoVLLM()),
  ]

  @Test("sbatch output passes bash -n", arguments: plans.indices)
  func lint(_ index: Int) throws {
    try ScriptChecks.bashSyntax(try SlurmRenderer().render(Self.plans[index].1).text)
  }

  @Test("sbatch output passes shellcheck", .requiresShellcheck, arguments: plans.indices)
  func shellcheck(_ index: Int) throws {
    try ScriptChecks.shellcheck(try SlurmRenderer().render(Self.plans[index].1).text)
  }

  @Test("header, node groups and per-role srun; nothing run-specific baked in")
  func structure() throws {
    let text = try SlurmRenderer().render(SamplePlans.sglangDisaggregated()).text
    let header = text.split(separator: "\n").filter { $0.hasPrefix("#SBATCH") }
    #expect(
      header == [
        "#SBATCH --job-name=dsr1-1p2d", "#SBATCH --nodes=3", "#SBATCH --ntasks-per-node=1",
        "#SBATCH --exclusive", "#SBATCH --gpus-per-node=8", "#SBATCH --time=04:00:00",
      ])
    #expect(text.contains("scontrol show hostnames \"$SLURM_JOB_NODELIST\""))
    #expect(text.contains("PREFILL_NODES=(\"${NODES[@]:0:1}\")"))
    #expect(text.contains("DECODE_NODES=(\"${NODES[@]:1:2}\")"))
    #expect(text.contains("srun --nodes=2 --ntasks=2 --ntasks-per-node=1"))
    #expect(text.contains("--dist-init-addr \"$1\":5757 --nnodes 2 --node-rank \"$SLURM_PROCID\""))
    #expect(!text.contains("--export"))
    #expect(!text.contains("127.0.0.1:30000"), "worker addresses must come from the node list")
  }

  @Test("the sbatch script runs end to end with stand-in srun/scontrol and the fake engine")
  func runsWithStandInSlurm() throws {
    let engine = try FakeEngine()
    defer { engine.remove() }
    try Tools.write(Self.fakeSrun, to: engine.bin.appendingPathComponent("srun"), executable: true)
    try Tools.write(
      "#!/bin/sh\n[ \"$1 $2\" = 'show hostnames' ] || exit 2\necho \"$3\" | tr , '\\n'\n",
      to: engine.bin.appendingPathComponent("scontrol"), executable: true)
    let p = try Tools.freePorts(5)
    let ports = SamplePlans.DisaggPorts(
      prefill: p[0], decode: p[1], router: p[2], bootstrap: p[3], distInit: p[4])
    let plan = SamplePlans.sglangDisaggregated(ports: ports)
    let file = engine.root.appendingPathComponent("job.sbatch")
    try Tools.write(try SlurmRenderer().render(plan).text, to: file)
    let env = engine.environment(
      runDir: engine.root.appendingPathComponent("run"),
      extra: ["SLURM_JOB_NODELIST": "127.0.0.1,127.0.0.1,127.0.0.1", "SLURM_JOB_ID": "1"])
    let r = try Tools.run(["/bin/bash", file.path], environment: env, timeout: 90)
    #expect(!r.timedOut)
    #expect(r.status == 0, "\(r.output)")
    let records = try engine.load()
    let decodes = records.filter { $0.kind == "server" && $0.argv.contains("--node-rank") }
      .sorted { ($0.rank ?? "") < ($1.rank ?? "") }
    try #require(decodes.count == 2, "\(r.output)")
    for (rank, d) in decodes.enumerated() {
      #expect(
        d.argv == plan.processes[1].argv + [
          "--dist-init-addr", "127.0.0.1:\(ports.distInit)", "--nnodes", "2", "--node-rank",
          String(rank),
        ])
      #expect(d.env["DECODE_ONLY"] == "on")
    }
    let router = try #require(records.first { $0.argv.contains("sglang_router.launch_router") })
    #expect(router.argv.contains("http://127.0.0.1:\(ports.decode)"))
    #expect(records.filter { $0.kind == "bench" }.map(\.concurrency) == [2, 8])
    for port in [p[0], p[1], p[2]] { #expect(!Tools.isListening(port)) }
    for rec in records where rec.kind == "server" { #expect(!Tools.isAlive(rec.pid)) }
  }

  /// A stand-in `srun`: runs `--ntasks` copies of the command locally with SLURM_PROCID set,
  /// writing `--output` (with `%t`), and forwards TERM/INT to them.
  static let fakeSrun = #"""
    #!/bin/bash
    ntasks=1 out=
    while [[ $# -gt 0 && $1 == -* ]]; do
      case $1 in
        --ntasks=*) ntasks=${1#*=} ;;
        --output=*) out=${1#*=} ;;
      esac
      shift
    done
    pids=()
    for ((t = 0; t < ntasks; t++)); do
      f=${out//%t/$t}
      SLURM_PROCID=$t "$@" >"${f:-/dev/stderr}" 2>&1 &
      pids+=($!)
    done
    trap 'kill -TERM "${pids[@]}" 2>/dev/null' TERM INT
    wait "${pids[@]}"
    wait
    """#
}
