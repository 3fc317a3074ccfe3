/// A worker role of a v1 recipe.
public enum V1Role: String, Sendable, Hashable, Codable, CaseIterable {
  case prefill
  case decode
  case aggregated
}
