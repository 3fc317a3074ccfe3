/// A worker role of a v1 recipe.
public enum V1Role: String, Sendable, Hashable, Codable, CaseIterable {
  case prefill
  case decode
  case aggregated

  /// Hashes the case, not its raw string (roles key dictionaries in hot loops).
  public func hash(into hasher: inout Hasher) {
    switch self {
    case .prefill: hasher.combine(0)
    case .decode: hasher.combine(1)
    case .aggregated: hasher.combine(2)
    }
  }
}
