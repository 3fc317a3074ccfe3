/// One `#SBATCH --NAME[=VALUE]` line (srt-slurm `sbatch_directives`).
public struct SbatchDirective: Sendable, Hashable, Codable {
  /// The option name without dashes (`cpus-per-task`).
  public var name: String
  /// The value, or nil for a flag (`#SBATCH --NAME`).
  public var value: String?

  /// `#SBATCH --name=value`, or `#SBATCH --name` when `value` is nil or empty.
  public init(name: String, value: String?) {
    self.name = name
    self.value = value.flatMap { $0.isEmpty ? nil : $0 }
  }
}
