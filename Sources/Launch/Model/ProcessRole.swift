/// What a process does in a deployment.
public enum ProcessRole: String, Sendable, Hashable, Codable, CaseIterable {
  case prefill
  case decode
  case aggregated
  case frontend
  case router
  case benchmark
  /// Dynamo's control plane (etcd, NATS) that workers and frontends meet through.
  case infra

  /// Whether the process is an engine worker that owns GPUs and nodes.
  public var isWorker: Bool {
    switch self {
    case .prefill, .decode, .aggregated: return true
    case .frontend, .router, .benchmark, .infra: return false
    }
  }
}
