extension RecipeV2 {
  /// Hardware: `resources: {gpu_type, gpus_per_node}`.
  public struct Resources: Sendable, Hashable {
    /// `gb200`, `h200`, `gb10` (DGX Spark), ... lower case by convention.
    public var gpuType: String?
    /// The GPUs of one node.
    public var gpusPerNode: Int?

    /// Resources with an optional GPU type and GPUs per node.
    public init(gpuType: String? = nil, gpusPerNode: Int? = nil) {
      self.gpuType = gpuType
      self.gpusPerNode = gpusPerNode
    }
  }
}
