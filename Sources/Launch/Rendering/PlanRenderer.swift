/// Turns a ``LaunchPlan`` into the text of one launch target.
public protocol PlanRenderer: Sendable {
  /// The target this renderer writes.
  var target: LaunchTarget { get }

  /// Renders a plan.
  ///
  /// - Throws: ``LaunchError`` when the plan is invalid or the target cannot express it.
  func render(_ plan: LaunchPlan) throws(LaunchError) -> RenderedLaunch
}

extension LaunchTarget {
  /// The renderer for this target with default options.
  public var renderer: any PlanRenderer {
    switch self {
    case .shell: return ShellRenderer()
    case .compose: return ComposeRenderer()
    case .slurm: return SlurmRenderer()
    case .k8s: return DynamoRenderer()
    case .engineConfig: return EngineConfigRenderer()
    }
  }
}
