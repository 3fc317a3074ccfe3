import Foundation
import Launch
import Testing

/// Runs rendered sbatch scripts with stand-in `srun`, `enroot` and `apptainer` on PATH that
/// record their argv, and checks the container flags each step gets; the steps still run (the
/// stand-ins run the command on this machine, with the fake engine).
@Suite struct ContainerStepTests {
  static let image = "nvcr.io/nvidia/sglang:0.5.8"
  static let sqsh = "/shared/containers/sglang.sqsh"

  /// The sample disaggregated plan with every process and the benchmark in a container.
  static func containerized(
    _ runtime: ContainerRuntime, image: String = image, ports: SamplePlans.DisaggPorts
  ) -> LaunchPlan {
    var plan = SamplePlans.sglangDisaggregated(ports: ports)
    let mounts = [
      ContainerMount(source: "$RUN_DIR", target: "/logs"),
      ContainerMount(source: "/models/dsr1", target: "/model"),
    ]
    let c = ProcessContainer(image: image, mounts: mounts, runtime: runtime)
    for i in plan.processes.indices { plan.processes[i].container = c }
    plan.benchmark?.container = c
    return plan
  }

  /// A stand-in that appends its name and argv (NUL-separated, one file per call) to the
  /// record dir, then runs what follows its own options the way the real tool would.
  static func recorder(_ tool: String, run: String) -> String {
    """
    #!/bin/bash
    f="$FAKE_RECORD_DIR/argv-\(tool)-$$-$RANDOM"
    printf '%s\\0' \(tool) "$@" >"$f"
    \(run)
    """
  }

  /// `srun` that records, then runs like the stand-in of the SLURM renderer tests.
  static let srun = recorder(
    "srun", run: SlurmRendererTests.fakeSrun.replacingOccurrences(of: "#!/bin/bash\n", with: ""))

  /// `enroot`: `start` runs the command after the container name; the rest succeed.
  static let enroot = recorder(
    "enroot",
    run: """
      [[ $1 == start ]] || exit 0
      shift
      while [[ $1 == -* ]]; do
        case $1 in --rw) shift ;; *) shift 2 ;; esac
      done
      shift
      exec "$@"
      """)

  /// `apptainer exec`: runs the command after the image.
  static let apptainer = recorder(
    "apptainer",
    run: """
      shift
      while [[ $1 == -* ]]; do
        case $1 in --nv) shift ;; *) shift 2 ;; esac
      done
      shift
      exec "$@"
      """)

  struct Call {
    var tool: String
    var argv: [String]
  }

  static func calls(_ engine: FakeEngine) throws -> [Call] {
    let files = try FileManager.default.contentsOfDirectory(atPath: engine.records.path)
      .filter { $0.hasPrefix("argv-") }
    return try files.map {
      let data = try Data(contentsOf: engine.records.appendingPathComponent($0))
      let words = data.split(separator: 0, omittingEmptySubsequences: false).dropLast().map {
        String(decoding: $0, as: UTF8.self)
      }
      return Call(tool: words.first ?? "", argv: Array(words.dropFirst()))
    }
  }

  /// Renders `plan`, runs it with the stand-ins, and returns the calls, the fake engine's
  /// records and the run dir.
  static func run(_ plan: LaunchPlan, engine: FakeEngine) throws -> (
    [Call], [FakeEngine.Record], String
  ) {
    try Tools.write(srun, to: engine.bin.appendingPathComponent("srun"), executable: true)
    try Tools.write(enroot, to: engine.bin.appendingPathComponent("enroot"), executable: true)
    try Tools.write(apptainer, to: engine.bin.appendingPathComponent("apptainer"), executable: true)
    try Tools.write(
      "#!/bin/sh\n[ \"$1 $2\" = 'show hostnames' ] || exit 2\necho \"$3\" | tr , '\\n'\n",
      to: engine.bin.appendingPathComponent("scontrol"), executable: true)
    let file = engine.root.appendingPathComponent("job.sbatch")
    try Tools.write(try SlurmRenderer().render(plan).text, to: file)
    let runDir = engine.root.appendingPathComponent("run")
    let env = engine.environment(
      runDir: runDir,
      extra: ["SLURM_JOB_NODELIST": "127.0.0.1,127.0.0.1,127.0.0.1", "SLURM_JOB_ID": "7"])
    let r = try Tools.run(["/bin/bash", file.path], environment: env, timeout: 90)
    #expect(!r.timedOut)
    #expect(r.status == 0, "\(r.output)")
    return (try calls(engine), try engine.load(), runDir.path)
  }

  static func ports() throws -> SamplePlans.DisaggPorts {
    let p = try Tools.freePorts(5)
    return SamplePlans.DisaggPorts(
      prefill: p[0], decode: p[1], router: p[2], bootstrap: p[3], distInit: p[4])
  }

  @Test("pyxis: every srun step gets the image, mounts, workdir and --no-container-mount-home")
  func pyxis() throws {
    let engine = try FakeEngine()
    defer { engine.remove() }
    var plan = Self.containerized(.pyxis, ports: try Self.ports())
    for i in plan.processes.indices { plan.processes[i].container?.workdir = "/logs" }
    let (calls, records, runDir) = try Self.run(plan, engine: engine)
    let steps = calls.filter { $0.tool == "srun" }
    // One step per process, one per benchmark concurrency.
    #expect(steps.count == plan.processes.count + plan.benchmark!.concurrencies.count)
    for step in steps {
      let name = step.argv.first { $0.hasPrefix("--job-name=") } ?? "?"
      #expect(step.argv.contains("--container-image=nvcr.io#nvidia/sglang:0.5.8"), "\(name)")
      #expect(
        step.argv.contains("--container-mounts=\(runDir):/logs,/models/dsr1:/model"), "\(name)")
      #expect(step.argv.contains("--no-container-mount-home"), "\(name)")
      #expect(step.argv.contains("--no-container-entrypoint"), "\(name)")
    }
    let workerSteps = steps.filter { !$0.argv.contains { $0.hasPrefix("--job-name=benchmark") } }
    #expect(workerSteps.allSatisfy { $0.argv.contains("--container-workdir=/logs") })
    #expect(records.filter { $0.kind == "server" }.count == 4)
    #expect(records.filter { $0.kind == "bench" }.map(\.concurrency) == [2, 8])
  }

  @Test("enroot: each task creates a container from the image and starts the process in it")
  func enroot() throws {
    let engine = try FakeEngine()
    defer { engine.remove() }
    let plan = Self.containerized(.enroot, image: Self.sqsh, ports: try Self.ports())
    let (calls, records, runDir) = try Self.run(plan, engine: engine)
    let steps = calls.filter { $0.tool == "srun" }
    #expect(steps.allSatisfy { !$0.argv.contains { $0.hasPrefix("--container-") } })
    let creates = calls.filter { $0.tool == "enroot" && $0.argv.first == "create" }
    let starts = calls.filter { $0.tool == "enroot" && $0.argv.first == "start" }
    // prefill, two decode ranks, router, two benchmark runs.
    #expect(creates.count == 6)
    #expect(creates.allSatisfy { $0.argv.last == Self.sqsh })
    #expect(starts.count == 6)
    for s in starts {
      #expect(s.argv.starts(with: ["start", "--rw", "--env", "SLURM_PROCID"]))
      #expect(s.argv.contains("\(runDir):/logs"))
      #expect(s.argv.contains("/models/dsr1:/model"))
    }
    let names = starts.compactMap { $0.argv.first { $0.hasPrefix("registry-") } }.sorted()
    #expect(
      names == [
        "registry-benchmark-7-0-0", "registry-benchmark-7-0-0", "registry-decode-7-0-0",
        "registry-decode-7-0-1", "registry-prefill-7-0-0", "registry-router-7-0-0",
      ])
    #expect(calls.filter { $0.tool == "enroot" && $0.argv.first == "remove" }.count == 6)
    #expect(records.filter { $0.kind == "server" }.count == 4)
    #expect(records.filter { $0.kind == "bench" }.count == 2)
  }

  @Test("enroot imports a registry image first, spelled REGISTRY#IMAGE")
  func enrootImport() throws {
    let engine = try FakeEngine()
    defer { engine.remove() }
    let plan = Self.containerized(.enroot, ports: try Self.ports())
    let (calls, _, _) = try Self.run(plan, engine: engine)
    let imports = calls.filter { $0.tool == "enroot" && $0.argv.first == "import" }
    #expect(imports.count == 6)
    #expect(imports.allSatisfy { $0.argv.last == "docker://nvcr.io#nvidia/sglang:0.5.8" })
  }

  @Test("apptainer: exec --nv with --bind mounts runs each process in the image")
  func apptainer() throws {
    let engine = try FakeEngine()
    defer { engine.remove() }
    let plan = Self.containerized(.apptainer, image: Self.sqsh, ports: try Self.ports())
    let (calls, records, runDir) = try Self.run(plan, engine: engine)
    let execs = calls.filter { $0.tool == "apptainer" }
    #expect(execs.count == 6)
    for e in execs {
      #expect(
        e.argv.starts(with: [
          "exec", "--nv", "--bind", "\(runDir):/logs,/models/dsr1:/model", Self.sqsh, "bash", "-c",
        ]))
    }
    #expect(records.filter { $0.kind == "server" }.count == 4)
  }

  @Test("runtime none: steps run on the node, no container flag anywhere")
  func none() throws {
    let engine = try FakeEngine()
    defer { engine.remove() }
    let plan = Self.containerized(.none, ports: try Self.ports())
    let (calls, records, _) = try Self.run(plan, engine: engine)
    #expect(calls.allSatisfy { $0.tool == "srun" })
    #expect(calls.allSatisfy { !$0.argv.contains { $0.hasPrefix("--container") } })
    #expect(records.filter { $0.kind == "server" }.count == 4)
  }
}
