/// Which of the two v1 layouts a recipe was written in.
public enum V1Layout: String, Sendable, Hashable, Codable {
  /// The proposal of seed 000: `sglang_version`, top-level `environment{prefill,decode}` and
  /// `sglang_config{prefill,decode}`, `resources.nodes/workers` for aggregated.
  case seed
  /// The srt-slurm (`srtctl`) layout: `version: v1` (optional), `model.container`,
  /// `backend.{role}_environment`, `backend.<engine>_config{role}`, `agg_nodes/agg_workers`.
  case srtSlurm = "srt-slurm"
}
