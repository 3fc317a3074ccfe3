extension Planner {
  // MARK: - Dynamo's control plane

  /// Where srtctl mounts srt-slurm's `configs/` folder (NATS, etcd, setup scripts).
  static let srtSlurmConfigs = "/configs"

  /// etcd's client port, NATS's port and NATS's monitoring port (srtctl `ports.py`).
  static let etcdClientPort = 2379
  static let natsPort = 4222
  static let natsMonitorPort = 8222

  /// NATS and etcd on the head node, which every Dynamo worker and frontend meet through, as
  /// srtctl's `setup_head.py` starts them: in the job's image, NATS with JetStream in
  /// `/tmp/nats`, etcd in `/tmp/etcd` advertising the head's address. On SLURM the binaries
  /// come from srt-slurm's `configs/` folder mounted at `/configs` (srtctl's layout); elsewhere
  /// from the image's PATH (Dynamo's runtime images ship both).
  func controlPlane(image: String, target: LaunchTarget, runtime: ContainerRuntime?)
    -> [LaunchProcess]
  {
    let dir = target == .slurm && runtime?.usesImage == true ? Self.srtSlurmConfigs + "/" : ""
    let origin = ValueOrigin(.engineDefault, "dynamo-control-plane")
    let nats = LaunchProcess(
      name: "nats", role: .infra, image: image,
      argv: [
        dir + "nats-server", "-js", "-sd", "/tmp/nats", "-p", String(Self.natsPort), "-m",
        String(Self.natsMonitorPort),
      ],
      port: Self.natsPort,
      readiness: ReadinessCheck(path: "/healthz", port: Self.natsMonitorPort),
      provenance: [Provenance("-p", origin), Provenance("-m", origin)])
    let etcd = LaunchProcess(
      name: "etcd", role: .infra, image: image,
      argv: [
        dir + "etcd", "--data-dir", "/tmp/etcd", "--listen-client-urls",
        "http://0.0.0.0:\(Self.etcdClientPort)", "--advertise-client-urls",
        "http://\(NodeHostTemplate.placeholder(0)):\(Self.etcdClientPort)",
      ],
      port: Self.etcdClientPort,
      readiness: ReadinessCheck(path: "/health"),
      provenance: [
        Provenance("--listen-client-urls", origin), Provenance("--advertise-client-urls", origin),
      ])
    return [nats, etcd]
  }

  /// Where Dynamo processes find the control plane: `ETCD_ENDPOINTS` and `NATS_SERVER` on the
  /// head node, as srtctl sets them on every process.
  static var controlPlaneEnv: [EnvVar] {
    let head = NodeHostTemplate.placeholder(0)
    return [
      EnvVar("ETCD_ENDPOINTS", "http://\(head):\(etcdClientPort)"),
      EnvVar("NATS_SERVER", "nats://\(head):\(natsPort)"),
    ]
  }

  /// Adds the control plane to `processes` (renderers start it first and wait for it) and
  /// points every Dynamo process at it. A recipe whose workers name their own etcd and NATS
  /// (`ETCD_ENDPOINTS` and `NATS_SERVER` in their env) uses those: nothing is started and the
  /// frontend gets the same. Not on k8s, where the Dynamo platform runs it.
  func addControlPlane(
    _ processes: inout [LaunchProcess], image: String, target: LaunchTarget,
    runtime: ContainerRuntime?
  ) {
    guard target != .k8s, target != .engineConfig else { return }
    let names = Set(Self.controlPlaneEnv.map(\.name))
    let workers = processes.filter(\.role.isWorker)
    let external =
      !workers.isEmpty
      && workers.allSatisfy { w in names.isSubset(of: Set(w.env.map(\.name))) }
    let env = external ? workers[0].env.filter { names.contains($0.name) } : Self.controlPlaneEnv
    let origin = ValueOrigin(
      external ? .recipe : .engineDefault, external ? "env" : "dynamo-control-plane")
    for i in processes.indices {
      for e in env where !processes[i].env.contains(where: { $0.name == e.name }) {
        processes[i].env.append(e)
        processes[i].provenance.append(Provenance("env:" + e.name, origin))
      }
    }
    if !external {
      processes += controlPlane(image: image, target: target, runtime: runtime)
    }
  }
}
