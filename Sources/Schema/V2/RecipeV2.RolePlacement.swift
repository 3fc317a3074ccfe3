extension RecipeV2 {
  /// Where one role runs: `{nodes, workers, gpus_per_worker}`.
  public struct RolePlacement: Sendable, Hashable {
    /// Nodes given to this role (0 for a disaggregated role that shares the other's nodes).
    public var nodes: Int
    /// Engine instances (servers) of this role.
    public var workers: Int
    /// GPUs per instance, where the source says so.
    public var gpusPerWorker: Int?

    /// A placement on `nodes` with `workers`, optionally with GPUs per worker.
    public init(nodes: Int, workers: Int, gpusPerWorker: Int? = nil) {
      self.nodes = nodes
      self.workers = workers
      self.gpusPerWorker = gpusPerWorker
    }
  }
}
