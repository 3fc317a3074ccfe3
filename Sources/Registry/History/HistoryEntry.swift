/// One commit that changed a recipe file.
public struct HistoryEntry: Sendable, Hashable {
  /// The commit.
  public var commit: Commit
  /// The recipe's path in that commit (it changes across renames).
  public var path: String
  /// The blob at `path` in that commit; nil when the commit deleted it.
  public var blobID: ObjectID?
  /// The path before this commit, when this commit renamed the file.
  public var renamedFrom: String?
}
