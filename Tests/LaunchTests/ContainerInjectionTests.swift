import Foundation
import Launch
import TestSupport
import Testing

/// Hostile images, mount paths and working directories stay inert and shellcheck-clean in
/// every runtime, and a stand-in `docker` receives them byte-exact.
@Suite struct ContainerInjectionTests {
  /// The hostile sample plan with every process and the benchmark in a hostile container.
  static func plan(_ runtime: ContainerRuntime, port: Int = 8100, canary: String) -> LaunchPlan {
    var plan = SamplePlans.hostilePlan(port: port, canary: canary)
    let c = ProcessContainer(
      image: "img/x;$(touch \(canary))'\"`touch \(canary)`",
      mounts: [
        ContainerMount(source: "/data $(touch \(canary)) '\"", target: "/in ctr;`touch \(canary)`"),
        ContainerMount(source: "~/cache$(touch \(canary))", target: "/cache"),
        ContainerMount(source: ContainerMount.huggingFaceCache, target: "/root/.cache/huggingface"),
      ],
      workdir: "/w $(touch \(canary)) '\"", runtime: runtime)
    for i in plan.processes.indices { plan.processes[i].container = c }
    plan.processes[0].setupScript = "/configs/s $(touch \(canary)).sh"
    plan.benchmark?.container = c
    return plan
  }

  static let slurmRuntimes: [ContainerRuntime] = [.pyxis, .enroot, .apptainer, .none]
  static let shellRuntimes: [ContainerRuntime] = [.docker, .podman, .none]

  @Test("every runtime's scripts pass bash -n with hostile container values")
  func syntax() throws {
    for r in Self.slurmRuntimes {
      try ScriptChecks.bashSyntax(try SlurmRenderer().render(Self.plan(r, canary: "/c")).text)
    }
    for r in Self.shellRuntimes {
      try ScriptChecks.bashSyntax(try ShellRenderer().render(Self.plan(r, canary: "/c")).text)
    }
  }

  @Test(
    "every runtime's scripts pass shellcheck with hostile container values", .requiresShellcheck)
  func shellcheck() throws {
    for r in Self.slurmRuntimes {
      try ScriptChecks.shellcheck(try SlurmRenderer().render(Self.plan(r, canary: "/c")).text)
    }
    for r in Self.shellRuntimes {
      try ScriptChecks.shellcheck(try ShellRenderer().render(Self.plan(r, canary: "/c")).text)
    }
  }

  @Test(
    "compose with hostile container values parses back and validates",
    .requiresJSONSchema("compose-spec.json"))
  func compose() throws {
    let plan = Self.plan(.docker, canary: "/c")
    let text = try ComposeRenderer().render(plan).text
    let doc = try YAMLChecks.parse(text)
    let worker = try #require(doc["services"]?["worker"])
    #expect(YAMLChecks.isString(worker["image"], plan.processes[0].container!.image))
    #expect(YAMLChecks.isString(worker["working_dir"], plan.processes[0].container!.workdir!))
    try ScriptChecks.jsonSchema(text, schema: "compose-spec.json")
  }

  /// A stand-in `docker`: records its argv (NUL-separated), then runs the entrypoint with the
  /// arguments after the image, as `docker run` would inside the container.
  static let docker = #"""
    #!/bin/bash
    printf '%s\0' "$@" >"$FAKE_RECORD_DIR/docker-$$-$RANDOM"
    shift  # run
    entry=
    while [[ $1 == -* ]]; do
      case $1 in
        --rm) shift ;;
        --entrypoint) entry=$2; shift 2 ;;
        *) shift 2 ;;
      esac
    done
    shift  # the image
    exec "$entry" "$@"
    """#

  @Test("docker receives the hostile image, mounts and workdir byte-exact and runs nothing")
  func dockerRun() throws {
    let engine = try FakeEngine()
    defer { engine.remove() }
    try Tools.write(Self.docker, to: engine.bin.appendingPathComponent("docker"), executable: true)
    let canary = engine.root.appendingPathComponent("canary").path
    let port = try Tools.freePorts(1)[0]
    var plan = Self.plan(.docker, port: port, canary: canary)
    plan.processes[0].setupScript = nil
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
    let calls = try FileManager.default.contentsOfDirectory(atPath: engine.records.path)
      .filter { $0.hasPrefix("docker-") }
      .map { try Data(contentsOf: engine.records.appendingPathComponent($0)) }
      .map { $0.split(separator: 0).map { String(decoding: $0, as: UTF8.self) } }
    #expect(calls.count == plan.processes.count + plan.benchmark!.concurrencies.count)
    let c = plan.processes[0].container!
    let home = ProcessInfo.processInfo.environment["HOME"] ?? ""
    for argv in calls {
      #expect(argv.contains(c.image))
      #expect(argv.contains("\(c.mounts[0].source):\(c.mounts[0].target)"))
      #expect(argv.contains("\(home)/cache$(touch \(canary)):/cache"))
      #expect(argv.contains(c.workdir!))
    }
    #expect(!FileManager.default.fileExists(atPath: canary), "a hostile value was executed")
  }
}
