internal import Schema

extension Planner {
  // MARK: - llama.cpp across nodes

  /// The port `rpc-server` listens on unless told otherwise (`tools/rpc/rpc-server.cpp`:
  /// `int port = 50052`, flags `-H/--host` and `-p/--port`; the host defaults to 127.0.0.1,
  /// so a worker reachable from the head binds 0.0.0.0).
  static let llamaRPCPort = 50052

  /// A llama.cpp worker that spans nodes, launched as sparkrun launches it: every node after
  /// the first runs `rpc-server --host 0.0.0.0 --port 50052` on its GPUs, and the first runs
  /// `llama-server ... --rpc {node:1}:50052[,{node:2}:50052...]`, which offloads layers to
  /// those servers. The servers speak no HTTP: their readiness is a TCP connect
  /// (``ReadinessCheck/Probe/tcp``), and the plan starts them before the head
  /// (``LaunchPlan/startStages``).
  func llamaCppRPCNodes(_ worker: LaunchProcess) -> [LaunchProcess] {
    let origin = ValueOrigin(.engineDefault, "multi-node")
    var servers: [LaunchProcess] = []
    for rank in 1..<worker.nodeCount {
      let argv = [
        "rpc-server", "--host", "0.0.0.0", "--port", String(Self.llamaRPCPort),
      ]
      var readiness = ReadinessCheck(path: "")
      readiness.probe = .tcp
      readiness.port = Self.llamaRPCPort
      servers.append(
        LaunchProcess(
          name: "\(worker.name)-rpc\(rank)", role: worker.role, node: worker.node + rank,
          nodeCount: 1, image: worker.image, env: worker.env, argv: argv,
          port: Self.llamaRPCPort, gpus: worker.gpus, readiness: readiness,
          sharedMemory: worker.sharedMemory,
          provenance: [Provenance("--host", origin), Provenance("--port", origin)],
          container: worker.container))
    }
    var head = worker
    head.nodeCount = 1
    head.distributed = nil
    let endpoints = servers.map {
      NodeHostTemplate.placeholder($0.node) + ":" + String(Self.llamaRPCPort)
    }
    head.argv = LaunchProcess.removingFlags(["--rpc"], from: worker.argv)
      + ["--rpc", endpoints.joined(separator: ",")]
    head.provenance.removeAll { $0.key == "--rpc" }
    head.provenance.append(Provenance("--rpc", origin))
    return servers + [head]
  }
}
