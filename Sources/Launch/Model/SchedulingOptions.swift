/// Batch-scheduler settings for the `slurm` target (ignored elsewhere).
public struct SchedulingOptions: Sendable, Hashable, Codable {
  /// The job name; defaults to the recipe name.
  public var jobName: String?
  /// The time limit as SLURM spells it (`01:00:00`), if any.
  public var timeLimit: String?
  /// GPUs per node to request, if any.
  public var gpusPerNode: Int?
  /// Whether to ask for whole nodes.
  public var exclusive: Bool
  /// The partition (`--partition`), if any.
  public var partition: String?
  /// The account (`--account`), if any.
  public var account: String?
  /// Further `#SBATCH` directives (srt-slurm `sbatch_directives`), in order.
  public var directives: [SbatchDirective]

  /// Scheduling options with the given parts; every one is optional.
  public init(
    jobName: String? = nil, timeLimit: String? = nil, gpusPerNode: Int? = nil,
    exclusive: Bool = true, partition: String? = nil, account: String? = nil,
    directives: [SbatchDirective] = []
  ) {
    self.jobName = jobName
    self.timeLimit = timeLimit
    self.gpusPerNode = gpusPerNode
    self.exclusive = exclusive
    self.partition = partition
    self.account = account
    self.directives = directives
  }
}
