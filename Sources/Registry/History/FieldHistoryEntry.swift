/// One change of a field's value in a recipe's history: old → new, in which commit.
public struct FieldHistoryEntry: Sendable, Hashable {
  /// The recipe's name (from the newer version, else the older).
  public var name: String
  /// The file the change happened in.
  public var path: String
  /// The value before the commit (nil: absent, e.g. the recipe was added).
  public var old: String?
  /// The value after the commit (nil: absent, e.g. the recipe was deleted).
  public var new: String?
  /// The commit that made the change.
  public var commit: Commit
}
