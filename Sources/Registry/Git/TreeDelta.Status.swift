extension TreeDelta {
  /// How a path differs between two trees.
  package enum Status: Sendable, Hashable {
    case added, deleted, modified, renamed, copied, typeChanged, other
  }
}
