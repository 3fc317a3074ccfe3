import Foundation
import Launch
import TestSupport
import Testing

@testable import Schema

/// Hostile env values and argv elements must arrive byte-exact and inert on every target.
@Suite struct InjectionTests {
  static let values = SamplePlans.hostile.map {
    $0.replacingOccurrences(of: "CANARY", with: "/nonexistent/canary")
  }

  @Test("shell and sbatch output with hostile values pass bash -n")
  func scripts() throws {
    let plan = SamplePlans.hostilePlan()
    for text in [try ShellRenderer().render(plan).text, try SlurmRenderer().render(plan).text] {
      try ScriptChecks.bashSyntax(text)
    }
  }

  @Test("shell and sbatch output with hostile values pass shellcheck", .requiresShellcheck)
  func scriptsShellcheck() throws {
    let plan = SamplePlans.hostilePlan()
    for text in [try ShellRenderer().render(plan).text, try SlurmRenderer().render(plan).text] {
      try ScriptChecks.shellcheck(text)
    }
  }

  @Test("the shell script delivers hostile argv and env byte-exact and runs nothing")
  func shellRun() throws {
    let engine = try FakeEngine()
    defer { engine.remove() }
    let canary = engine.root.appendingPathComponent("canary").path
    let port = try Tools.freePorts(1)[0]
    let plan = SamplePlans.hostilePlan(port: port, canary: canary)
    let file = engine.root.appendingPathComponent("launch.sh")
    try Tools.write(try ShellRenderer().render(plan).text, to: file)
    let r = try Tools.run(
      ["/bin/bash", file.path],
      environment: engine.environment(runDir: engine.root.appendingPathComponent("run")),
      timeout: 90)
    #expect(r.status == 0, "\(r.output)")
    let records = try engine.load()
    let worker = try #require(records.first { $0.kind == "server" && $0.port == port })
    #expect(worker.argv == plan.processes[0].argv)
    for e in plan.processes[0].env { #expect(worker.env[e.name] == e.value, "\(e.name)") }
    let cfg = try #require(records.first { $0.kind == "server" && $0.port == nil })
    #expect(cfg.argv == plan.processes[1].argv)
    let bench = try #require(records.first { $0.kind == "bench" })
    #expect(bench.argv == plan.benchmark!.argv(concurrency: 3))
    #expect(bench.env["B"] == plan.benchmark!.env[0].value)
    #expect(!FileManager.default.fileExists(atPath: canary), "a hostile value was executed")
  }

  @Test(
    "ssh fan-out delivers hostile argv and env byte-exact through a stand-in ssh, and stops them")
  func sshRun() throws {
    let engine = try FakeEngine()
    defer { engine.remove() }
    try Tools.write(Self.fakeSSH, to: engine.bin.appendingPathComponent("ssh"), executable: true)
    let canary = engine.root.appendingPathComponent("canary").path
    let port = try Tools.freePorts(1)[0]
    var plan = SamplePlans.hostilePlan(port: port, canary: canary, nodes: .hosts(["gpu-a"]))
    plan.processes[0].readiness?.host = "127.0.0.1"
    let file = engine.root.appendingPathComponent("launch.sh")
    let text = try ShellRenderer().render(plan).text
    #expect(text.contains("ssh \"${SSH_OPTS[@]}\" gpu-a -- "))
    try Tools.write(text, to: file)
    let r = try Tools.run(
      ["/bin/bash", file.path],
      environment: engine.environment(runDir: engine.root.appendingPathComponent("run")),
      timeout: 90)
    #expect(r.status == 0, "\(r.output)")
    let records = try engine.load()
    let worker = try #require(records.first { $0.kind == "server" && $0.port == port })
    #expect(worker.argv == plan.processes[0].argv)
    for e in plan.processes[0].env { #expect(worker.env[e.name] == e.value, "\(e.name)") }
    let hosts = try String(
      contentsOf: engine.records.appendingPathComponent("ssh-hosts"), encoding: .utf8)
    #expect(
      hosts.split(separator: "\n").filter { $0 == "gpu-a" }.count >= 3,
      "2 processes + cleanup kills")
    #expect(!FileManager.default.fileExists(atPath: canary), "a hostile value was executed")
    #expect(!Tools.isListening(port))
    for rec in records where rec.kind == "server" { #expect(!Tools.isAlive(rec.pid)) }
  }

  /// A stand-in ssh: skips options and the host, then does what sshd does with the command:
  /// joins the words with spaces and hands them to the login shell with `-c`.
  static let fakeSSH = #"""
    #!/bin/bash
    while [[ $# -gt 0 ]]; do
      case $1 in
        -o) shift 2 ;;
        -*) shift ;;
        *) break ;;
      esac
    done
    host=$1
    shift
    [[ ${1:-} == -- ]] && shift
    echo "$host" >>"$FAKE_RECORD_DIR/ssh-hosts"
    exec bash -c "$*"
    """#

  @Test("the sbatch script delivers hostile argv and env byte-exact through srun bash -c")
  func sbatchRun() throws {
    let engine = try FakeEngine()
    defer { engine.remove() }
    try Tools.write(
      SlurmRendererTests.fakeSrun, to: engine.bin.appendingPathComponent("srun"), executable: true)
    try Tools.write(
      "#!/bin/sh\necho \"$3\" | tr , '\\n'\n", to: engine.bin.appendingPathComponent("scontrol"),
      executable: true)
    let canary = engine.root.appendingPathComponent("canary").path
    let port = try Tools.freePorts(1)[0]
    let plan = SamplePlans.hostilePlan(port: port, canary: canary)
    let file = engine.root.appendingPathComponent("job.sbatch")
    try Tools.write(try SlurmRenderer().render(plan).text, to: file)
    let env = engine.environment(
      runDir: engine.root.appendingPathComponent("run"), extra: ["SLURM_JOB_NODELIST": "127.0.0.1"])
    let r = try Tools.run(["/bin/bash", file.path], environment: env, timeout: 90)
    #expect(r.status == 0, "\(r.output)")
    let records = try engine.load()
    let worker = try #require(records.first { $0.kind == "server" && $0.port == port })
    #expect(worker.argv == plan.processes[0].argv)
    for e in plan.processes[0].env { #expect(worker.env[e.name] == e.value, "\(e.name)") }
    let bench = try #require(records.first { $0.kind == "bench" })
    #expect(bench.argv == plan.benchmark!.argv(concurrency: 3))
    #expect(!FileManager.default.fileExists(atPath: canary), "a hostile value was executed")
    #expect(!Tools.isListening(port))
  }

  @Test("compose output parses back to the exact strings")
  func compose() throws {
    let plan = SamplePlans.hostilePlan()
    let text = try ComposeRenderer().render(plan).text
    let doc = try YAMLChecks.parse(text)
    let worker = try #require(doc["services"]?["worker"])
    let argv =
      (YAMLChecks.strings(worker["entrypoint"]) ?? [])
      + (YAMLChecks.strings(worker["command"]) ?? [])
    #expect(argv == plan.processes[0].argv)
    #expect(worker["command"]?.sequence?.allSatisfy { $0.resolved?.typeName == "string" } == true)
    for e in plan.processes[0].env {
      #expect(YAMLChecks.isString(worker["environment"]?[e.name], e.value), "\(e.name)")
    }
    #expect(YAMLChecks.isString(worker["image"], plan.processes[0].image!))
    let bench = try #require(doc["services"]?["benchmark-c3"])
    #expect(YAMLChecks.isString(bench["environment"]?["B"], plan.benchmark!.env[0].value))
  }

  @Test("compose output with hostile values validates", .requiresJSONSchema("compose-spec.json"))
  func composeValidates() throws {
    let text = try ComposeRenderer().render(SamplePlans.hostilePlan()).text
    try ScriptChecks.jsonSchema(text, schema: "compose-spec.json")
  }

  @Test("DGD output parses back to the exact strings")
  func dynamo() throws {
    let plan = SamplePlans.hostilePlan()
    let doc = try YAMLChecks.parse(try DynamoRenderer().render(plan).text)
    let services = try #require(doc["spec"]?["services"])
    let main = try #require(services["VllmWorker"]?["extraPodSpec"]?["mainContainer"])
    let argv =
      (YAMLChecks.strings(main["command"]) ?? []) + (YAMLChecks.strings(main["args"]) ?? [])
    #expect(argv == plan.processes[0].argv)
    let env = try #require(main["env"]?.sequence)
    #expect(env.count == plan.processes[0].env.count)
    for (node, e) in zip(env, plan.processes[0].env) {
      #expect(YAMLChecks.isString(node["name"], e.name))
      #expect(YAMLChecks.isString(node["value"], e.value), "\(e.name)")
    }
  }

  @Test("engine-config output parses back to the exact strings")
  func engineConfig() throws {
    let plan = SamplePlans.hostilePlan()
    let doc = try YAMLChecks.parse(try EngineConfigRenderer(processName: "cfg").render(plan).text)
    let items = try #require(doc["arg"]?.sequence)
    #expect(items.count == Self.values.count)
    for (node, v) in zip(items, Self.values) {
      // Numbers that read back as the same text are written plain (`0x1F` is a string).
      #expect(node.scalar == v, "\(v)")
      #expect(node.resolved == .string(v) || node.scalarStyle == .plain)
    }
  }
}
