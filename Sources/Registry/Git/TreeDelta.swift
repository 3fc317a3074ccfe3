/// One file-level difference between two trees.
public struct TreeDelta: Sendable, Hashable {
  /// The kind of difference.
  public let status: Status
  /// The path in the old tree (equals `newPath` unless renamed or copied).
  public let oldPath: String
  /// The path in the new tree.
  public let newPath: String
  /// The blob id in the old tree; nil for additions.
  public let oldID: ObjectID?
  /// The blob id in the new tree; nil for deletions.
  public let newID: ObjectID?

  public init(
    status: Status, oldPath: String, newPath: String, oldID: ObjectID?, newID: ObjectID?
  ) {
    self.status = status
    self.oldPath = oldPath
    self.newPath = newPath
    self.oldID = oldID
    self.newID = newID
  }
}
