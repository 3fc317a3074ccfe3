/// Why a plan cannot be rendered.
public enum LaunchError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A plan field holds a value no renderer can write safely.
  case invalidPlan(field: String, message: String)
  /// A recipe that needs several nodes was asked to run on one.
  case clusterOnly(recipe: String, nodes: Int)
  /// The target cannot express something the plan needs.
  case unsupported(target: LaunchTarget, message: String)

  /// A one-line message naming what is wrong.
  public var description: String {
    switch self {
    case .invalidPlan(let field, let message):
      return "invalid plan: \(field): \(message)"
    case .clusterOnly(let recipe, let nodes):
      return """
        recipe '\(recipe)' requires cluster mode (\(nodes) nodes); it is too large to run on one node.
        Options:
          1. name the nodes:      --nodes node1,node2
          2. use a scheduler:     --target slurm or --target k8s
        """
    case .unsupported(let target, let message):
      return "target '\(target.rawValue)' cannot express this plan: \(message)"
    }
  }
}
