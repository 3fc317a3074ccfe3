internal import Schema

extension Planner {
  // MARK: - vLLM across nodes

  /// A vLLM worker that spans nodes, launched as srtctl launches it (`backends/vllm.py`): one
  /// process per node, on that node's GPUs.
  ///
  /// - Data parallel with a replica (TP × PP) within a node, under Dynamo or where the recipe
  ///   asks for vLLM's per-node ranks (`--data-parallel-size-local`, `--data-parallel-hybrid-lb`):
  ///   each node runs its local ranks (`--data-parallel-size-local`, `--data-parallel-start-rank`,
  ///   the head's `--data-parallel-address` and RPC port). With hybrid load balancing (always
  ///   under Dynamo) every node is a server; without it the nodes after the first are headless.
  /// - Otherwise (tensor or pipeline parallel across nodes; data parallel through `vllm
  ///   serve`): vLLM's own multi-node serve, `--master-addr HEAD --nnodes N --node-rank R`, and
  ///   the ranks after the first `--headless`, without the API server's flags, port or
  ///   readiness check.
  func vllmNodes(
    _ worker: LaunchProcess, serving s: RecipeV2.Serving, dynamo: Bool,
    ports: inout WorkerPorts
  ) -> [LaunchProcess] {
    let nodes = worker.nodeCount
    let head = NodeHostTemplate.placeholder(worker.node)
    let local = worker.gpus?.count ?? 1
    let replica = (s.tensorParallelSize ?? 1) * (s.pipelineParallelSize ?? 1)
    let asks = { (flag: String) in worker.argv.contains(flag) }
    let hybrid = dynamo || asks("--data-parallel-hybrid-lb")
    let dataParallel =
      s.dataParallelSize != nil && (hybrid || asks("--data-parallel-size-local"))
    // The recipe's RPC port where it sets one; srtctl derives the rest from the allocation.
    let given = LaunchProcess.flagValues(worker.argv).last {
      $0.flag == "--data-parallel-rpc-port"
    }?.value
    var rpcPort: String?
    if dataParallel {
      rpcPort = given ?? String(ports.nextInitPort)
      if given == nil { ports.nextInitPort += 1 }
    }

    let perNodeServers = dataParallel && replica <= local && local % replica == 0
    // The flags this launch derives replace the recipe's own; the others stay as written.
    var derived: Set<String> = ["--master-addr", "--nnodes", "--node-rank", "--headless"]
    if dataParallel {
      derived.formUnion(["--data-parallel-address", "--data-parallel-rpc-port"])
    }
    if perNodeServers { derived = Self.vllmTopologyFlags }
    let base = LaunchProcess.removingFlags(derived, from: worker.argv)
    let origin = ValueOrigin(.engineDefault, "multi-node")

    var out: [LaunchProcess] = []
    for rank in 0..<nodes {
      var p = worker
      p.name = rank == 0 ? worker.name : "\(worker.name)-node\(rank)"
      p.node = worker.node + rank
      p.nodeCount = 1
      p.distributed = nil
      p.argv = base
      var added: [String]
      if perNodeServers, let rpcPort {
        let size = local / replica
        added = [
          "--data-parallel-size-local", String(size), "--data-parallel-start-rank",
          String(rank * size), "--data-parallel-address", head, "--data-parallel-rpc-port",
          rpcPort,
        ]
        if hybrid {
          added.append("--data-parallel-hybrid-lb")
          if rank > 0, let check = p.readiness, check.port != nil {
            p.readiness = followerReadiness(&p, check: check, ports: &ports)
          }
        } else if rank > 0 {
          added.append("--headless")
          Self.dropServer(&p)
        }
      } else {
        added = ["--master-addr", head, "--nnodes", String(nodes), "--node-rank", String(rank)]
        if let rpcPort {
          added += ["--data-parallel-address", head, "--data-parallel-rpc-port", rpcPort]
        }
        if rank > 0 {
          added.append("--headless")
          Self.dropServer(&p)
        }
      }
      p.argv += added
      p.provenance += LaunchProcess.flagValues(added).map { Provenance($0.flag, origin) }
      out.append(p)
    }
    return out
  }

  /// The flags srtctl derives from the allocation for a vLLM worker whose nodes each run
  /// their local data-parallel ranks, dropped from the recipe's words before the planner adds
  /// its own.
  static let vllmTopologyFlags: Set<String> = [
    "--data-parallel-rpc-port", "--data-parallel-size-local", "--data-parallel-start-rank",
    "--data-parallel-hybrid-lb", "--data-parallel-address", "--headless", "--master-addr",
    "--nnodes", "--node-rank",
  ]

  /// A headless rank runs no API server: no host, port or API server count, no readiness check.
  private static func dropServer(_ p: inout LaunchProcess) {
    let serverFlags: Set<String> = ["--host", "--port", "--api-server-count"]
    p.argv = LaunchProcess.removingFlags(serverFlags, from: p.argv)
    p.provenance.removeAll { serverFlags.contains($0.key) }
    p.port = nil
    p.readiness = nil
  }

  /// A Dynamo worker's own readiness on its node: the next system port, set in its env.
  private func followerReadiness(
    _ p: inout LaunchProcess, check: ReadinessCheck, ports: inout WorkerPorts
  ) -> ReadinessCheck {
    guard let i = p.env.firstIndex(where: { $0.name == "DYN_SYSTEM_PORT" }),
      p.provenance.contains(where: {
        $0.key == "env:DYN_SYSTEM_PORT" && $0.origin.kind == .engineDefault
      })
    else { return check }
    let port = ports.system.take()
    p.env[i] = EnvVar("DYN_SYSTEM_PORT", String(port))
    var moved = check
    moved.port = port
    return moved
  }
}
