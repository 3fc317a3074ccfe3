import Schema

/// GPUs a role's parallelism needs against the GPUs its placement gives it:
/// `parallelism-exceeds-gpus` (TP × PP × DP × workers more than nodes × GPUs per node, or more
/// than `gpus_per_worker`), `parallelism-underuses-gpus` (whole nodes left idle) and
/// `workers-vs-nodes` (workers that cannot be laid out on the role's nodes).
///
/// GPUs per worker = TP × PP × DP, except SGLang with DP attention (`--enable-dp-attention`,
/// DP inside TP) and TensorRT-LLM, where it is TP × PP.
public struct ParallelismRule: LintRule {
  /// The rule.
  public init() {}
  /// The diagnostic codes this rule reports.
  public var codes: [String] {
    ["parallelism-exceeds-gpus", "parallelism-underuses-gpus", "workers-vs-nodes"]
  }

  /// GPUs one worker of `role` uses, with a description of the product.
  static func gpusPerWorker(_ context: LintContext, role: RecipeV2.Role) -> (Int, String) {
    // llama-server has no parallel sizes: it splits the model over every GPU it is given.
    if context.engine == .llamaCpp, let p = context.recipe.topology.roles[role] {
      let spread = (context.recipe.resources?.gpusPerNode).map { p.nodes * $0 / max(1, p.workers) }
      let n = max(1, p.gpusPerWorker ?? spread ?? 1)
      return (n, "llama.cpp's split over \(n) GPU(s)")
    }
    let tp = context.namedValue(.tensorParallelSize, role: role) ?? 1
    let pp = context.namedValue(.pipelineParallelSize, role: role) ?? 1
    let dp = context.namedValue(.dataParallelSize, role: role) ?? 1
    let dpInsideTP =
      context.engine == .trtllm
      || (context.engine == .sglang && context.isOn("enable-dp-attention", role: role))
    if dpInsideTP || dp == 1 {
      return (tp * pp, "TP \(tp) × PP \(pp)" + (dp > 1 ? " (DP \(dp) inside TP)" : ""))
    }
    return (tp * pp * dp, "TP \(tp) × PP \(pp) × DP \(dp)")
  }

  /// Reports this rule's findings about the recipe in `context`.
  public func check(_ context: LintContext) {
    let recipe = context.recipe
    let gpn = recipe.resources?.gpusPerNode
    var totalNeeded = 0
    for role in recipe.topology.roleNames {
      guard let placement = recipe.topology.roles[role] else { continue }
      let (need, product) = Self.gpusPerWorker(context, role: role)
      totalNeeded += need * placement.workers
      let at = KeyPath([.key("topology"), .key(role.rawValue)])
      if let given = placement.gpusPerWorker, given != need {
        context.report(
          need > given ? .error : .warning,
          code: need > given ? "parallelism-exceeds-gpus" : "parallelism-underuses-gpus",
          "\(role.rawValue): \(product) = \(need) GPUs per worker, but gpus_per_worker is \(given)",
          at: at / "gpus_per_worker",
          hint: "make gpus_per_worker \(need), or change the parallel sizes to multiply to \(given)"
        )
      }
      guard let gpn, placement.nodes > 0 else { continue }
      let capacity = placement.nodes * gpn
      let used = need * placement.workers
      if used > capacity {
        context.report(
          .error, code: "parallelism-exceeds-gpus",
          "\(role.rawValue): \(placement.workers) worker(s) × \(product) = \(used) GPUs, but \(placement.nodes) node(s) × \(gpn) GPUs = \(capacity)",
          at: at,
          hint:
            "give the role \((used + gpn - 1) / gpn) node(s), fewer workers, or smaller parallel sizes"
        )
        continue
      }
      if used <= capacity - gpn {
        context.report(
          .warning, code: "parallelism-underuses-gpus",
          "\(role.rawValue): \(placement.workers) worker(s) × \(product) = \(used) GPUs leave whole nodes of the \(placement.nodes) × \(gpn) idle",
          at: at, hint: "use \((used + gpn - 1) / gpn) node(s), or more workers")
      }
      if need > gpn, need % gpn != 0 {
        context.report(
          .warning, code: "workers-vs-nodes",
          "\(role.rawValue): a worker of \(need) GPUs does not fill whole \(gpn)-GPU nodes",
          at: at, hint: "make \(product) a multiple of \(gpn)")
      } else if need <= gpn, placement.workers > 0, placement.workers < placement.nodes {
        context.report(
          .warning, code: "workers-vs-nodes",
          "\(role.rawValue): \(placement.workers) worker(s) of \(need) GPUs on \(placement.nodes) nodes; a worker fits in one node",
          at: at, hint: "use \(placement.workers) node(s), or \(placement.nodes) workers")
      }
    }
    if let gpn, recipe.topology.roles.values.contains(where: { $0.nodes == 0 }),
      totalNeeded > recipe.totalNodes * gpn
    {
      context.report(
        .error, code: "parallelism-exceeds-gpus",
        "the roles need \(totalNeeded) GPUs together but share \(recipe.totalNodes) node(s) × \(gpn) GPUs",
        at: "topology", hint: "add nodes or shrink the parallel sizes")
    }
  }
}
