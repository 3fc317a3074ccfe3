// MARK: - Accessors for the index and for launch plans

extension RecipeV2 {
  /// The engine's name (`engine.name`).
  public var engineName: Engine.Name { engine.name }
  /// The engine's version, if given (`engine.version`).
  public var engineVersion: String? { engine.version }
  /// The engine's container image, if given (`engine.image`).
  public var engineImage: String? { engine.image }
  /// The GPU type, if given (`resources.gpu_type`).
  public var gpuType: String? { resources?.gpuType }
  /// The GPUs of one node, if given (`resources.gpus_per_node`).
  public var gpusPerNode: Int? { resources?.gpusPerNode }
  /// Aggregated or disaggregated, from the topology.
  public var topologyMode: Topology.Mode { topology.mode }

  /// Nodes of one role (nil when the topology has no such role).
  public func nodes(of role: Role) -> Int? { topology.roles[role]?.nodes }
  /// Workers (engine instances) of one role.
  public func workers(of role: Role) -> Int? { topology.roles[role]?.workers }

  /// Nodes over all roles.
  public var totalNodes: Int { topology.roles.values.reduce(0) { $0 + $1.nodes } }

  /// GPUs over all roles: nodes × gpus per node when the GPUs per node are known, otherwise
  /// the sum of workers × gpus per worker when every role gives it; nil when unknown.
  public var totalGPUs: Int? {
    if let g = resources?.gpusPerNode { return totalNodes * g }
    var sum = 0
    for p in topology.roles.values {
      guard let g = p.gpusPerWorker else { return nil }
      sum += p.workers * g
    }
    return sum
  }

  /// What `role` runs with: the common serving fields, args and env with the role's overrides
  /// on top (a role arg or env var replaces the common one in place; `null` removes it; new
  /// ones are appended in order).
  public func resolved(role: Role) -> ResolvedRole {
    let rc = roles[role] ?? RoleConfig()
    var outArgs = args
    for a in rc.args {
      if let i = outArgs.firstIndex(where: { $0.flag == a.flag }) {
        outArgs[i] = a
      } else {
        outArgs.append(a)
      }
    }
    outArgs.removeAll { $0.value == .null }
    var outEnv = env
    for e in rc.env {
      if let i = outEnv.firstIndex(where: { $0.name == e.name }) {
        outEnv[i] = e
      } else {
        outEnv.append(e)
      }
    }
    outEnv.removeAll { $0.value == nil }
    return ResolvedRole(
      role: role, placement: topology.roles[role], serving: serving.overlaid(by: rc.serving),
      args: outArgs, env: outEnv)
  }
}
