extension LaunchPlan {
  /// The processes in the order a launch starts them: Dynamo's control plane (etcd, NATS)
  /// first, ready before the processes that meet through it, then the rest. Stages without
  /// processes are left out; each carries the line its readiness wait logs when done.
  var startStages: [(processes: [LaunchProcess], readyMessage: String)] {
    let infra = processes.filter { $0.role == .infra }
    let rest = processes.filter { $0.role != .infra }
    return [(infra, "control plane ready"), (rest, "all processes ready")].filter {
      !$0.0.isEmpty
    }
  }
}
