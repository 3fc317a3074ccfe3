/// The index of a registry at one commit.
public struct RegistryIndex: Sendable {
  /// The commit indexed.
  public var commit: ObjectID
  /// The commit's root tree.
  public var tree: ObjectID
  /// The index of the recipes.
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
