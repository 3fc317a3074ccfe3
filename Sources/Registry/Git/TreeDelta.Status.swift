extension TreeDelta {
  /// How a path differs between two trees.
  public enum Status: Sendable, Hashable {
    case added, deleted, modified, renamed, copied, typeChanged, other
  }
}
