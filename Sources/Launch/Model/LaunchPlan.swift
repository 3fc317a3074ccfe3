/// A fully resolved launch: what runs where, with which arguments, and how to tell it is up.
///
/// A plan is data. It is built from a recipe (plus variant and overrides) by a planner and
/// handed to a ``PlanRenderer``, which turns it into a shell script, a compose file, an sbatch
/// script, a Dynamo `DynamoGraphDeployment`, or an engine config file. Nothing in a plan is
/// trusted: every renderer quotes every value it writes.
///
/// Encoded as JSON with sorted keys (``jsonString()``), a plan is the `--json` output.
public struct LaunchPlan: Sendable, Hashable, Codable {
  /// The recipe this plan was built from.
  public var recipe: RecipeReference
  /// The output the plan is meant for (informational; any renderer accepts any plan).
  public var target: LaunchTarget
  /// The serving engine, such as `vllm`, `sglang` or `trtllm`.
  public var engine: String
  /// The nodes to run on, head node first.
  public var nodes: NodeSet
  /// The model being served.
  public var model: ModelReference
  /// The long-running processes (workers, frontends, routers), in start order.
  public var processes: [LaunchProcess]
  /// The benchmark run after every process passed its readiness check, if any.
  public var benchmark: BenchmarkStep?
  /// Batch-scheduler settings (job name, time limit, GPUs per node).
  public var scheduling: SchedulingOptions
  /// Things the planner wants the user to know (duplicate flags, ignored settings, ...).
  public var warnings: [String]
  /// Why the plan cannot run as planned, as the planner knows it (parallelism larger than
  /// the GPUs, an engine that cannot do what the recipe asks). ``problems()`` adds what the
  /// plan's own shape shows. Empty for a plan that can run.
  public var errors: [String]

  /// A plan with the given parts.
  public init(
    recipe: RecipeReference, target: LaunchTarget, engine: String, nodes: NodeSet,
    model: ModelReference, processes: [LaunchProcess], benchmark: BenchmarkStep? = nil,
    scheduling: SchedulingOptions = SchedulingOptions(), warnings: [String] = [],
    errors: [String] = []
  ) {
    self.recipe = recipe
    self.target = target
    self.engine = engine
    self.nodes = nodes
    self.model = model
    self.processes = processes
    self.benchmark = benchmark
    self.scheduling = scheduling
    self.warnings = warnings
    self.errors = errors
  }

  /// The serving processes that own nodes (prefill, decode, aggregated), grouped by role in
  /// placement order: the node groups a batch scheduler splits its node list into.
  public var nodeGroups: [NodeGroup] {
    var groups: [NodeGroup] = []
    for p in processes where p.role.isWorker {
      if let i = groups.firstIndex(where: { $0.role == p.role }) {
        let g = groups[i]
        let lo = min(g.firstNode, p.node)
        let hi = max(g.firstNode + g.nodeCount, p.node + p.nodeCount)
        groups[i] = NodeGroup(role: p.role, firstNode: lo, nodeCount: hi - lo)
      } else {
        groups.append(NodeGroup(role: p.role, firstNode: p.node, nodeCount: p.nodeCount))
      }
    }
    return groups
  }

  /// The number of nodes the plan needs: the node set's size, or at least what placements use.
  public var totalNodes: Int {
    let used = processes.map { $0.node + $0.nodeCount }.max() ?? 1
    return max(nodes.count, used)
  }
}
