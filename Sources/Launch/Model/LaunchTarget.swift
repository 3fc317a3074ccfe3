/// The kind of output a plan is rendered to.
public enum LaunchTarget: String, Sendable, Hashable, Codable, CaseIterable {
  /// A bash script for one node, or ssh fan-out to a list of hosts.
  case shell
  /// A docker compose file.
  case compose
  /// One portable sbatch script.
  case slurm
  /// A Dynamo `DynamoGraphDeployment` (Kubernetes).
  case k8s
  /// The engine's own `--config` YAML for one process.
  case engineConfig = "engine-config"
}
