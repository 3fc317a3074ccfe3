/// How the workers of a recipe are laid out.
public enum V1Topology: String, Sendable, Hashable, Codable {
  /// One kind of worker serves prefill and decode.
  case aggregated
  /// Separate prefill and decode workers.
  case disaggregated
}
