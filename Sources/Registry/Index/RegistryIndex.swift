/// The index of a registry at one commit.
public struct RegistryIndex: Sendable {
  public var commit: ObjectID
  public var tree: ObjectID
  public var config: RegistryConfig
  public var snapshot: IndexSnapshot
  /// How the index was obtained.
  public var build: IndexBuild
}

/// How an index was obtained: from the cache, updated from another cached tree (re-reading
/// only changed recipes), or built by reading every recipe.
public enum IndexBuild: Sendable, Hashable {
  case cached
  case incremental(base: ObjectID, reread: Int)
  case cold(read: Int)
}
