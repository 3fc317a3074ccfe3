/// How a recipe places its engine processes.
public enum Topology: String, Sendable, Hashable, Codable, CaseIterable {
  /// One kind of worker serves prefill and decode.
  case aggregated = "agg"
  /// Separate prefill and decode workers.
  case disaggregated = "disagg"
}
