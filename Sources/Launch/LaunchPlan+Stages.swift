extension LaunchPlan {
  /// The processes in the order a launch starts them: Dynamo's control plane (etcd, NATS)
  /// first, ready before the processes that meet through it; then the backends that another
  /// process connects to as it starts (those probed over TCP: llama.cpp's `rpc-server`s,
  /// which the head's `--rpc` needs up); then the rest. Stages without processes are left
  /// out; each carries the line its readiness wait logs when done.
  var startStages: [(processes: [LaunchProcess], readyMessage: String)] {
    let infra = processes.filter { $0.role == .infra }
    let backends = processes.filter { $0.role != .infra && $0.readiness?.probe == .tcp }
    let rest = processes.filter { $0.role != .infra && $0.readiness?.probe != .tcp }
    return [
      (infra, "control plane ready"), (backends, "rpc servers ready"),
      (rest, "all processes ready"),
    ].filter { !$0.0.isEmpty }
  }
}
