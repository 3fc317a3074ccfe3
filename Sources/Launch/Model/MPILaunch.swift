/// A process started as MPI ranks by the scheduler, as srtctl starts TensorRT-LLM workers: one
/// `srun` over the process's nodes with a task per GPU (`--mpi=pmix`, `--oversubscribe`),
/// each task running the same command under `trtllm-llmapi-launch`.
public struct MPILaunch: Sendable, Hashable, Codable {
  /// MPI tasks on each node (the GPUs per node the process uses).
  public var tasksPerNode: Int
  /// The process management interface `srun --mpi` uses.
  public var interface: String

  /// `tasksPerNode` ranks per node through `interface`.
  public init(tasksPerNode: Int, interface: String = "pmix") {
    self.tasksPerNode = tasksPerNode
    self.interface = interface
  }
}
